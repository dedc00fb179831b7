"""The ``quotebound`` command line: plays the game by default, and hosts the author and teacher tools.

Every error a user can cause ends as a message and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from game import __version__
from game.commands import COMMAND_MODULES


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="quotebound",
        description="A terminal game that teaches a real article. With no command, it starts the game.",
    )
    parser.add_argument("--version", action="version", version=f"quotebound {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # `quotebound --seed 3` means `quotebound play --seed 3`: the game is the default command. Only
    # the first word can name a command, so `quotebound --player report` is a player called "report".
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["play", *args_list]
    args = parser.parse_args(args_list)
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
