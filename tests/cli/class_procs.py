"""A live class as processes, for the class tests (tests/cli/test_class_cli.py) and the class benchmark
(benchmarks/bench_class.py): the game's command line, a game started with its input piped in, waiting for
the host to create the class store, a free port.

Imported by plain name: pytest puts this folder on ``sys.path`` for the tests beside it, and the benchmark
puts it there itself, so each still runs alone.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from game.store.classdb import ClassStore

PACK = "panjshir"
WAIT_SECONDS = 120.0
"""The longest a class is waited for (a loaded machine starting many Pythons is slow, not stuck)."""


def game_argv(*args: str) -> list[str]:
    """``python -m game ARGS`` with this interpreter."""
    return [sys.executable, "-m", "game", *args]


def game_env() -> dict[str, str]:
    """The environment with unbuffered output, so each line reaches the pipe when printed."""
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def start_argv(folder: Path, *options: str, seed: int | None = None) -> list[str]:
    """``class start FOLDER --plain`` with the pack (and ``seed``) to create the class, then ``options``."""
    created = ["--pack", PACK] + (["--seed", str(seed)] if seed is not None else [])
    return ["class", "start", str(folder), *created, "--plain", *options]


def join_argv(folder: Path, name: str) -> list[str]:
    """``class join FOLDER --player NAME --plain``."""
    return ["class", "join", str(folder), "--player", name, "--plain"]


def spawn(
    args: list[str],
    stdin: str | None,
    *,
    env: dict[str, str] | None = None,
    stdout: int = subprocess.PIPE,
    stderr: int = subprocess.PIPE,
) -> subprocess.Popen[str]:
    """The game started with ``args``; ``stdin`` written and closed (a script piped in), or with None the
    pipe left open for the caller to write to."""
    proc = subprocess.Popen(
        game_argv(*args),
        stdin=subprocess.PIPE,
        stdout=stdout,
        stderr=stderr,
        text=True,
        env=env or game_env(),
    )
    assert proc.stdin is not None
    if stdin is not None:
        proc.stdin.write(stdin)
        proc.stdin.close()
        proc.stdin = None  # closed: communicate() must not flush it again
    return proc


def run(args: list[str], stdin: str, *, timeout: float = WAIT_SECONDS) -> subprocess.CompletedProcess[str]:
    """The game run with ``args`` to its end, ``stdin`` piped in, its output captured."""
    return subprocess.run(
        game_argv(*args), input=stdin, capture_output=True, text=True, env=game_env(), timeout=timeout
    )


def wait_for_class(folder: Path, host: subprocess.Popen[str]) -> None:
    """Until the host has created the class store in ``folder``; AssertionError if the host stops first."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not ClassStore.exists(folder):
        assert host.poll() is None, host.communicate()
        assert time.monotonic() < deadline, f"no class in {folder} after {WAIT_SECONDS:g} s"
        time.sleep(0.05)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
