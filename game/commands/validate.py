"""``quotebound validate [PATH...]``: check packs and print every problem as ``path:line:col``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.authoring.validate import validate_paths
from game.engine.content.diagnostics import Diagnostic, summary_line
from game.paths import scenes_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check packs: schema, ids, answers, quotes verbatim in the article",
        description="Check every pack in the scenes folder, or the given pack folders or YAML files.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument("--scenes", help="the scenes folder to check when no PATH is given")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print diagnostics and a summary; 1 when anything is wrong."""
    paths = args.paths or [scenes_dir(args.scenes)]
    diagnostics, files = validate_paths(paths)
    for diagnostic in diagnostics:
        print(diagnostic)
    print(summary_line(diagnostics, files), file=sys.stderr)
    return 1 if _fails(diagnostics, args.strict) else 0


def _fails(diagnostics: list[Diagnostic], strict: bool) -> bool:
    return any(d.severity == "error" or strict for d in diagnostics)
