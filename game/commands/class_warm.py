"""The warm worker's class mode: student games of one class, forked ready (``class start`` serving).

:mod:`game.commands.warm_worker` run with ``--class DIR`` calls :func:`prepare_student_games` instead of
preparing ``play``: it imports Textual's web driver and the student game, loads the class's pack, and runs
one student game headless to its first screen against a scratch class (closed before any fork, so no SQLite
connection crosses it). Each forked child then opens the class store itself and runs the student game,
which asks the student's name first: what a browser student sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def prepare_student_games(folder: str) -> Callable[[dict[str, Any]], int] | None:
    """Everything the class's games share, prepared once; the function a forked child runs (None, with the
    reason on stderr, when the class or its pack cannot be opened)."""
    from game.commands.class_cmd import load_class_pack
    from game.store.classdb import ClassStore
    from game.store.records import StoreError

    try:
        with ClassStore.open(Path(folder)) as store:
            config = store.config()
    except StoreError as exc:
        print(f"quotebound: {exc}", file=sys.stderr)
        return None
    pack = load_class_pack(config.scenes, config.pack)
    if pack is None:
        return None
    import textual.drivers.web_driver  # noqa: F401 - imported once here, not in every game

    _warm_up(pack, config)

    def run(request: dict[str, Any]) -> int:
        return run_student_game(Path(folder), pack, request)

    return run


def _warm_up(pack: Any, config: Any) -> None:
    """One student game to its first screen, headless, against a scratch class that is gone before a fork."""
    from dataclasses import replace

    from game.classroom.session import ClassSession
    from game.store.classdb import ClassStore
    from game.ui.class_student_app import ClassStudentApp

    async def first_screen(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.exit()

    with tempfile.TemporaryDirectory(prefix="quotebound-warm-class-") as scratch:
        store = ClassStore.create(Path(scratch), replace(config, scenes=None), time.time())
        session = ClassSession(store, pack)
        try:
            ClassStudentApp(session).run(headless=True, size=(80, 24), auto_pilot=first_screen)
        finally:
            session.close()


def run_student_game(folder: Path, pack: Any, request: dict[str, Any]) -> int:
    """In a forked child: one browser's student game, sized as the browser asked."""
    from game.classroom.session import ClassSession
    from game.store.classdb import ClassStore
    from game.store.records import StoreError
    from game.ui.class_student_app import run_student_app

    os.environ["COLUMNS"] = str(int(request.get("width", 80)))
    os.environ["ROWS"] = str(int(request.get("height", 24)))
    try:
        store = ClassStore.open(folder)
    except StoreError as exc:
        print(f"quotebound: {exc}", file=sys.stderr)
        return 2
    session = ClassSession(store, pack)
    try:
        return run_student_app(session, None)
    finally:
        session.close()
