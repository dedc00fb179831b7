"""ProgressStore: opening, durability, damaged/locked/newer files, migrations, players and runs."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from progress_helpers import review_result

import game
from game.store.connection import DB_FILENAME, SQLITE_MAGIC
from game.store.db import NewerSchemaError, ProgressStore, StoreError, StoreLockedError
from game.store.schema import LATEST_VERSION, MIGRATIONS, SCHEMA_VERSION_DDL

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
ROOT = Path(game.__file__).resolve().parent.parent


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _answer(store: ProgressStore, run: int, item: str, correct: bool = True, state: str = "{}") -> int:
    return store.record_answer(run, item, '{"pick": 0}', correct, float(correct), 10 * correct, 1.5, state)


# -- open, reopen, WAL, durability ---------------------------------------------------------------------------


def test_creates_file_in_data_dir_with_wal(store: ProgressStore, data: Path) -> None:
    assert store.path == data.resolve() / DB_FILENAME
    assert store.recovered_from is None
    with _raw(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == LATEST_VERSION


def test_env_var_is_the_default_folder(_private_data_dir: Path) -> None:
    with ProgressStore() as store:
        assert store.path == _private_data_dir.resolve() / DB_FILENAME


def test_answers_survive_reopen(data: Path) -> None:
    with ProgressStore(data) as store:
        me = store.ensure_player("Ana")
        run = store.start_run(me, "pk", "quiz", 7, '{"at": 0}', 3, now=T0)
        _answer(store, run, "q1", True, '{"at": 1}')
        _answer(store, run, "q2", False, '{"at": 2}')
    with ProgressStore(data) as again:
        assert again.list_players() == [me]
        [info] = again.unfinished_runs(me)
        assert (info.id, info.n_answered, info.total, info.seed) == (run, 2, 3, 7)
        assert again.run_state(run) == '{"at": 2}'
        assert [(a.seq, a.item_id, a.correct) for a in again.answers(run)] == [
            (1, "q1", True),
            (2, "q2", False),
        ]


def test_second_store_sees_writes_at_once(store: ProgressStore, data: Path) -> None:
    """Each write is committed before the method returns, not at close."""
    run = store.start_run(store.ensure_player("Ana"), "pk", "quiz", None, "{}", 1)
    _answer(store, run, "q1")
    with ProgressStore(data) as other:
        assert len(other.answers(run)) == 1


_CHILD = """
import sys
from game.store.db import ProgressStore
store = ProgressStore(sys.argv[1])
run = store.start_run(store.ensure_player("Kim"), "pk", "quiz", 1, '{"i": 0}', 100000)
print("run", run, flush=True)
for i in range(1, 100000):
    seq = store.record_answer(run, f"q{i}", "{}", i % 2 == 0, 1.0, 1, 0.5, '{"i": %d}' % i)
    print(seq, flush=True)
"""


def test_sigkill_loses_no_recorded_answer(data: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(data)], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline()
        assert first.startswith("run "), first
        run = int(first.split()[1])
        acknowledged = [int(child.stdout.readline()) for _ in range(25)]
        # Killed mid-stream: the child is still writing answers as fast as it can.
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        acknowledged += [int(line) for line in child.stdout.read().split()]
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    with ProgressStore(data) as store:
        seqs = [a.seq for a in store.answers(run)]
        assert seqs == list(range(1, len(seqs) + 1))
        assert set(acknowledged) <= set(seqs)
        # The answer row and the engine state were written in one transaction: they always agree.
        assert store.run_state(run) == f'{{"i": {len(seqs)}}}'


# -- damaged files -------------------------------------------------------------------------------------------


def test_garbage_file_is_moved_aside_with_siblings(data: Path) -> None:
    data.mkdir()
    db = data / DB_FILENAME
    contents = {"": b"not sqlite " * 500, "-wal": b"w" * 100, "-shm": b"s" * 100, "-journal": b"j" * 100}
    for suffix, blob in contents.items():
        Path(f"{db}{suffix}").write_bytes(blob)

    with ProgressStore(data, now=T0) as store:
        moved = data / f"{DB_FILENAME}.corrupt-20250310T120000Z"
        assert store.recovered_from == moved
        assert store.recovery_reason and "not a database" in store.recovery_reason
        for suffix, blob in contents.items():
            assert Path(f"{moved}{suffix}").read_bytes() == blob  # moved intact, never deleted
        me = store.ensure_player("Ana")
        assert store.list_players() == [me]
    with ProgressStore(data) as again:
        assert again.recovered_from is None
        assert again.list_players() == [me]


def test_second_recovery_in_the_same_second_keeps_the_first(data: Path) -> None:
    data.mkdir()
    db = data / DB_FILENAME
    for blob in (b"first garbage", b"second garbage"):
        db.write_bytes(blob)
        ProgressStore(data, now=T0).close()
    names = sorted(p.name for p in data.iterdir() if ".corrupt-" in p.name)
    assert names == [f"{DB_FILENAME}.corrupt-20250310T120000Z", f"{DB_FILENAME}.corrupt-20250310T120000Z.2"]
    assert (data / names[0]).read_bytes() == b"first garbage"


def test_malformed_pages_are_detected_and_moved(data: Path) -> None:
    with ProgressStore(data) as store:
        run = store.start_run(store.ensure_player("Ana"), "pk", "quiz", 1, "{}", 300)
        for i in range(300):
            store.record_answer(run, f"q{i}", "x" * 300, True, 1.0, 1, 1.0, "{}")
    db = data / DB_FILENAME
    assert not Path(f"{db}-wal").exists()  # closed cleanly: everything is in the main file
    blob = bytearray(db.read_bytes())
    assert blob.startswith(SQLITE_MAGIC)
    page = 4096
    pages = len(blob) // page
    assert pages > 10
    start = (pages // 3) * page
    blob[start : start + 4 * page] = bytes((i * 37 + 11) % 256 for i in range(4 * page))
    db.write_bytes(bytes(blob))

    with ProgressStore(data, now=T0) as fresh:
        assert fresh.recovered_from == data / f"{DB_FILENAME}.corrupt-20250310T120000Z"
        assert fresh.recovered_from.read_bytes() == bytes(blob)
        assert fresh.list_players() == []
        fresh.ensure_player("Ana")


def test_unusable_data_folder_is_a_store_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(StoreError, match="data folder"):
        ProgressStore(not_a_folder)


def test_store_never_imports_the_ui() -> None:
    code = "import sys, game.store.db; sys.exit(any(m in sys.modules for m in ('textual', 'rich')))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_empty_file_is_a_valid_new_database(data: Path) -> None:
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"")
    with ProgressStore(data) as store:
        assert store.recovered_from is None
        store.ensure_player("Ana")


# -- locked and newer files are left alone -------------------------------------------------------------------


def test_write_while_another_process_holds_the_lock(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    holder = _raw(store.path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLockedError, match="locked"):
            store.ensure_player("Bo")
        # Reads still work in WAL mode, and a second copy of the game can still open the file.
        assert store.list_players() == [me]
        with ProgressStore(store.path.parent, busy_timeout_ms=50) as second:
            assert second.recovered_from is None
    finally:
        holder.rollback()
        holder.close()
    store.ensure_player("Bo")
    assert [p.name for p in store.list_players()] == ["Ana", "Bo"]
    assert not [p for p in store.path.parent.iterdir() if ".corrupt-" in p.name]


def test_open_while_locked_raises_and_does_not_move(data: Path) -> None:
    data.mkdir()
    db = data / DB_FILENAME
    holder = _raw(db)  # rollback-journal mode: an exclusive lock blocks even readers
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO t VALUES (1)")
    try:
        with pytest.raises(StoreLockedError, match="already running"):
            ProgressStore(data, busy_timeout_ms=50)
        assert sorted(p.name for p in data.iterdir()) == [DB_FILENAME, f"{DB_FILENAME}-journal"]
    finally:
        holder.rollback()
        holder.close()
    with ProgressStore(data) as store:
        assert store.recovered_from is None


@pytest.mark.parametrize("wal", [True, False], ids=["wal", "rollback-journal"])
def test_newer_schema_is_refused_and_left_byte_identical(data: Path, wal: bool) -> None:
    data.mkdir()
    db = data / DB_FILENAME
    if wal:
        ProgressStore(data).close()
    with _raw(db) as conn:
        conn.execute(SCHEMA_VERSION_DDL)
        conn.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00+00:00')")
    before, listing = _digest(db), sorted(os.listdir(data))

    with pytest.raises(
        NewerSchemaError, match=rf"newer quotebound \(schema 99 > {LATEST_VERSION}\); not touching"
    ):
        ProgressStore(data)
    assert _digest(db) == before
    assert sorted(os.listdir(data)) == listing


# -- migrations ----------------------------------------------------------------------------------------------


def test_migrates_a_schema_1_database(data: Path) -> None:
    data.mkdir()
    db = data / DB_FILENAME
    with _raw(db) as conn:
        conn.execute(SCHEMA_VERSION_DDL)
        for statement in MIGRATIONS[0].statements:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (1, 'v1', '2024-01-01T00:00:00+00:00')")
        conn.execute("INSERT INTO player VALUES (1, 'Ana', 'ana', '2024-01-01T00:00:00+00:00')")
        conn.execute(
            "INSERT INTO review VALUES (1, 'pk', 'q1', 3,"
            " '2024-01-02T00:00:00+00:00', '2024-01-01T00:00:00+00:00')"
        )

    with ProgressStore(data, now=T0) as store:
        me = store.ensure_player("ANA")
        assert me.name == "Ana"
        # Schema 3 (FSRS) empties the Leitner queue and asks game.progress to replay the answer log.
        assert store.replay_pending()
        assert store.review_queue(me, "pk") == []
        assert store.rebuild_review(lambda log: []) == 0
        assert not store.replay_pending()
        entry = review_result(store, me, "pk", "q1", False, T0)
        assert entry is not None and store.review_queue(me, "pk") == [entry]
    with _raw(db) as conn:
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [m.version for m in MIGRATIONS]
        indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"run_by_player", "review_due"} <= indexes


def test_reopen_does_not_rerun_migrations(data: Path) -> None:
    ProgressStore(data).close()
    ProgressStore(data).close()
    with _raw(data / DB_FILENAME) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


# -- players and runs ----------------------------------------------------------------------------------------


def test_player_names_trimmed_case_kept_unique_ignoring_case(store: ProgressStore) -> None:
    ana = store.ensure_player("  Ana ")
    assert ana.name == "Ana"
    assert store.ensure_player("aNA") == ana
    bo = store.ensure_player("bo")
    assert store.list_players() == [ana, bo]
    with pytest.raises(ValueError):
        store.ensure_player("   ")


def test_run_lifecycle(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    old = store.start_run(me, "pk", "quiz", 2**70, "{}", 2, now=T0)
    new = store.start_run(me, "pk", "story", None, "{}", 0, now=T0 + timedelta(hours=1))
    other_pack = store.start_run(me, "other", "review", 3, "{}", 5, now=T0 + timedelta(hours=2))
    assert [r.id for r in store.unfinished_runs(me)] == [other_pack, new, old]
    assert [r.id for r in store.unfinished_runs(me, "pk")] == [new, old]
    assert store.run_info(old).seed == 2**70

    assert _answer(store, old, "q1") == 1
    assert _answer(store, old, "q2", False, '{"done": true}') == 2
    store.finish_run(old, 10, 20, '{"final": true}', now=T0 + timedelta(minutes=5))
    assert store.run_state(old) == '{"final": true}'
    info = store.run_info(old)
    assert (info.status, info.score, info.max_score, info.n_answered) == ("finished", 10, 20, 2)
    with pytest.raises(StoreError, match="not an active run"):
        _answer(store, old, "q3")
    with pytest.raises(StoreError):
        store.finish_run(old, 1, 1, "{}")

    assert store.abandon_run(new) is True
    assert store.abandon_run(new) is False
    assert [r.id for r in store.unfinished_runs(me)] == [other_pack]
    with pytest.raises(KeyError):
        store.run_state(9999)
    with pytest.raises(StoreError):
        _answer(store, 9999, "q1")


def test_rejects_bad_mode_and_naive_time(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    with pytest.raises(ValueError, match="mode"):
        store.start_run(me, "pk", "arcade", 1, "{}", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time zone"):
        store.start_run(me, "pk", "quiz", 1, "{}", 1, now=datetime(2025, 1, 1))


def test_players_do_not_see_each_others_runs(store: ProgressStore) -> None:
    ana, bo = store.ensure_player("Ana"), store.ensure_player("Bo")
    store.start_run(ana, "pk", "quiz", 1, "{}", 1)
    assert store.unfinished_runs(bo) == []
