"""The command line picks its command from the first word only; the game is the default."""

from __future__ import annotations

import argparse

import pytest

from game import cli
from game.commands import play
from game.commands import validate as validate_cmd


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
    # `quotebound` and `quotebound --player NAME` are read without argparse (fast_play_args), whose
    # namespace names play.run when it is made: the game must not start here either way.
    monkeypatch.setattr(play, "run", lambda ns: seen.append(ns) or 0)
    # So is a plain `quotebound validate` (game.commands.fastargs).
    monkeypatch.setattr(validate_cmd, "run", lambda ns: seen.append(ns) or 0)
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


def test_the_command_table_matches_the_modules() -> None:
    """game.commands.COMMANDS stands in for the modules in `--help`: same names, same help lines."""
    import importlib
    import pkgutil

    import game.commands
    from game.commands import COMMANDS

    registering = {
        f"game.commands.{info.name}"
        for info in pkgutil.iter_modules(game.commands.__path__)
        if hasattr(importlib.import_module(f"game.commands.{info.name}"), "register")
    }
    assert registering == {module for module, _help in COMMANDS.values()}
    for name, (module, help_line) in COMMANDS.items():
        subparsers = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(subparsers)
        assert list(subparsers.choices) == [name], module
        [action] = subparsers._choices_actions
        assert action.help == help_line, f"update the help of {name!r} in game/commands/__init__.py"


def test_only_the_named_command_module_is_imported() -> None:
    """Building the parser for one command must not import the others (nor the UI)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from game import cli\n"
        "for argv in (['schema', '--help'], ['--help']):\n"
        "    try:\n"
        "        cli.main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('game.commands.') or m == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['game.commands.schema']"
