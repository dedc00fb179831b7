"""``quotebound coverage [PACK] [--min P]``: how much of the article a pack's quotes cover."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.authoring.coverage import coverage
from game.authoring.fairness import longest_answers
from game.commands.common import pack_cache
from game.engine.content.diagnostics import ContentError
from game.engine.packs import find_packs, load_pack
from game.paths import scenes_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``coverage`` subcommand."""
    parser = subparsers.add_parser(
        "coverage",
        help="show which sentences of the article the pack quotes",
        description="Print the share of article sentences quoted by the pack, and those not quoted.",
    )
    parser.add_argument("pack", nargs="?", help="a pack folder or a pack id in the scenes folder")
    parser.add_argument("--scenes", help="the scenes folder to look in")
    parser.add_argument(
        "--min", type=float, default=0.0, metavar="P", help="exit 1 when coverage is below P%%"
    )
    parser.set_defaults(func=run)


def _pack_folders(args: argparse.Namespace) -> list[Path]:
    if args.pack and Path(args.pack).is_dir():
        return find_packs(Path(args.pack))
    folders = find_packs(scenes_dir(args.scenes))
    if args.pack:
        folders = [f for f in folders if f.name == args.pack]
    return folders


def run(args: argparse.Namespace) -> int:
    """Print coverage per pack; 1 when a pack is below ``--min`` or does not load."""
    folders = _pack_folders(args)
    if not folders:
        print(f"quotebound: no pack {args.pack or ''} found", file=sys.stderr)
        return 1
    status = 0
    cache = pack_cache()  # a pack whose files have not changed is not parsed and checked again
    for folder in folders:
        try:
            pack = load_pack(folder, cache)
        except ContentError as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        result = coverage(pack)
        covered = len(result.sentences) - len(result.uncovered)
        print(
            f"{pack.id}: {result.percent:.1f}% of {len(result.sentences)} sentences quoted "
            f"({covered} covered)"
        )
        print(longest_answers(pack).line())
        for sentence in result.uncovered:
            print(f"  ¶{sentence.paragraph}: {sentence.text}")
        if result.percent < args.min:
            print(f"{pack.id}: below the minimum of {args.min:g}%", file=sys.stderr)
            status = 1
    return status
