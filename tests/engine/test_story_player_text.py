"""What a story run hands a front end is player-facing: labels and titles, never ids (issue 12, item 4),
and the debrief's list of costly choices holds exactly the choices the player made (item 5).

Every bundled scenario is played in every reachable state (each state once, by its scene, variables and
visits), and every text the run gives a screen or plain mode is checked.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.story.explore import explore
from game.engine.story.model import Scenario
from game.engine.story.run import StoryRun
from game.paths import bundled_scenes

PACKS = ["panjshir", "riverside"]


def _bundled() -> Iterator[tuple[Pack, Scenario]]:
    for name in PACKS:
        pack = load_pack(bundled_scenes() / name)
        for scenario in pack.scenarios:
            yield pack, scenario


BUNDLED = list(_bundled())


def _key(run: StoryRun) -> tuple[object, ...]:
    return (run.scene_id, tuple(sorted(run.variables.items())), tuple(sorted(run.visits.items())))


def _every_state(pack: Pack, scenario: Scenario, limit: int = 20_000) -> Iterator[StoryRun]:
    """Every reachable run state (breadth first), each a separate run; endings included."""
    start = StoryRun(pack, scenario)
    seen = {_key(start)}
    queue = deque([start])
    while queue:
        run = queue.popleft()
        yield run
        for view in run.open_choices():
            after = StoryRun.from_json(pack, run.to_json())
            after.choose(view.index)
            if _key(after) not in seen:
                seen.add(_key(after))
                queue.append(after)
        assert len(seen) < limit, f"{scenario.id}: too many states to check"


def _texts(run: StoryRun) -> Iterator[str]:
    """Every string the run gives a front end in this state, and in the outcome of every open choice."""
    yield run.text
    for row in run.status():
        yield row.label
        yield row.text
    for view in run.choices():
        yield view.label
        if view.reason:
            yield view.reason
    for slip in run.slips():
        yield slip.scene_title
        yield slip.label
    for step in run.path[-1:]:
        outcome = run.outcome_of(step)
        yield outcome.label
        yield outcome.feedback or ""
        yield outcome.context or ""
        for change in outcome.changes:
            yield change.label
        if outcome.ending is not None:
            yield outcome.ending.title
            yield outcome.ending.debrief


@pytest.mark.parametrize(("pack", "scenario"), BUNDLED, ids=[s.id for _, s in BUNDLED])
def test_no_variable_scene_or_ending_id_reaches_the_player(pack: Pack, scenario: Scenario) -> None:
    # Ids that are plain words ("slips", "heard") may appear in prose; ids with _ or - never read as English.
    ids = [*scenario.variables, *scenario.scenes, *scenario.endings]
    telltale = [name for name in ids if "_" in name or "-" in name]
    pattern = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in telltale)) if telltale else None
    labels = {name: var.label for name, var in scenario.variables.items()}
    endings_seen = set()
    for run in _every_state(pack, scenario):
        for text in _texts(run):
            assert pattern is None or not pattern.search(text), f"{scenario.id}: an id in {text!r}"
        # Structured fields: whatever a variable's name, players read its label.
        assert all(row.label == labels[row.name] for row in run.status())
        for step in run.path[-1:]:
            for change in run.outcome_of(step).changes:
                assert change.label == labels[change.name], f"{scenario.id}: {change.name} shown unlabelled"
        if run.ending is not None:
            endings_seen.add(run.ending.id)
    # The walk really played the whole story: every ending the exhaustive playtest reaches was seen.
    assert endings_seen == set(explore(scenario).endings)


def test_every_variable_has_a_label_and_every_ending_a_title() -> None:
    for _, scenario in BUNDLED:
        for var in scenario.variables.values():
            assert var.label and var.label != var.name, f"{scenario.id}: {var.name}"
        for ending in scenario.endings.values():
            assert ending.title and ending.title != ending.id


def _reporter() -> tuple[Pack, Scenario]:
    return next((p, s) for p, s in BUNDLED if s.id == "reporter-notebook")


def _play(run: StoryRun, *labels: str) -> None:
    """Take the choices whose labels start with each of ``labels``, in order."""
    for start in labels:
        view = next(v for v in run.choices() if v.open and v.label.startswith(start))
        run.choose(view.index)


def test_the_debrief_lists_only_the_choices_that_cost_points() -> None:
    """The issue's path: both claims attributed, the only slip "Make it the headline"."""
    pack, scenario = _reporter()
    run = StoryRun(pack, scenario)
    _play(
        run,
        "Work from the body",
        "Write: who the resistance is",
        '"The NRF, made up of former',
        "Write: the siege",
        '"The Taliban say they have surrounded',
        "Quote Hamid Saifi",
        "Write: the valley's history",
        "Stop, and flag",
        "Use 1979 to 1989",
        "File the piece",
        "Make it the headline",
        "A draft with one or two slips",
    )
    assert run.ending is not None and run.ending.id == "corrections"
    slips = run.slips()
    assert [slip.label for slip in slips] == ["Make it the headline: it is the most striking line"]
    assert slips[0].cost == 10 and slips[0].scene_title == "The editor's question"
    assert [q.text for q in slips[0].quotes][0] == "One told Al Jazeera news agency"
    # The ending's fixed words blame nothing this player did not do.
    for claim in ("siege", "thousands"):
        assert claim not in run.ending.debrief


def test_a_run_without_slips_lists_none_and_the_record_survives_a_resume() -> None:
    pack, scenario = _reporter()
    run = StoryRun(pack, scenario)
    _play(run, "Build the piece around the headline", "Write: who shelters", "Write that everyone there")
    # A slip (0 of 5 points) and a half-right choice (5 of 10 points): both cost points.
    assert [(s.points, s.best) for s in run.slips()] == [(0, 5), (5, 10)]
    again = StoryRun.from_json(pack, run.to_json())
    assert again.slips() == run.slips()
    clean = StoryRun(pack, scenario)
    _play(clean, "Work from the body")
    assert clean.slips() == []
