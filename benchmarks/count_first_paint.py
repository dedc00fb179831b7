"""Instructions to the first painted screen (valgrind): the game's two first screens and the floor.

    python benchmarks/count_first_paint.py [--keep DIR] [--only returning,newcomer,floor]

Each program runs under ``valgrind --tool=callgrind`` in its own 80x24 pseudo-terminal, as a player starts
it, until the first frame Textual hands the terminal (``first_frame.py``: ``App._display`` wrapped to
``os._exit``; a frame Textual is given inside a batch update is dropped, not written, and not the one):

- returning: the real command line, ``game.cli.main(["--player", "Bench"])`` (the title);
- newcomer: ``game.cli.main([])`` ("Who is playing?");
- floor: ``minimal_app.py --terminal``, the one-Static Textual app ``run.py``'s first-paint rows time.

Instruction counts are deterministic to about 2% (the event loop turns a little more often on a busy
machine), where wall times on a shared machine swing by 10-20%: decide with these, report both. Progress
and the pack cache go to scratch folders; each program runs once without valgrind first, so bytecode and
the pack cache are warm, as for a player's second start. ``--keep DIR`` keeps the callgrind.out files
(read them with ``callgrind_annotate``).
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import PYCACHE, PYTHON, ROOT  # noqa: E402

SUBJECTS: dict[str, list[str]] = {
    "returning": ["game", "--player", "Bench"],
    "newcomer": ["game"],
    "floor": ["minimal"],
}
"""Name → the arguments of first_frame.py. Warmed up in this order (the newcomer then lists Bench, as
in run.py, whose returning row runs first in the same data folder)."""

LABELS = {
    "returning": "returning player's title (quotebound --player Bench)",
    "newcomer": "newcomer's 'Who is playing?' (quotebound)",
    "floor": "floor: minimal_app.py --terminal",
}


def _spawn(argv: list[str], env: dict[str, str]) -> tuple[int, int]:
    """Start ``argv`` with an 80x24 pseudo-terminal as its terminal; returns (pid, the pty's fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            import fcntl
            import termios

            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def _run_all(commands: dict[str, list[str]], env: dict[str, str], timeout: float) -> dict[str, int]:
    """Run the commands side by side, each in its own terminal, reading what they write until they
    exit; returns each one's exit status."""
    running = {name: _spawn(argv, env) for name, argv in commands.items()}
    status: dict[str, int] = {}
    deadline = time.monotonic() + timeout
    while running and time.monotonic() < deadline:
        by_fd = {fd: name for name, (_pid, fd) in running.items()}
        ready, _, _ = select.select(list(by_fd), [], [], 0.5)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child has gone
                chunk = b""
            if not chunk:
                name = by_fd[fd]
                pid, _fd = running.pop(name)
                _pid, code = os.waitpid(pid, 0)
                os.close(fd)
                status[name] = os.waitstatus_to_exitcode(code)
    for name, (pid, fd) in running.items():
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
        raise RuntimeError(f"{name} did not reach its first frame within {timeout} s")
    return status


def count(names: list[str], keep: Path | None) -> dict[str, int]:
    """Warm up, then count each program's instructions to its first frame; name → instructions."""
    with tempfile.TemporaryDirectory(prefix="qb-count-") as scratch:
        out = keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "QUOTEBOUND_DATA": str(Path(scratch) / "data"),
            "QUOTEBOUND_CACHE": str(Path(scratch) / "cache"),
            # Bytecode cached as for the pty benchmarks (harness.run_pty): with PYTHONDONTWRITEBYTECODE
            # set, every module would compile from source, ~340M more for the game.
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(PYCACHE),
            "TERM": "xterm-256color",
        }
        env.pop("NO_COLOR", None)
        script = str(HERE / "first_frame.py")
        for name in SUBJECTS:  # warm-up, one at a time, in the table's order
            if name in names:
                _run_all({name: [PYTHON, script, *SUBJECTS[name]]}, env, timeout=120)
        commands = {
            name: [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out / f'callgrind.out.{name}'}",
                f"--log-file={out / f'valgrind.{name}.log'}",
                PYTHON,
                script,
                *SUBJECTS[name],
            ]
            for name in names
        }
        statuses = _run_all(commands, env, timeout=1800)
        totals: dict[str, int] = {}
        for name in names:
            log = (out / f"valgrind.{name}.log").read_text()
            found = re.search(r"Collected : ([\d,]+)", log)
            if statuses[name] != 0 or found is None:
                raise RuntimeError(f"{name} failed (status {statuses[name]}):\n{log[-2000:]}")
            totals[name] = int(found.group(1).replace(",", ""))
        return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the callgrind.out files in this folder")
    parser.add_argument("--only", default=",".join(SUBJECTS), help="comma-separated subset of: %(default)s")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("count_first_paint: valgrind is not installed")
    names = [name for name in SUBJECTS if name in args.only.split(",")]
    totals = count(names, args.keep)
    floor = totals.get("floor")
    for name in names:
        ratio = f" = {totals[name] / floor:.3f}x" if floor and name != "floor" else ""
        print(f"{LABELS[name]}: {totals[name] / 1e6:,.0f}M instructions to the first frame{ratio}")
    if floor:
        print(f"(1.3x of the floor = {1.3 * floor / 1e6:,.0f}M; 1.22x = {1.22 * floor / 1e6:,.0f}M)")


if __name__ == "__main__":
    main()
