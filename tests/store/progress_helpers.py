"""Helpers for the progress tests: the snapshot packs, answers the engine scores right or wrong, a clock.

A plain module (not ``conftest``) so test files import it by a name no other folder uses.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import permutations
from pathlib import Path

from game.engine.content.pack import Pack
from game.engine.quiz import types as qtypes
from game.engine.quiz.run import Presented, QuizRun, Response, judge
from game.progress.schedule import after_answer
from game.store.db import Player, ProgressStore
from game.store.records import ReviewEntry

TESTS = Path(__file__).resolve().parent.parent
QUIZ_PACK = TESTS / "snapshots" / "pack"
"""Seven questions, one of each type, in two topics."""
STORY_PACK = TESTS / "snapshots" / "story"
"""Two small scenarios."""

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


class Clock:
    """A clock that stands still unless moved: ``clock.now``, ``clock.advance(minutes=3)``."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def _candidates(shown: Presented) -> list[Response]:
    question, n = shown.question, len(shown.choices)
    if isinstance(question, qtypes.ShortQuestion):
        return [question.answers[0], "not the answer"]
    if isinstance(question, qtypes.OrderQuestion):
        return [list(p) for p in permutations(range(n))]
    if isinstance(question, qtypes.MultiQuestion):
        return [[i for i in range(n) if mask >> i & 1] for mask in range(1, 2**n)]
    return list(range(n))


def response(run: QuizRun, right: bool) -> Response:
    """A response to the question on show that the engine scores fully right (or not fully right)."""
    shown = run.current
    assert shown is not None
    perm = run.perms[shown.question.id]
    for candidate in _candidates(shown):
        if judge(shown.question, shown.choices, perm, candidate, run.pack).correct == right:
            return candidate
    raise AssertionError(f"no {'right' if right else 'wrong'} response for {shown.question.id}")


def answer(run: QuizRun, right: bool, elapsed: float = 4.0) -> None:
    """Answer the question on show, right or wrong."""
    run.answer(response(run, right), elapsed)


def right_ids(pack: Pack) -> list[str]:
    return [q.id for q in pack.questions]


def review_result(
    store: ProgressStore, player: Player, pack_id: str, question_id: str, correct: bool, now: datetime
) -> ReviewEntry | None:
    """Apply one answer to the stored queue with the game's rule; the question's row after, or None."""
    return store.update_review(
        player, pack_id, question_id, lambda e: after_answer(e, question_id, correct, now)
    )
