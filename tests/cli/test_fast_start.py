"""The fast start (``fast_play_args``) reads ``quotebound`` and ``quotebound --player NAME`` exactly as
argparse does, leaves every other command line to argparse, and starts the game without argparse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.commands.play import PLAY_OPTIONS, fast_play_args, run

ACCEPTED = [
    [],
    ["--player", "Ann"],
    ["--player", "report"],
    ["--player", "Ann Lee"],
    ["--player", ""],
    ["--player", "a=b"],
    ["--player=Ann"],
    ["--player="],
    ["--player=-x"],
    ["--player=a=b"],
    ["--player=--seed"],
]
"""Command lines after ``play`` the fast start reads itself."""

LEFT_TO_ARGPARSE = [
    ["-h"],
    ["--help"],
    ["--player"],
    ["--player", "-x"],
    ["--player", "-5"],
    ["--player", "--seed"],
    ["--player", "Ann", "--seed", "3"],
    ["--player", "Ann", "--player", "Bob"],
    ["--player", "Ann", "extra"],
    ["--pl", "Ann"],
    ["--play", "Ann"],
    ["--seed", "3"],
    ["--plain"],
    ["--mode", "story"],
    ["--Player", "Ann"],
    ["Ann"],
    ["--player=Ann", "--plain"],
]
"""Every other line: argparse parses these (including --help, abbreviations and every error)."""


def _argparse(argv: list[str]) -> dict[str, object]:
    return vars(build_parser(load=["play"]).parse_args(["play", *argv]))


@pytest.mark.parametrize("argv", ACCEPTED)
def test_the_fast_start_agrees_with_argparse(argv: list[str]) -> None:
    """Each form read without argparse gives the namespace argparse gives, every default included."""
    fast = fast_play_args(argv)
    assert fast is not None
    assert vars(fast) == _argparse(argv)


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE)
def test_every_other_line_is_left_to_argparse(argv: list[str]) -> None:
    assert fast_play_args(argv) is None


def test_the_table_is_what_argparse_reads() -> None:
    """Every flag of the parser comes from PLAY_OPTIONS, with the default the fast start uses."""
    parsed = _argparse([])
    options = {option.dest: option.default for option in PLAY_OPTIONS}
    assert parsed == {"command": "play", **options, "func": run}


@pytest.mark.parametrize("argv", [["--player"], ["--player", "-x"], ["--pl"], ["--player", "A", "B"]])
def test_errors_are_argparse_s(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A bad line is argparse's one-line error with status 2, through the command line itself."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: quotebound") and "error:" in err


def test_help_is_argparse_s(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["play", "--help"])
    assert exit_info.value.code == 0
    assert "--player NAME" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["--player", "Ann"]])
def test_the_game_starts_without_argparse(argv: list[str], tmp_path: Path) -> None:
    """Up to the app, nothing imports argparse (the app itself is replaced: no terminal here)."""
    code = (
        "import sys, game.commands.play as play\n"
        "seen = []\n"
        "play._run_tui = lambda args, shelf, first: seen.append(args.player) or 0\n"
        "from game.cli import main\n"
        f"assert main({argv!r}) == 0\n"
        "print(seen[0], 'argparse' in sys.modules)\n"
    )
    env = {
        **os.environ,
        "QUOTEBOUND_DATA": str(tmp_path / "data"),
        "QUOTEBOUND_CACHE": str(tmp_path / "cache"),
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(argv[1] if argv else None), "False"]
