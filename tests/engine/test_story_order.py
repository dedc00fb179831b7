"""The order a scene's choices are shown in: the game's own, the same for everyone, and never a way to
score without reading.

``StoryRun.choices()`` lists a scene's choices in ``shown_order`` (seeded by the scenario's and the
scene's ids); ``choose(position)`` takes the choice shown there. Saved paths, coverage and the authoring
reports name a choice by its place in the file (``ChoiceView.authored``). A scene with ``shuffle: false``
keeps the file's order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.story.explore import explore, random_playthroughs, replay
from game.engine.story.model import Choice, Scenario, Scene
from game.engine.story.run import StoryRun, shown_order
from tests.engine.test_story_run import write_tiny_pack

LABELS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]


def scenario_yaml(shuffle: bool | None) -> str:
    """Six choices in one scene, each worth its own points and setting ``last`` to its own number; the
    fourth closed until a visit back. ``shuffle`` is written into the scene unless None."""
    choices = []
    for i, label in enumerate(LABELS):
        condition = '\n        if: visits("pick") >= 2\n        closed: Come back first.' if i == 3 else ""
        target = "pick" if i == 5 else "done"
        choices.append(
            f"""      - label: {label}{condition}
        target: {target}
        points: {i + 1}
        effects: {{set: {{last: {i + 1}}}}}
        feedback: You chose {label}.
        quotes: ["The river rose by three metres"]"""
        )
    flag = "" if shuffle is None else f"\n    shuffle: {str(shuffle).lower()}"
    return f"""\
kind: scenario
id: six
title: Six ways
role: You are a reader.
intro: Pick one.
variables:
  last: {{type: int, start: 0, min: 0, max: 9, label: Last}}
start: pick
scenes:
  - id: pick
    text: Which one?{flag}
    choices:
{chr(10).join(choices)}
endings:
  - id: done
    title: Done
    kind: good
    debrief: You picked.
    quotes: ["the mayor said"]
"""


def six_pack(tmp_path: Path, shuffle: bool | None = None) -> Pack:
    return load_pack(write_tiny_pack(tmp_path / "six", {"story.yaml": scenario_yaml(shuffle)}))


def labels(run: StoryRun) -> list[str]:
    return [view.label for view in run.choices()]


def roundtrip(run: StoryRun) -> StoryRun:
    return StoryRun.from_json(run.pack, json.loads(json.dumps(run.to_json())))


def test_the_choices_are_shown_in_an_order_of_the_games_own(tmp_path: Path) -> None:
    run = StoryRun(six_pack(tmp_path), "six")
    views = run.choices()
    assert [view.index for view in views] == list(range(6))  # positions as shown, for keys 1-6
    assert sorted(view.authored for view in views) == list(range(6))
    assert [LABELS[view.authored] for view in views] == labels(run)
    assert labels(run) != LABELS  # 1 chance in 720 of the file's order: this seed is not it


def test_the_order_is_the_same_for_every_run_every_visit_and_after_a_resume(tmp_path: Path) -> None:
    pack = six_pack(tmp_path)
    first, second = StoryRun(pack, "six"), StoryRun(pack, "six")
    order = labels(first)
    assert labels(second) == order
    assert labels(roundtrip(first)) == order
    # Back in the same scene (Foxtrot loops): the same order again, before and after a resume.
    [foxtrot] = [view for view in first.choices() if view.label == "Foxtrot"]
    first.choose(foxtrot.index)
    assert first.scene_id == "pick" and first.visits["pick"] == 2
    assert labels(first) == order and labels(roundtrip(first)) == order
    # A new pack object loaded from the same files (another session, another player): the same.
    assert labels(StoryRun(six_pack(tmp_path / "again"), "six")) == order


def test_the_order_is_pinned() -> None:
    """Everyone sees the same numbers only if the order never changes with the machine or Python: a new
    Python whose ``random.shuffle`` deals differently fails here before a class sees other numbers."""
    scene = Scene(id="pick", text="t", choices=[Choice(label=label, target="x") for label in LABELS])
    assert shown_order("six", scene) == [5, 4, 0, 1, 2, 3]


def test_the_order_depends_on_the_scenario_and_scene_ids_only(tmp_path: Path) -> None:
    scenario = StoryRun(six_pack(tmp_path), "six").scenario
    scene = scenario.scenes["pick"]
    assert shown_order("six", scene) == shown_order(scenario.id, scene)
    renamed = Scene(id="other", text=scene.text, choices=scene.choices)
    orders = {tuple(shown_order("six", renamed)), tuple(shown_order("another", scene))}
    assert orders != {tuple(shown_order("six", scene))}  # other ids, another order (for these ids)


def test_shuffle_false_keeps_the_files_order(tmp_path: Path) -> None:
    run = StoryRun(six_pack(tmp_path, shuffle=False), "six")
    assert labels(run) == LABELS
    assert [(view.index, view.authored) for view in run.choices()] == [(i, i) for i in range(6)]
    assert shown_order("six", run.scenario.scenes["pick"]) == list(range(6))
    # And ``shuffle: true`` is the default, written or not.
    assert labels(StoryRun(six_pack(tmp_path / "t", shuffle=True), "six")) == labels(
        StoryRun(six_pack(tmp_path / "n"), "six")
    )


def test_a_scene_of_one_choice_or_none_is_left_alone() -> None:
    assert shown_order("any", Scene(id="x", text="t")) == []
    assert shown_order("any", Scene(id="x", text="t", choices=[Choice(label="Go", target="y")])) == [0]


@pytest.mark.parametrize("position", range(6))
def test_a_choice_taken_by_its_shown_position_is_the_file_choice_shown_there(
    tmp_path: Path, position: int
) -> None:
    run = StoryRun(six_pack(tmp_path), "six")
    if position in {v.index for v in run.choices() if not v.open}:
        [foxtrot] = [v for v in run.choices() if v.label == "Foxtrot"]
        run.choose(foxtrot.index)  # come back, so the closed one opens
    view = run.choices()[position]
    assert view.open
    score = run.score
    authored = run.scenario.scenes["pick"].choices[view.authored]
    outcome = run.choose(position)
    assert outcome.label == view.label == authored.label
    assert outcome.choice_index == view.authored  # the file position, as saved
    assert outcome.feedback == f"You chose {view.label}."
    assert outcome.points == view.authored + 1 and run.score == score + view.authored + 1
    assert run.variables["last"] == view.authored + 1
    assert run.path[-1].choice == view.authored
    assert [c.after for c in outcome.changes] == [view.authored + 1]
    assert roundtrip(run).outcome_of(run.path[-1]) == outcome


def test_a_closed_choice_is_closed_by_its_own_condition_wherever_it_is_shown(tmp_path: Path) -> None:
    run = StoryRun(six_pack(tmp_path), "six")
    closed = [view for view in run.choices() if not view.open]
    assert [(view.label, view.authored, view.reason) for view in closed] == [("Delta", 3, "Come back first.")]
    assert closed[0].index != 3  # shown somewhere else than its place in the file
    with pytest.raises(ValueError, match="closed: Come back first"):
        run.choose(closed[0].index)
    assert run.choices()[3].open  # what is shown at its file position is open
    [foxtrot] = [view for view in run.choices() if view.label == "Foxtrot"]
    run.choose(foxtrot.index)
    delta = run.choices()[closed[0].index]
    assert delta.label == "Delta" and delta.open and delta.reason is None
    assert run.choose(delta.index).label == "Delta"


def test_taken_marks_the_choice_taken_wherever_it_is_shown(tmp_path: Path) -> None:
    run = StoryRun(six_pack(tmp_path), "six")
    [foxtrot] = [view for view in run.choices() if view.label == "Foxtrot"]
    run.choose(foxtrot.index)
    assert [view.label for view in run.choices() if view.taken] == ["Foxtrot"]
    assert [view.label for view in roundtrip(run).choices() if view.taken] == ["Foxtrot"]


def test_a_run_saved_before_choices_were_shuffled_resumes_with_the_same_choices(tmp_path: Path) -> None:
    """Saved paths always held file positions: a run saved by an older game means the same choices."""
    pack = six_pack(tmp_path)
    state = {
        "version": 1,
        "kind": "story",
        "pack": pack.id,
        "scenario": "six",
        "scene": "pick",
        "variables": {"last": 6},
        "visits": {"pick": 2},
        "score": 6,
        "path": [{"scene": "pick", "choice": 5, "target": "pick", "points": 6, "changes": [["last", 0, 6]]}],
    }
    run = StoryRun.from_json(pack, state)
    assert run.outcome_of(run.path[0]).label == "Foxtrot"
    assert [view.label for view in run.choices() if view.taken] == ["Foxtrot"]
    assert [view.label for view in run.choices() if view.open] == labels(run)  # Delta opened by the visit
    assert run.to_json() == state | {"path": [state["path"][0]]}


# --- the bundled stories -------------------------------------------------------------------------------


def worth(scenario: Scenario, scene: Scene, index: int) -> int:
    choice = scene.choices[index]
    ending = scenario.endings.get(choice.target)
    return choice.points + (ending.points if ending is not None else 0)


def test_in_the_bundled_stories_the_best_choice_is_no_longer_mostly_first(panjshir: Pack) -> None:
    """The Panjshir stories listed the best choice first in 17 of 21 scenes: pressing 1 scored well."""
    scenes = first_in_file = first_shown = 0
    for scenario in panjshir.scenarios:
        for scene in scenario.scenes.values():
            worths = [worth(scenario, scene, i) for i in range(len(scene.choices))]
            if not worths or worths.count(max(worths)) != 1:
                continue  # no single best choice
            scenes += 1
            first_in_file += worths[0] == max(worths)
            first_shown += worths[shown_order(scenario.id, scene)[0]] == max(worths)
    assert scenes >= 10
    assert first_in_file > scenes * 3 // 4  # the authors' habit this guards against
    assert first_shown <= scenes // 2, f"the best choice is shown first in {first_shown} of {scenes} scenes"


@pytest.mark.parametrize("scenario_id", ["reporter-notebook", "envoy-quiet-capitals"])
def test_pressing_the_first_open_choice_every_time_does_not_reach_a_good_ending(
    panjshir: Pack, scenario_id: str
) -> None:
    run = StoryRun(panjshir, scenario_id)
    for _ in range(100):
        if run.finished:
            break
        run.choose(run.open_choices()[0].index)
    assert run.ending is not None and run.ending.kind != "good", run.ending


@pytest.mark.parametrize("scenario_id", ["reporter-notebook", "envoy-quiet-capitals"])
def test_the_walks_still_reach_every_choice_and_replay_by_file_position(
    panjshir: Pack, scenario_id: str
) -> None:
    scenario = next(s for s in panjshir.scenarios if s.id == scenario_id)
    every = {(sid, i) for sid, scene in scenario.scenes.items() for i in range(len(scene.choices))}
    assert explore(scenario).choices == every
    report = random_playthroughs(panjshir, scenario, runs=100, seed=3)
    assert report.choices <= every and len(report.choices) > len(every) // 2
    # The random games' paths name file positions: replayed by the file, each reaches its ending.
    for ending, path in report.endings.items():
        run = StoryRun(panjshir, scenario)
        for scene_id, index in path:
            assert run.scene_id == scene_id
            [view] = [view for view in run.choices() if view.authored == index]
            run.choose(view.index)
        assert run.scene_id == ending
        assert replay(scenario, path) == run.variables


def test_random_games_reach_every_choice_and_name_it_by_its_file_position(tmp_path: Path) -> None:
    pack = six_pack(tmp_path)
    scenario = pack.scenarios[0]
    report = random_playthroughs(pack, scenario, runs=60, seed=1)
    assert report.choices == {("pick", i) for i in range(6)}
    assert explore(scenario).choices == report.choices
    # The same seed plays the same games whatever order the scene is shown in.
    kept = six_pack(tmp_path / "kept", shuffle=False)
    again = random_playthroughs(kept, kept.scenarios[0], runs=60, seed=1)
    assert again.endings == report.endings and again.steps == report.steps
