"""The ``quotebound`` command line: plays the game by default, and hosts the author and teacher tools.

Every error a user can cause ends as a message and a non-zero exit status, never a traceback: 1 for a
content error (a pack that does not load, a pack or player not found), 2 for a setup error (a folder or
file that cannot be written, a port in use, a bad command line).
"""

from __future__ import annotations

import os
import sys

from game import __version__
from game.commands import COMMANDS

# Not `from typing import TYPE_CHECKING`: `validate` with nothing changed answers before anything but
# os, sys and zlib is imported (typing brings re and collections), see main.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Collection, Sequence
    from typing import Any


def build_parser(load: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand registered.

    Args:
        load: the commands whose modules are imported to register their full parsers; None for all.
            When ``load`` names one known command, that command's parser is the only one built (what
            running it needs: ~1 ms less than twelve stand-ins, each an ArgumentParser with its
            gettext look-ups). Otherwise every other command gets a stand-in with its help line only,
            which is all ``--help`` and argparse's "invalid choice" message need of it.
    """
    import argparse  # here: `validate` with nothing changed answers without it (see main)
    import importlib

    class Formatter(argparse.HelpFormatter):
        """argparse's formatter, told the terminal's width: by itself it imports shutil (with bz2, lzma
        and fnmatch) to ask, in every parser and every ``add_argument``, where no help is printed."""

        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
            super().__init__(prog, indent_increment, max_help_position, width=_columns())

    class Parser(argparse.ArgumentParser):
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(**kwargs)

    parser = Parser(
        prog="quotebound",
        description="A terminal game that teaches a real article. With no command, it starts the game.",
    )
    parser.add_argument("--version", action="version", version=f"quotebound {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    only = load is not None and len(load) == 1 and all(name in COMMANDS for name in load)
    for name, (module, help_line) in COMMANDS.items():
        if load is None or name in load:
            importlib.import_module(module).register(subparsers)
        elif not only:
            subparsers.add_parser(name, help=help_line)
    return parser


def _columns() -> int:
    """What ``shutil.get_terminal_size().columns - 2`` is, argparse's width, without importing shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else 80) - 2


_TABLED = frozenset({"export", "report", "validate"})
"""The commands whose arguments are a table (game.commands.fastargs) read without argparse when plain."""

_FREEZE = frozenset({"export", "report", "stats", "coverage", "validate"})
"""The screenless commands that run a short job and exit (see main)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `quotebound --seed 3` means `quotebound play --seed 3`: the game is the default command. Only
    # the first word can name a command, so `quotebound --player report` is a player called "report".
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["play", *args_list]
    if args_list[0] != "play":
        return _run(args_list)
    # The collector waits until the game's first screen shows (game.startup): start-up makes little garbage.
    from game.startup import pause_gc, resume_gc

    pause_gc()
    try:
        return _run(args_list)
    finally:
        resume_gc()  # already done at the first frame, unless the game ended (or argparse exited) before


def _run(args_list: list[str]) -> int:
    if args_list[0] == "validate":
        # Nothing changed since the last run: its verdict, before argparse or any pack is imported.
        from game.commands.validate_fast import replay

        replayed = replay(args_list[1:])
        if replayed is not None:
            return replayed
    args: Any = None
    if args_list[0] == "play":
        # `quotebound` and `quotebound --player NAME`, as argparse would parse them, without it.
        from game.commands.play import fast_play_args

        args = fast_play_args(args_list[1:])
    elif args_list[0] in _TABLED:
        # A plain `export`, `report` or `validate` line, as argparse would parse it, without it (~5M
        # instructions).
        from importlib import import_module

        args = import_module(COMMANDS[args_list[0]][0]).fast_args(args_list[1:])
    if args is None:
        # Only the named command's module is imported (see game.commands.COMMANDS).
        parser = build_parser(load=args_list[:1])
        args = parser.parse_args(args_list)
    args.argv = args_list[1:]  # validate records its verdict under its exact arguments
    if args_list[0] in _FREEZE:
        # The modules imported so far (tens of thousands of objects) live until exit: moved out of
        # the collector's reach, the collections the command's own work triggers scan only what it
        # made (~5 ms CPU of ~100 for `stats`, `report`, `export`). Garbage is still collected.
        import gc

        gc.freeze()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `quotebound graph ... | head` closed the pipe: stop quietly, and keep Python from
        # complaining again while it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
