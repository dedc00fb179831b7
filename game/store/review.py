"""The spaced-review queue's rows: read, written and pruned; the rules that move them live elsewhere.

One row per player, pack and question id in the queue. When and how a row changes after an answer is
:func:`game.progress.schedule.after_answer`, pure code; :meth:`ReviewMixin.update_review` applies such a rule
inside one write transaction, so two copies of the game answering at once cannot interleave a read and a
write.

Ids are stable keys: rewording a question keeps its schedule; `prune` drops rows for ids a pack no longer has.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from game.store.connection import StoreBase
from game.store.records import LoggedAnswer, Player, ReviewEntry, to_ts
from game.store.schema import REPLAY_REVIEW

ReviewRule = Callable[[ReviewEntry | None], ReviewEntry | None]
"""A question's queue row before an answer → after it (None: not in the queue)."""


Replay = Callable[[Iterator[LoggedAnswer]], Iterable[tuple[int, str, ReviewEntry]]]
"""Answers in log order (per player, pack and question, by time) → the queue rows to keep, as
``(player id, pack id, entry)``: :func:`game.progress.schedule.replay`."""

_COLUMNS = "question_id, due_at, last_seen_at, lapses, card_json"


def _log(
    conn: sqlite3.Connection, where: str = "", params: tuple[object, ...] = ()
) -> Iterator[LoggedAnswer]:
    """Every quiz and review answer (not story choices) matching ``where``, in the order replay needs."""
    rows = conn.execute(
        "SELECT r.player_id, r.pack_id, a.item_id, a.correct, a.answered_at"
        f" FROM answer a JOIN run r ON r.id = a.run_id WHERE r.mode != 'story'{where}"
        " ORDER BY r.player_id, r.pack_id, a.item_id, a.answered_at, a.id",
        params,
    )
    return (LoggedAnswer(int(p), str(k), str(i), bool(c), str(t)) for p, k, i, c, t in rows)


def _entry(row: tuple[object, ...]) -> ReviewEntry:
    qid, due_at, seen, lapses, card = row
    return ReviewEntry(str(qid), str(due_at), str(seen), int(str(lapses)), str(card))


def _put(conn: sqlite3.Connection, key: tuple[int, str, str], entry: ReviewEntry | None) -> None:
    if entry is None:
        conn.execute("DELETE FROM review WHERE player_id = ? AND pack_id = ? AND question_id = ?", key)
        return
    conn.execute(
        "INSERT INTO review (player_id, pack_id, question_id, due_at, last_seen_at, lapses, card_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (player_id, pack_id, question_id) DO UPDATE SET"
        " due_at = excluded.due_at, last_seen_at = excluded.last_seen_at, lapses = excluded.lapses,"
        " card_json = excluded.card_json",
        (*key, entry.due_at, entry.last_seen_at, entry.lapses, entry.card_json),
    )


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
                f"SELECT {_COLUMNS} FROM review WHERE player_id = ? AND pack_id = ? AND question_id = ?", key
            ).fetchone()
            after = rule(None if row is None else _entry(row))
            _put(conn, key, after)
        return after

    def due(self, player: Player, pack_id: str, now: datetime | None = None) -> list[str]:
        """Question ids due for review, longest overdue first (then by id: a stable order)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT question_id FROM review WHERE player_id = ? AND pack_id = ? AND due_at <= ?"
                " ORDER BY due_at, question_id",
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
                f"SELECT {_COLUMNS} FROM review"
                " WHERE player_id = ? AND pack_id = ? ORDER BY due_at, question_id",
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

    # --- rebuilding the queue (schema 3) --------------------------------------------------------------

    def replay_pending(self) -> bool:
        """Whether the queue must be rebuilt from the answer log (a database upgraded to schema 3)."""
        with self._read() as conn:
            row = conn.execute("SELECT 1 FROM pending WHERE what = ?", (REPLAY_REVIEW,)).fetchone()
        return row is not None

    def replay_question(
        self, player: Player, pack_id: str, question_id: str, replay: Replay
    ) -> ReviewEntry | None:
        """Replace one question's row by what ``replay`` makes of that question's answers alone.

        For a change to one answer ("I was right"): the question's row is the same as a full
        :meth:`rebuild_review` would give it, and no other question's row is read or touched.

        Returns:
            The row now stored, or None (the question is not in the queue).
        """
        key = (player.id, pack_id, question_id)
        with self._write() as conn:
            log = _log(conn, " AND r.player_id = ? AND r.pack_id = ? AND a.item_id = ?", key)
            after = next((entry for _player, _pack, entry in replay(log)), None)
            _put(conn, key, after)
        return after

    def rebuild_review(self, replay: Replay) -> int:
        """Replace the whole queue by what ``replay`` makes of the answer log, and clear the pending flag.

        Args:
            replay: Gets every quiz and review answer (not story choices) in the order given, per player,
                pack and question; returns the rows to keep as (player id, pack id, entry).

        Returns:
            How many rows the queue now has. One transaction: a crash leaves the flag, and the next open
            replays again.
        """
        with self._write() as conn:
            kept = list(replay(_log(conn)))
            conn.execute("DELETE FROM review")
            for player_id, pack_id, entry in kept:
                _put(conn, (player_id, pack_id, entry.question_id), entry)
            conn.execute("DELETE FROM pending WHERE what = ?", (REPLAY_REVIEW,))
        return len(kept)
