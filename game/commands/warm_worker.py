"""The warm worker behind ``quotebound serve``: one process that forks a ready game for each browser.

A cold ``python -m game play`` per browser spends most of its start importing Textual and the game and
loading the packs; thirty browsers joining at once on two cores waited 12 s. This process does that work
once, with textual-serve's web-driver environment already set (``textual.constants`` reads
``TEXTUAL_DRIVER`` and friends once, at import), freezes what it built out of the garbage collector's
reach (``gc.freeze()``: a collection in a child would otherwise touch, and so copy, every shared page),
takes every free chunk of its C heap (:mod:`game.commands.warm_heap`), then waits on a Unix socket.
For each browser the server sends the game's stdin, stdout and stderr pipe ends (``socket.send_fds``)
and the screen size; the worker forks, and the child makes those pipes its fds 0-2 and runs the app
exactly as ``play`` would. The worker answers with the child's pid and a pidfd,
through which the server waits for the game and kills it (a pidfd never points at a recycled pid).

No SQLite is opened here: the progress database is opened by the app, in the child. Children are reaped
by the kernel (SIGCHLD ignored). The worker ends when its stdin (a pipe from the server) closes.

Run as ``python -m game.commands.warm_worker SOCKET [play flags]``, or ``SOCKET --class DIR`` for a live
class's student games (:mod:`game.commands.class_warm`); it prints ``ready`` once listening.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from game.commands.warm_heap import take_free_chunks

REQUEST_SIZE = 4096
READY = "ready"
WARM_UP_RUNS = 1


def parse_play_args(argv: list[str]) -> argparse.Namespace:
    """The play flags ``serve`` passes every game (:func:`game.commands.serve.play_argv`)."""
    from game.commands.play import add_play_arguments

    parser = argparse.ArgumentParser(prog="quotebound-warm-worker")
    add_play_arguments(parser, served=True)
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace) -> list[Any] | None:
    """Everything a game shares: imports, packs (the chosen one first), the app's classes.

    Returns the packs, or None (with the reason on stderr) when they do not load.
    """
    from game.commands.common import load_command_packs

    packs = load_command_packs(args.scenes, strict=True)
    if packs is None:
        return None
    if args.pack:
        chosen = [p for p in packs if p.id == args.pack]
        if not chosen:
            print(f"quotebound: no pack {args.pack!r}", file=sys.stderr)
            return None
        packs = chosen + [p for p in packs if p.id != args.pack]
    # Imported here, not in each child: Textual's web driver and the review scheduler, which a game
    # imports late (the warm-up imports the app and the rest).
    import textual.drivers.web_driver  # noqa: F401

    import game.progress.schedule  # noqa: F401
    import game.ui.screens.resume_screen  # noqa: F401

    share_parsed_css()
    warm_up(packs)
    return packs


def share_parsed_css() -> None:
    """Let every stylesheet in this process reuse CSS already parsed, here or in the worker.

    Textual caches parsed rules per ``Stylesheet`` only, so each game re-parsed the same few thousand
    lines of CSS (about a fifth of a game's start), and again when its theme is set. Parsed rules depend
    on the CSS text, where it came from and the theme's variables: all of them are the key here. Only
    the worker and its games run this (it patches a Textual internal; textual is pinned to 8.2.x).
    """
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    shared: dict[tuple[Any, ...], Any] = {}

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
        rules = shared.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            shared[key] = rules
        return rules

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]


def warm_up(packs: list[Any]) -> None:
    """Run one game to its first screen, headless, so what Textual builds on first use (lazily imported
    modules, parsed CSS, cached styles and measurements) is built once, before the fork.

    Its progress goes to a scratch folder that is gone before any game is forked: the database is
    closed when the app ends, so no SQLite connection crosses the fork.
    """
    import tempfile

    from game.ui.app import make_app
    from game.ui.screens.base import load_screens_css

    async def first_screen(pilot: Any) -> None:
        await pilot.pause()
        # The later screens' CSS, which a game parses when it first leaves the start-up screens.
        load_screens_css(pilot.app)
        pilot.app.stylesheet.parse()
        pilot.app.exit()

    with tempfile.TemporaryDirectory(prefix="quotebound-warm-") as data:
        for _ in range(WARM_UP_RUNS):
            app = make_app(packs=packs, data_dir=Path(data))
            app.run(headless=True, size=(80, 24), auto_pilot=first_screen)


def run_game(args: argparse.Namespace, packs: list[Any], request: dict[str, Any]) -> int:
    """In the child: run one game on fds 0-2, sized as the browser asked; returns its exit status."""
    from game.commands.play import _run_tui
    from game.engine.packs import PackShelf

    os.environ["COLUMNS"] = str(int(request.get("width", 80)))
    os.environ["ROWS"] = str(int(request.get("height", 24)))
    # Every pack was loaded before the fork (the chosen one first), so no game loads one again.
    return _run_tui(args, PackShelf.of(packs), 0)


def _child(
    listener: socket.socket, conn: socket.socket, fds: list[int], request: dict[str, Any], run: Any
) -> None:
    """The forked child: take the pipes as stdin/stdout/stderr and play; never returns."""
    code = 70  # EX_SOFTWARE: the game failed before it could say anything better
    try:
        listener.close()
        conn.close()
        # As a freshly started Python has them (SIGPIPE stays ignored, as Python starts).
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        with contextlib.suppress(OSError):  # what ps and top show: a game, not a second worker
            Path("/proc/self/comm").write_text("quotebound-game")
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # the worker's selector, the pipes' other copies
        code = run(request)
    except BaseException:  # noqa: B036 - whatever happens, this process must not return into the worker
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)


def serve_forever(listener: socket.socket, run: Any) -> None:
    """Fork a game for each request until stdin (the server's pipe) closes."""
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "listener")
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "server")
    while True:
        for key, _ in selector.select():
            if key.data == "server":
                if not os.read(sys.stdin.fileno(), 1024):
                    return  # the server has gone
                continue
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(5)
                try:
                    _one(listener, conn, run)
                except (OSError, ValueError) as exc:  # one browser's failed request is not the worker's end
                    print(f"quotebound: warm worker: {exc}", file=sys.stderr)


def _one(listener: socket.socket, conn: socket.socket, run: Any) -> None:
    message, fds, _, _ = socket.recv_fds(conn, REQUEST_SIZE, 3)
    try:
        if len(fds) != 3:
            raise OSError(f"expected 3 pipe ends, got {len(fds)}")
        request = json.loads(message or b"{}")
        pid = os.fork()
        if pid == 0:
            _child(listener, conn, fds, request, run)
        pidfd = os.pidfd_open(pid)
    finally:
        for fd in fds:
            os.close(fd)
    try:
        socket.send_fds(conn, [json.dumps({"pid": pid}).encode()], [pidfd])
    finally:
        os.close(pidfd)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m game.commands.warm_worker SOCKET [play flags]", file=sys.stderr)
        return 2
    path, play = argv[0], argv[1:]
    run: Any
    if play[:1] == ["--class"]:  # a live class's student games (game.commands.class_warm)
        from game.commands.class_warm import prepare_student_games

        share_parsed_css()
        run = prepare_student_games(play[1])
    else:
        args = parse_play_args(play)
        packs = prepare(args)
        run = None if packs is None else (lambda request: run_game(args, packs, request))
    if run is None:
        return 1
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the games: no zombies
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    gc.collect()
    take_free_chunks()  # after the collection, which freed the warm-up's garbage
    gc.freeze()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(path)
        listener.listen(64)
        print(READY, flush=True)
        try:
            serve_forever(listener, run)
        except KeyboardInterrupt:  # Ctrl+C reaches the whole process group; the server says goodbye
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
