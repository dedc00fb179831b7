"""The host wakes the students' games: a released question reaches a student without waiting for the next look
at the store (issue 16). The games' looks are set an hour apart here, so only the wake-up can bring the
question: no timing is asserted, the waits are bounds for a loaded machine."""

from __future__ import annotations

import io
import os
import threading
import time
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from test_class_student_screen import SIZE, Class, _text, _until

from game.classroom import rules, wakeup
from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.plain import class_lines
from game.plain.class_student import run_student
from game.plain.console import Console
from game.store.classdb import ClassStore
from game.ui.screens import class_student_screen

HOUR = 3600.0
pytestmark = pytest.mark.skipif(not wakeup.available(), reason="no Unix datagram sockets here")


def test_a_woken_game_still_looks_before_its_heartbeat_is_due() -> None:
    """Once woken a game looks less often, but still often enough for its heartbeat to hold its name."""
    assert wakeup.WOKEN_POLL_SECONDS <= rules.HEARTBEAT_SECONDS / 2


async def test_each_change_reaches_the_full_screen_game_at_once(
    tmp_path: Path, panjshir: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start, reveal, next and end each show on the student's screen although it would look at the store
    only an hour later; its socket is gone once it leaves."""
    monkeypatch.setattr(class_student_screen, "POLL_SECONDS", HOUR)
    monkeypatch.setattr(wakeup, "WOKEN_POLL_SECONDS", HOUR)
    klass = Class(tmp_path / "class", panjshir)
    folder = wakeup.wake_folder(klass.host.store.path)
    assert folder is not None
    try:
        app = klass.student("Ana")
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, app, "Waiting for the teacher…")
            assert len(list(folder.iterdir())) == 1  # the game listens
            klass.do("start")
            await _until(pilot, app, "Question 1 of 2")
            await pilot.press(str(klass.right("main", 0) + 1))
            await _until(pilot, app, "Your answer is locked in")  # the game's own answer: no wake-up needed
            klass.do("reveal")
            await _until(pilot, app, "From the article:")
            klass.do("next")
            await _until(pilot, app, "Question 2 of 2")
            klass.do("end")
            await _until(pilot, app, "The teacher has ended the class.")
        assert not folder.exists()
    finally:
        klass.close()


async def test_every_game_of_the_class_is_woken(
    tmp_path: Path, panjshir: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three games in one event loop: all three show the released question although none would look at the
    store for an hour."""
    monkeypatch.setattr(class_student_screen, "POLL_SECONDS", HOUR)
    monkeypatch.setattr(wakeup, "WOKEN_POLL_SECONDS", HOUR)
    klass = Class(tmp_path / "class", panjshir)
    try:
        apps = [klass.student(name) for name in ("Ana", "Bo", "Chen")]
        async with AsyncExitStack() as stack:
            pilots = [await stack.enter_async_context(app.run_test(size=SIZE)) for app in apps]

            async def until(words: str) -> None:
                for app, pilot in zip(apps, pilots, strict=True):
                    with app._context():
                        await _until(pilot, app, words)

            await until("Waiting for the teacher…")
            klass.do("start")
            await until("Question 1 of 2")
    finally:
        klass.close()


async def test_without_a_channel_the_game_polls_as_before(
    tmp_path: Path, panjshir: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no socket can be bound (no AF_UNIX, a folder not ours), the 50 ms look brings the question."""
    monkeypatch.setattr(wakeup.Listener, "open", classmethod(lambda cls, store_path, roots=None: None))
    monkeypatch.setattr(wakeup, "WOKEN_POLL_SECONDS", HOUR)  # never used: never woken
    klass = Class(tmp_path / "class", panjshir)
    try:
        app = klass.student("Ana")
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, app, "Waiting for the teacher…")
            klass.do("start")
            await _until(pilot, app, "Question 1 of 2")
            assert "Waiting for the teacher" not in _text(app)
    finally:
        klass.close()


def test_a_release_reaches_the_plain_student_at_once(
    tmp_path: Path, panjshir: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``class join --plain`` waits for a line an hour at a time here: the wake-up ends the wait."""
    monkeypatch.setattr(class_lines, "POLL_SECONDS", HOUR)
    monkeypatch.setattr(wakeup, "WOKEN_POLL_SECONDS", HOUR)
    klass = Class(tmp_path / "class", panjshir)
    folder = wakeup.wake_folder(klass.host.store.path)
    assert folder is not None
    typed_r, typed_w = os.pipe()
    out = io.StringIO()
    session = ClassSession(ClassStore.open(klass.folder), panjshir)
    typed = open(typed_r, encoding="utf-8")
    console = Console(typed, out, io.StringIO())
    student = threading.Thread(target=run_student, args=(session, console, "Ana"), daemon=True)

    def until(words: str) -> None:
        deadline = time.monotonic() + 20.0  # a bound for a loaded machine, not a timing
        while words not in out.getvalue():
            assert time.monotonic() < deadline, f"{words!r} never printed:\n{out.getvalue()}"
            time.sleep(0.01)

    try:
        student.start()
        until("Waiting for the teacher…")
        until_listening = time.monotonic() + 20.0
        while not (folder.exists() and any(folder.iterdir())):
            assert time.monotonic() < until_listening
            time.sleep(0.01)
        klass.do("start")
        until("Question 1 of 2")
        os.write(typed_w, f"{klass.right('main', 0) + 1}\n".encode())
        until("Locked in")
        klass.do("reveal")
        until("From the article:")
        klass.do("next")
        until("Question 2 of 2")
        klass.do("end")
        until("The teacher has ended the class.")
        student.join(20.0)
        assert not student.is_alive()
        assert not folder.exists()
    finally:
        os.close(typed_w)
        typed.close()
        session.close()
        klass.close()
