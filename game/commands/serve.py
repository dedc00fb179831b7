"""``quotebound serve``: the game in web browsers, through textual-serve.

Each browser that opens the page gets its own game, its screen relayed over a websocket by textual-serve.
The games are forked by a warm worker that has already imported the game and loaded the packs
(:mod:`game.commands.warm`); with ``--no-warm``, or where the worker cannot run, textual-serve starts
``<python> -m game play ...`` (with the play flags given here) cold for each browser.

The page tells the browser where the websocket is (textual-serve's ``public_url``). Bound to ``0.0.0.0`` that
would be ``ws://0.0.0.0:8000``, which a student's browser cannot reach, so unless ``--public-url`` is given
the address other machines reach this one by is worked out (see :func:`lan_address`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

from game.commands.argtypes import add_serving_arguments
from game.commands.play import add_play_arguments

_ANY = {"0.0.0.0", "::", ""}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` subcommand."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the game to web browsers (textual-serve)",
        description="Serve the game on http://HOST:PORT; every browser gets its own game. Use --host 0.0.0.0 "
        "to let other machines on the network in (no password, no encryption: trusted networks only).",
    )
    add_serving_arguments(parser, who="browsers")
    parser.add_argument(
        "--no-warm",
        dest="warm",
        action="store_false",
        help="start every game as a new Python process instead of forking a warm one (slower; for debugging)",
    )
    add_play_arguments(parser, served=True)
    parser.set_defaults(func=run)



def play_argv(args: argparse.Namespace) -> list[str]:
    """The ``play`` arguments each browser's game is started with (paths made absolute)."""
    argv: list[str] = []

    def path(value: str) -> str:
        return str(Path(value).expanduser().resolve())

    if args.seed is not None:
        argv += ["--seed", str(args.seed)]
    if args.questions is not None:
        argv += ["--questions", str(args.questions)]
    if args.time_limit is not None:
        argv += ["--time-limit", repr(args.time_limit)]
    if args.mode != "quiz":
        argv += ["--mode", args.mode]
    if args.results:
        argv += ["--results", path(args.results)]
    if args.streak_bonus is not None:
        argv.append("--streak-bonus" if args.streak_bonus else "--no-streak-bonus")
    if args.pack:
        argv += ["--pack", args.pack]
    if args.scenes:
        argv += ["--scenes", path(args.scenes)]
    if args.data_dir:
        argv += ["--data-dir", path(args.data_dir)]
    return argv


def command_line(argv: list[str]) -> str:
    """The shell command textual-serve runs (it uses a shell): every part quoted for this platform's shell.

    ``exec`` on POSIX makes the game the shell's own process, so killing a game that will not quit kills
    the game, not just a shell that would leave it running.
    """
    parts = [sys.executable, "-m", "game", "play", *argv]
    return subprocess.list2cmdline(parts) if os.name == "nt" else "exec " + shlex.join(parts)


def page_title(args: argparse.Namespace) -> str | None:
    """The served page's title: the pack's with ``--pack``, else "quotebound"; None (with a message on
    stderr) when the packs do not load or the pack is not there."""
    if not args.pack:
        return "quotebound"
    from game.commands.common import load_command_packs

    packs = load_command_packs(args.scenes, strict=True)
    if packs is None:
        return None
    for pack in packs:
        if pack.id == args.pack:
            return pack.title
    print(f"quotebound: no pack {args.pack!r}; packs: {', '.join(p.id for p in packs)}", file=sys.stderr)
    return None


def lan_address() -> str:
    """This machine's address on the local network, as other machines reach it (127.0.0.1 if unknown).

    Connecting a UDP socket sends nothing; it only makes the system pick the outgoing interface.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def public_url(host: str, port: int, given: str | None) -> str:
    """The URL the page tells browsers to use."""
    if given:
        return given.rstrip("/")
    shown = lan_address() if host in _ANY else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address in a URL
    return f"http://{shown}:{port}"


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (taken, not this machine's), or None.

    Checked before textual-serve starts, because it sets up logging and signal handlers first and would
    fail with a traceback rather than a sentence.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            if os.name != "nt":
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
            probe.bind(address)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def run(args: argparse.Namespace) -> int:
    """Start the web server; returns when it is stopped (Ctrl+C)."""
    from game.commands.classroom import ClassServer, game_environment
    from game.commands.warm import WarmWorker, available

    if not 0 < args.port < 65536:
        print(f"quotebound: --port must be 1-65535, not {args.port}", file=sys.stderr)
        return 2
    problem = port_problem(args.host, args.port)
    if problem:
        print(f"quotebound: cannot serve on {args.host}:{args.port}: {problem}", file=sys.stderr)
        return 2
    if args.results:
        from game.commands.play import results_folder_ready

        if not results_folder_ready(args.results):
            return 2
    title = page_title(args)
    if title is None:
        return 1
    url = public_url(args.host, args.port, args.public_url)
    worker: WarmWorker | None = None
    if args.warm and available():
        worker = WarmWorker(play_argv(args), game_environment())
        if not worker.start():
            worker = None
    server = ClassServer(
        command_line(play_argv(args)),
        host=args.host,
        port=args.port,
        title=title,
        public_url=url,
        max_players=args.max_players,
        worker=worker,
    )
    if args.host in _ANY:
        print(
            f"quotebound: open {url} in the students' browsers. Anyone on this network can play; "
            "there is no password and no encryption.",
            file=sys.stderr,
        )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this machine's
        print(f"quotebound: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        if worker is not None:
            worker.stop()
    return 0
