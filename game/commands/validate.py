"""``quotebound validate [PATH...]``: check packs and print every problem as ``path:line:col``.

A full run records its verdict with the size and mtime of every file and folder it read
(:func:`game.commands.validate_fast.record`); the next run with nothing changed prints it without
validating (:func:`game.commands.validate_fast.replay`, called by ``game.cli`` before parsing).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TextIO

from game.authoring.validate import validate_paths
from game.commands.common import pack_cache
from game.commands.fastargs import Arg, add_arguments, fast_parse
from game.engine.content.diagnostics import Diagnostic, summary_line
from game.paths import scenes_dir

if TYPE_CHECKING:  # a plain `validate` line is read without argparse (fast_args)
    import argparse

ARGS = (
    Arg("paths", nargs="*", type=Path, metavar="PATH"),
    Arg("--scenes", help="the scenes folder to check when no PATH is given"),
    Arg("--strict", action="store_true", help="treat warnings as errors"),
)
"""``validate``'s arguments: what argparse registers and what :func:`fast_args` reads."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check packs: schema, ids, answers, quotes verbatim in the article",
        description="Check every pack in the scenes folder, or the given pack folders or YAML files.",
    )
    add_arguments(parser, ARGS)
    parser.set_defaults(func=run)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """``validate``'s arguments as argparse reads them, for a plain line (see :func:`fast_parse`)."""
    return fast_parse("validate", ARGS, {"func": run}, argv)


def run(args: argparse.Namespace | SimpleNamespace) -> int:
    """Print diagnostics and a summary; 1 when anything is wrong."""
    paths = args.paths or [scenes_dir(args.scenes)]
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err  # the fairness notes print too
    try:
        # A pack none of whose files changed since its last check gives that check's verdict (not with
        # the cache off: QUOTEBOUND_CACHE= validates every pack).
        diagnostics, files = validate_paths(paths, pack_cache())
        for diagnostic in diagnostics:
            print(diagnostic)
        print(summary_line(diagnostics, files), file=sys.stderr)
        status = 1 if _fails(diagnostics, args.strict) else 0
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
    argv: list[str] | None = getattr(args, "argv", None)  # set by game.cli.main
    read = _files_read(paths) if argv is not None else None
    if argv is not None and read is not None:
        from game.commands.validate_fast import record

        record(argv, read, status, out.text(), err.text())
    return status


class _Tee:
    """A text stream that passes everything on and keeps a copy."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self.stream.write(text)

    def text(self) -> str:
        return "".join(self.parts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _files_read(paths: list[Path]) -> list[str] | None:
    """Every file and folder whose change could change the verdict on ``paths``; None when that is not
    known (a path that is not there, a pack.yaml that does not say where its article is)."""
    from game.engine.content.loader import PACK_FILE, article_file, content_files, find_packs

    def pack(folder: Path) -> list[Path]:
        return [folder, folder / PACK_FILE, *content_files(folder), article_file(folder)]

    read: list[Path] = []
    try:
        for path in paths:
            if path.is_file():
                read += [path, path.parent]
                if (path.parent / PACK_FILE).is_file():
                    read += pack(path.parent)
            elif path.is_dir():
                read.append(path)
                for folder in find_packs(path):
                    read += pack(folder)
            else:
                return None
    except Exception:  # noqa: BLE001 - not knowing what was read means not recording the verdict
        return None
    return [str(p) for p in read]


def _fails(diagnostics: list[Diagnostic], strict: bool) -> bool:
    return any(d.severity == "error" or strict for d in diagnostics)
