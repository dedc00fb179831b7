"""The class store: created once, reopened by every process, answers committed once, names claimed safely."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from game.classroom.session import ClassSession
from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.store.classdb import (
    CLASS_FILENAME,
    AnswerRow,
    ClassConfig,
    ClassState,
    ClassStore,
    network_filesystem,
)
from game.store.records import StoreError

CONFIG = ClassConfig("panjshir", 11, 4, None, "teacher", True, None, "sha")


def _row(student: str, qid: str, response: object, at: float) -> AnswerRow:
    return AnswerRow(student, "main", qid, response, str(response), 1.0, True, 2.0, at)


def test_create_then_reopen_in_wal(tmp_path: Path) -> None:
    """A second process reopens the class with its config and state; the file is in WAL mode."""
    with ClassStore.create(tmp_path / "c", CONFIG, 1.0) as store:
        store.set_state(ClassState("main", 2, True, 5.0))
    with ClassStore.open(tmp_path / "c") as again:
        assert again.config() == CONFIG
        assert again.state() == ClassState("main", 2, True, 5.0)
    conn = sqlite3.connect(tmp_path / "c" / CLASS_FILENAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_an_answer_is_committed_once_and_kept(tmp_path: Path) -> None:
    """A second answer to the same item (a rejoined game, a double Enter) keeps the first."""
    with ClassStore.create(tmp_path, CONFIG, 1.0) as store:
        store.claim("Ana", 1.0, 10.0)
        assert store.record_answer(_row("ana", "q1", 2, 3.0))
        assert not store.record_answer(_row("ana", "q1", 0, 4.0))
        # Seen by another connection at once: the transaction was committed, not left open.
        with ClassStore.open(tmp_path) as other:
            assert [(a.question_id, a.response) for a in other.answers(student="ana")] == [("q1", 2)]


def test_claim_refuses_a_name_with_a_fresh_heartbeat(tmp_path: Path) -> None:
    """A name in use is refused (in any spelling); once its heartbeat is stale the same student rejoins."""
    with ClassStore.create(tmp_path, CONFIG, 1.0) as store:
        first = store.claim("Ana Ruiz", 100.0, 10.0)
        assert first is not None and first.key == "ana ruiz"
        assert store.claim("ana  RUIZ", 105.0, 10.0) is None
        rejoined = store.claim("ana ruiz", 111.0, 10.0)
        assert rejoined is not None and rejoined.name == "Ana Ruiz" and rejoined.joined == 100.0
        store.release("ana ruiz")
        assert store.claim("Ana Ruiz", 112.0, 10.0) is not None


def test_a_heartbeat_that_would_wait_for_another_write_is_skipped(tmp_path: Path) -> None:
    """A game's beat does not wait behind other games' answers (``wait=False``): skipped, it says so, and
    the next beat is written; a beat that may wait still does."""
    with ClassStore.create(tmp_path, CONFIG, 1.0) as store:
        store.claim("Ana", 1.0, 10.0)
        other = sqlite3.connect(tmp_path / CLASS_FILENAME, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another game is writing its answer
        try:
            assert store.heartbeat("ana", 5.0, wait=False) is False
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert [s.heartbeat for s in store.students()] == [1.0]
        assert store.heartbeat("ana", 6.0, wait=False) is True
        assert [s.heartbeat for s in store.students()] == [6.0]
        # Waiting for the lock is still what a beat does by default (up to the store's busy timeout).
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_set_state_with_expect_loses_a_race(tmp_path: Path) -> None:
    with ClassStore.create(tmp_path, CONFIG, 1.0) as store:
        assert store.set_state(ClassState("main", 0, False, 1.0), expect=ClassState())
        assert not store.set_state(ClassState("ended"), expect=ClassState())
        assert store.state().phase == "main"


@pytest.mark.parametrize("kind", ["missing", "garbage", "folder", "fifo", "other-db"])
def test_not_a_class_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / CLASS_FILENAME
    if kind == "garbage":
        path.write_bytes(b"not a database at all" * 10)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "other-db":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError) as info:
        ClassStore.open(tmp_path).close()
    assert str(tmp_path) in str(info.value)


def test_network_share_detected_from_mounts() -> None:
    assert network_filesystem(Path("//server/share/class")) is not None
    assert network_filesystem(Path("/tmp")) is None


def test_the_round_is_the_games_round(tmp_path: Path, panjshir: Pack) -> None:
    """Same seed and size as `play`: same questions, numbering and options; post options reshuffled."""
    config = replace(CONFIG, article_sha256=panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        game = QuizRun(panjshir, seed=11, count=4)
        assert session.round.main.order == game.order
        assert session.round.presented("main", 2).choices == game.choices(panjshir.question(game.order[2]))
        assert session.round.runs["post"].order == game.order
        perms = session.round.runs
        assert any(
            perms["pre"].perms[q] != perms["post"].perms[q]
            for q in game.order
            if len(perms["pre"].perms[q]) > 2
        )


def test_reveal_figures_and_results_run(tmp_path: Path, panjshir: Pack) -> None:
    """The reveal counts each option as shown; a student's round for the results file holds their answers."""
    # Seed 10 deals four pick-one questions.
    with ClassStore.create(tmp_path, replace(CONFIG, seed=10), 1.0) as store:
        session = ClassSession(store, panjshir)
        first = session.round.presented("main", 0)
        assert first.shape.value == "pick_one"
        for i, name in enumerate(["a", "b", "c"]):
            store.claim(name, 1.0, 10.0)
            session.answer(name, "main", 0, 0 if i < 2 else 1, 1.5, 2.0 + i)
        figures = session.reveal_figures(0)
        assert [n for _c, n in figures.counts][:2] == [2, 1]
        assert figures.answered == 3
        right = session.round.judge("main", 0, 0).correct
        assert figures.right == (2 if right else 1)
        run = session.student_run("c")
        assert [r.response for r in run.records] == [1] and not run.finished


def test_results_files_are_written_once(tmp_path: Path, panjshir: Pack) -> None:
    """A host started again on an ended class (or a second host) does not write the results files twice."""
    from game.classroom.host import HostControl

    with ClassStore.create(tmp_path, replace(CONFIG, seed=10, pre_post=False), 1.0) as store:
        session = ClassSession(store, panjshir)
        control = HostControl(session)
        store.claim("Ana", 1.0, 10.0)
        store.claim("Bo", 1.0, 10.0)  # joined, never answered: no file
        control.apply("start", 2.0)
        session.answer("ana", "main", 0, 1, 1.0, 3.0)
        assert control.write_results() is None  # not ended yet
        control.apply("end", 4.0)
        assert control.write_results() == (tmp_path / "results", 1)
        assert HostControl(session).write_results() is None
    assert len(list((tmp_path / "results").glob("*.json"))) == 1


def test_reveal_of_a_pick_many_question_counts_answers_given(tmp_path: Path, panjshir: Pack) -> None:
    """For answers that are not one option (pick many, order, typed), the bars count each answer given."""
    from game.classroom import lines

    # Seed 8 deals a pick-many question first.
    with ClassStore.create(tmp_path, replace(CONFIG, seed=8), 1.0) as store:
        session = ClassSession(store, panjshir)
        assert session.round.presented("main", 0).shape.value == "pick_many"
        for name, response in [("a", [0, 1]), ("b", [0, 1]), ("c", [2])]:
            store.claim(name, 1.0, 10.0)
            session.answer(name, "main", 0, response, 1.0, 2.0)
        figures = session.reveal_figures(0)
        assert [n for _a, n in figures.counts] == [2, 1]
        text = "\n".join(t for _i, t in lines.reveal_lines(session, 0))
    assert f"{figures.counts[0][0]}" in text and "####################" in text
    assert "1. " not in text.split("The right answer")[0]  # answers given are not numbered as options
    assert lines.bar(1, 2) == "#" * 10 and lines.bar(0, 0) == ""


def test_a_class_being_created_is_never_seen_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A game opening the folder while the host's creating transaction is still open is told there is no
    class yet, never "not a class store" (a timed retry once gave up under load); once created it opens,
    and nothing of the creation is left beside it."""
    import threading

    from game.store import classdb

    folder = tmp_path / "c"
    inside, go_on = threading.Event(), threading.Event()
    schema = classdb._DDL

    def held_open() -> object:
        # The schema's statements, with the creating transaction held open after the first one.
        for number, statement in enumerate(schema):
            yield statement
            if number == 0:
                inside.set()
                assert go_on.wait(10.0)

    class Held:
        def __iter__(self) -> object:
            return held_open()

    monkeypatch.setattr(classdb, "_DDL", Held())
    made: list[ClassStore] = []
    host = threading.Thread(target=lambda: made.append(ClassStore.create(folder, CONFIG, 1.0)))
    host.start()
    try:
        assert inside.wait(10.0)
        with pytest.raises(StoreError) as seen:
            ClassStore.open(folder).close()
        assert "not a class store" not in str(seen.value)
        assert f"is not a class (no {CLASS_FILENAME})" in str(seen.value)
    finally:
        go_on.set()
        host.join(10.0)
    [store] = made
    with store, ClassStore.open(folder) as again:
        assert again.config() == CONFIG
    assert sorted(p.name for p in folder.iterdir()) == [CLASS_FILENAME]


def test_an_empty_class_file_is_not_a_class_store_at_once(tmp_path: Path) -> None:
    """A file under the class's name is only ever a whole class: an empty one is refused without waiting,
    with what to do about it, and left as it is (opening it used to write a database header into it)."""
    path = tmp_path / CLASS_FILENAME
    path.write_bytes(b"")
    with pytest.raises(StoreError) as info:
        ClassStore.open(tmp_path)
    assert str(info.value) == f"{path} is empty, not a class store: remove it, or choose another folder"
    assert path.read_bytes() == b""


def test_a_class_file_with_no_tables_is_an_empty_database(tmp_path: Path) -> None:
    """What an older open of an empty file made of it: a database header and nothing more."""
    path = tmp_path / CLASS_FILENAME
    sqlite3.connect(path).execute("PRAGMA journal_mode = WAL").connection.close()
    assert path.stat().st_size > 0
    with pytest.raises(StoreError, match=r"is an empty database, not a class store: remove it, or choose"):
        ClassStore.open(tmp_path)
    assert path.exists()


def test_a_second_create_leaves_the_class_and_no_temporary_file(tmp_path: Path) -> None:
    with ClassStore.create(tmp_path, CONFIG, 1.0) as store:
        store.claim("Ana", 1.0, 10.0)
    with pytest.raises(StoreError, match="already holds a class"):
        ClassStore.create(tmp_path, replace(CONFIG, seed=99), 2.0)
    with ClassStore.open(tmp_path) as again:
        assert again.config() == CONFIG and [s.key for s in again.students()] == ["ana"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [CLASS_FILENAME]
