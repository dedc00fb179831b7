"""``quotebound schema [--out DIR] [--kind pack|quiz|scenario]``: JSON Schema for content files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` subcommand."""
    parser = subparsers.add_parser(
        "schema",
        help="write JSON Schema for pack, quiz and scenario files (for editors)",
        description="Print one schema, or write all of them to a folder (default: ./schemas).",
    )
    parser.add_argument("--out", type=Path, default=Path("schemas"), help="folder to write into")
    parser.add_argument("--kind", choices=["pack", "quiz", "scenario"], help="print this one schema instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the schemas, or print one."""
    from game.authoring.schemas import schema_for, write_schemas

    if args.kind:
        print(json.dumps(schema_for(args.kind), indent=2, ensure_ascii=False))
        return 0
    for path in write_schemas(args.out):
        print(path)
    return 0
