"""Why the live class wakes its games in relays: a model of a release on this machine's scheduler.

`python benchmarks/relay_sched.py [--games 30] [--work-ms 13] [--repeat 3]` forks ``--games`` processes that
each burn ``--work-ms`` of CPU when woken (what a browser student's game spends drawing a released question,
issue 16), and times each one's finish from the wake: woken all at once, and in relays of 4 and 8 (the
first of each relay woken, each waking the next when done, at least two relays), as
``game.classroom.wakeup`` does. All at once, a fair scheduler has them all finish near the end; in relays
the median finishes at about half that, the last at the same time. Prints median and max per way.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import time


def _burn(seconds: float) -> None:
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def release(games: int, work: float, relay: int) -> tuple[float, float]:
    """(median, max) ms from the wake to each game's finish; ``relay`` 0: all woken at once."""
    chains = max(2, -(-games // relay)) if relay else games
    pairs = [socket.socketpair() for _ in range(games)]
    done_r, done_w = os.pipe()
    pids = []
    for i in range(games):
        pid = os.fork()
        if pid == 0:  # a game: wait for the wake, draw, tell, pass the relay on
            pairs[i][0].recv(1)
            _burn(work)
            os.write(done_w, f"{time.time()}\n".encode())
            if relay and i + chains < games:
                pairs[i + chains][1].send(b"!")
            os._exit(0)
        pids.append(pid)
    time.sleep(0.3)  # every game waiting
    start = time.time()
    for i in range(chains):
        pairs[i][1].send(b"!")
    finished: list[float] = []
    buffer = b""
    while len(finished) < games:
        buffer += os.read(done_r, 4096)
        *lines, buffer = buffer.split(b"\n")
        finished += [(float(line) - start) * 1000 for line in lines]
    for pid in pids:
        os.waitpid(pid, 0)
    os.close(done_r)
    os.close(done_w)
    for a, b in pairs:
        a.close()
        b.close()
    return statistics.median(finished), max(finished)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=30)
    parser.add_argument("--work-ms", type=float, default=13.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.repeat):
        for relay in (0, 4, 8):
            median, most = release(args.games, args.work_ms / 1000, relay)
            how = f"relays of {relay}" if relay else "all at once"
            print(f"{how:>12}: median {median:4.0f} ms, max {most:4.0f} ms (load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
