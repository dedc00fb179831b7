"""Shared benchmark harness: time and peak memory of child processes, compared in the same run.

Every figure is a ratio against a baseline measured in the same run on the same machine, so results
mean the same on a fast laptop and a loaded CI box. Runs are interleaved (baseline, subject,
baseline, ...) so drift in machine load hits both sides alike; the median of each side is used.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    seconds: float
    peak_kib: int
    cpu: float = 0.0
    """User + system CPU seconds of the child: steadier than wall time when other jobs share the cores."""


PYCACHE = Path(tempfile.gettempdir()) / "quotebound-bench-pycache"
"""Bytecode of every child, outside the source tree (see run_child)."""


def run_child(
    argv: list[str], *, env: dict[str, str] | None = None, stdin: str | None = None, check: bool = True
) -> Sample:
    """Run a child to completion and return its wall time and peak resident memory (``check``: a
    non-zero exit raises)."""
    # With PYTHONDONTWRITEBYTECODE set (as in sandboxes and some CI images) every child compiled the
    # game's modules from source on every run (~30 modules, 30-45 ms), which an installed game never
    # does: pip compiles at install. Cache bytecode in a private folder so the warm-up run pays once.
    bytecode = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    # Never the real cache of validated packs: a private one unless the caller names one.
    cache = {"QUOTEBOUND_CACHE": str(PYCACHE.with_name("quotebound-bench-cache"))}
    full_env = {**os.environ, **bytecode, **cache, **(env or {})}
    # stderr to a file, not a pipe: a child that writes more than a pipe holds (validate's one note per
    # pack, over thousands of packs) would block forever while we wait for it to exit.
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=full_env,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err_file,
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin.encode())
            proc.stdin.close()
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 and check:
            err_file.seek(0)
            err = err_file.read().decode(errors="replace")
            raise RuntimeError(f"{argv} exited {proc.returncode}: {err[-2000:]}")
    return Sample(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


@dataclass
class Comparison:
    name: str
    subject: list[Sample]
    baseline: list[Sample]
    target_time: float | None = None
    target_memory: float | None = None

    @property
    def time_ratio(self) -> float:
        return statistics.median(s.seconds for s in self.subject) / statistics.median(
            s.seconds for s in self.baseline
        )

    @property
    def memory_ratio(self) -> float:
        return statistics.median(s.peak_kib for s in self.subject) / statistics.median(
            s.peak_kib for s in self.baseline
        )

    def rows(self, *, memory: bool = False, cpu: bool = False) -> list[str]:
        """Result lines: time, CPU time when asked (``cpu``), and peak memory when it has a target (or
        ``memory``)."""
        subject_s = statistics.median(s.seconds for s in self.subject)
        base_s = statistics.median(s.seconds for s in self.baseline)
        verdict = "met" if self.target_time and self.time_ratio <= self.target_time else "MISSED"
        lines = [
            f"{self.name}: time {subject_s * 1000:.0f} ms vs {base_s * 1000:.0f} ms = {self.time_ratio:.2f}x"
            + (f" (target <= {self.target_time}x: {verdict})" if self.target_time else "")
        ]
        if cpu:
            subject_c = statistics.median(s.cpu for s in self.subject)
            base_c = statistics.median(s.cpu for s in self.baseline)
            ratio = subject_c / base_c
            cpu_ms = f"{subject_c * 1000:.0f} ms vs {base_c * 1000:.0f} ms"
            lines.append(f"{self.name}: CPU {cpu_ms} = {ratio:.2f}x")
        if self.target_memory or memory:
            subject_m = statistics.median(s.peak_kib for s in self.subject) / 1024
            base_m = statistics.median(s.peak_kib for s in self.baseline) / 1024
            lines.append(
                f"{self.name}: peak memory {subject_m:.1f} MiB vs {base_m:.1f} MiB = {self.memory_ratio:.2f}x"
                + (
                    f" (target <= {self.target_memory}x: "
                    f"{'met' if self.memory_ratio <= self.target_memory else 'MISSED'})"
                    if self.target_memory
                    else ""
                )
            )
        return lines


def compare(
    name: str,
    subject: list[str],
    baseline: list[str],
    *,
    repeat: int = 7,
    target_time: float | None = None,
    target_memory: float | None = None,
    env: dict[str, str] | None = None,
    baseline_env: dict[str, str] | None = None,
) -> Comparison:
    """Interleave ``repeat`` runs of each command (after one warm-up of each) and compare them.

    ``baseline_env`` (default: ``env``) lets both sides run the same command in different settings.
    """
    base_env = env if baseline_env is None else baseline_env
    run_child(baseline, env=base_env)
    run_child(subject, env=env)
    result = Comparison(name, [], [], target_time, target_memory)
    for _ in range(repeat):
        result.baseline.append(run_child(baseline, env=base_env))
        result.subject.append(run_child(subject, env=env))
    return result


def run_pty(
    argv: list[str],
    marker: str,
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (80, 24),
    timeout: float = 60.0,
) -> Sample:
    """Start ``argv`` in a pseudo-terminal of ``size`` (columns, rows), as a player's terminal runs it, and
    return the time until ``marker`` first appears in what it writes (its first painted screen) and its
    peak memory by then. The child is then killed: only the first screen is timed.

    Any terminal program can be timed this way (a Textual app, a Rich or prompt_toolkit one), so the
    peers are timed exactly as we are. Raises RuntimeError when the marker never shows.
    """
    bytecode = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    cache = {"QUOTEBOUND_CACHE": str(PYCACHE.with_name("quotebound-bench-cache"))}
    full_env = {**os.environ, **bytecode, **cache, "TERM": "xterm-256color", **(env or {})}
    full_env.pop("NO_COLOR", None)
    want = marker.encode()
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        try:
            import fcntl
            import termios

            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, full_env)
        finally:
            os._exit(127)
    seen = b""
    elapsed: float | None = None
    try:
        while elapsed is None and time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child has gone (EIO)
                break
            if not chunk:
                break
            seen = seen[-len(want) :] + chunk
            if want in seen:
                elapsed = time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        _pid, _status, usage = os.wait4(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"{argv}: {marker!r} never showed within {timeout} s")
    return Sample(elapsed, usage.ru_maxrss)


def compare_pty(
    name: str,
    subject: tuple[list[str], str],
    baseline: tuple[list[str], str],
    *,
    repeat: int = 7,
    target_time: float | None = None,
    target_memory: float | None = None,
    env: dict[str, str] | None = None,
) -> Comparison:
    """As :func:`compare`, timing each side's first painted screen in a terminal (:func:`run_pty`):
    each side is (argv, a text its first screen shows)."""
    run_pty(*baseline, env=env)
    run_pty(*subject, env=env)
    result = Comparison(name, [], [], target_time, target_memory)
    for _ in range(repeat):
        result.baseline.append(run_pty(*baseline, env=env))
        result.subject.append(run_pty(*subject, env=env))
    return result


PYTHON = sys.executable
