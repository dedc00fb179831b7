"""Serving a live class's student game to browsers (``class start DIR`` without ``--no-serve``).

The host binds the port itself (:func:`listen`), so a port in use is one line and exit status 2 before
the host screen opens, then hands the listening socket to a server child process (:class:`ClassWebServer`)
and goes on to the host screen at once. The child runs :class:`~game.commands.classroom.ClassServer` (the
player cap, the screen cap, games ended once their browser has gone) on that socket: each browser gets a
student game (``class join DIR``, which asks the student's name first), forked by the warm worker
(:mod:`game.commands.warm`, in its class mode: :mod:`game.commands.class_warm`) once it is ready, started
cold before that or where it cannot run.

The server never outlives the host: its stdin is a pipe from the host, and when that pipe closes (the host
ended, crashed or was killed with ``kill -9``) the server stops every game and exits. It is started in a
session of its own, so the teacher's Ctrl+C or a closed terminal reaches it only through the host. Its
messages go to ``DIR/serve.log``, not over the host screen.

Run as ``python -m game.commands.class_serve FD DIR --title T --public-url URL --max-players N [--no-warm]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

LOG_NAME = "serve.log"
STOP_SECONDS = 15.0
"""How long the host waits for the server (and its games) to end before killing it."""
SHUTDOWN_SECONDS = 1.0
"""How long aiohttp lets open requests finish at shutdown before cancelling them (games then end)."""


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port`` for the server child (OSError when the port is taken)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":
            # As aiohttp does: a host started again at once reuses the port its last server left in TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock


class ClassWebServer:
    """The host's handle on the server child process."""

    def __init__(
        self, sock: socket.socket, folder: Path, *, title: str, url: str, max_players: int, warm: bool
    ) -> None:
        self.folder = folder
        log = open(folder / LOG_NAME, "ab")  # noqa: SIM115 - handed to the child, closed below
        argv = [sys.executable, "-m", "game.commands.class_serve", str(sock.fileno()), str(folder)]
        argv += ["--title", title, "--public-url", url, "--max-players", str(max_players)]
        if not warm:
            argv.append("--no-warm")
        try:
            self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,  # its end is how the server learns the host has gone
                stdout=log,
                stderr=log,
                pass_fds=(sock.fileno(),),
                start_new_session=True,
            )
        finally:
            log.close()
            sock.close()  # the child's copy listens; ours would keep the port after the child ended

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Tell the server the host has gone; wait for it and its games to end, killing it if they do not."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def student_command(folder: Path) -> str:
    """The shell command textual-serve runs for a browser when no warm game can be had."""
    parts = [sys.executable, "-m", "game", "class", "join", str(folder)]
    return subprocess.list2cmdline(parts) if os.name == "nt" else "exec " + shlex.join(parts)


# --- the server child ------------------------------------------------------------------------------


async def _host_gone() -> None:
    """Return when stdin (the host's pipe) reaches its end, the host having ended however it ended, or on
    SIGTERM (stopped like any server)."""
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()
    with contextlib.suppress(NotImplementedError):
        loop.add_signal_handler(signal.SIGTERM, stopped.set)
    ended = loop.run_in_executor(None, sys.stdin.buffer.read)
    await asyncio.wait([ended, asyncio.ensure_future(stopped.wait())], return_when=asyncio.FIRST_COMPLETED)


async def _serve(args: argparse.Namespace) -> None:
    from aiohttp import web

    from game.commands.classroom import ClassServer, game_environment
    from game.commands.warm import WarmWorker, available

    folder = Path(args.folder)
    server = ClassServer(
        student_command(folder),
        title=args.title,
        public_url=args.public_url.rstrip("/"),
        max_players=args.max_players,
    )
    server.initialize_logging()
    sock = socket.socket(fileno=args.fd)
    runner = web.AppRunner(await server._make_app(), handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    print(f"Serving the class in {folder} on {args.public_url}", flush=True)
    gone = asyncio.ensure_future(_host_gone())
    worker: WarmWorker | None = None
    if args.warm and available():
        # Started after the site, watching the host meanwhile: browsers that come before the worker is
        # ready start cold, and a host that leaves at once is not kept waiting for it.
        worker = WarmWorker(["--class", str(folder)], game_environment())
        starting = asyncio.get_running_loop().run_in_executor(None, worker.start)
        either: list[asyncio.Future[Any]] = [gone, starting]
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done() and worker.process is not None:
            worker.process.kill()  # still importing: nothing to lose
        if await starting:
            server.worker = worker
            print("The warm worker is ready: games are forked from it.", flush=True)
    try:
        await gone
    finally:
        print("The host has gone: stopping every game.", flush=True)
        await runner.cleanup()
        if worker is not None:
            worker.stop()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="quotebound-class-server")
    parser.add_argument("fd", type=int)
    parser.add_argument("folder")
    parser.add_argument("--title", default="quotebound")
    parser.add_argument("--public-url", required=True)
    parser.add_argument("--max-players", type=int, default=60)
    parser.add_argument("--no-warm", dest="warm", action="store_false")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
