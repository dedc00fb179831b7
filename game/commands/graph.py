"""``quotebound graph SCENARIO [--format mermaid|dot]``: print a scenario's scene graph.

The drawing is :mod:`game.export.graph`; this command finds the scenario and prints it. Needs no
screen: never imports textual.
"""

from __future__ import annotations

import argparse
import sys

from game.commands.common import select_scenarios
from game.export.graph import DEFAULT_MAX_STATES, dot, mermaid


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``graph`` subcommand."""
    parser = subparsers.add_parser(
        "graph",
        help="print a scenario's scene graph (Mermaid or Graphviz dot)",
        description="Print the scene graph of a scenario: endings and unreachable scenes marked.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id, PACK/ID, or a scenario file")
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid", help="default: mermaid")
    parser.add_argument("--scenes", help="the scenes folder (default: the bundled packs)")
    parser.add_argument(
        "--max-states", type=int, default=DEFAULT_MAX_STATES, help="bound of the reachability walk"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the graph of one scenario; 1 when it cannot be found or loaded."""
    targets = select_scenarios(args.scenario, args.scenes)
    if targets is None:
        return 1
    if len(targets) != 1:
        names = ", ".join(f"{p.id}/{s.id}" for p, s in targets)
        print(f"quotebound: {args.scenario!r} names several scenarios ({names}); pick one", file=sys.stderr)
        return 1
    _pack, scenario = targets[0]
    draw = mermaid if args.format == "mermaid" else dot
    print(draw(scenario, max(1, args.max_states)))
    return 0
