"""StoryRun, the story runtime: choices open and closed, effects, visits, endings, score, save and restore."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.story.run import StoryRun, find_scenario
from tests.story_helpers import choose_labelled, shown

FLOOD = """\
kind: scenario
id: flood
title: The flood
role: You are a reporter by the river.
intro: The river is rising; find out by how much.
variables:
  facts: {start: 0, label: Facts}
  called: {start: false, label: Called the office}
  trust: {type: int, start: 1, min: 0, max: 3, label: Trust}
  secret: {type: bool, start: false, show: false, label: Secret}
start: bank
scenes:
  - id: bank
    title: The river bank
    text: You stand at the bank.
    quotes: ["The river rose by three metres"]
    choices:
      - label: Call the mayor
        if: not called
        closed: You have already called.
        effects: {set: {called: true}, add: {facts: 1, trust: 5}}
        target: bank
        points: 5
        feedback: The mayor gave the figure.
        quotes: ["the mayor said"]
        context: Mayors often speak first.
      - label: Check the officials' claim
        if: facts >= 1 and visits("bank") >= 2
        target: office
      - label: Go home
        target: gave-up
        effects: {add: {trust: -5}}
        feedback: Officials only claimed the homes were safe.
        quotes: ["Officials claimed"]
  - id: office
    text: The officials' office.
    choices:
      - label: Quote Ana Ruiz
        target: filed
        points: 10
        effects: {set: {secret: true}}
        feedback: She said it.
        quotes: ["“We are ready,” said Ana Ruiz."]
      - label: Go back to the bank
        if: not secret
        target: bank
endings:
  - id: filed
    title: Filed
    kind: good
    points: 20
    debrief: You attributed every claim.
    quotes: ["The river rose by three metres on Monday"]
  - id: gave-up
    title: Gave up
    kind: bad
    debrief: The story was not written.
    quotes: ["Officials claimed that 1,000 homes were safe."]
"""


# The tiny article of tests/conftest.py, written here so these tests stand on their own.
ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""
PACK = "id: tiny\ntitle: Tiny\ndescription: Tests.\narticle: article.txt\nboilerplate_starts: Source link\n"


def write_tiny_pack(folder: Path, files: dict[str, str]) -> Path:
    """A pack on the tiny article holding ``files`` (dedented)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    return load_pack(write_tiny_pack(tmp_path / "tiny", {"story.yaml": FLOOD}))


def roundtrip(run: StoryRun) -> StoryRun:
    """Save as JSON text and restore, as the game does between sessions."""
    restored = StoryRun.from_json(run.pack, json.loads(json.dumps(run.to_json())))
    assert restored.to_json() == run.to_json()
    return restored


def test_the_scenario_loads_into_the_pack(pack: Pack) -> None:
    scenario = find_scenario(pack, "flood")
    assert pack.scenarios == [scenario]
    assert list(scenario.scenes) == ["bank", "office"]
    assert list(scenario.endings) == ["filed", "gave-up"]
    assert scenario.variables["trust"].label == "Trust"
    assert pack.sources["flood"][1] == 2
    # Visits to the bank are counted, and the loop bank → office → bank never ends; the walk stays
    # finite because counts above the largest number a condition compares with are all alike.
    assert pack.warnings == []
    with pytest.raises(KeyError):
        find_scenario(pack, "nope")


def test_a_new_run_starts_at_the_start(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    assert run.scene_id == "bank" and run.scene is not None and run.scene.title == "The river bank"
    assert not run.finished and run.ending is None
    assert run.text == "You stand at the bank."
    assert [q.text for q in run.quotes()] == ["The river rose by three metres"]
    assert run.variables == {"facts": 0, "called": False, "trust": 1, "secret": False}
    assert run.visits == {"bank": 1}
    assert run.path == [] and run.score == 0


def test_status_shows_visible_variables_with_labels(pack: Pack) -> None:
    rows = [(row.name, row.label, row.text) for row in StoryRun(pack, "flood").status()]
    assert rows == [("facts", "Facts", "0"), ("called", "Called the office", "no"), ("trust", "Trust", "1")]


def test_closed_choices_carry_their_reason(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    views = run.choices()
    assert [v.index for v in views] == [0, 1, 2]  # positions as shown
    assert {v.label: v.open for v in views} == {
        "Call the mayor": True,
        "Check the officials' claim": False,
        "Go home": True,
    }
    assert (
        shown(run, "Check the officials' claim").reason
        == "needs Facts ≥ 1 and visits to The river bank ≥ 2 (Facts is 0, visits to The river bank are 1)"
    )
    mayor = shown(run, "Call the mayor")
    assert mayor.reason is None and not mayor.taken
    assert {v.label for v in run.open_choices()} == {"Call the mayor", "Go home"}


def test_choose_applies_effects_in_bounds_and_counts_visits(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    outcome = choose_labelled(run, "Call the mayor")
    # set first, then add; trust stops at its max of 3.
    assert run.variables == {"facts": 1, "called": True, "trust": 3, "secret": False}
    assert [(c.name, c.label, c.before, c.after) for c in outcome.changes] == [
        ("facts", "Facts", 0, 1),
        ("called", "Called the office", False, True),
        ("trust", "Trust", 1, 3),
    ]
    assert outcome.feedback == "The mayor gave the figure."
    assert [q.text for q in outcome.quotes] == ["the mayor said"]
    assert outcome.quotes[0].paragraph == 2
    assert outcome.context == "Mayors often speak first."
    assert outcome.points == 5 and outcome.target == "bank" and outcome.ending is None
    assert run.visits == {"bank": 2} and run.score == 5
    mayor = shown(run, "Call the mayor")
    assert mayor.reason == "You have already called." and mayor.taken
    assert shown(run, "Check the officials' claim").open


def test_closed_or_unknown_choices_are_refused(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    with pytest.raises(ValueError, match="closed: needs Facts"):
        run.choose(shown(run, "Check the officials' claim").index)
    for bad in (3, -1, True, "0"):
        with pytest.raises(ValueError, match="from 1 to 3"):
            run.choose(bad)  # type: ignore[arg-type]
    assert run.path == [] and run.variables["facts"] == 0


def test_an_ending_finishes_the_run_with_its_points(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    choose_labelled(run, "Call the mayor")
    choose_labelled(run, "Check the officials' claim")
    assert run.scene_id == "office" and run.visits == {"bank": 2, "office": 1}
    outcome = choose_labelled(run, "Quote Ana Ruiz")
    assert outcome.ending is not None and outcome.ending.id == "filed"
    assert outcome.points == 30  # the choice's 10 and the ending's 20
    assert run.finished and run.scene is None and run.ending is outcome.ending
    assert run.text == "You attributed every claim."
    assert [q.text for q in run.quotes()] == ["The river rose by three metres on Monday"]
    assert run.choices() == [] and run.score == 35
    # The path names each choice by its place in the file, whatever order it was shown in.
    assert [(s.scene, s.choice, s.target) for s in run.path] == [
        ("bank", 0, "bank"),
        ("bank", 1, "office"),
        ("office", 0, "filed"),
    ]
    with pytest.raises(RuntimeError):
        run.choose(0)


def test_min_bound_holds(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    outcome = choose_labelled(run, "Go home")
    assert run.variables["trust"] == 0 and outcome.changes[0].after == 0
    assert run.finished and run.ending is not None and run.ending.kind == "bad"


def test_save_and_restore_at_every_step(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    roundtrip(run)
    check, back = "Check the officials' claim", "Go back to the bank"
    for label in ("Call the mayor", check, back, check, "Quote Ana Ruiz"):  # bank → bank → office → …
        choose_labelled(run, label)
        restored = roundtrip(run)
        assert restored.scene_id == run.scene_id and restored.variables == run.variables
        assert restored.visits == run.visits and restored.path == run.path and restored.score == run.score
        assert [v.reason for v in restored.choices()] == [v.reason for v in run.choices()]
    assert run.finished and roundtrip(run).finished


def test_restore_then_continue_matches_an_unbroken_run(pack: Pack) -> None:
    straight = StoryRun(pack, "flood")
    resumed = StoryRun(pack, "flood")
    for label in ("Call the mayor", "Check the officials' claim"):
        choose_labelled(straight, label)
        resumed = roundtrip(resumed)
        choose_labelled(resumed, label)
    assert resumed.outcome_of(resumed.path[-1]) == straight.outcome_of(straight.path[-1])
    assert choose_labelled(resumed, "Quote Ana Ruiz") == choose_labelled(straight, "Quote Ana Ruiz")
    assert resumed.to_json() == straight.to_json()


def test_outcome_of_shows_a_past_choice_again(pack: Pack) -> None:
    run = StoryRun(pack, "flood")
    first = choose_labelled(run, "Call the mayor")
    choose_labelled(run, "Check the officials' claim")
    assert roundtrip(run).outcome_of(run.path[0]) == first


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(version=99), "not a saved story run"),
        (lambda s: s.update(kind="quiz"), "not a saved story run"),
        (lambda s: s.update(pack="other"), "belongs to pack 'other'"),
        (lambda s: s.update(scenario="gone"), "no longer has scenario 'gone'"),
        (lambda s: s.update(scene="gone"), "no scene 'gone'"),
        (lambda s: s["variables"].pop("facts"), "variables differ"),
        (lambda s: s["variables"].update(called=1), "variable 'called' has the wrong type"),
        (lambda s: s["variables"].update(facts=True), "variable 'facts' has the wrong type"),
        (lambda s: s["visits"].update(gone=1), "no scene 'gone'"),
        (lambda s: s["path"][0].update(choice=7), "has no choice 7"),
        (lambda s: s["path"][0].update(target="office"), "leads elsewhere now"),
        (lambda s: s.update(score="lots"), "score is not a number"),
        (lambda s: s.pop("visits"), "damaged"),
        (lambda s: s["path"].append({"scene": "bank"}), "damaged"),
    ],
)
def test_restore_refuses_states_that_do_not_fit(
    pack: Pack, change: Callable[[dict], object], message: str
) -> None:
    run = StoryRun(pack, "flood")
    choose_labelled(run, "Call the mayor")
    state = json.loads(json.dumps(run.to_json()))
    change(state)
    with pytest.raises(ValueError, match=message):
        StoryRun.from_json(pack, state)


def test_restore_refuses_what_is_not_a_mapping(pack: Pack) -> None:
    with pytest.raises(ValueError):
        StoryRun.from_json(pack, [])  # type: ignore[arg-type]
