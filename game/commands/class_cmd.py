"""``quotebound class start|join DIR``: a live class on the teacher's machine, through one class store in DIR.

``class start`` creates the class in ``DIR`` (or reopens it: a host started again continues where the class
is), serves the student game to browsers at ``--host``/``--port`` (unless ``--no-serve``; see
:mod:`game.commands.class_serve`) and runs the host: the host screen, or plain lines with ``--plain``.
``class join`` runs one student's game in this terminal: full screen, or plain lines with ``--plain``; it
asks the student's name when ``--player`` is not given. Both open ``DIR/class.sqlite3``; every answer is
committed there the moment it is given. Setup errors (a ``DIR`` that is not a class, a pack or seed that
differs from the class's, a network folder, a port in use) are one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.commands.argtypes import add_serving_arguments, positive_int, seconds

if TYPE_CHECKING:
    import socket

    from game.classroom.session import ClassSession
    from game.commands.class_serve import ClassWebServer
    from game.engine.content.pack import Pack
    from game.store.classdb import ClassConfig


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``class`` with its ``start`` and ``join`` subcommands."""
    parser = subparsers.add_parser(
        "class",
        help="run a live class: the teacher hosts, students join in browsers or terminals",
        description="A live class: `class start DIR` hosts it (creating DIR's class store, or reopening it) "
        "and serves the student game to browsers; `class join DIR` is one student's game in a terminal. "
        "Every answer is saved at once in DIR.",
    )
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION", required=True)
    start = actions.add_parser(
        "start", help="create or reopen the class in DIR, serve it to browsers and run the host"
    )
    start.add_argument("dir", metavar="DIR", help="the class folder (a local folder, not a network share)")
    start.add_argument("--pack", help="the pack to play (needed to create the class)")
    start.add_argument("--seed", type=int, help="the round's seed: `play --seed S` deals the same round")
    start.add_argument(
        "--questions", type=positive_int, metavar="N", help="questions in the round (default 12)"
    )
    start.add_argument("--time-limit", type=seconds, metavar="SEC", help="seconds per question")
    start.add_argument(
        "--paced", choices=("teacher", "self"), default=None, help="who moves the class on (default teacher)"
    )
    start.add_argument("--pre-post", action="store_true", help="a pre-test before and a post-test after")
    start.add_argument("--leaderboard", action="store_true", help="show the top five after each reveal")
    add_serving_arguments(start, who="students' browsers")
    start.add_argument(
        "--no-serve", action="store_true", help="do not serve to browsers (students use `class join`)"
    )
    start.add_argument("--plain", action="store_true", help="the host as plain lines with typed commands")
    start.add_argument("--scenes", metavar="DIR", help="folder of packs (default: bundled packs)")
    start.set_defaults(func=run_start)
    join = actions.add_parser("join", help="join the class in DIR as a student, on this machine")
    join.add_argument("dir", metavar="DIR", help="the class folder")
    join.add_argument("--player", metavar="NAME", help="your name in the class (asked when not given)")
    join.add_argument("--plain", action="store_true", help="plain lines on stdin/stdout")
    join.set_defaults(func=run_join)


def _fail(message: str) -> int:
    print(f"quotebound: {message}", file=sys.stderr)
    return 2


def run_start(args: argparse.Namespace) -> int:
    """Create or reopen the class, serve its students (unless ``--no-serve``), then run the host."""
    from game.store.records import StoreError

    sock: socket.socket | None = None
    if not args.no_serve:
        from game.commands.class_serve import listen

        if not 0 < args.port < 65536:
            return _fail(f"--port must be 1-65535, not {args.port}")
        try:
            # Bound here, before the class is opened and the host screen drawn: a port in use is one line.
            sock = listen(args.host, args.port)
        except OSError as exc:
            return _fail(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
    try:
        opened = _open_class(args)
        if isinstance(opened, int):
            return opened
        session = opened
        server: ClassWebServer | None = None
        join_url = None
        try:
            if sock is not None:
                server, join_url = _serve(sock, session, args)
                sock = None  # the server child has it now
            if not args.plain:
                return _run_screen(session, leaderboard=args.leaderboard, join_url=join_url)
            from game.plain.class_host import run_host
            from game.plain.console import Console

            console = Console(sys.stdin, sys.stdout, sys.stderr)
            return run_host(session, console, leaderboard=args.leaderboard, join_url=join_url)
        except StoreError as exc:
            return _fail(str(exc))
        finally:
            session.close()
            if server is not None:
                server.stop()
    finally:
        if sock is not None:
            sock.close()


def _open_class(args: argparse.Namespace) -> ClassSession | int:
    """The class in ``args.dir``, created or reopened; an exit status when it cannot be (the reason said)."""
    import time

    from game.classroom.session import ClassSession
    from game.engine.quiz.run import DEFAULT_ROUND_SIZE, new_seed
    from game.store.class_files import remove_stale_builds
    from game.store.classdb import ClassConfig, ClassStore
    from game.store.records import StoreError

    folder = Path(args.dir).expanduser()
    try:
        ClassSession.check_folder(folder)
        # What a host killed while creating this class left (a student's `join` never deletes anything).
        remove_stale_builds(folder)
        if ClassStore.exists(folder):
            store = ClassStore.open(folder)
            config = store.config()
            problem = _reopen_problem(config, args)
            if problem:
                store.close()
                return _fail(
                    f"{folder} is a class with {problem}; leave the option out to continue it, "
                    "or use another folder for a new class"
                )
            pack = load_class_pack(config.scenes, config.pack)
            if pack is None:
                store.close()
                return 2
        else:
            if not args.pack:
                return _fail(f"{folder} is not a class yet: name its pack with --pack to create it")
            scenes = str(Path(args.scenes).resolve()) if args.scenes else None
            pack = load_class_pack(scenes, args.pack)
            if pack is None:
                return 2
            seed = args.seed if args.seed is not None else new_seed()
            config = ClassConfig(
                pack.id,
                seed,
                args.questions or DEFAULT_ROUND_SIZE,
                args.time_limit,
                args.paced or "teacher",
                args.pre_post,
                scenes,
                pack.article.sha256,
            )
            store = ClassStore.create(folder, config, time.time())
    except StoreError as exc:
        return _fail(str(exc))
    return ClassSession(store, pack)


def _serve(
    sock: socket.socket, session: ClassSession, args: argparse.Namespace
) -> tuple[ClassWebServer, str]:
    """Start the server child on the bound socket; the server and the address students open."""
    from game.commands.class_serve import ClassWebServer
    from game.commands.serve import public_url

    url = public_url(args.host, args.port, args.public_url)
    server = ClassWebServer(
        sock,
        session.store.folder.resolve(),
        title=session.pack.title,
        url=url,
        max_players=args.max_players,
        warm=True,
    )
    return server, url + "/"


def _run_screen(session: ClassSession, *, leaderboard: bool, join_url: str | None) -> int:
    """The full-screen host (Textual is imported only now); a crash inside it is a non-zero exit."""
    from game.ui.class_host_app import ClassHostApp

    app = ClassHostApp(session, leaderboard=leaderboard, join_url=join_url)
    app.run()
    return int(app.return_code or 0)


def run_join(args: argparse.Namespace) -> int:
    """Open the class in DIR and play as one student."""
    from game.classroom.session import ClassSession
    from game.store.classdb import ClassStore
    from game.store.records import StoreError

    folder = Path(args.dir).expanduser()
    try:
        ClassSession.check_folder(folder)
        store = ClassStore.open(folder)
    except StoreError as exc:
        return _fail(str(exc))
    config = store.config()
    pack = load_class_pack(config.scenes, config.pack)
    if pack is None:
        store.close()
        return 2
    session = ClassSession(store, pack)
    try:
        if not args.plain:
            from game.ui.class_student_app import run_student_app

            return run_student_app(session, args.player)
        from game.plain.class_student import run_student
        from game.plain.console import Console

        return run_student(session, Console(sys.stdin, sys.stdout, sys.stderr), args.player or "")
    except StoreError as exc:
        return _fail(str(exc))
    finally:
        session.close()


def _differs(stored: object, given: object, what: str) -> str | None:
    if given is None or given == stored:
        return None
    return f"{what} {stored}, not {given}"


def _reopen_problem(config: ClassConfig, args: argparse.Namespace) -> str | None:
    """How the options given differ from the class being reopened (None: they agree, or were left out).

    An option left out means "as the class was"; one that differs would be silently ignored, so it is
    refused. ``--pre-post`` is a flag: only giving it to a class without a pre-test can differ.
    """

    def limit(value: float | None) -> str:
        return "no time limit" if value is None else f"--time-limit {value:g}"

    checks = [
        _differs(config.pack, args.pack, "pack"),
        _differs(config.seed, args.seed, "seed"),
        None
        if args.questions in (None, config.questions)
        else f"{config.questions} questions, not {args.questions}",
        None if args.paced in (None, config.paced) else f"--paced {config.paced}, not {args.paced}",
        None
        if args.time_limit in (None, config.time_limit)
        else f"{limit(config.time_limit)}, not {limit(args.time_limit)}",
        "no pre-test and post-test (--pre-post)" if args.pre_post and not config.pre_post else None,
    ]
    return next((c for c in checks if c), None)


def load_class_pack(scenes: str | None, pack_id: str) -> Pack | None:
    """The class's pack (problems on stderr; None when it cannot be had)."""
    from game.commands.common import load_command_packs, pick_pack

    packs = load_command_packs(scenes, strict=False)
    return pick_pack(packs or [], pack_id)
