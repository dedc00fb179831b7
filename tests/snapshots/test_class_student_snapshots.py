"""Snapshots of the live class's student game: the name asked, waiting, a question, the answer locked in and
the reveal's feedback with the quote, at 80×24 and (name, question, locked and reveal) at 40×12.

Each class is a real class store in a temporary folder; the store's state is set before the app starts, and
the student answers by key as a student would. The round is the Panjshir pack's with seed 10.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import ClassConfig, ClassStore
from game.ui.class_student_app import ClassStudentApp

SIZES = pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
LARGE = (80, 24)
SETTLE = 0.3
"""Seconds for the screen's polls (every 50 ms) to have shown the store's state."""


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ClassStudentApp, "CURSOR_BLINK", False)


@pytest.fixture
def session(tmp_path: Path, panjshir: Pack) -> Iterator[ClassSession]:
    config = ClassConfig("panjshir", 10, 5, None, "teacher", False, None, panjshir.article.sha256)
    opened = ClassSession(ClassStore.create(tmp_path, config, 1.0), panjshir)
    yield opened
    opened.close()


def released(session: ClassSession) -> None:
    """The teacher has released the round's first question."""
    state = session.state()
    session.store.set_state(replace(state, phase="main", question=0, released_at=time.time()))


def settle(*keys: str, reveal: ClassSession | None = None):  # type: ignore[no-untyped-def]
    """Press ``keys``, then (with ``reveal``) reveal the question, and let the screen catch up."""

    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.pause(SETTLE)
        if keys:
            await pilot.press(*keys)
            await pilot.pause(SETTLE)
        if reveal is not None:
            reveal.store.set_state(replace(reveal.state(), revealed=True))
            await pilot.pause(SETTLE)

    return run_before


@SIZES
def test_name_asked(snap_compare, session: ClassSession, size: tuple[int, int]) -> None:
    assert snap_compare(ClassStudentApp(session), terminal_size=size, run_before=settle())


def test_waiting_for_the_teacher(snap_compare, session: ClassSession) -> None:
    assert snap_compare(ClassStudentApp(session, player="Ana"), terminal_size=LARGE, run_before=settle())


@SIZES
def test_question_released(snap_compare, session: ClassSession, size: tuple[int, int]) -> None:
    released(session)
    assert snap_compare(ClassStudentApp(session, player="Ana"), terminal_size=size, run_before=settle())


@SIZES
def test_answer_locked_in(snap_compare, session: ClassSession, size: tuple[int, int]) -> None:
    released(session)
    app = ClassStudentApp(session, player="Ana")
    assert snap_compare(app, terminal_size=size, run_before=settle("1"))


@SIZES
def test_reveal_with_own_feedback(snap_compare, session: ClassSession, size: tuple[int, int]) -> None:
    """Answered wrong (option 1), then revealed: the student's answer, the right one, why, the quote."""
    released(session)
    app = ClassStudentApp(session, player="Ana")
    assert snap_compare(app, terminal_size=size, run_before=settle("1", reveal=session))


def test_joined_during_a_reveal(snap_compare, session: ClassSession) -> None:
    """Joined while question 1 is revealed: the question with its answer, not "You did not answer"."""
    released(session)
    session.store.set_state(replace(session.state(), revealed=True))
    app = ClassStudentApp(session, player="Ana")
    assert snap_compare(app, terminal_size=LARGE, run_before=settle())


def moved_on(session: ClassSession, *keys: str):  # type: ignore[no-untyped-def]
    """Answer (option 1); the teacher reveals and releases question 2 between two looks; then ``keys``."""

    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.pause(SETTLE)
        await pilot.press("1")
        await pilot.pause(SETTLE)
        state = session.state()
        session.store.set_state(replace(state, question=1, revealed=False, released_at=time.time()))
        await pilot.pause(SETTLE)
        if keys:
            await pilot.press(*keys)
            await pilot.pause(SETTLE)

    return run_before


def test_next_question_after_a_missed_reveal(snap_compare, session: ClassSession) -> None:
    """Question 2 at once, with the line saying question 1's reveal was missed and how the student did."""
    released(session)
    app = ClassStudentApp(session, player="Ana")
    assert snap_compare(app, terminal_size=LARGE, run_before=moved_on(session))


def test_missed_reveal_opened_with_f2(snap_compare, session: ClassSession) -> None:
    """F2 over question 2: question 1's feedback, as its reveal would have shown it."""
    released(session)
    app = ClassStudentApp(session, player="Ana")
    assert snap_compare(app, terminal_size=LARGE, run_before=moved_on(session, "f2"))
