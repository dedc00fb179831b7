"""The review queue as the game sees it: each answer scheduled, what is due, questions a pack dropped.

The rules (:mod:`game.progress.schedule`) are pure; the rows are the store's
(:mod:`game.store.review`). Every method is a no-op without a store or a player, like the rest of
:class:`~game.progress.service.ProgressService`, which owns one of these as ``service.review``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from game.engine.content.pack import Pack
from game.store.db import ProgressStore
from game.store.records import ReviewEntry

if TYPE_CHECKING:
    from game.progress.service import ProgressService


def replay_if_pending(store: ProgressStore) -> int | None:
    """Rebuild the queue from the answer log if the database was just upgraded to FSRS (schema 3).

    Returns:
        The queue's size after a rebuild; None when none was needed.
    """
    if not store.replay_pending():
        return None
    from game.progress.schedule import replay  # FSRS: imported when a schedule is computed, not at start

    return store.rebuild_review(replay)


class ReviewQueue:
    """The player's spaced-review queue (see :mod:`game.progress.schedule` for the rules)."""

    def __init__(self, service: ProgressService) -> None:
        self._service = service

    def record(self, pack_id: str, question_id: str, correct: bool, now: datetime) -> ReviewEntry | None:
        """Schedule one answer (every mode feeds the queue: a miss anywhere is due at once).

        Called inside the service's guard by the run keeper, right after the answer is saved.
        """
        store, player = self._service.store, self._service.player
        if store is None or player is None:
            return None
        fuzz = self._service.fuzz
        from game.progress.schedule import after_answer  # FSRS: not imported before the first answer

        return store.update_review(
            player,
            pack_id,
            question_id,
            lambda entry: after_answer(entry, question_id, correct, now, fuzz=fuzz),
        )

    def prune(self, pack: Pack) -> int:
        """Forget queued questions the pack no longer has (call after loading it)."""
        service = self._service
        store = service.store
        if store is not None:
            with service.guard():
                return store.prune(pack.id, [q.id for q in pack.questions])
        return 0

    def due(self, pack: Pack) -> list[str]:
        """Question ids due for review now, among those the pack still has."""
        service = self._service
        store, player = service.store, service.player
        if store is None or player is None:
            return []
        known = {q.id for q in pack.questions}
        with service.guard():
            return [qid for qid in store.due(player, pack.id, now=service.clock()) if qid in known]
        return []

    def due_count(self, pack: Pack) -> int:
        """How many questions are due for review now (for the menu label)."""
        service = self._service
        store, player = service.store, service.player
        if store is not None and player is not None:
            with service.guard():
                return store.due_count(player, pack.id, now=service.clock())
        return 0
