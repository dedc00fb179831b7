""" "I was right" reschedules only the question it was said of (review of 2026-12-06).

Counting a wrong typed answer as right used to rebuild the whole review queue from the answer log: every
row of every player was replayed, which also took the FSRS fuzz out of every other question's date. Now
only that question's answers are replayed, and its row is the one a full rebuild would give.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from progress_helpers import QUIZ_PACK, Clock, answer

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.progress.schedule import replay
from game.progress.service import ProgressService
from game.store.records import ReviewEntry, parse_ts


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(QUIZ_PACK)


def play(service: ProgressService, pack: Pack, question: str, right: bool, seed: int = 1) -> QuizRun:
    """A one-question round, answered right or wrong, saved as the game saves it."""
    run = QuizRun(pack, seed=seed, question_ids=[question])
    service.round_started(run)
    answer(run, right)
    service.answered(run)
    return run


def override_length(service: ProgressService, pack: Pack) -> None:
    """Miss the short-answer question by typing, then say "I was right"."""
    run = QuizRun(pack, seed=1, question_ids=["length"])
    service.round_started(run)
    run.answer("certainly not this")
    service.answered(run)
    run.override()
    service.overridden(run)


def history(service: ProgressService, pack: Pack, clock: Clock) -> None:
    """Misses and right answers over a week on several questions, for the player in use."""
    for question in ("cost", "homes", "length"):
        play(service, pack, question, right=False)
    for days, question, right in (
        (1, "cost", True),
        (1, "length", True),
        (2, "homes", False),
        (3, "cost", True),
    ):
        clock.advance(days=days)
        play(service, pack, question, right)


def queues(service: ProgressService, pack: Pack) -> dict[str, list[ReviewEntry]]:
    store = service.store
    assert store is not None
    return {name: store.review_queue(store.ensure_player(name), pack.id) for name in ("Ana", "Bo")}


def test_the_question_overridden_gets_the_row_a_full_rebuild_gives_it(tmp_path: Path, pack: Pack) -> None:
    clock = Clock()
    service = ProgressService.open(tmp_path / "data", clock=clock)
    try:
        for name in ("Bo", "Ana"):
            service.use_player(name)
            history(service, pack, clock)
        clock.advance(days=1)
        # "length" was missed, then right when due: it has an FSRS history that the override replays.
        override_length(service, pack)
        after_override = queues(service, pack)
        assert service.store is not None
        service.store.rebuild_review(replay)
        assert queues(service, pack) == after_override
        # Counted right on her word: the miss is no lapse; "length" keeps its one earlier miss.
        lapses = {e.question_id: e.lapses for e in after_override["Ana"]}
        assert lapses == {"cost": 1, "homes": 2, "length": 1}
    finally:
        service.close()


def test_other_questions_keep_their_dates(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # FSRS spreads intervals at random (the game without --seed); always the longest here, so the dates
    # are known. A full rebuild replays without the spread, which moved every other question's date.
    monkeypatch.setattr("fsrs.scheduler.random", lambda: 0.999)
    clock = Clock()
    service = ProgressService.open(tmp_path / "data", clock=clock, fuzz=True)
    try:
        service.use_player("Ana")
        play(service, pack, "cost", right=False)
        for _ in range(3):  # right each time it is due: its next interval is long enough to be spread
            [entry] = queues(service, pack)["Ana"]
            clock.now = max(clock.now, _due(entry))
            play(service, pack, "cost", right=True)
        before = queues(service, pack)
        assert before["Ana"], "the spread interval graduated the question; pick fewer rounds"
        override_length(service, pack)
        assert queues(service, pack) == before
    finally:
        service.close()


def _due(entry: ReviewEntry) -> datetime:
    return parse_ts(entry.due_at)
