"""``quotebound playtest [SCENARIO] [--random N --seed S] [--max-states K]``: play scenarios automatically.

By default every reachable state is walked (up to ``--max-states``); with ``--random N`` the real
runtime plays N seeded games instead. The report gives scene and choice coverage, the endings reached
and any state the player gets stuck in. Exit status 1 when a player can get stuck, or (in the
exhaustive walk) when an ending was not reached. The report is written by
:mod:`game.authoring.playtest`. Needs no screen: never imports textual.
"""

from __future__ import annotations

import argparse
import random

from game.authoring.playtest import exhaustive_report, random_report
from game.commands.common import select_scenarios
from game.engine.story.explore import MAX_STATES, MAX_STEPS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    targets = select_scenarios(args.scenario, args.scenes)
    if targets is None:
        return 1
    if args.random is not None and args.random < 1:
        print("quotebound: --random needs a number of games, at least 1")
        return 1
    failed = 0
    for pack, scenario in targets:
        if args.random is not None:
            seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
            lines, ok = random_report(pack, scenario, args.random, seed, max(1, args.max_steps), args.paths)
        else:
            lines, ok = exhaustive_report(pack, scenario, max(1, args.max_states), args.paths)
        print("\n".join(lines))
        failed += not ok
        print()
    count = len(targets)
    print(
        f"{count} scenario{'s' * (count != 1)} playtested: "
        + (f"{failed} failed" if failed else "all passed")
    )
    return 1 if failed else 0
