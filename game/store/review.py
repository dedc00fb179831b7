"""Spaced review of missed questions: a Leitner system with five boxes.

Rules (per player, per pack, per question id):

* A question enters the queue only when it is missed; questions never missed are never in it.
* A miss, in any mode, puts it in box 1, due at once (and counts a lapse).
* A right answer *when it is due* moves it up one box and schedules it `LEITNER_INTERVALS_DAYS[box - 1]` days
  later: box 1 → 0 days, 2 → 1, 3 → 3, 4 → 7, 5 → 21.
* A right answer *before* it is due changes nothing: answering twice in one sitting is not spacing, and
  promoting on it would let cramming empty the queue.
* A right answer in box 5 graduates the question: it leaves the queue (a later miss brings it back to box 1).
  Chosen over "stay in box 5 forever" so "Review mistakes" can be finished, which is what a player expects.

Ids are stable keys: rewording a question keeps its schedule; `prune` drops rows for ids a pack no longer has.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from game.store.connection import StoreBase
from game.store.records import Player, ReviewEntry, parse_ts, to_ts

LEITNER_INTERVALS_DAYS: tuple[int, ...] = (0, 1, 3, 7, 21)
"""Days until due after landing in box 1..5."""
TOP_BOX = len(LEITNER_INTERVALS_DAYS)


class ReviewMixin(StoreBase):
    """The review-queue part of `ProgressStore`."""

    def review_result(
        self, player: Player, pack_id: str, question_id: str, correct: bool, now: datetime | None = None
    ) -> int | None:
        """Apply one answer to the review schedule (call it for every answered question, in any mode).

        Returns:
            The question's box afterwards, or None if it is not in the queue (never missed, or graduated now).
        """
        ts = to_ts(now)
        moment = parse_ts(ts)
        key = (player.id, pack_id, question_id)
        with self._write() as conn:
            row = conn.execute(
                "SELECT box, due_at FROM review WHERE player_id = ? AND pack_id = ? AND question_id = ?", key
            ).fetchone()
            if not correct:
                conn.execute(
                    "INSERT INTO review (player_id, pack_id, question_id, box, due_at, last_seen_at, lapses)"
                    " VALUES (?, ?, ?, 1, ?, ?, 1)"
                    " ON CONFLICT (player_id, pack_id, question_id) DO UPDATE SET"
                    " box = 1, due_at = excluded.due_at, last_seen_at = excluded.last_seen_at,"
                    " lapses = lapses + 1",
                    (*key, ts, ts),
                )
                return 1
            if row is None:
                return None
            box, due_at = int(row[0]), str(row[1])
            if due_at > ts:
                conn.execute(
                    "UPDATE review SET last_seen_at = ?"
                    " WHERE player_id = ? AND pack_id = ? AND question_id = ?",
                    (ts, *key),
                )
                return box
            if box >= TOP_BOX:
                conn.execute(
                    "DELETE FROM review WHERE player_id = ? AND pack_id = ? AND question_id = ?", key
                )
                return None
            box += 1
            due = to_ts(moment + timedelta(days=LEITNER_INTERVALS_DAYS[box - 1]))
            conn.execute(
                "UPDATE review SET box = ?, due_at = ?, last_seen_at = ?"
                " WHERE player_id = ? AND pack_id = ? AND question_id = ?",
                (box, due, ts, *key),
            )
            return box

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
        return [ReviewEntry(str(q), int(b), str(d), str(s), int(n)) for q, b, d, s, n in rows]

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
