"""Snapshots of the live class's host screen: the lobby (with the join address's QR code, and without when
not serving), a released question, a reveal with its bars and the top five, the self-paced dashboard and the
end; at 80×24, and at 40×12 for the lobby, the question and the reveal.

Each class is built through the store and session API with a fixed clock, in a folder named ``class`` under
the test's own (the working folder), so the screen shows the same words on every machine.
Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.store.classdb import ClassConfig, ClassStore
from game.ui import class_host_app
from game.ui.class_host_app import ClassHostApp

PACK = Path(__file__).resolve().parent / "pack"
T0 = 1_000.0
NOW = T0 + 20.0
"""The screen's clock: 20 s after the question was released (70 s left of 90)."""
URL = "http://192.168.1.20:8000/"
NAMES = ("Ana", "Bo", "Chen", "Dee", "Eve", "Fay")
SMALL = pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


@pytest.fixture(autouse=True)
def _no_refresh_tick(monkeypatch: pytest.MonkeyPatch) -> None:
    """No timer tick before the capture: each snapshot is the screen's first frame, which must already
    show the class (it was blank, with the lobby's keys, until the first tick: a race on a loaded machine)."""
    monkeypatch.setattr(class_host_app, "REFRESH_SECONDS", 3600.0)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield Path("class")


def _class(folder: Path, pack: Pack, *, paced: str = "teacher") -> tuple[ClassSession, HostControl]:
    # Seed 7 deals this pack's first two questions as pick-one questions (4 and 2 options).
    config = ClassConfig(pack.id, 7, 3, 90.0, paced, False, None, pack.article.sha256)
    session = ClassSession(ClassStore.create(folder, config, T0), pack)
    for name in NAMES:
        session.store.claim(name, NOW - 1.0, 10.0)  # their games are running: a fresh heartbeat
    return session, HostControl(session)


def _answer_first(session: ClassSession, picks: list[int]) -> None:
    """Student i answers question 1 with option ``picks[i]`` (0-based)."""
    for name, pick in zip(NAMES, picks, strict=False):
        session.answer(name.casefold(), "main", 0, pick, 5.0, T0 + 5.0)


def _app(session: ClassSession, *, join_url: str | None = URL, leaderboard: bool = False) -> ClassHostApp:
    return ClassHostApp(session, leaderboard=leaderboard, join_url=join_url, clock=lambda: NOW)


def test_lobby_with_qr_code(snap_compare, folder: Path, pack: Pack) -> None:
    """The join address with its QR code, the roster as students join, and the class's settings."""
    session, _control = _class(folder, pack)
    assert snap_compare(_app(session, leaderboard=True), terminal_size=(80, 24))


def test_lobby_not_serving(snap_compare, folder: Path, pack: Pack) -> None:
    """``--no-serve``: the command students type on this machine, no QR code."""
    session, _control = _class(folder, pack)
    assert snap_compare(_app(session, join_url=None), terminal_size=(80, 24))


def test_lobby_40x12_shows_the_address_alone(snap_compare, folder: Path, pack: Pack) -> None:
    """No room for the QR code: the address alone."""
    session, _control = _class(folder, pack)
    assert snap_compare(_app(session), terminal_size=(40, 12))


@SMALL
def test_released_question(snap_compare, folder: Path, pack: Pack, size: tuple[int, int]) -> None:
    """The question and options large, the countdown (1:10) and answered 4 of 6."""
    session, control = _class(folder, pack)
    control.apply("start", T0)
    _answer_first(session, [0, 1, 1, 2])
    assert snap_compare(_app(session), terminal_size=size)


@SMALL
def test_reveal_with_leaderboard(snap_compare, folder: Path, pack: Pack, size: tuple[int, int]) -> None:
    """Bars per option (the right one marked), the right answer, the quote with its ¶, the top five."""
    session, control = _class(folder, pack)
    control.apply("start", T0)
    _answer_first(session, [0, 1, 1, 2, 1, 3])
    control.apply("reveal", T0 + 10.0)
    assert snap_compare(_app(session, leaderboard=True), terminal_size=size)


def test_self_paced_dashboard(snap_compare, folder: Path, pack: Pack) -> None:
    """Each student's progress and score, each question's share right and most-chosen wrong answer."""
    session, control = _class(folder, pack, paced="self")
    control.apply("start", T0)
    _answer_first(session, [0, 1, 1, 2, 1])
    session.store.release("fay")  # Fay closed her game: away
    for name in NAMES[:2]:
        session.answer(name.casefold(), "main", 1, 0, 4.0, T0 + 9.0)
        session.answer(name.casefold(), "main", 2, [0, 1, 2, 3], 4.0, T0 + 12.0)
    assert snap_compare(_app(session), terminal_size=(80, 24))


def test_the_end(snap_compare, folder: Path, pack: Pack) -> None:
    """The class ended: results files written, the questions' figures, the top five."""
    session, control = _class(folder, pack)
    control.apply("start", T0)
    _answer_first(session, [0, 1, 1, 2, 1, 3])
    control.apply("reveal", T0 + 10.0)
    control.apply("end", T0 + 11.0)
    assert snap_compare(_app(session, leaderboard=True), terminal_size=(80, 24))
