"""A live class's release latency: from the host's ``next`` to each student's screen showing the question.

`python benchmarks/bench_class.py [--students 30] [--browsers 0] [--questions 5]` starts a scripted plain host
and that many plain students (`class join --plain`) on one class store in a temporary folder; with
``--browsers N`` the host also serves the class (a free port on 127.0.0.1) and N browsers join it: real
websockets (aiohttp), each typing its name into the served student game, as a browser would. Each student
answers at once (``--answer-after SEC``: that long after the question shows); the host reveals by itself
when all have answered, and releases the next question ``--gap`` seconds later (2 by default: the class
has the reveal on screen and reads it; 1 or 0.5 is a teacher moving on before most have read their
verdict). The release time is the class state's ``released_at`` (written by the host's ``next``); a plain
student's arrival is when its "Question k of N" line reaches this process through its stdout pipe, a
browser's when the frame holding "Question k of N" reaches its websocket. Prints the median and the
maximum over every student and question, for plain students and browsers apart (target, issue 16: median
<= 300 ms, max <= 1 s on 2 cores), and by question; for browsers also the reveal's arrival (the frame
holding "From the article:", from the moment this process sees the store revealed, polled every 20 ms).
Question 1 is released while games may still be starting: the figures start at question 2. The host
wakes every game the moment it releases a question
(``game.classroom.wakeup``); the games look at the store by themselves only as a fallback (every 0.5 s once
woken; before the first wake-up, plain students every 100 ms, the full-screen game every 50 ms). Browsers
join once the server's warm worker is ready (``serve.log`` says so), so their games are forked warm; the
line printed says which.

``--cpu`` also samples the CPU time (``/proc/PID/task/*/schedstat``, nanoseconds) of the host, its web
server (textual-serve relaying every game's output), the warm worker's first ``--cpu-games`` games (3 by
default), every ``--cpu-every`` seconds, and prints what each spent per release: from the host's ``next``
to ``--cpu-window`` seconds after (0.3 by default), less what it spends in as long a window just before
(idle: its polls of the store), and, with one browser, up to the question's frame reaching the websocket.
What decides the 30-browser median is the sum of the games' CPU per release over two cores; this is the
figure to compare when the machine is too busy for wall-clock times.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "cli"))  # class_procs: the class tests' process helpers

from class_procs import free_port, game_env, join_argv, spawn, start_argv, wait_for_class  # noqa: E402

from game.store.classdb import ClassStore  # noqa: E402

HEADING = re.compile(r"^Question (\d+) of \d+ ")
REVEALED = b"From the article:"
"""A browser's reveal is on screen when its frame holds the quote's label."""
ENDED = b"The teacher has ended the class"
TIMEOUT = 120.0


async def browsers(
    port: int,
    count: int,
    questions: int,
    arrivals: dict[tuple[str, int], float],
    lock: threading.Lock,
    answer_after: float = 0.0,
) -> None:
    """``count`` browsers: each joins under a name, then answers 1 to every question the moment it shows."""
    import aiohttp

    async def one(i: int, client: aiohttp.ClientSession) -> None:
        async with client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws:
            seen = b""

            async def until(*wanted: bytes) -> bytes:
                """Wait for the first of ``wanted`` to reach this browser; what came up to it is used up."""
                nonlocal seen
                keep = max(map(len, wanted))
                async with asyncio.timeout(TIMEOUT):
                    while True:
                        found = [(seen.index(w), w) for w in wanted if w in seen]
                        if found:
                            at, match = min(found)
                            seen = seen[at + len(match) :]
                            return match
                        message = await ws.receive()
                        if message.type != aiohttp.WSMsgType.BINARY:
                            raise RuntimeError(f"browser {i}: the game ended ({message.type})")
                        # Only the tail is kept: searching a buffer that grows with every frame would take
                        # this process ever more of the CPU the games need.
                        seen = seen[-keep:] + message.data

            def heading(q: int) -> bytes:
                return f"Question {q} of {questions}".encode()

            await until(b"Type your name")
            await ws.send_json(["stdin", f"B{i}\r"])
            # The host starts once everyone has joined: a browser may go straight to the first question.
            asked = False  # the next question is already on screen (its release came before the reveal)
            for q in range(1, questions + 1):
                if not asked:
                    await until(heading(q))
                    with lock:
                        arrivals[(f"B{i}", q)] = time.time()
                await asyncio.sleep(answer_after)
                await ws.send_json(["stdin", "1"])
                # The reveal, unless the teacher moved on before it reached this screen.
                shown = await until(REVEALED, heading(q + 1) if q < questions else ENDED)
                if shown == ENDED:
                    return
                asked = shown != REVEALED
                with lock:
                    # The reveal of question q under a negative key; or the next question's arrival.
                    arrivals[(f"B{i}", q + 1 if asked else -q)] = time.time()
            await until(ENDED)

    async with aiohttp.ClientSession() as client:
        await asyncio.gather(*(one(i, client) for i in range(count)))


def _cpu_ns(pid: int) -> int | None:
    """The CPU time, in ns, of every thread of ``pid`` (None once it has gone)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
    except (OSError, ValueError):
        return None if not os.path.isdir(f"/proc/{pid}") else total
    return total


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return sorted(found)


class CpuSampler:
    """Samples the CPU time of the host, its web server and a few games (see the module docstring)."""

    def __init__(self, host: int, games: int, every: float) -> None:
        self.host = host
        self.games = games
        self.every = every
        self.samples: dict[str, list[tuple[float, int]]] = {}
        self.stop = threading.Event()

    def _roles(self) -> dict[str, int]:
        roles = {"host": self.host}
        servers = _children(self.host)
        if servers:
            roles["server"] = servers[0]
            workers = _children(servers[0])
            if workers:
                for i, game in enumerate(_children(workers[0])[: self.games]):
                    roles[f"game {i + 1}"] = game
        return roles

    def run(self) -> None:
        roles: dict[str, int] = {}
        looked = 0.0
        while not self.stop.is_set():
            now = time.time()
            if now - looked > 1.0 and len(roles) < 2 + self.games:
                roles = self._roles()
                looked = now
            for role, pid in roles.items():
                used = _cpu_ns(pid)
                if used is not None:
                    self.samples.setdefault(f"{role} ({pid})", []).append((now, used))
            time.sleep(self.every)

    def used(self, role: str, start: float, end: float) -> float | None:
        """CPU ms ``role`` spent from ``start`` to ``end`` (the samples nearest before each)."""
        points = self.samples.get(role, [])
        before = [u for t, u in points if t <= start]
        until = [u for t, u in points if t <= end]
        if not before or not until or points[-1][0] < end:
            return None
        return (until[-1] - before[-1]) / 1e6


def report_cpu(
    sampler: CpuSampler, releases: dict[int, float], arrivals: dict[tuple[str, int], float], window: float
) -> None:
    games_total: dict[int, float] = {}
    for role in sorted(sampler.samples):
        extra, upto = [], []
        for q, at in releases.items():
            if q < 2:
                continue
            busy = sampler.used(role, at, at + window)
            idle = sampler.used(role, at - window - 0.02, at - 0.02)
            if busy is not None and idle is not None:
                extra.append(busy - idle)
                if role.startswith("game"):
                    games_total[q] = games_total.get(q, 0.0) + busy - idle
            if role.startswith("game") and ("B0", q) in arrivals and sampler.games == 1:
                spent = sampler.used(role, at, arrivals[("B0", q)])
                if spent is not None:
                    upto.append(spent)
        if not extra:
            continue
        line = (
            f"  {role}: CPU a release, {window * 1000:.0f} ms from `next` less as long idle: median "
            f"{statistics.median(extra):.1f} ms (of {', '.join(f'{e:.1f}' for e in extra)})"
        )
        if upto:
            line += f"; to the frame {statistics.median(upto):.1f} ms"
        print(line)
    if games_total:
        print(f"  all sampled games: a release {sorted(round(v) for v in games_total.values())} ms")


def main(repeat: int = 3) -> list[str]:
    """``benchmarks/run.py``'s entry: 30 plain students, then 30 browsers (``next`` 2 s after the reveal), a
    run each for every three of run.py's repeats (a run is 150 releases); the lines each run prints."""
    rows: list[str] = []
    for _ in range(max(1, repeat // 3)):
        for argv in (["--students", "30"], ["--students", "0", "--browsers", "30"]):
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                cli([*argv, "--questions", "6"])
            rows += [line for line in printed.getvalue().splitlines() if line.strip()]
    return rows


def cli(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30, help="plain students (class join --plain)")
    parser.add_argument("--browsers", type=int, default=0, help="students in browsers (served)")
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument(
        "--gap", type=float, default=2.0, help="seconds from the reveal to `next` (the class reads it)"
    )
    parser.add_argument("--answer-after", type=float, default=0.0, help="seconds a browser takes to answer")
    parser.add_argument("--cpu", action="store_true", help="sample the CPU of the host, server and games")
    parser.add_argument("--cpu-games", type=int, default=3, help="games sampled with --cpu")
    parser.add_argument("--cpu-every", type=float, default=0.005, help="seconds between CPU samples")
    parser.add_argument("--cpu-window", type=float, default=0.3, help="seconds after `next` counted")
    args = parser.parse_args(argv)
    sampler: CpuSampler | None = None
    env = game_env()
    arrivals: dict[tuple[str, int], float] = {}
    releases: dict[int, float] = {}
    lock = threading.Lock()
    port = free_port()
    warm = False
    with tempfile.TemporaryDirectory(prefix="qb-bench-class-") as tmp:
        env["QUOTEBOUND_DATA"] = str(Path(tmp) / "data")
        folder = Path(tmp) / "class"
        script = [f"wait joined {args.students + args.browsers}", "start"]
        for _ in range(args.questions - 1):
            script += ["wait reveal", f"sleep {args.gap}", "next"]
        script += ["wait reveal", "end"]
        serving = ["--port", str(port)] if args.browsers else ["--no-serve"]
        argv = start_argv(folder, "--questions", str(args.questions), *serving, seed=10)
        host = spawn(argv, None, env=env, stdout=subprocess.DEVNULL)
        assert host.stdin is not None
        wait_for_class(folder, host)

        def read(name: str, proc: subprocess.Popen[str]) -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                match = HEADING.match(line)
                if match:
                    with lock:
                        arrivals[(name, int(match.group(1)))] = time.time()

        def watch() -> None:
            with ClassStore.open(folder) as store:
                while host.poll() is None:
                    state = store.state()
                    if state.phase == "main" and state.released_at is not None:
                        releases.setdefault(state.question + 1, state.released_at)
                        if state.revealed:  # seen within this loop's 20 ms
                            releases.setdefault(-(state.question + 1), time.time())
                    time.sleep(0.02)

        browsing: threading.Thread | None = None
        if args.browsers:
            log = folder / "serve.log"
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and not warm:
                warm = log.is_file() and "warm worker is ready" in log.read_text(errors="replace")
                time.sleep(0.1)
            browsing = threading.Thread(
                target=lambda: asyncio.run(
                    browsers(port, args.browsers, args.questions, arrivals, lock, args.answer_after)
                ),
                daemon=True,
            )
            browsing.start()
        # The script goes in once the browsers are on their way: the host waits for everyone to join.
        host.stdin.write("\n".join(script) + "\n")
        host.stdin.close()
        students = []
        for i in range(args.students):
            proc = spawn(
                join_argv(folder, f"S{i}"), "1\n" * args.questions, env=env, stderr=subprocess.DEVNULL
            )
            threading.Thread(target=read, args=(f"S{i}", proc), daemon=True).start()
            students.append(proc)
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        if args.cpu:
            sampler = CpuSampler(host.pid, min(args.cpu_games, args.browsers), args.cpu_every)
            threading.Thread(target=sampler.run, daemon=True).start()
        host.wait(timeout=600)
        for proc in students:
            proc.wait(timeout=60)
        if browsing is not None:
            browsing.join(timeout=60)
        watcher.join()
        if sampler is not None:
            sampler.stop.set()
    # Question 1 is released by `start` while students may still be starting: measure from question 2.
    status = 1
    for kind, prefix, count in (("plain students", "S", args.students), ("browsers", "B", args.browsers)):
        if not count:
            continue
        delays = [
            (at - releases[q]) * 1000
            for (name, q), at in arrivals.items()
            if name.startswith(prefix) and q >= 2 and q in releases
        ]
        if not delays:
            print(f"{kind}: no measurements (did the class run?)", file=sys.stderr)
            continue
        status = 0
        how = ""
        if prefix == "B":
            how = " (games forked by the warm worker)" if warm else " (games started cold)"
        print(
            f"{count} {kind}{how}, {len(delays)} releases: from `next` to the question on screen "
            f"median {statistics.median(delays):.0f} ms, max {max(delays):.0f} ms "
            "(target: median <= 300 ms, max <= 1000 ms)"
        )
        by_question: dict[int, list[float]] = {}
        for (name, q), at in arrivals.items():
            if name.startswith(prefix) and q >= 2 and q in releases:
                by_question.setdefault(q, []).append((at - releases[q]) * 1000)
        print(
            "  median / max by question: "
            + ", ".join(
                f"{q}: {statistics.median(d):.0f} / {max(d):.0f}" for q, d in sorted(by_question.items())
            )
        )
        reveals = [
            (at - releases[q]) * 1000
            for (name, q), at in arrivals.items()
            if name.startswith(prefix) and q < 0 and q in releases
        ]
        if reveals:
            revealed: dict[int, list[float]] = {}
            for (name, q), at in arrivals.items():
                if name.startswith(prefix) and q < 0 and q in releases:
                    revealed.setdefault(-q, []).append((at - releases[q]) * 1000)
            print(
                f"  the reveal on those screens (from the store's reveal, seen within 20 ms): median "
                f"{statistics.median(reveals):.0f} ms, max {max(reveals):.0f} ms (by question: "
                + ", ".join(
                    f"{q}: {statistics.median(d):.0f} / {max(d):.0f}" for q, d in sorted(revealed.items())
                )
                + f"); `next` came {args.gap} s after the reveal"
            )
    if sampler is not None:
        report_cpu(sampler, releases, arrivals, args.cpu_window)
    return status


if __name__ == "__main__":
    sys.exit(cli())
