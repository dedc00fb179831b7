"""Snapshots of the progress screens at 80×24: who is playing, the resume offer, the title with a player,
a question in review mode, and the stats screen.

Each test writes its database first, through the game's own ProgressService, with a clock that stands still
unless moved and stats days in UTC, so the pictures never depend on when or where they are taken.
Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.progress.service import ProgressService
from game.store.db import ProgressStore
from game.ui.app import QuoteboundApp, make_app

PACK = Path(__file__).resolve().parent / "pack"
SIZE = (80, 24)
T0 = datetime(2025, 3, 10, 18, 30, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def new_app(pack: Pack, data: Path, **options) -> QuoteboundApp:  # type: ignore[no-untyped-def]
    return make_app(packs=[pack], data_dir=data, clock=Clock(T0 + timedelta(days=3)), tz=UTC, **options)


def fixed(run: QuizRun) -> object:
    """The same answers every time: the first option, the first two, the items as shown, a typed figure."""
    shown = run.current
    assert shown is not None
    return {"multi": [0, 1], "order": list(range(len(shown.choices))), "short": "600"}.get(shown.kind, 0)


def play(
    service: ProgressService, pack: Pack, clock: Clock, seed: int, answers: int | None = None, **kw: object
) -> QuizRun:
    """A round dealt with ``seed``, answered with :func:`fixed` a minute or so apart."""
    run = QuizRun(pack, seed=seed, **kw)  # type: ignore[arg-type]
    service.round_started(run)
    while not run.finished and (answers is None or len(run.records) < answers):
        clock.now += timedelta(seconds=50)
        run.answer(fixed(run), 12.0 + len(run.records))  # type: ignore[arg-type]
        service.answered(run)
    if run.finished:
        service.round_finished(run)
    return run


def history(pack: Pack, data: Path) -> None:
    """Ana's three evenings: two full rounds, then a retake of her misses."""
    clock = Clock()
    service = ProgressService.open(data, clock=clock, tz=UTC)
    service.use_player("Ana")
    play(service, pack, clock, seed=3)
    clock.now = T0 + timedelta(days=1)
    run = play(service, pack, clock, seed=8)
    clock.now = T0 + timedelta(days=2)
    play(service, pack, clock, seed=9, question_ids=run.summary().missed)
    service.close()


def test_player_screen(snap_compare, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", True)
    with ProgressStore(tmp_path, now=T0) as store:
        for name in ("Ana", "Bo", "María José", "[b]Zed[/b]"):
            store.ensure_player(name, now=T0)
    assert snap_compare(new_app(pack, tmp_path), press=["down"], terminal_size=SIZE)


def test_resume_offer(snap_compare, pack: Pack, tmp_path: Path) -> None:
    clock = Clock()
    service = ProgressService.open(tmp_path, clock=clock)
    service.use_player("Ana")
    play(service, pack, clock, seed=3, answers=3)
    service.close()
    assert snap_compare(new_app(pack, tmp_path, player="Ana"), terminal_size=SIZE)


def test_title_with_a_player(snap_compare, pack: Pack, tmp_path: Path) -> None:
    history(pack, tmp_path)
    assert snap_compare(new_app(pack, tmp_path, player="Ana"), terminal_size=SIZE)


def test_review_question(snap_compare, pack: Pack, tmp_path: Path) -> None:
    history(pack, tmp_path)
    app = new_app(pack, tmp_path, player="Ana", seed=5)
    assert snap_compare(app, press=["4"], terminal_size=SIZE)  # 4: Review (n due)


def test_stats(snap_compare, pack: Pack, tmp_path: Path) -> None:
    history(pack, tmp_path)
    app = new_app(pack, tmp_path, player="Ana")
    assert snap_compare(app, press=["5"], terminal_size=SIZE)  # 5: Stats


def test_stats_scrolled_to_the_history(snap_compare, pack: Pack, tmp_path: Path) -> None:
    history(pack, tmp_path)
    app = new_app(pack, tmp_path, player="Ana")
    assert snap_compare(app, press=["5", "end"], terminal_size=SIZE)
