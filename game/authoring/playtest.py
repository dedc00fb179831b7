"""The report of an automated playtest: coverage, misses, stuck states and paths, as lines of text.

The walks themselves are engine (:mod:`game.engine.story.explore`); ``quotebound playtest`` prints
what this module writes.
"""

from __future__ import annotations

from game.authoring.storylint import describe_state, path_steps
from game.engine.content.pack import Pack
from game.engine.story.explore import Coverage, choice_count, explore, random_playthroughs
from game.engine.story.model import Scenario


def _header(out: list[str], pack: Pack, scenario: Scenario) -> None:
    out.append(f"{pack.id}/{scenario.id}: {scenario.title} ({scenario.file})")


def _coverage(out: list[str], scenario: Scenario, found: Coverage) -> None:
    scenes, choices = len(scenario.scenes), choice_count(scenario)
    out.append(f"  scenes   {len(found.scenes & set(scenario.scenes))}/{scenes}")
    out.append(f"  choices  {len(found.choices)}/{choices}")
    reached = [f"{e} ({scenario.endings[e].kind})" for e in scenario.endings if e in found.endings]
    out.append(
        f"  endings  {len(reached)}/{len(scenario.endings)}" + (f": {', '.join(reached)}" if reached else "")
    )


def _misses(out: list[str], scenario: Scenario, found: Coverage, verb: str) -> None:
    for scene_id in scenario.scenes:
        if scene_id not in found.scenes:
            out.append(f"  scene {scene_id!r} {verb}  {scenario.where(scene_id)}")
    for scene_id, scene in scenario.scenes.items():
        if scene_id not in found.scenes:
            continue
        for index, choice in enumerate(scene.choices):
            if (scene_id, index) not in found.choices:
                out.append(
                    f"  choice {index + 1} of {scene_id!r} ({choice.label[:40]!r}) {verb}  "
                    f"{scenario.where(scene_id, index)}"
                )


def _stuck(out: list[str], scenario: Scenario, found: Coverage) -> None:
    for state in found.stuck:
        what = "no ending can be reached from" if state.trap else "stuck (no choice open) in"
        how = describe_state(state, scenario)
        out.append(f"  FAIL: {what} scene {state.scene!r} {how}  {scenario.where(state.scene)}")


def _paths(out: list[str], scenario: Scenario, found: Coverage) -> None:
    for ending_id, path in found.endings.items():
        out.append(f"  path to {ending_id!r}: {path_steps(path)}")


def exhaustive_report(
    pack: Pack, scenario: Scenario, max_states: int, paths: bool
) -> tuple[list[str], bool]:
    """The report of the exhaustive walk of ``scenario``, and whether it passed."""
    out: list[str] = []
    _header(out, pack, scenario)
    walk = explore(scenario, max_states)
    if walk.complete:
        out.append(f"  exhaustive walk: every reachable state visited ({walk.states:,} states)")
    else:
        out.append(
            f"  BOUND HIT: stopped at {max_states:,} states before visiting every state, so what follows is "
            "partial; raise --max-states, or play random games with --random N"
        )
    _coverage(out, scenario, walk)
    _misses(out, scenario, walk, "never reached" if walk.complete else "not reached within the bound")
    _stuck(out, scenario, walk)
    missing = [e for e in scenario.endings if e not in walk.endings]
    for ending_id in missing:
        how = "can never be reached" if walk.complete else "was not reached within the bound"
        out.append(f"  FAIL: ending {ending_id!r} {how}  {scenario.where(ending_id)}")
    if paths:
        _paths(out, scenario, walk)
    ok = not walk.stuck and not missing
    out.append("  OK" if ok else "  FAILED")
    return out, ok


def random_report(
    pack: Pack, scenario: Scenario, runs: int, seed: int, max_steps: int, paths: bool
) -> tuple[list[str], bool]:
    """The report of ``runs`` seeded random games of ``scenario``, and whether they passed."""
    out: list[str] = []
    _header(out, pack, scenario)
    report = random_playthroughs(pack, scenario, runs, seed, max_steps)
    out.append(f"  random games: {runs:,} (seed {seed}), {report.steps:,} choices made")
    if report.unfinished:
        out.append(f"  {report.unfinished:,} game(s) had not ended after {max_steps:,} choices")
    _coverage(out, scenario, report)
    counts = ", ".join(f"{e} ×{n}" for e, n in report.ending_counts.most_common())
    if counts:
        out.append(f"  endings reached: {counts}")
    _misses(out, scenario, report, f"not reached in {runs:,} games")
    for ending_id in scenario.endings:
        if ending_id not in report.endings:
            out.append(
                f"  ending {ending_id!r} not reached in {runs:,} games (the exhaustive walk can prove it)"
            )
    _stuck(out, scenario, report)
    if paths:
        _paths(out, scenario, report)
    ok = not report.stuck
    out.append("  OK" if ok else "  FAILED")
    return out, ok
