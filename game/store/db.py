"""`ProgressStore`: players, runs and answers in one SQLite file, `progress.sqlite3` in the data folder.

Every write is one transaction committed before the method returns, so an answer the player has seen accepted
survives `kill -9`. The spaced-review queue's rows live in `game.store.review`, history and statistics in
`game.store.stats`; `ProgressStore` combines them. The store only saves and reads: the rules of play (when a
question is due again) are `game.progress`'s. Typical use::

    store = ProgressStore(data_dir_override)          # may set store.recovered_from: tell the player
    me = store.ensure_player("Ana")
    run = store.start_run(me, "panjshir", "quiz", seed=7, state_json=engine.to_json(), total=10)
    store.record_answer(run, "nrf-members", '{"pick": 0}', True, 1.0, 10, 4.2, engine.to_json(), topic="who")
    store.update_review(me, "panjshir", "nrf-members", rule)   # rule: the queue row before -> after
    store.finish_run(run, score=80, max_score=100, state_json=engine.to_json())
"""

from __future__ import annotations

import os
from datetime import datetime
from types import TracebackType
from typing import Any

from game.paths import data_dir
from game.store.connection import DB_FILENAME
from game.store.records import (
    MODES,
    AnswerRecord,
    Mode,
    NewerSchemaError,
    Player,
    RunInfo,
    StoreError,
    StoreLockedError,
    to_ts,
)
from game.store.review import ReviewMixin
from game.store.stats import StatsMixin

__all__ = [
    "DB_FILENAME",
    "NewerSchemaError",
    "Player",
    "ProgressStore",
    "StoreError",
    "StoreLockedError",
]

_RUN_COLUMNS = """
    r.id, r.player_id, r.pack_id, r.mode, r.seed, r.status, r.total,
    (SELECT count(*) FROM answer a WHERE a.run_id = r.id),
    r.score, r.max_score, r.started_at, r.updated_at, r.finished_at
"""


def _run_info(row: Any) -> RunInfo:
    (rid, pid, pack, mode, seed, status, total, n, score, max_score, started, updated, finished) = row
    return RunInfo(
        id=rid,
        player_id=pid,
        pack_id=pack,
        mode=mode,
        seed=None if seed is None else int(seed),
        status=status,
        total=total,
        n_answered=n,
        score=score,
        max_score=max_score,
        started_at=started,
        updated_at=updated,
        finished_at=finished,
    )


class ProgressStore(ReviewMixin, StatsMixin):
    """The player's progress database. Open one per process; close it (or use `with`) when done.

    Raises (from the constructor):
        StoreLockedError: another program holds the file locked; it is left alone.
        NewerSchemaError: a newer quotebound wrote it; it is left byte-identical.
        StoreError: anything else that stops the file being used (unreadable folder, a disk that corrupts
            a freshly created file).

    A damaged file (not a database, or malformed) is not an error: it is renamed aside with its
    -wal/-shm/-journal files, a fresh database is started, and `recovered_from` / `recovery_reason` say so.
    """

    def __init__(
        self,
        data_dir_override: str | os.PathLike[str] | None = None,
        *,
        busy_timeout_ms: int = 5000,
        now: datetime | None = None,
    ) -> None:
        """Open (creating or migrating) `progress.sqlite3` in `paths.data_dir(data_dir_override)`.

        Args:
            data_dir_override: The `--data-dir` value, if any.
            busy_timeout_ms: How long a write waits for another process's lock before `StoreLockedError`.
            now: Clock for the migration log and the corrupt-file name (tests); default: the real time.
        """
        try:
            folder = data_dir(data_dir_override)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder: {exc}") from exc
        super().__init__(folder / DB_FILENAME, busy_timeout_ms=busy_timeout_ms, now=now)

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- players -------------------------------------------------------------------------------------------

    def ensure_player(self, name: str, now: datetime | None = None) -> Player:
        """Return the player called `name` (ignoring case and surrounding spaces), creating them if new.

        Raises:
            ValueError: the trimmed name is empty.
        """
        clean = name.strip()
        if not clean:
            raise ValueError("a player name cannot be empty")
        key = clean.casefold()
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO player (name, name_key, created_at) VALUES (?, ?, ?)",
                (clean, key, to_ts(now)),
            )
            pid, stored = conn.execute("SELECT id, name FROM player WHERE name_key = ?", (key,)).fetchone()
        return Player(int(pid), str(stored))

    def list_players(self) -> list[Player]:
        """All players, alphabetically (case-insensitive)."""
        with self._read() as conn:
            rows = conn.execute("SELECT id, name FROM player ORDER BY name_key, id").fetchall()
        return [Player(int(pid), str(name)) for pid, name in rows]

    # -- runs ----------------------------------------------------------------------------------------------

    def start_run(
        self,
        player: Player,
        pack_id: str,
        mode: Mode,
        seed: int | None,
        state_json: str,
        total: int,
        now: datetime | None = None,
    ) -> int:
        """Create an active run and return its id.

        Args:
            mode: 'quiz', 'story' or 'review'.
            seed: The shuffle seed, so a resumed run replays the same order; any size of int.
            state_json: The engine's initial saved state.
            total: Planned number of items (for "3 / 10" on the resume list).
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        ts = to_ts(now)
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO run (player_id, pack_id, mode, seed, total, state_json, started_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (player.id, pack_id, mode, None if seed is None else str(seed), total, state_json, ts, ts),
            )
            run_id = cur.lastrowid
        assert run_id is not None
        return run_id

    def record_answer(
        self,
        run_id: int,
        item_id: str,
        response_json: str,
        correct: bool,
        credit: float,
        points: int,
        elapsed_s: float,
        state_json: str,
        topic: str | None = None,
        now: datetime | None = None,
    ) -> int:
        """Save one answer and the engine state after it, atomically and durably (committed on return).

        Args:
            run_id: An active run.
            item_id: The question (or story choice point) id.
            response_json: What the player answered, as the engine serialises it.
            correct: Whether it counts as right (for accuracy and streaks).
            credit: 0..1 partial credit; points: what it scored.
            elapsed_s: Seconds spent on it.
            state_json: The engine state after this answer; `run_state()` returns it for resume.
            topic: The question's topic id, for per-topic accuracy.

        Returns:
            The answer's sequence number in the run (1, 2, 3 ...).

        Raises:
            StoreError: the run does not exist or is already finished or abandoned.
        """
        ts = to_ts(now)
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE run SET state_json = ?, updated_at = ? WHERE id = ? AND status = 'active'",
                (state_json, ts, run_id),
            ).rowcount
            if updated != 1:
                raise StoreError(f"run {run_id} is not an active run; answer to {item_id!r} not saved")
            (seq,) = conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM answer WHERE run_id = ?", (run_id,)
            ).fetchone()
            conn.execute(
                "INSERT INTO answer (run_id, seq, item_id, topic, response_json, correct, credit, points,"
                " elapsed_s, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    seq,
                    item_id,
                    topic,
                    response_json,
                    int(bool(correct)),
                    float(credit),
                    int(points),
                    float(elapsed_s),
                    ts,
                ),
            )
        return int(seq)

    def finish_run(
        self,
        run_id: int,
        score: int,
        max_score: int,
        state_json: str,
        now: datetime | None = None,
        bonus: int = 0,
    ) -> None:
        """Mark an active run finished with its final score (never above ``max_score``) and streak bonus.

        Raises:
            StoreError: the run does not exist or is not active (finishing twice is a bug to hear about).
        """
        ts = to_ts(now)
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE run SET status = 'finished', score = ?, max_score = ?, bonus = ?, state_json = ?,"
                " updated_at = ?, finished_at = ? WHERE id = ? AND status = 'active'",
                (score, max_score, bonus, state_json, ts, ts, run_id),
            ).rowcount
            if updated != 1:
                raise StoreError(f"run {run_id} is not an active run; cannot finish it")

    def override_answer(
        self, run_id: int, seq: int, points: int, state_json: str, now: datetime | None = None
    ) -> None:
        """Count answer ``seq`` of an active run as right because the player said so ("I was right").

        Raises:
            StoreError: the run is not active or has no such answer.
        """
        ts = to_ts(now)
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE run SET state_json = ?, updated_at = ? WHERE id = ? AND status = 'active'",
                (state_json, ts, run_id),
            ).rowcount
            changed = conn.execute(
                "UPDATE answer SET correct = 1, credit = 1.0, points = ?, overridden = 1"
                " WHERE run_id = ? AND seq = ?",
                (int(points), run_id, seq),
            ).rowcount
            if updated != 1 or changed != 1:
                raise StoreError(f"run {run_id} has no active answer {seq} to override")

    def overrides(self, player: Player, pack_id: str | None = None) -> int:
        """How many answers the player has overridden ("I was right"), in one pack or all."""
        with self._read() as conn:
            (count,) = conn.execute(
                "SELECT count(*) FROM answer a JOIN run r ON r.id = a.run_id"
                " WHERE r.player_id = ? AND a.overridden = 1 AND (? IS NULL OR r.pack_id = ?)",
                (player.id, pack_id, pack_id),
            ).fetchone()
        return int(count)

    def abandon_run(self, run_id: int, now: datetime | None = None) -> bool:
        """Drop an active run from the resume list (its answers still count in stats).

        Returns:
            False if it was not active (already finished, abandoned, or unknown).
        """
        ts = to_ts(now)
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE run SET status = 'abandoned', updated_at = ?, finished_at = ? "
                "WHERE id = ? AND status = 'active'",
                (ts, ts, run_id),
            ).rowcount
        return updated == 1

    def unfinished_runs(self, player: Player, pack_id: str | None = None) -> list[RunInfo]:
        """Active runs to offer for resume, most recently started first."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_RUN_COLUMNS} FROM run r WHERE r.player_id = ? AND r.status = 'active'"
                " AND (? IS NULL OR r.pack_id = ?) ORDER BY r.started_at DESC, r.id DESC",
                (player.id, pack_id, pack_id),
            ).fetchall()
        return [_run_info(row) for row in rows]

    def run_info(self, run_id: int) -> RunInfo:
        """One run's summary. Raises KeyError if there is no such run."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {_RUN_COLUMNS} FROM run r WHERE r.id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return _run_info(row)

    def run_state(self, run_id: int) -> str:
        """The engine state JSON last saved for the run. Raises KeyError if there is no such run."""
        with self._read() as conn:
            row = conn.execute("SELECT state_json FROM run WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return str(row[0])

    def answers(self, run_id: int) -> list[AnswerRecord]:
        """The run's answers in the order given."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT run_id, seq, item_id, topic, response_json, correct, credit, points, elapsed_s,"
                " answered_at FROM answer WHERE run_id = ? ORDER BY seq",
                (run_id,),
            ).fetchall()
        return [
            AnswerRecord(int(r), int(s), str(i), t, str(js), bool(c), float(cr), int(p), float(e), str(at))
            for r, s, i, t, js, c, cr, p, e, at in rows
        ]
