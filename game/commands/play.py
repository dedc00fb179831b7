"""``quotebound play`` (the default command): start the game in the terminal."""

from __future__ import annotations

import argparse
import sys

from game.engine.diagnostics import ContentError
from game.engine.loader import load_packs
from game.paths import scenes_dir


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``play`` subcommand."""
    parser = subparsers.add_parser("play", help="play the game (the default command)")
    parser.add_argument("--scenes", help="folder of packs to play (default: the bundled packs)")
    parser.add_argument("--seed", type=int, help="the same seed deals the same round on every machine")
    parser.add_argument("--pack", help="start on this pack id")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the packs, then hand over to the Textual app (imported only now)."""
    packs, problems = load_packs(scenes_dir(args.scenes))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("quotebound: fix the problems above (see `quotebound validate`).", file=sys.stderr)
        return 1
    if not packs:
        print(f"quotebound: no packs found in {scenes_dir(args.scenes)}", file=sys.stderr)
        return 1
    if args.pack:
        chosen = [p for p in packs if p.id == args.pack]
        if not chosen:
            print(f"quotebound: no pack {args.pack!r}; packs: {', '.join(p.id for p in packs)}", file=sys.stderr)
            return 1
        packs = chosen + [p for p in packs if p.id != args.pack]
    from game.ui.app import make_app

    app = make_app(packs=packs, seed=args.seed)
    app.run()
    # Textual's run() returns normally after an unhandled exception; its return code tells.
    return app.return_code or 0


__all__ = ["ContentError", "register", "run"]
