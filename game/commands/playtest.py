"""``quotebound playtest [SCENARIO] [--random N --seed S] [--max-states K]``: play scenarios automatically.

By default every reachable state is walked (up to ``--max-states``); with ``--random N`` the real
runtime plays N seeded games instead. The report gives scene and choice coverage, the endings reached
and any state the player gets stuck in. Exit status 1 when a player can get stuck, or (in the
exhaustive walk) when an ending was not reached. Needs no screen: never imports textual.
"""

from __future__ import annotations

import argparse
import random

from game.authoring.storylint import describe_state, path_steps
from game.commands.graph import select
from game.engine.content.pack import Pack
from game.engine.story.explore import (
    MAX_STATES,
    MAX_STEPS,
    Coverage,
    choice_count,
    explore,
    random_playthroughs,
)
from game.engine.story.model import Scenario


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``playtest`` subcommand."""
    parser = subparsers.add_parser(
        "playtest",
        help="walk every state of the scenarios (or play random games) and report coverage",
        description="Play scenarios automatically: every reachable state, or N seeded random games. "
        "Exit status 1 when a player can get stuck or an ending is never reached.",
    )
    parser.add_argument(
        "scenario", nargs="?", metavar="SCENARIO", help="a scenario id, PACK/ID or file (default: all)"
    )
    parser.add_argument(
        "--random", type=int, metavar="N", help="play N random games instead of walking every state"
    )
    parser.add_argument("--seed", type=int, help="seed of the random games (default: a fresh one, printed)")
    parser.add_argument(
        "--max-states", type=int, default=MAX_STATES, metavar="K", help=f"default: {MAX_STATES:,}"
    )
    parser.add_argument(
        "--max-steps", type=int, default=MAX_STEPS, help="choices per random game before giving up"
    )
    parser.add_argument("--paths", action="store_true", help="print a path to each ending reached")
    parser.add_argument("--scenes", help="the scenes folder (default: the bundled packs)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Playtest each selected scenario; 1 when any of them fails."""
    targets = select(args.scenario, args.scenes)
    if targets is None:
        return 1
    if args.random is not None and args.random < 1:
        print("quotebound: --random needs a number of games, at least 1")
        return 1
    failed = 0
    for pack, scenario in targets:
        if args.random is not None:
            seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
            ok = _random(pack, scenario, args.random, seed, max(1, args.max_steps), args.paths)
        else:
            ok = _exhaustive(pack, scenario, max(1, args.max_states), args.paths)
        failed += not ok
        print()
    count = len(targets)
    print(
        f"{count} scenario{'s' * (count != 1)} playtested: "
        + (f"{failed} failed" if failed else "all passed")
    )
    return 1 if failed else 0


def _header(pack: Pack, scenario: Scenario) -> None:
    print(f"{pack.id}/{scenario.id}: {scenario.title} ({scenario.file})")


def _coverage(scenario: Scenario, found: Coverage) -> None:
    scenes, choices = len(scenario.scenes), choice_count(scenario)
    print(f"  scenes   {len(found.scenes & set(scenario.scenes))}/{scenes}")
    print(f"  choices  {len(found.choices)}/{choices}")
    reached = [f"{e} ({scenario.endings[e].kind})" for e in scenario.endings if e in found.endings]
    print(
        f"  endings  {len(reached)}/{len(scenario.endings)}" + (f": {', '.join(reached)}" if reached else "")
    )


def _misses(scenario: Scenario, found: Coverage, verb: str) -> None:
    for scene_id in scenario.scenes:
        if scene_id not in found.scenes:
            print(f"  scene {scene_id!r} {verb}  {scenario.where(scene_id)}")
    for scene_id, scene in scenario.scenes.items():
        if scene_id not in found.scenes:
            continue
        for index, choice in enumerate(scene.choices):
            if (scene_id, index) not in found.choices:
                print(
                    f"  choice {index + 1} of {scene_id!r} ({choice.label[:40]!r}) {verb}  "
                    f"{scenario.where(scene_id, index)}"
                )


def _stuck(scenario: Scenario, found: Coverage) -> None:
    for state in found.stuck:
        what = "no ending can be reached from" if state.trap else "stuck (no choice open) in"
        how = describe_state(state, scenario)
        print(f"  FAIL: {what} scene {state.scene!r} {how}  {scenario.where(state.scene)}")


def _paths(scenario: Scenario, found: Coverage) -> None:
    for ending_id, path in found.endings.items():
        print(f"  path to {ending_id!r}: {path_steps(path)}")


def _exhaustive(pack: Pack, scenario: Scenario, max_states: int, paths: bool) -> bool:
    _header(pack, scenario)
    walk = explore(scenario, max_states)
    if walk.complete:
        print(f"  exhaustive walk: every reachable state visited ({walk.states:,} states)")
    else:
        print(
            f"  BOUND HIT: stopped at {max_states:,} states before visiting every state, so what follows is "
            "partial; raise --max-states, or play random games with --random N"
        )
    _coverage(scenario, walk)
    _misses(scenario, walk, "never reached" if walk.complete else "not reached within the bound")
    _stuck(scenario, walk)
    missing = [e for e in scenario.endings if e not in walk.endings]
    for ending_id in missing:
        how = "can never be reached" if walk.complete else "was not reached within the bound"
        print(f"  FAIL: ending {ending_id!r} {how}  {scenario.where(ending_id)}")
    if paths:
        _paths(scenario, walk)
    ok = not walk.stuck and not missing
    print("  OK" if ok else "  FAILED")
    return ok


def _random(pack: Pack, scenario: Scenario, runs: int, seed: int, max_steps: int, paths: bool) -> bool:
    _header(pack, scenario)
    report = random_playthroughs(pack, scenario, runs, seed, max_steps)
    print(f"  random games: {runs:,} (seed {seed}), {report.steps:,} choices made")
    if report.unfinished:
        print(f"  {report.unfinished:,} game(s) had not ended after {max_steps:,} choices")
    _coverage(scenario, report)
    counts = ", ".join(f"{e} ×{n}" for e, n in report.ending_counts.most_common())
    if counts:
        print(f"  endings reached: {counts}")
    _misses(scenario, report, f"not reached in {runs:,} games")
    for ending_id in scenario.endings:
        if ending_id not in report.endings:
            print(f"  ending {ending_id!r} not reached in {runs:,} games (the exhaustive walk can prove it)")
    _stuck(scenario, report)
    if paths:
        _paths(scenario, report)
    ok = not report.stuck
    print("  OK" if ok else "  FAILED")
    return ok
