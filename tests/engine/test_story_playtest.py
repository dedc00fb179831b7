"""The playtest walk: shortest paths, stuck states, traps, the state bound, and random games."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.engine.content.loader import PackBuilder
from game.engine.content.pack import Pack
from game.engine.content.yamlsafe import parse_yaml
from game.engine.packs import load_pack
from game.engine.story.explore import explore, graph_reachable, random_playthroughs
from game.engine.story.file import read_scenario
from game.engine.story.model import Scenario

ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""
PACK = "id: tiny\ntitle: Tiny\ndescription: Tests.\narticle: article.txt\nboilerplate_starts: Source link\n"
QUIZ = """\
kind: quiz
questions:
  - id: river
    type: true_false
    topic: facts
    prompt: The river rose.
    answer: true
    explanation: It did.
    quotes: ["The river rose"]
"""

STUCK = """\
kind: scenario
id: stuck
title: Stuck
role: A tester.
intro: Loads only without the lint, which would refuse it.
variables:
  fuel: {start: 1, label: Fuel}
start: yard
scenes:
  - id: yard
    text: The yard.
    choices:
      - {label: Drive, if: fuel >= 1, effects: {add: {fuel: -1}}, target: road}
      - {label: Walk, target: shed}
      - {label: Circle, target: loop}
  - id: shed
    text: The shed.
    choices:
      - {label: Road, target: road}
  - id: road
    text: The road.
    choices:
      - {label: Home, if: fuel >= 1, target: home}
  - id: loop
    text: A loop with no way out.
    choices:
      - {label: Again, target: loop}
endings:
  - {id: home, title: Home, kind: good, debrief: Home., quotes: ["The river rose"]}
  - {id: never, title: Never, kind: bad, debrief: Never., quotes: ["The river rose"]}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    return load_pack(folder)


def unlinted(pack: Pack, text: str) -> Scenario:
    """A scenario read without the lint (which would refuse a story a player can get stuck in)."""
    builder = PackBuilder(pack)
    scenario = read_scenario(builder, parse_yaml(textwrap.dedent(text).encode(), "story.yaml"))
    assert scenario is not None and builder.errors == []
    return scenario


def test_stuck_states_and_traps_with_shortest_paths(pack: Pack) -> None:
    walk = explore(unlinted(pack, STUCK))
    assert walk.complete
    assert walk.endings == {"home": [("yard", 1), ("shed", 0), ("road", 0)]}
    stuck = {(s.scene, s.trap): (s.variables, s.path) for s in walk.stuck}
    assert stuck == {
        ("road", False): ({"fuel": 0}, [("yard", 0)]),
        ("loop", True): ({"fuel": 1}, [("yard", 2)]),
    }
    assert walk.open_scenes == {"yard", "shed", "road", "loop"} and walk.stuck_scenes == {"road"}


def test_random_games_find_stuck_states_too(pack: Pack) -> None:
    report = random_playthroughs(pack, unlinted(pack, STUCK), runs=40, seed=1, max_steps=50)
    assert [s.scene for s in report.stuck] == ["road"]
    assert report.unfinished > 0  # the loop never ends
    assert set(report.ending_counts) == {"home"}


COUNTER = """\
kind: scenario
id: counter
title: Counter
role: A tester.
intro: Laps without a top.
variables:
  laps: {start: 0, label: Laps}
start: track
scenes:
  - id: track
    text: Round.
    choices:
      - {label: Lap, target: track, effects: {add: {laps: 1}}}
      - {label: Stop, if: laps >= 3, target: done}
      - {label: Rest, target: track, effects: {add: {laps: -1}}}
endings:
  - {id: done, title: Done, kind: good, debrief: Done., quotes: ["The river rose"]}
"""


REST = "      - {label: Rest, target: track, effects: {add: {laps: -1}}}\n"


def test_the_bound_stops_the_walk(pack: Pack) -> None:
    walk = explore(unlinted(pack, COUNTER), max_states=25)
    assert not walk.complete and walk.states == 25
    assert walk.endings == {"done": [("track", 0)] * 3 + [("track", 1)]}
    assert walk.stuck == []  # traps are only judged on a complete walk


def test_a_max_keeps_the_same_story_finite(pack: Pack) -> None:
    capped = COUNTER.replace("laps: {start: 0,", "laps: {type: int, start: 0, min: 0, max: 5,")
    walk = explore(unlinted(pack, capped))
    assert walk.complete and walk.states == 6


def test_a_counter_that_only_grows_saturates(pack: Pack) -> None:
    """Without Rest, laps only grows and is only compared with 3: values from 4 on are all alike."""
    story = COUNTER.replace(REST, "")
    scenario = unlinted(pack, story)
    assert scenario.counter_caps() == {"laps": 4}
    walk = explore(scenario)
    assert walk.complete and walk.states == 5 and walk.stuck == []
    # A set, or a negative add, can lower a counter: then it is not saturated.
    lowered = story.replace("{add: {laps: 1}}", "{set: {laps: 1}}")
    assert unlinted(pack, lowered).counter_caps() == {}


def test_visit_counts_saturate_at_what_conditions_can_tell_apart(pack: Pack) -> None:
    story = (
        COUNTER.replace("variables:\n  laps: 0\n", "")
        .replace(REST, "")
        .replace("{label: Lap, target: track, effects: {add: {laps: 1}}}", "{label: Lap, target: track}")
        .replace("if: laps >= 3", 'if: visits("track") >= 3')
    )
    walk = explore(unlinted(pack, story))
    # Visits 1, 2, 3 and "4 or more" (the cap) are the only states, however long the loop runs.
    assert walk.complete and walk.states == 4
    assert walk.endings == {"done": [("track", 0), ("track", 0), ("track", 1)]}


def test_graph_reachability_ignores_conditions(pack: Pack) -> None:
    assert graph_reachable(unlinted(pack, STUCK)) == {"yard", "road", "shed", "loop", "home"}
