"""The command line picks its command from the first word only; the game is the default."""

from __future__ import annotations

import argparse

import pytest

from game import cli


@pytest.mark.parametrize(
    ("argv", "command", "player"),
    [
        ([], "play", None),
        (["--seed", "3"], "play", None),
        (["--player", "report"], "play", "report"),  # a player named like a command stays a player
        (["play", "--player", "validate"], "play", "validate"),
        (["validate"], "validate", None),
    ],
)
def test_first_word_names_the_command(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], command: str, player: str | None
) -> None:
    seen: list[argparse.Namespace] = []

    def fake_parse(self: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace:
        namespace = original(self, args)
        namespace.func = lambda ns: seen.append(ns) or 0
        return namespace

    original = argparse.ArgumentParser.parse_args
    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", fake_parse)
    assert cli.main(argv) == 0
    assert seen[0].command == command
    assert getattr(seen[0], "player", None) == player


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("quotebound ")


def test_a_closed_pipe_ends_quietly() -> None:
    """`quotebound export ... | head -1` must not print a BrokenPipeError traceback."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "export", "--format", "markdown", "--pack", "panjshir"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    _out, err = proc.communicate(timeout=30)
    assert b"Traceback" not in err
