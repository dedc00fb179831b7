"""``quotebound serve``: the command each browser's game runs, the public URL, and a real server answering."""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from game.cli import build_parser
from game.commands.serve import command_line, play_argv, public_url


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["serve", *argv])


def test_play_flags_become_the_games_command(tmp_path: Path) -> None:
    odd = tmp_path / "class results; rm -rf ~ $(x) 'q'"
    args = parse(
        "--seed",
        "42",
        "--questions",
        "10",
        "--time-limit",
        "30",
        "--results",
        str(odd),
        "--no-streak-bonus",
        "--pack",
        "panjshir",
        "--mode",
        "story",
    )
    argv = play_argv(args)
    assert argv == [
        "--seed",
        "42",
        "--questions",
        "10",
        "--time-limit",
        "30.0",
        "--mode",
        "story",
        "--results",
        str(odd.resolve()),
        "--no-streak-bonus",
        "--pack",
        "panjshir",
    ]
    line = command_line(argv)
    if os.name != "nt":
        # nothing reaches the shell; exec makes the game the process textual-serve may kill
        assert shlex.split(line) == ["exec", sys.executable, "-m", "game", "play", *argv]


def test_the_game_command_parses_as_play(tmp_path: Path) -> None:
    argv = play_argv(parse("--seed", "7", "--results", str(tmp_path), "--streak-bonus"))
    args = build_parser().parse_args(["play", *argv])
    assert (args.seed, args.results, args.streak_bonus, args.plain) == (
        7,
        str(tmp_path.resolve()),
        True,
        False,
    )


def test_serve_has_no_player_or_plain_flag(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--player", "--plain"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["serve", flag, "x"] if flag == "--player" else ["serve", flag])
    capsys.readouterr()


def test_public_url() -> None:
    assert public_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert public_url("0.0.0.0", 8123, "http://class.example:80/") == "http://class.example:80"
    url = public_url("0.0.0.0", 8123, None)
    assert url.startswith("http://") and url.endswith(":8123") and "0.0.0.0" not in url
    assert public_url("::1", 9000, None) == "http://[::1]:9000"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_server_starts_and_answers(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(port), "--seed", "3"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        deadline = time.monotonic() + 30
        body = ""
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"the server exited: {proc.stdout.read().decode(errors='replace')}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    body = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer within 30 s")
        assert f"ws://127.0.0.1:{port}/ws" in body  # the page points browsers at this server's websocket
        assert "<title>quotebound</title>" in body
    finally:
        proc.send_signal(signal.SIGTERM if os.name != "nt" else signal.CTRL_BREAK_EVENT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_a_taken_port_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert "cannot serve" in capsys.readouterr().err
