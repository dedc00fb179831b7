"""``serve``'s warm worker (issue 15, item 5): each browser's game forked from a process that is ready.

A real worker (the bundled packs, progress in a scratch folder) serves a ClassServer running in this
process on 127.0.0.1; the browsers are aiohttp websocket clients. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shlex
import signal
import sys
import textwrap
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from game.cli import build_parser
from game.commands import warm
from game.commands.classroom import ClassServer, game_environment
from game.commands.warm import WarmProcess, WarmWorker, available

pytestmark = pytest.mark.skipif(not available(), reason="the warm worker needs fork and pidfds (Linux)")

FIRST_SCREEN = b"Who is playing?"
FIRST_WIDTH = 81
"""The first of two browsers' screen width; the second asks for one more."""

COLD_GAME = textwrap.dedent(
    """\
    import sys
    sys.stdout.buffer.write(b"__GANGLION__\\n")
    text = b"a cold game"
    sys.stdout.buffer.write(b"D" + len(text).to_bytes(4, "big") + text)
    sys.stdout.flush()
    sys.stdin.buffer.read()
    """
)


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmWorker]:
    data = tmp_path_factory.mktemp("warm-data")
    # Not where --data-dir points, so a test can tell the flag reached the games.
    environment = {**game_environment(), "QUOTEBOUND_DATA": str(tmp_path_factory.mktemp("env-data"))}
    started = WarmWorker(["--data-dir", str(data)], environment)
    assert started.start(), "the warm worker did not start"
    yield started
    started.stop()


async def wait_for(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail("timed out waiting")
        await asyncio.sleep(0.02)


async def read_until(ws: ClientWebSocketResponse, wanted: bytes, timeout: float = 30.0) -> bytes:
    """What the game sent until ``wanted`` appeared in it (fails after ``timeout`` seconds)."""
    seen = b""
    async with asyncio.timeout(timeout):
        while wanted not in seen:
            message = await ws.receive()
            if message.type != WSMsgType.BINARY:
                pytest.fail(f"the game's screen ended before {wanted!r}: {message.type}; {seen[-300:]!r}")
            seen += message.data
    return seen


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


class Games(list[WarmProcess]):
    """The games the worker opened, in the order they were ready: not the order their browsers connected
    (two opened at once are forked in threads and come back in either order under load)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_width: dict[int, WarmProcess] = {}
        """Each game by the screen width its browser asked for: a test that tells browsers apart gives
        each its own width."""


@contextlib.asynccontextmanager
async def serving(worker: WarmWorker | None, command: str = "false", **options: Any) -> AsyncIterator[Any]:
    """A ClassServer on 127.0.0.1 whose games come from ``worker``; on leaving, every game has ended."""
    options.setdefault("max_players", 10)
    server = ClassServer(command, host="127.0.0.1", title="quotebound", worker=worker, **options)
    games = Games()
    real_open = WarmWorker.open_game

    async def recording_open(self: WarmWorker, width: int, height: int) -> WarmProcess:
        game = await real_open(self, width, height)
        games.append(game)
        games.by_width[width] = game
        return game

    WarmWorker.open_game = recording_open  # type: ignore[method-assign]
    try:
        async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
            yield server, client, games
            await wait_for(lambda: server.players == 0)
    finally:
        WarmWorker.open_game = real_open  # type: ignore[method-assign]


async def test_a_warm_game_shows_its_first_screen_and_ends_with_its_browser(worker: WarmWorker) -> None:
    async with serving(worker) as (server, client, games):
        ws = await client.ws_connect("/ws?width=90&height=30")
        await read_until(ws, FIRST_SCREEN)
        [game] = games
        assert parent_of(game.pid) == worker.process.pid  # type: ignore[union-attr]
        # The game runs with serve's play flags: its progress is where --data-dir said.
        data = Path(worker.play_argv[worker.play_argv.index("--data-dir") + 1])
        assert any(path.suffix == ".sqlite3" for path in data.iterdir())
        assert not any(
            path.suffix == ".sqlite3" for path in Path(worker.environment["QUOTEBOUND_DATA"]).iterdir()
        )
        await ws.close()  # the browser has gone
        await wait_for(lambda: server.players == 0)
        await wait_for(lambda: not alive(game.pid))


@pytest.mark.parametrize("first_ready_last", [False, True], ids=["in-order", "first-ready-last"])
async def test_two_browsers_get_two_independent_games(
    worker: WarmWorker, monkeypatch: pytest.MonkeyPatch, first_ready_last: bool
) -> None:
    """Each browser's game is found by the width it asked for: the test once took the first game ready
    for the first browser's, and under load the second browser's was ready first, so it waited for the
    wrong game to end after the first browser left ("timed out waiting"). ``first-ready-last`` makes
    that order happen: the first browser's fork waits until the second's has been made."""
    if first_ready_last:
        second_made = threading.Event()
        real_ask = warm._ask

        def ask(path: str, request: bytes, fds: list[int]) -> tuple[int, int]:
            if json.loads(request)["width"] == FIRST_WIDTH:
                assert second_made.wait(30.0)
                return real_ask(path, request, fds)
            try:
                return real_ask(path, request, fds)
            finally:
                second_made.set()

        monkeypatch.setattr(warm, "_ask", ask)
    async with serving(worker) as (server, client, games):
        first = await client.ws_connect(f"/ws?width={FIRST_WIDTH}&height=24")
        second = await client.ws_connect(f"/ws?width={FIRST_WIDTH + 1}&height=24")
        await asyncio.gather(read_until(first, FIRST_SCREEN), read_until(second, FIRST_SCREEN))
        assert len(games) == 2
        mine, theirs = games.by_width[FIRST_WIDTH], games.by_width[FIRST_WIDTH + 1]
        assert mine.pid != theirs.pid
        if first_ready_last:
            assert games == [theirs, mine]
        await first.send_json(["stdin", "Zanzibar"])  # typed into the first game's name box
        await read_until(first, b"Zanzibar")
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(1.0):
                while True:
                    message = await second.receive()
                    assert b"Zanzibar" not in (message.data or b""), "a key reached the other game"
        await first.close()
        await wait_for(lambda: not alive(mine.pid))
        assert alive(theirs.pid), "closing one browser ended the other's game"
        await second.close()
        await wait_for(lambda: not alive(theirs.pid))


async def test_a_warm_game_that_ignores_quit_is_killed_after_the_grace_period(worker: WarmWorker) -> None:
    async with serving(worker, grace=0.5) as (server, client, games):
        ws = await client.ws_connect("/ws")
        await read_until(ws, FIRST_SCREEN)
        [game] = games
        os.kill(game.pid, signal.SIGSTOP)  # a game that answers nothing, not even quit
        await ws.close()
        await wait_for(lambda: server.players == 0, timeout=10)
        await wait_for(lambda: not alive(game.pid), timeout=10)


async def test_without_the_worker_games_start_cold(tmp_path: Path, worker: WarmWorker) -> None:
    script = tmp_path / "cold_game.py"
    script.write_text(COLD_GAME, encoding="utf-8")
    command = "exec " + shlex.join([sys.executable, str(script)])
    gone = WarmWorker(["--data-dir", str(tmp_path)], game_environment())  # never started
    async with serving(gone, command) as (server, client, games):
        ws = await client.ws_connect("/ws")
        await read_until(ws, b"a cold game")
        await ws.close()
    # A worker that stops answering (its socket gone) is not the browser's problem either.
    unanswering = WarmWorker([], {})
    unanswering.process = worker.process  # "running", but at an address where nobody listens
    unanswering.path = str(tmp_path / "nobody.sock")
    open_fds = len(os.listdir("/proc/self/fd"))
    async with serving(unanswering, command) as (server, client, games):
        ws = await client.ws_connect("/ws")
        await read_until(ws, b"a cold game")
        await ws.close()
        assert games == []
    assert len(os.listdir("/proc/self/fd")) <= open_fds, "the pipes made for the worker were left open"


def test_a_worker_that_cannot_load_the_packs_says_so(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "scenes"
    broken.mkdir()
    worker = WarmWorker(["--scenes", str(broken)], game_environment())
    assert not worker.start(timeout=60)
    err = capfd.readouterr().err
    assert "no packs found" in err and "every game starts cold" in err
    assert worker.process is None


def test_no_warm_flag() -> None:
    assert build_parser().parse_args(["serve"]).warm is True
    assert build_parser().parse_args(["serve", "--no-warm"]).warm is False


@pytest.mark.slow
async def test_thirty_browsers_at_once_each_get_a_game_that_ends_with_them(worker: WarmWorker) -> None:
    """The benchmark's load (benchmarks/bench_serve.py times it), checked for correctness only."""
    async with serving(worker, max_players=30) as (server, client, games):
        sockets = await asyncio.gather(*(client.ws_connect("/ws") for _ in range(30)))
        await asyncio.gather(*(read_until(ws, FIRST_SCREEN, timeout=120) for ws in sockets))
        assert len({game.pid for game in games}) == 30
        await asyncio.gather(*(ws.close() for ws in sockets))
        await wait_for(lambda: server.players == 0, timeout=60)
        await wait_for(lambda: not any(alive(game.pid) for game in games), timeout=30)
