"""The class store: one SQLite file (``DIR/class.sqlite3``, WAL) that every process of a live class shares.

The host and each student's game open it on the teacher's machine. Every answer is committed the moment it is
given (one ``BEGIN IMMEDIATE`` transaction, ``synchronous = FULL``), so a killed game loses nothing. The
store holds records only; what they mean (whose turn, when a reveal happens) is :mod:`game.classroom.rules`.

``DIR`` must be a local folder: WAL needs shared memory between the processes, which network file systems
do not give (SQLite's own advice), so :func:`network_filesystem` lets the command refuse one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The progress store's file checks (regular file, not a FIFO, SQLite's magic bytes) apply here unchanged.
from game.store import CLASS_FILENAME
from game.store.class_files import building_path, put_in_place, remove_build
from game.store.connection import Transactions, header_is_garbage, is_corrupt_error, is_locked_error
from game.store.records import StoreError

SCHEMA_VERSION = 1
_REMOVE_OR_MOVE = "remove it, or choose another folder"
"""What a teacher can do about a class file with nothing in it (the game never deletes one itself)."""

_DDL = (
    """CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS class (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pack TEXT NOT NULL, seed INTEGER NOT NULL, questions INTEGER, time_limit REAL,
        paced TEXT NOT NULL, pre_post INTEGER NOT NULL, scenes TEXT, article_sha256 TEXT NOT NULL,
        created REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        phase TEXT NOT NULL, question INTEGER NOT NULL, revealed INTEGER NOT NULL,
        released_at REAL, paused_at REAL, results_written INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS students (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, heartbeat REAL NOT NULL, joined REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS answers (
        student TEXT NOT NULL REFERENCES students(key), phase TEXT NOT NULL, question_id TEXT NOT NULL,
        response TEXT NOT NULL, given TEXT NOT NULL, credit REAL NOT NULL, correct INTEGER NOT NULL,
        elapsed REAL NOT NULL, at REAL NOT NULL,
        PRIMARY KEY (student, phase, question_id))""",
)

_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "fuse.sshfs",
    "9p",
    "afs",
    "ncpfs",
    "glusterfs",
    "ceph",
}


@dataclass(frozen=True)
class ClassConfig:
    """What a class was created with; it never changes (a different pack or seed is a new class)."""

    pack: str
    seed: int
    questions: int | None
    time_limit: float | None
    paced: str
    """"teacher" or "self"."""
    pre_post: bool
    scenes: str | None
    """The scenes folder the host loaded the pack from (None: the default), so students load the same."""
    article_sha256: str


@dataclass(frozen=True)
class ClassState:
    """Where the class is: the phase, the teacher-paced question (0-based) and whether it is revealed."""

    phase: str = "lobby"
    """lobby, pre, main, post or ended."""
    question: int = 0
    revealed: bool = False
    released_at: float | None = None
    """When the current question was released (clock seconds); the time limit counts from here."""
    paused_at: float | None = None
    results_written: bool = False


@dataclass(frozen=True)
class StudentRecord:
    key: str
    """The name folded (casefold): two spellings of one name are one student."""
    name: str
    heartbeat: float
    joined: float


@dataclass(frozen=True)
class AnswerRow:
    student: str
    phase: str
    question_id: str
    response: Any
    given: str
    credit: float
    correct: bool
    elapsed: float
    at: float


def name_key(name: str) -> str:
    """The key a student name is stored under."""
    return " ".join(name.split()).casefold()


def network_filesystem(folder: Path) -> str | None:
    """The file system type when ``folder`` is on a network share (Linux ``/proc/self/mounts``, UNC paths)."""
    text = str(folder)
    if text.startswith(("\\\\", "//")):
        return "a network share"
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None  # not Linux: nothing to tell by; the README says to use a local folder
    real = os.path.realpath(folder)
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type if best_type in _NETWORK_FS else None


class ClassStore(Transactions):
    """The records of one class. Open with :meth:`create` or :meth:`open`; close when done."""

    def __init__(self, folder: Path, conn: sqlite3.Connection) -> None:
        self.folder = folder
        self.path = folder / CLASS_FILENAME
        self._conn = conn
        self._lock = threading.RLock()

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def exists(cls, folder: Path) -> bool:
        return (folder / CLASS_FILENAME).is_file()

    @classmethod
    def open(cls, folder: Path, *, busy_timeout_ms: int = 10_000) -> ClassStore:
        """Open an existing class; StoreError (written for the teacher) when ``folder`` is not one."""
        path = folder / CLASS_FILENAME
        if not path.exists():
            raise StoreError(f"{folder} is not a class (no {CLASS_FILENAME}); start one with `class start`")
        if _empty_file(path):
            # An older quotebound's creation cut short left this; SQLite would take it as an empty database
            # (and write a header into it). The teacher decides what happens to it: it is never deleted here.
            raise StoreError(f"{path} is empty, not a class store: {_REMOVE_OR_MOVE}")
        store = cls(folder, _connect(path, busy_timeout_ms))
        # `create` puts the file in place only once the class is whole: no waiting for one being made.
        try:
            version = store._version()
        except StoreError:
            store.close()
            raise
        if version is None:
            store.close()
            raise StoreError(f"{path} is not a class store: choose another folder")
        if version == 0:
            store.close()
            raise StoreError(f"{path} is an empty database, not a class store: {_REMOVE_OR_MOVE}")
        if version > SCHEMA_VERSION:
            store.close()
            raise StoreError(f"{path} was written by a newer quotebound; not touching it")
        return store

    def _version(self) -> int | None:
        """The schema version; 0 when the file holds no table at all, None when it holds something else."""
        with self._read() as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return 0
            if not {"schema_version", "class"} <= tables:
                return None
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            if row is None or row[0] is None or conn.execute("SELECT 1 FROM class").fetchone() is None:
                return None
            return int(row[0])

    @classmethod
    def create(
        cls, folder: Path, config: ClassConfig, now: float, *, busy_timeout_ms: int = 10_000
    ) -> ClassStore:
        """Create the class in ``folder`` (made if missing).

        The class is built whole under a temporary name and linked into place: a student's game opening the
        folder as the teacher starts sees no class yet, or the whole class, never an empty database (a
        timed wait for one being filled ran out under load). StoreError when the folder holds a class.
        """
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {folder}: {exc.strerror or exc}") from exc
        target = folder / CLASS_FILENAME
        if target.exists():
            raise StoreError(f"{folder} already holds a class")
        building = building_path(folder)
        try:
            made = cls(folder, _connect(building, busy_timeout_ms))
            try:
                made._fill(config, now)
            finally:
                made.close()  # the last connection: SQLite folds the WAL into the file and removes it
            put_in_place(building, target, folder)
        finally:
            remove_build(building)  # a kill before this leaves it to the next start's remove_stale_builds
        return cls(folder, _connect(target, busy_timeout_ms))

    def _fill(self, config: ClassConfig, now: float) -> None:
        """The schema, the class's config and its first state, in one transaction."""
        with self._write() as conn:
            for statement in _DDL:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            conn.execute(
                "INSERT INTO class VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    config.pack,
                    config.seed,
                    config.questions,
                    config.time_limit,
                    config.paced,
                    int(config.pre_post),
                    config.scenes,
                    config.article_sha256,
                    now,
                ),
            )
            conn.execute("INSERT INTO state (id, phase, question, revealed) VALUES (1, 'lobby', 0, 0)")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ClassStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions --------------------------------------------------------------------------

    def _translate(self, exc: sqlite3.Error) -> StoreError:
        return _translate(exc, self.path)

    # --- the class -----------------------------------------------------------------------------

    def config(self) -> ClassConfig:
        with self._read() as conn:
            row = conn.execute(
                "SELECT pack, seed, questions, time_limit, paced, pre_post, scenes, article_sha256 FROM class"
            ).fetchone()
        return ClassConfig(row[0], int(row[1]), row[2], row[3], row[4], bool(row[5]), row[6], row[7])

    def state(self) -> ClassState:
        with self._read() as conn:
            row = conn.execute(
                "SELECT phase, question, revealed, released_at, paused_at, results_written FROM state"
            ).fetchone()
        return ClassState(row[0], int(row[1]), bool(row[2]), row[3], row[4], bool(row[5]))

    def set_state(self, state: ClassState, *, expect: ClassState | None = None) -> bool:
        """Write ``state``; with ``expect``, only if the stored state is still that one (False otherwise)."""
        with self._write() as conn:
            if expect is not None and self.state() != expect:
                return False
            conn.execute(
                "UPDATE state SET phase = ?, question = ?, revealed = ?, released_at = ?, paused_at = ?, "
                "results_written = ?",
                (
                    state.phase,
                    state.question,
                    int(state.revealed),
                    state.released_at,
                    state.paused_at,
                    int(state.results_written),
                ),
            )
        return True

    # --- students ------------------------------------------------------------------------------

    def claim(self, name: str, now: float, fresh_for: float) -> StudentRecord | None:
        """Take ``name`` for this game: None while another game's heartbeat on it is under ``fresh_for`` old.

        Check and take happen in one write transaction, so two games can never both get one name.
        """
        key = name_key(name)
        with self._write() as conn:
            row = conn.execute(
                "SELECT heartbeat, joined, name FROM students WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                conn.execute("INSERT INTO students VALUES (?, ?, ?, ?)", (key, name, now, now))
                return StudentRecord(key, name, now, now)
            if now - float(row[0]) < fresh_for:
                return None
            conn.execute("UPDATE students SET heartbeat = ? WHERE key = ?", (now, key))
            return StudentRecord(key, row[2], now, float(row[1]))

    def heartbeat(self, key: str, now: float, *, wait: bool = True) -> bool:
        """Keep ``key``'s name held: True once written.

        With ``wait=False`` a beat that would wait for another game's write (thirty students answering at
        once, each commit synced to disk) is skipped instead, and False returned: the caller beats again at
        its next look, well inside :data:`~game.classroom.rules.FRESH_SECONDS`, rather than hold up the
        question the class has just moved on to.
        """
        if wait:
            with self._write() as conn:
                conn.execute("UPDATE students SET heartbeat = ? WHERE key = ?", (now, key))
            return True
        with self._lock:
            waited = self._conn.execute("PRAGMA busy_timeout").fetchone()[0]
            self._conn.execute("PRAGMA busy_timeout = 0")
            try:
                with self._write() as conn:
                    conn.execute("UPDATE students SET heartbeat = ? WHERE key = ?", (now, key))
                return True
            except StoreError as exc:
                if isinstance(exc.__cause__, sqlite3.Error) and is_locked_error(exc.__cause__):
                    return False
                raise
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {int(waited)}")

    def release(self, key: str) -> None:
        """The game left cleanly: its name is free at once."""
        with self._write() as conn:
            conn.execute("UPDATE students SET heartbeat = 0 WHERE key = ?", (key,))

    def students(self) -> list[StudentRecord]:
        with self._read() as conn:
            rows = conn.execute("SELECT key, name, heartbeat, joined FROM students ORDER BY joined, key")
            return [StudentRecord(r[0], r[1], float(r[2]), float(r[3])) for r in rows]

    # --- answers -------------------------------------------------------------------------------

    def record_answer(self, row: AnswerRow) -> bool:
        """Commit one answer; False when that student already answered that item in that phase (kept)."""
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.student,
                    row.phase,
                    row.question_id,
                    json.dumps(row.response),
                    row.given,
                    row.credit,
                    int(row.correct),
                    row.elapsed,
                    row.at,
                ),
            )
            return cursor.rowcount == 1

    def answers(self, *, student: str | None = None, phase: str | None = None) -> list[AnswerRow]:
        """Answers in the order given, optionally of one student and/or one phase."""
        query = (
            "SELECT * FROM answers WHERE (? IS NULL OR student = ?) AND (? IS NULL OR phase = ?) ORDER BY at"
        )
        with self._read() as conn:
            rows = conn.execute(query, (student, student, phase, phase)).fetchall()
        return [
            AnswerRow(
                r[0], r[1], r[2], json.loads(r[3]), r[4], float(r[5]), bool(r[6]), float(r[7]), float(r[8])
            )
            for r in rows
        ]


def _empty_file(path: Path) -> bool:
    """Whether ``path`` is a regular file of no bytes (stat follows symlinks, and never blocks on a FIFO)."""
    try:
        info = os.stat(path)
    except OSError:
        return False  # the open that follows says what is wrong
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


def _connect(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    if header_is_garbage(path):
        raise StoreError(f"{path} is not a database; move it away or use another folder")
    try:
        conn = sqlite3.connect(
            path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        # WAL: the host reads while students write; a SIGKILL mid-write leaves a WAL the next open replays.
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: an answer a student saw accepted survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise _translate(exc, path) from exc
    return conn


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    if is_locked_error(exc):
        return StoreError(f"{path} stayed locked too long (too many games writing at once?); try again")
    if is_corrupt_error(exc):
        return StoreError(f"{path} is damaged ({exc})")
    return StoreError(f"{path}: database error: {exc}")
