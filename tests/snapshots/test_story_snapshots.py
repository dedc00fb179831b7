"""Snapshots of the story screens at 80×24 and 40×12, on the story pack beside this file (an invented
article).

The scenario picker (one ending found), a scene with a closed choice, the feedback after a choice
(its changes and quote), and an ending with the endings found and the choices that cost points. At
40×12 each screen still shows its essential text (the scene's text beside its choices, scrollable).
(The title screen and its Story entry are in the quiz snapshots' and the Pilot tests' hands.)
Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.story.run import StoryRun
from game.ui.app import QuoteboundApp, make_app
from tests.story_helpers import choose_labelled, key_for

PACK = Path(__file__).resolve().parent / "story"
SIZE = (80, 24)
SMALL = (40, 12)
SCENARIO = "harbour-report"

COUNCIL = "Ask the council for the figures"
BOATS = "Talk to the fishermen by the boats"
MAYOR_AS_FACT = "As fact: the wall will keep 2,000 homes dry"
GOOD = [COUNCIL, "As the mayor's words, in quotation marks", BOATS, "As Brady's claim, to the Kelmarsh Post"]
GOOD += ["Write it up now", "Every voice kept with its owner"]
"""The good ending: each voice kept with its owner."""
BAD = [COUNCIL, MAYOR_AS_FACT, BOATS, "As fact: the gates block the boats"]
BAD += ["Write it up now", "Claims printed as facts"]
"""The bad ending, by two slips."""


@pytest.fixture(autouse=True)
def _as_a_guest(monkeypatch: pytest.MonkeyPatch) -> None:
    # Play as a guest without the player screen at start (progress features ask who is playing).
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False, raising=False)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def played(pack: Pack, scenario: str, choices: list[str]) -> StoryRun:
    """A run of ``scenario`` with the choices labelled ``choices`` made by the engine."""
    run = StoryRun(pack, scenario)
    for label in choices:
        choose_labelled(run, label)
    return run


def showing(run: StoryRun, *, found: list[StoryRun] = ()):  # type: ignore[no-untyped-def, assignment]
    """Show ``run``, after recording the endings of the finished runs ``found``."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuoteboundApp)
        for done in found:
            app.story_ended(done)
        app.show_story(run)
        await pilot.pause()

    return run_before


async def _picker(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, QuoteboundApp)
    app.story_ended(played(app.pack, SCENARIO, BAD))
    await pilot.press("2")  # 2: Story
    await pilot.pause()


def test_story_picker(snap_compare, pack: Pack) -> None:
    assert snap_compare(make_app(packs=[pack]), terminal_size=SIZE, run_before=_picker)


def test_story_picker_40x12(snap_compare, pack: Pack) -> None:
    """The list and, below it, the highlighted scenario's role."""
    assert snap_compare(make_app(packs=[pack]), terminal_size=SMALL, run_before=_picker)


def test_story_scene_with_a_closed_choice(snap_compare, pack: Pack) -> None:
    assert snap_compare(
        make_app(packs=[pack]), terminal_size=SIZE, run_before=showing(StoryRun(pack, SCENARIO))
    )


def test_story_scene_40x12(snap_compare, pack: Pack) -> None:
    """Issue 12: at 40×12 the scene showed only its choices; its text now keeps rows of its own."""
    assert snap_compare(
        make_app(packs=[pack]), terminal_size=SMALL, run_before=showing(StoryRun(pack, SCENARIO))
    )


def test_story_feedback(snap_compare, pack: Pack) -> None:
    run = played(pack, SCENARIO, [COUNCIL])
    press = [key_for(run, MAYOR_AS_FACT)]
    assert snap_compare(make_app(packs=[pack]), press=press, terminal_size=SIZE, run_before=showing(run))


def test_story_feedback_40x12(snap_compare, pack: Pack) -> None:
    run = played(pack, SCENARIO, [COUNCIL])
    press = [key_for(run, MAYOR_AS_FACT)]
    assert snap_compare(make_app(packs=[pack]), press=press, terminal_size=SMALL, run_before=showing(run))


def test_story_ending(snap_compare, pack: Pack) -> None:
    run = played(pack, SCENARIO, GOOD)
    bad = played(pack, SCENARIO, BAD)
    assert snap_compare(make_app(packs=[pack]), terminal_size=SIZE, run_before=showing(run, found=[bad]))


def test_story_ending_with_costly_choices(snap_compare, pack: Pack) -> None:
    """Issue 12: the debrief lists the choices this run made that cost points, each with its quote."""
    run = played(pack, SCENARIO, BAD)
    assert snap_compare(make_app(packs=[pack]), terminal_size=SIZE, run_before=showing(run))


def test_story_ending_40x12(snap_compare, pack: Pack) -> None:
    run = played(pack, SCENARIO, GOOD)
    assert snap_compare(make_app(packs=[pack]), terminal_size=SMALL, run_before=showing(run))
