"""Snapshots of every screen at 80×24, on the small pack beside this file (one question of each type).

The pack and the seed are fixed, so new content elsewhere never changes these pictures. Regenerate
with ``pytest tests/snapshots --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun, Response
from game.ui.app import QuoteboundApp, make_app
from game.ui.themes import HIGH_CONTRAST_THEME

PACK = Path(__file__).resolve().parent / "pack"
SEED = 3
SIZE = (80, 24)
KINDS = ["single", "true_false", "multi", "short", "order", "attribution", "claim_fact"]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def new_app(pack: Pack) -> QuoteboundApp:
    return make_app(packs=[pack], seed=SEED)


def some_response(run: QuizRun) -> Response:
    """A fixed answer to the question on show (right or wrong, whatever it is)."""
    shown = run.current
    assert shown is not None
    return {"multi": [0], "order": list(range(len(shown.choices))), "short": "600"}.get(shown.kind, 0)


def round_at(pack: Pack, kind: str) -> QuizRun:
    """The seeded round, answered by the engine up to its question of type ``kind``."""
    run = QuizRun(pack, seed=SEED)
    while run.current is not None and run.current.kind != kind:
        run.answer(some_response(run))
    assert run.current is not None
    return run


def showing(run: QuizRun):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuoteboundApp)
        app.show_round(run)
        await pilot.pause()

    return run_before


def test_title(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), terminal_size=SIZE)


# Keys pressed on each question before the picture: a tick, a half-built order, typed text.
QUESTION_KEYS = {"multi": ["3"], "order": ["2", "4"], "short": ["6", "0", "0"]}


@pytest.mark.parametrize("kind", KINDS)
def test_question(snap_compare, pack: Pack, kind: str) -> None:
    assert snap_compare(
        new_app(pack),
        press=QUESTION_KEYS.get(kind, []),
        terminal_size=SIZE,
        run_before=showing(round_at(pack, kind)),
    )


def answering(run: QuizRun, choice: str, then: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Show ``run`` and pick the choice whose text is ``choice`` by its number key."""

    async def run_before(pilot: Pilot[None]) -> None:
        await showing(run)(pilot)
        shown = run.current
        assert shown is not None
        await pilot.press(str(shown.choices.index(choice) + 1), *then)
        await pilot.pause()

    return run_before


def test_feedback_right(snap_compare, pack: Pack) -> None:
    run = round_at(pack, "attribution")
    before = answering(run, "Tom Brady, a fisherman, to the Kelmarsh Post")
    assert snap_compare(new_app(pack), terminal_size=SIZE, run_before=before)


def test_feedback_wrong_with_option_feedback(snap_compare, pack: Pack) -> None:
    before = answering(round_at(pack, "single"), "£600 million")
    assert snap_compare(new_app(pack), terminal_size=SIZE, run_before=before)


def test_feedback_with_context_in_high_contrast(snap_compare, pack: Pack) -> None:
    async def before(pilot: Pilot[None]) -> None:
        pilot.app.theme = HIGH_CONTRAST_THEME
        await answering(round_at(pack, "claim_fact"), "Reported as fact by the article")(pilot)

    assert snap_compare(new_app(pack), terminal_size=SIZE, run_before=before)


def test_summary(snap_compare, pack: Pack) -> None:
    run = QuizRun(pack, seed=SEED)
    while run.current is not None:
        run.answer(some_response(run))
    assert snap_compare(new_app(pack), terminal_size=SIZE, run_before=showing(run))


def test_reader_at_a_quote(snap_compare, pack: Pack) -> None:
    before = answering(round_at(pack, "attribution"), "Mayor Rita Okafor", then=("s",))
    assert snap_compare(new_app(pack), terminal_size=SIZE, run_before=before)


def test_reader_from_the_menu(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), press=["6"], terminal_size=SIZE)


def test_reader_footer(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), press=["6", "end"], terminal_size=SIZE)


def test_help(snap_compare, pack: Pack) -> None:
    assert snap_compare(new_app(pack), press=["f1"], terminal_size=SIZE)
