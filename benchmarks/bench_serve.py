"""Thirty browsers joining ``quotebound serve`` at once: cold games (``--no-warm``) against warm ones.

    python benchmarks/bench_serve.py [--players N]

For each way of starting games, in the same run: start ``quotebound serve`` on 127.0.0.1 (a free port,
progress in a scratch folder), open N real websockets within one second (as N browsers would), and time
each from its connect to the first frame holding the player screen ("Who is playing?"). Then, with all N
games on screen, sum the PSS (``/proc/PID/smaps_rollup``: shared copy-on-write pages are split between
the processes sharing them, where RSS counts them in every one) over the server and everything under
it; close every browser and check that no game outlives its browser; open one browser alone and sum
again. Each player beyond the first adds (PSS with N - PSS with 1) / (N - 1).

Target (issue 15, item 5): on 2 cores, 30 players all see their first screen within 3 s (max), and each
player beyond the first adds <= 15 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
FIRST_SCREEN = b"Who is playing?"
TIMEOUT = 90.0


@dataclass
class Result:
    label: str
    waits: list[float]
    pss_many: int
    pss_one: int
    players: int
    leftover: list[int]
    cpu: float
    """CPU seconds the games had used, in all, once every first screen was shown."""
    serving_cpu: float
    """CPU seconds the server (and the worker) spent meanwhile, from the first connect."""

    @property
    def per_player_kib(self) -> float:
        return (self.pss_many - self.pss_one) / (self.players - 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ppids() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def descendants(root: int) -> list[int]:
    parents = _ppids()
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent:
                found.append(pid)
                frontier.append(pid)
    return found


def is_worker(pid: int) -> bool:
    try:
        return b"warm_worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def games(root: int) -> list[int]:
    """The game processes under the server: everything but the warm worker (its forked games share its
    command line, so it is told apart as the server's own child)."""
    workers = {pid for pid, ppid in _ppids().items() if ppid == root and is_worker(pid)}
    return [pid for pid in descendants(root) if pid not in workers]


def cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def pss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass  # ended meanwhile
    return total


async def first_screen(session: aiohttp.ClientSession, url: str, delay: float) -> tuple[float, object]:
    """Open a websocket after ``delay``; seconds from connect to the first screen, and the socket."""
    await asyncio.sleep(delay)
    start = time.perf_counter()
    ws = await session.ws_connect(url)
    seen = b""
    async with asyncio.timeout(TIMEOUT):
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
                if FIRST_SCREEN in seen:
                    return time.perf_counter() - start, ws
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    raise RuntimeError(f"no first screen; got {seen[-300:]!r}")


async def wait_until_listening(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"serve exited with {server.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        return
    raise RuntimeError("serve did not start")


async def wait_gone(pids: list[int], timeout: float = 15.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while True:
        left = [pid for pid in pids if Path(f"/proc/{pid}").exists() and not _zombie(pid)]
        if not left or time.monotonic() > deadline:
            return left
        await asyncio.sleep(0.1)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


async def measure(label: str, extra: list[str], players: int) -> Result:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="qb-bench-serve-") as data:
        env = {**os.environ, "QUOTEBOUND_DATA": data}
        server = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--port", str(port), *extra],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            await wait_until_listening(port, server)
            url = f"http://127.0.0.1:{port}/ws?width=80&height=24"

            def serving() -> list[int]:
                return [server.pid, *(pid for pid in descendants(server.pid) if pid not in games(server.pid))]

            before = cpu_seconds(serving())
            async with aiohttp.ClientSession() as session:
                spread = 1.0 / players
                opened = await asyncio.gather(
                    *(first_screen(session, url, i * spread) for i in range(players))
                )
                waits = [wait for wait, _ in opened]
                cpu = cpu_seconds(games(server.pid))
                serving_cpu = cpu_seconds(serving()) - before
                await asyncio.sleep(1.0)  # let every game settle before weighing it
                many = pss_kib([server.pid, *descendants(server.pid)])
                running = games(server.pid)
                if len(running) != players:
                    raise RuntimeError(f"{len(running)} game processes for {players} browsers")
                for _, ws in opened:
                    await ws.close()  # type: ignore[attr-defined]
                leftover = await wait_gone(running)
                _, ws = await first_screen(session, url, 0)
                await asyncio.sleep(1.0)
                one = pss_kib([server.pid, *descendants(server.pid)])
                await ws.close()  # type: ignore[attr-defined]
                leftover += await wait_gone(games(server.pid))
        finally:
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return Result(label, waits, many, one, players, leftover, cpu, serving_cpu)


def rows(cold: Result, warm: Result) -> list[str]:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f} ms"

    out = []
    for name, pick in (("median", statistics.median), ("max", max)):
        c, w = pick(cold.waits), pick(warm.waits)
        out.append(
            f"{warm.players} browsers joining serve, {name} wait for the first screen: "
            f"warm {ms(w)}, cold {ms(c)} (--no-warm): {w / c:.2f}x (target: max <= 3 s)"
        )
    c, w = cold.per_player_kib / 1024, warm.per_player_kib / 1024
    out.append(
        f"  PSS added per player beyond the first: warm {w:.1f} MiB, cold {c:.1f} MiB: {w / c:.2f}x "
        "(target: <= 15 MB)"
    )
    c, w = cold.cpu / cold.players, warm.cpu / warm.players
    out.append(
        f"  CPU per game to its first screen: warm {ms(w)}, cold {ms(c)}: {w / c:.2f}x (for information)"
    )
    c, w = cold.serving_cpu / cold.players, warm.serving_cpu / warm.players
    out.append(f"  the server's (and worker's) CPU per game meanwhile: warm {ms(w)}, cold {ms(c)}")
    for result in (cold, warm):
        state = "none" if not result.leftover else f"{len(result.leftover)} LEFT: {result.leftover}"
        out.append(f"  {result.label}: game processes outliving their browser: {state}")
    return out


def main(repeat: int = 1, players: int = 30) -> list[str]:
    """One cold and one warm round (``repeat`` is ignored: thirty games are one sample each)."""
    cold = asyncio.run(measure("cold", ["--no-warm"], players))
    warm = asyncio.run(measure("warm", [], players))
    return rows(cold, warm)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--players", type=int, default=30)
    parser.add_argument("--warm-only", action="store_true", help="skip the cold round (while tuning)")
    options = parser.parse_args()
    if options.warm_only:
        warm = asyncio.run(measure("warm", [], options.players))
        print(
            f"warm: median {statistics.median(warm.waits):.2f} s, max {max(warm.waits):.2f} s, "
            f"{warm.per_player_kib / 1024:.1f} MiB a player, {warm.cpu / warm.players:.3f} s CPU a game, "
            f"{warm.serving_cpu / warm.players:.3f} s server CPU a game, "
            f"left: {warm.leftover}"
        )
        sys.exit(0)
    for row in main(players=options.players):
        print(row)
