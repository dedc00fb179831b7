"""The spaced-review queue's rows: read, written and pruned; the rules that move them live elsewhere.

One row per player, pack and question id in the queue. When and how a row changes after an answer is
:func:`game.progress.schedule.after_answer`, pure code; :meth:`ReviewMixin.update_review` applies such a rule
inside one write transaction, so two copies of the game answering at once cannot interleave a read and a
write.

Ids are stable keys: rewording a question keeps its schedule; `prune` drops rows for ids a pack no longer has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from game.store.connection import StoreBase
from game.store.records import Player, ReviewEntry, to_ts

ReviewRule = Callable[[ReviewEntry | None], ReviewEntry | None]
"""A question's queue row before an answer → after it (None: not in the queue)."""


def _entry(row: tuple[object, ...]) -> ReviewEntry:
    qid, box, due_at, seen, lapses = row
    return ReviewEntry(str(qid), int(str(box)), str(due_at), str(seen), int(str(lapses)))


class ReviewMixin(StoreBase):
    """The review-queue part of `ProgressStore`: SQL only."""

    def update_review(
        self, player: Player, pack_id: str, question_id: str, rule: ReviewRule
    ) -> ReviewEntry | None:
        """Replace the question's row by ``rule(row)`` in one transaction; None from the rule removes it.

        Returns:
            The row now stored, or None.
        """
        key = (player.id, pack_id, question_id)
        with self._write() as conn:
            row = conn.execute(
                "SELECT question_id, box, due_at, last_seen_at, lapses FROM review"
                " WHERE player_id = ? AND pack_id = ? AND question_id = ?",
                key,
            ).fetchone()
            after = rule(None if row is None else _entry(row))
            if after is None:
                conn.execute(
                    "DELETE FROM review WHERE player_id = ? AND pack_id = ? AND question_id = ?", key
                )
                return None
            conn.execute(
                "INSERT INTO review (player_id, pack_id, question_id, box, due_at, last_seen_at, lapses)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (player_id, pack_id, question_id) DO UPDATE SET"
                " box = excluded.box, due_at = excluded.due_at, last_seen_at = excluded.last_seen_at,"
                " lapses = excluded.lapses",
                (*key, after.box, after.due_at, after.last_seen_at, after.lapses),
            )
        return after

    def due(self, player: Player, pack_id: str, now: datetime | None = None) -> list[str]:
        """Question ids due for review, longest overdue first (then lowest box, then id: a stable order)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT question_id FROM review WHERE player_id = ? AND pack_id = ? AND due_at <= ?"
                " ORDER BY due_at, box, question_id",
                (player.id, pack_id, to_ts(now)),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def due_count(self, player: Player, pack_id: str, now: datetime | None = None) -> int:
        """How many questions are due (for a "Review (4)" menu label)."""
        with self._read() as conn:
            (n,) = conn.execute(
                "SELECT count(*) FROM review WHERE player_id = ? AND pack_id = ? AND due_at <= ?",
                (player.id, pack_id, to_ts(now)),
            ).fetchone()
        return int(n)

    def review_queue(self, player: Player, pack_id: str) -> list[ReviewEntry]:
        """The whole queue, due or not, soonest first (for a "what am I weak at" screen)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT question_id, box, due_at, last_seen_at, lapses FROM review"
                " WHERE player_id = ? AND pack_id = ? ORDER BY due_at, box, question_id",
                (player.id, pack_id),
            ).fetchall()
        return [_entry(row) for row in rows]

    def prune(self, pack_id: str, existing_ids: Iterable[str]) -> int:
        """Drop queue rows (every player's) whose question id is no longer in the pack.

        Call after loading a pack. Reworded questions keep their id, hence their schedule.

        Returns:
            How many rows were removed.
        """
        keep = set(existing_ids)
        with self._write() as conn:
            # Compare in Python: a pack may have more ids than SQLite allows as `NOT IN (?, ...)` parameters.
            rows = conn.execute("SELECT DISTINCT question_id FROM review WHERE pack_id = ?", (pack_id,))
            stored = {str(r[0]) for r in rows}
            gone = sorted(stored - keep)
            removed = 0
            for qid in gone:
                removed += conn.execute(
                    "DELETE FROM review WHERE pack_id = ? AND question_id = ?", (pack_id, qid)
                ).rowcount
        return removed
