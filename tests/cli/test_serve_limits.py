"""``serve``'s limits (issue 13, item 8): a player cap, a screen cap, and games that end.

The server runs in this process on 127.0.0.1 (aiohttp's test server, a free port); each "game" is a
small stand-in script speaking textual-serve's protocol, which writes what it was given to a log file:
its screen size, every resize, its pid. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import sys
import textwrap
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from game.cli import build_parser, main
from game.commands.classroom import MAX_HEIGHT, MAX_WIDTH, ClassServer, clamp_size

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in game is started with exec")

FAKE_GAME = textwrap.dedent(
    """\
    import json, os, sys
    log = open(sys.argv[1], "a", buffering=1)
    stubborn = sys.argv[2] == "stubborn"
    log.write(f"start {os.getpid()} {os.environ['COLUMNS']} {os.environ['ROWS']}\\n")
    sys.stdout.write("__GANGLION__\\n")
    sys.stdout.flush()
    stdin = sys.stdin.buffer
    while True:
        kind = stdin.read(1)
        if not kind:
            break
        size = int.from_bytes(stdin.read(4), "big")
        payload = stdin.read(size)
        if kind == b"M":
            meta = json.loads(payload)
            if meta["type"] == "resize":
                log.write(f"resize {meta['width']} {meta['height']}\\n")
            elif meta["type"] == "quit" and not stubborn:
                break
    log.write(f"end {os.getpid()}\\n")
    """
)


async def wait_for(check: Callable[[], bool], timeout: float = 15.0) -> None:
    """Poll ``check`` until it is true; fail after ``timeout`` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail("timed out waiting")
        await asyncio.sleep(0.02)


def lines(log: Path, word: str) -> list[list[str]]:
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return [line.split()[1:] for line in text.splitlines() if line.startswith(word + " ")]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Harness:
    def __init__(self, server: ClassServer, client: TestClient, log: Path) -> None:
        self.server, self.client, self.log = server, client, log


@contextlib.asynccontextmanager
async def harness(tmp_path: Path, mode: str = "polite", **options: Any) -> AsyncIterator[Harness]:
    """A ClassServer on 127.0.0.1 whose games are the stand-in; on leaving, every game has ended."""
    script = tmp_path / "fake_game.py"
    script.write_text(FAKE_GAME, encoding="utf-8")
    log = tmp_path / "games.log"
    command = "exec " + shlex.join([sys.executable, str(script), str(log), mode])
    options.setdefault("max_players", 60)
    server = ClassServer(command, host="127.0.0.1", title="Tiny <pack>", **options)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        yield Harness(server, client, log)
        await wait_for(lambda: server.players == 0)


async def test_the_screen_size_is_capped_at_start_and_on_every_resize(tmp_path: Path) -> None:
    async with harness(tmp_path) as h:
        ws = await h.client.ws_connect("/ws?width=4000&height=4000")
        await wait_for(lambda: bool(lines(h.log, "start")))
        assert lines(h.log, "start")[0][1:] == [str(MAX_WIDTH), str(MAX_HEIGHT)]
        await ws.send_json(["resize", {"width": 4000, "height": 9999}])
        await ws.send_json(["resize", {"width": "lots", "height": 5}])  # ignored
        await ws.send_json(["resize", {"width": 100, "height": 30}])
        await wait_for(lambda: len(lines(h.log, "resize")) == 2)
        assert lines(h.log, "resize") == [[str(MAX_WIDTH), str(MAX_HEIGHT)], ["100", "30"]]
        await ws.close()


def test_clamp_size() -> None:
    assert clamp_size(4000, 4000) == (MAX_WIDTH, MAX_HEIGHT)
    assert clamp_size(-5, 0) == (1, 1)
    assert clamp_size("120", 40) == (120, 40)
    assert clamp_size(None, 40) is None and clamp_size(True, 40) is None and clamp_size(1e999, 4) is None


async def test_one_more_browser_than_max_players_is_told_the_class_is_full(tmp_path: Path) -> None:
    async with harness(tmp_path, max_players=1) as h:
        first = await h.client.ws_connect("/ws")
        await wait_for(lambda: bool(lines(h.log, "start")))

        page = await h.client.get("/")
        assert page.status == 503
        text = await page.text()
        assert "The class is full" in text and "Tiny &lt;pack&gt;" in text

        second = await h.client.ws_connect("/ws")
        message = await asyncio.wait_for(second.receive(), 10)
        assert message.type == WSMsgType.BINARY and b"The class is full" in message.data
        closed = await asyncio.wait_for(second.receive(), 10)
        assert closed.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING)
        await second.close()
        await asyncio.sleep(0.3)
        assert len(lines(h.log, "start")) == 1, "a game process started beyond the cap"

        await first.close()
        await wait_for(lambda: h.server.players == 0)
        page = await h.client.get("/")
        assert page.status == 200
        assert "<title>Tiny &lt;pack&gt;</title>" in await page.text()


async def test_a_game_that_ignores_quit_is_killed_after_the_grace_period(tmp_path: Path) -> None:
    async with harness(tmp_path, "stubborn", grace=0.5) as h:
        ws = await h.client.ws_connect("/ws")
        await wait_for(lambda: bool(lines(h.log, "start")))
        pid = int(lines(h.log, "start")[0][0])
        await ws.close()  # the browser has gone
        await wait_for(lambda: h.server.players == 0, timeout=10)
        await wait_for(lambda: not alive(pid), timeout=10)
        assert lines(h.log, "end") == [], "the stand-in was meant to ignore quit"


async def test_a_game_that_quits_is_not_killed(tmp_path: Path) -> None:
    async with harness(tmp_path, grace=30) as h:
        ws = await h.client.ws_connect("/ws")
        await wait_for(lambda: bool(lines(h.log, "start")))
        await ws.close()
        await wait_for(lambda: h.server.players == 0, timeout=10)
        assert len(lines(h.log, "end")) == 1


def test_max_players_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert build_parser().parse_args(["serve"]).max_players == 60
    assert build_parser().parse_args(["serve", "--max-players", "25"]).max_players == 25
    for bad in ("0", "-3", "many"):
        with pytest.raises(SystemExit) as info:
            build_parser().parse_args(["serve", "--max-players", bad])
        assert info.value.code == 2
    capsys.readouterr()


def test_serve_with_an_unknown_pack_is_a_content_error(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert main(["serve", "--port", str(port), "--pack", "nope"]) == 1
    assert "no pack 'nope'" in capsys.readouterr().err


def test_the_page_override_is_textual_serves_page_with_a_title() -> None:
    """One template override names the page: it must stay textual-serve's own page but for that line."""
    import textual_serve

    from game.commands.classroom import TEMPLATES

    upstream = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text("utf-8")
    ours = (TEMPLATES / "app_index.html").read_text("utf-8")
    body = ours[ours.index("-#}\n") + len("-#}\n") :]
    assert body.replace("\n    <title>{{ page_title }}</title>", "", 1) == upstream
