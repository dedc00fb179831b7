"""Opening the progress database safely: WAL, migrations, corrupt-file recovery, refusing locked/newer files.

`StoreBase` owns the connection and gives the feature mixins (`db`, `review`, `stats`) two context
managers: `_write()` (one `BEGIN IMMEDIATE` transaction, committed on exit) and `_read()`. Both turn
`sqlite3` errors into `StoreError`s with messages a player can act on.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from game.store.records import NewerSchemaError, StoreError, StoreLockedError, to_ts
from game.store.schema import LATEST_VERSION, MIGRATIONS, SCHEMA_VERSION_DDL

DB_FILENAME = "progress.sqlite3"
SIBLING_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"

# Primary result codes (the low byte of an extended code such as SQLITE_CORRUPT_INDEX).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_corrupt_error(exc: sqlite3.Error) -> bool:
    """True only for "not a database" and "malformed"; never for locked/busy (a healthy file in use)."""
    return _primary_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def is_locked_error(exc: sqlite3.Error) -> bool:
    """True when another connection holds a lock SQLite gave up waiting for."""
    return _primary_code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED)


class _CorruptDatabase(Exception):
    """Internal: the file is damaged; carries SQLite's words for the report."""


def _locked_error(path: Path) -> StoreLockedError:
    return StoreLockedError(
        f"{path} is locked by another program (is quotebound already running?); close it and try again"
    )


def translate_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn a `sqlite3` error met during play into a `StoreError` (the file is never moved mid-session)."""
    if is_locked_error(exc):
        return _locked_error(path)
    if is_corrupt_error(exc):
        return StoreError(f"{path} is damaged ({exc}); restart quotebound to set it aside and start afresh")
    return StoreError(f"{path}: database error: {exc}")


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database and its -wal/-shm/-journal files to `<name>.corrupt-<UTC time>[-wal...]`.

    Nothing is deleted: the player (or we) may still recover answers from it. The siblings keep SQLite's
    naming pattern next to the new name, so `sqlite3 progress.sqlite3.corrupt-...` opens the set together.

    Returns:
        The new path of the main file.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    target, n = base, 1
    # Two recoveries in one second must not overwrite the first one's evidence.
    while any(Path(f"{target}{s}").exists() for s in ("", *SIBLING_SUFFIXES)):
        n += 1
        target = base.with_name(f"{base.name}.{n}")
    if path.exists():
        os.rename(path, target)
    for suffix in SIBLING_SUFFIXES:
        sibling = Path(f"{path}{suffix}")
        if sibling.exists():
            os.rename(sibling, f"{target}{suffix}")
    return target


def header_is_garbage(path: Path) -> bool:
    """Spot a non-database before SQLite opens it.

    Found by experiment: connecting to a garbage file and querying it makes SQLite delete the `-wal` and
    `-journal` files next to it. Checking the magic bytes first keeps them for `move_aside`.

    Raises:
        StoreError: when the path (or a `-wal`/`-shm`/`-journal` beside it) is not a regular file.
    """
    for suffix in SIBLING_SUFFIXES:
        _require_regular_file(Path(f"{path}{suffix}"))
    try:
        # O_NONBLOCK: a FIFO in place of the database would otherwise block this open (and SQLite's)
        # forever. The type is checked on the open descriptor, so nothing can be swapped in between.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        _require_regular_mode(path, os.fstat(fd).st_mode)
        head = os.read(fd, len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    # An empty file is a valid empty database to SQLite (and what a crash during creation leaves).
    return head != b"" and head != SQLITE_MAGIC


def _require_regular_mode(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else "not a file"
        raise StoreError(f"{path} is {kind}, not a regular file; move it away to save progress again")


def _require_regular_file(path: Path) -> None:
    """Refuse a path that exists and is not a regular file (stat follows symlinks, and never blocks)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    _require_regular_mode(path, mode)


def _schema_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _migrate(conn: sqlite3.Connection, path: Path, now: datetime | None) -> None:
    """Apply each migration newer than the file in its own transaction: a crash leaves a known version."""
    for migration in MIGRATIONS:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(SCHEMA_VERSION_DDL)
            # Re-read under the write lock: a second copy of the game may have migrated meanwhile.
            current = _schema_version(conn)
            if current > LATEST_VERSION:
                raise _newer(path, current)
            if current >= migration.version:
                continue
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, to_ts(now)),
            )


def _newer(path: Path, version: int) -> NewerSchemaError:
    return NewerSchemaError(
        f"{path} was written by a newer quotebound (schema {version} > {LATEST_VERSION}); not touching it"
    )


def _connect(path: Path, busy_timeout_ms: int, now: datetime | None) -> sqlite3.Connection:
    """Open and prepare one connection, or raise `_CorruptDatabase` / a `StoreError`.

    Order matters: everything up to the version check only reads, so a newer game's file stays byte-identical.
    """
    if header_is_garbage(path):
        raise _CorruptDatabase("file is not a database")
    # isolation_level=None: no implicit transactions; `_write()` issues BEGIN IMMEDIATE itself.
    # timeout= is SQLite's busy_timeout: how long a locked write waits before "database is locked".
    # check_same_thread=False: a UI worker thread may save; StoreBase serialises access with a lock.
    try:
        conn = sqlite3.connect(
            path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:  # e.g. "unable to open database file": a missing or read-only folder
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        version = _schema_version(conn)
        if version > LATEST_VERSION:
            raise _newer(path, version)
        # quick_check reads every page (milliseconds for a quiz history) and catches damage a lone
        # SELECT on page 1 would not.
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _CorruptDatabase("; ".join(str(p) for p in problems[:3]))
        # WAL: readers never block the writer; a SIGKILL mid-write leaves a WAL that the next open replays.
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL fsyncs each commit: an answer the player saw accepted survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Only take the write lock when there is something to do: an up-to-date file opens even while a
        # second copy of the game is mid-write (its reads work; its first write reports the lock).
        if version < LATEST_VERSION:
            _migrate(conn, path, now)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_corrupt_error(exc):
            raise _CorruptDatabase(str(exc)) from exc
        if is_locked_error(exc):
            raise _locked_error(path) from exc
        raise StoreError(f"cannot open {path}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


class Transactions:
    """A connection's writes and reads under its lock, with sqlite3's errors turned into StoreErrors.

    Shared by the progress store and the class store (``game.store.classdb``), which differ only in the
    words of their errors (:meth:`_translate`).
    """

    path: Path
    _conn: sqlite3.Connection
    _lock: threading.RLock

    def _translate(self, exc: sqlite3.Error) -> StoreError:
        return translate_error(exc, self.path)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed when the block ends (Python 3.11 never commits on close).

        BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes gets
        SQLITE_BUSY at once when another writer sneaks in, without waiting out busy_timeout.
        """
        with self._lock:
            try:
                with self._conn:
                    self._conn.execute("BEGIN IMMEDIATE")
                    yield self._conn
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc


class StoreBase(Transactions):
    """Connection owner shared by the store's feature mixins.

    Attributes:
        path: The database file.
        recovered_from: If the file was damaged at open, where it was moved (`progress.sqlite3.corrupt-...`);
            the UI should tell the player. None when nothing happened.
    """

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000, now: datetime | None = None) -> None:
        self.path = path
        self.recovered_from: Path | None = None
        self.recovery_reason: str | None = None
        # RLock: a public method may call another while holding it.
        self._lock = threading.RLock()
        try:
            self._conn = _connect(path, busy_timeout_ms, now)
        except _CorruptDatabase as exc:
            try:
                self.recovered_from = move_aside(path, now)
            except OSError as move_exc:
                raise StoreError(
                    f"{path} is damaged ({exc}) and could not be moved aside: {move_exc}"
                ) from exc
            self.recovery_reason = str(exc)
            try:
                self._conn = _connect(path, busy_timeout_ms, now)
            except _CorruptDatabase as again:
                raise StoreError(
                    f"{path}: a fresh database is damaged too ({again}); is the disk failing?"
                ) from again

    def close(self) -> None:
        """Close the connection; the last one to close checkpoints the WAL into the main file."""
        with self._lock:
            self._conn.close()

