"""``class start`` serving the student game to browsers, run as a teacher runs it: a plain host with a real
server on a free port, a real websocket as the browser; a port in use refused before anything starts; and
no server (nor worker, nor game) left once the host has ended, also after ``kill -9``. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from game.commands.warm import available

LIMIT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            tree.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    return tree


def descendants(root: int) -> set[int]:
    tree, found, frontier = _children(), set(), [root]
    while frontier:
        for child in tree.get(frontier.pop(), []):
            found.add(child)
            frontier.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(check, what: str, timeout: float = LIMIT) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def host(folder: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    """``class start FOLDER --plain`` serving on ``port``; its commands are written to its stdin."""
    return subprocess.Popen(
        [sys.executable, "-m", "game", "class", "start", str(folder), "--plain", "--port", str(port), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def join_line(proc: subprocess.Popen[str]) -> str:
    """The plain host's line saying where students join (its second, after the class's settings)."""
    assert proc.stdout is not None
    lines = [proc.stdout.readline() for _ in range(2)]
    return next((line for line in lines if line.startswith("Students join")), "".join(lines))


async def browser_plays(port: int, proc: subprocess.Popen[str]) -> None:
    """A browser opens the page's websocket, types a name, and answers the released question."""
    seen = b""

    async def until(ws: aiohttp.ClientWebSocketResponse, wanted: bytes) -> None:
        nonlocal seen
        async with asyncio.timeout(LIMIT):
            while wanted not in seen:
                message = await ws.receive()
                assert message.type == aiohttp.WSMsgType.BINARY, (message, seen[-300:])
                seen += message.data

    assert proc.stdin is not None
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws:
            await until(ws, b"Type your name")
            await ws.send_json(["stdin", "Zoe\r"])
            await until(ws, "Waiting for the teacher…".encode())
            proc.stdin.write("wait joined 1\nstart\n")
            proc.stdin.flush()
            await until(ws, b"Question 1 of 2")
            await ws.send_json(["stdin", "1"])
            await until(ws, b"From the article")  # everyone present answered: revealed by itself


@pytest.mark.skipif(not available(), reason="the servers' process tree is read from /proc (Linux)")
def test_a_browser_joins_the_served_class_and_nothing_is_left_after(tmp_path: Path) -> None:
    port = free_port()
    folder = tmp_path / "class"
    proc = host(folder, port, "--pack", "panjshir", "--seed", "10", "--questions", "2")
    try:
        assert f"Students join at http://127.0.0.1:{port}/" in join_line(proc)
        wait_until(lambda: descendants(proc.pid), "the server to start")
        asyncio.run(browser_plays(port, proc))
        serving = descendants(proc.pid)  # the server, the warm worker and the browser's game
        assert len(serving) >= 3
        assert proc.stdin is not None
        proc.stdin.write("quit\n")
        proc.stdin.close()
        assert proc.wait(LIMIT) == 0
        assert not [pid for pid in serving if alive(pid)], "a server, worker or game outlived the host"
        assert (folder / "serve.log").is_file()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]


def page_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.mark.skipif(not available(), reason="the servers' process tree is read from /proc (Linux)")
def test_the_server_ends_with_a_killed_host_and_a_host_started_again_serves(tmp_path: Path) -> None:
    """kill -9 of the host: its server notices and ends; the host started again on the same port serves."""
    port = free_port()
    folder = tmp_path / "class"
    first = host(folder, port, "--pack", "panjshir", "--seed", "10")
    try:
        join_line(first)
        wait_until(lambda: page_answers(port), "the page")
        serving = descendants(first.pid)
        first.send_signal(signal.SIGKILL)
        first.wait()
        wait_until(lambda: not [pid for pid in serving if alive(pid)], "the server to end after its host")
    finally:
        if first.poll() is None:
            first.kill()
        first.wait()
    again = host(folder, port)
    try:
        assert f"Students join at http://127.0.0.1:{port}/" in join_line(again)
        wait_until(lambda: page_answers(port), "the page of the host started again")
        serving = descendants(again.pid)
        again.communicate("quit\n", timeout=LIMIT)
        assert again.returncode == 0
        assert not [pid for pid in serving if alive(pid)]
    finally:
        if again.poll() is None:
            again.kill()
            again.communicate()


def test_a_port_in_use_is_one_line_and_exit_2_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        folder = tmp_path / "class"
        command = ["class", "start", str(folder), "--pack", "panjshir", "--port", str(port)]
        result = subprocess.run(
            [sys.executable, "-m", "game", *command],
            capture_output=True,
            text=True,
            timeout=LIMIT,
            stdin=subprocess.DEVNULL,
        )
    assert result.returncode == 2
    assert result.stderr == f"quotebound: cannot serve on 127.0.0.1:{port}: Address already in use\n"
    assert result.stdout == "" and not folder.exists()  # no host screen, no class made
