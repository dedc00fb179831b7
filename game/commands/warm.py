"""The server's side of the warm worker (:mod:`game.commands.warm_worker`): start it, ask it for games.

:class:`WarmWorker` starts the worker once, before any browser, and waits until it says it is ready.
:meth:`WarmWorker.open_game` makes the three pipes textual-serve would have given a cold game, sends the
game's ends to the worker, and returns a :class:`WarmProcess`: enough of ``asyncio.subprocess.Process``
(``pid``, ``stdin``/``stdout``/``stderr`` streams, ``returncode``, ``kill()``, ``wait()``) for
textual-serve's ``AppService`` and our :class:`~game.commands.classroom.LimitedAppService` to drive it as
they drive a process of their own. The game is the worker's child, not ours: we watch it through a pidfd
(readable once it has ended) and kill it with ``pidfd_send_signal``, which cannot hit a recycled pid.

Linux only (pidfds); elsewhere, or when the worker cannot start or stops answering, ``serve`` starts each
game cold as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START_TIMEOUT = 60.0
"""Seconds the worker may take to import the game and load the packs."""
READY = b"\nready\n"
REQUEST_TIMEOUT = 10.0
"""Seconds the worker may take to fork one game."""


def available() -> bool:
    """Whether this platform can run the warm worker (fork, fd passing, pidfds)."""
    return (
        hasattr(os, "fork")
        and hasattr(os, "pidfd_open")
        and hasattr(signal, "pidfd_send_signal")
        and hasattr(socket, "send_fds")
    )


class WarmProcess:
    """One game forked by the worker, looking to textual-serve like a subprocess of its own."""

    def __init__(
        self,
        pid: int,
        pidfd: int,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
    ) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.returncode: int | None = None
        """0 once the game has ended: the worker reaps it, so its exit status is not known here (a
        crash's traceback still arrives on stderr, which textual-serve prints)."""
        self._pidfd = pidfd
        self._ended = asyncio.Event()
        asyncio.get_running_loop().add_reader(pidfd, self._on_end)

    def _on_end(self) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = -1
        self.returncode = 0
        self._ended.set()

    def send_signal(self, signum: int) -> None:
        if self._pidfd < 0:
            raise ProcessLookupError(self.pid)
        signal.pidfd_send_signal(self._pidfd, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    async def wait(self) -> int:
        await self._ended.wait()
        return 0


async def _pipe_reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**16)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", 0))
    return reader


async def _pipe_writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(fd, "wb", 0)
    )
    return asyncio.StreamWriter(transport, protocol, None, loop)


def _ask(path: str, request: bytes, fds: list[int]) -> tuple[int, int]:
    """Send a request with the game's pipe ends (closed here, sent or not); the worker's answer: the
    game's pid and pidfd."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(REQUEST_TIMEOUT)
            conn.connect(path)
            socket.send_fds(conn, [request], fds)
            message, got, _, _ = socket.recv_fds(conn, 4096, 1)
    finally:
        for fd in fds:
            os.close(fd)
    if len(got) != 1 or not message:
        for fd in got:
            os.close(fd)
        raise OSError("the warm worker did not answer")
    return int(json.loads(message)["pid"]), got[0]


def _close_pidfd(asked: asyncio.Future[tuple[int, int]]) -> None:
    if not asked.cancelled() and asked.exception() is None:
        os.close(asked.result()[1])


class WarmWorker:
    """The worker process, started once per ``serve``."""

    def __init__(self, play_argv: list[str], environment: dict[str, str]) -> None:
        self.play_argv = play_argv
        self.environment = environment
        self.process: subprocess.Popen[bytes] | None = None
        self._folder: str | None = None
        self.path = ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = START_TIMEOUT) -> bool:
        """Start the worker and wait until it is ready; False (the reason on stderr) if it is not."""
        self._folder = tempfile.mkdtemp(prefix="quotebound-serve-")  # mode 0700: only we can connect
        self.path = str(Path(self._folder) / "worker.sock")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "game.commands.warm_worker", self.path, *self.play_argv],
            stdin=subprocess.PIPE,  # closing it (or our dying) ends the worker
            stdout=subprocess.PIPE,
            env=self.environment,
        )
        assert self.process.stdout is not None
        # The ready line; a worker that fails prints its reason on stderr (ours) and exits.
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        line = b""
        while (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select([fd], [], [], left)
            chunk = os.read(fd, 64) if readable else b""
            if not chunk:
                break
            line += chunk
            if READY in b"\n" + line:
                return True
        print("quotebound: the warm worker did not start; every game starts cold", file=sys.stderr)
        self.stop()
        return False

    async def open_game(self, width: int, height: int) -> WarmProcess:
        """A game forked by the worker, its pipes connected to this event loop (OSError if it fails)."""
        ours: list[int] = []
        theirs: list[int] = []
        try:
            stdin_r, stdin_w = os.pipe()
            ours.append(stdin_w)
            theirs.append(stdin_r)
            for _ in range(2):  # stdout, stderr
                read, write = os.pipe()
                ours.append(read)
                theirs.append(write)
        except OSError:
            for fd in ours + theirs:
                os.close(fd)
            raise
        request = json.dumps({"width": width, "height": height}).encode()
        # In a thread (the exchange blocks), which owns ``theirs`` from here on: were this coroutine
        # cancelled, closing them here could close numbers already reused by another browser's pipes.
        asked = asyncio.get_running_loop().run_in_executor(None, _ask, self.path, request, theirs)
        try:
            pid, pidfd = await asyncio.shield(asked)
        except BaseException:
            asked.add_done_callback(_close_pidfd)  # a game nobody waits for: its stdin closes, it ends
            for fd in ours:
                os.close(fd)
            raise
        stdin = await _pipe_writer(ours[0])
        stdout = await _pipe_reader(ours[1])
        stderr = await _pipe_reader(ours[2])
        return WarmProcess(pid, pidfd, stdin, stdout, stderr)

    def stop(self) -> None:
        """End the worker (games already running play on until their browsers leave)."""
        process, self.process = self.process, None
        if process is not None:
            if process.stdin is not None:
                with contextlib.suppress(OSError):
                    process.stdin.close()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
