"""Results files and atomic writes: content, names that never collide, no partial file after a crash."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.store import atomic, results

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
T1 = datetime(2025, 3, 10, 12, 5, 30, tzinfo=UTC)


def right_response(run: QuizRun) -> object:
    """The right response to the current question (each type answered as a player would)."""
    shown = run.current
    assert shown is not None
    q = shown.question
    kind = shown.kind
    if kind == "short":
        return q.answers[0]  # type: ignore[union-attr]
    if kind == "true_false":
        return 0 if q.answer else 1  # type: ignore[union-attr]
    if kind == "claim_fact":
        return 0 if q.answer == "fact" else 1  # type: ignore[union-attr]
    if kind == "multi":
        return [i for i, c in enumerate(shown.choices) if c in q.answers]  # type: ignore[union-attr]
    if kind == "order":
        return [shown.choices.index(item) for item in q.items]  # type: ignore[union-attr]
    return shown.choices.index(q.answer)  # type: ignore[union-attr]


def wrong_response(run: QuizRun) -> object:
    shown = run.current
    assert shown is not None
    right = right_response(run)
    if shown.kind == "short":
        return "certainly not this"
    if shown.kind == "multi":
        return [i for i in range(len(shown.choices)) if i not in right]  # type: ignore[operator]
    if shown.kind == "order":
        return list(reversed(right))  # type: ignore[call-overload]
    return (right + 1) % len(shown.choices)  # type: ignore[operator]


def played(pack: Pack, *, seed: int = 7, count: int = 4) -> QuizRun:
    """A round: right, wrong, timed out, right (with elapsed times 1.5 s, 2 s, 30 s, 4 s)."""
    run = QuizRun(pack, seed=seed, count=count, streak_bonus=False)
    run.answer(right_response(run), 1.5)
    run.answer(wrong_response(run), 2.0)
    run.answer(None, 30.0)
    run.answer(right_response(run), 4.0)
    return run


def test_results_hold_every_answer(panjshir: Pack, tmp_path: Path) -> None:
    run = played(panjshir)
    path = results.write_results(tmp_path, run=run, player="Ana Ruiz", started=T0, finished=T1, time_limit=30)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "quotebound-results" and data["version"] == results.VERSION
    assert (data["player"], data["pack"], data["seed"]) == ("Ana Ruiz", "panjshir", 7)
    assert (data["started"], data["finished"]) == ("2025-03-10T12:00:00Z", "2025-03-10T12:05:30Z")
    assert data["game_version"] and data["article_sha256"] == panjshir.article.sha256
    assert data["streak_bonus"] is False and data["time_limit"] == 30
    assert (data["score"], data["max_score"]) == (run.score, run.max_score)
    assert (data["right"], data["answered"], data["total"], data["complete"]) == (2, 4, 4, True)
    answers = data["answers"]
    assert [a["id"] for a in answers] == run.order
    assert [a["correct"] for a in answers] == [True, False, False, True]
    assert [a["elapsed"] for a in answers] == [1.5, 2.0, 30.0, 4.0]
    assert [a["timed_out"] for a in answers] == [False, False, True, False]
    assert answers[2]["response"] is None and answers[2]["points"] == 0
    for answer, record in zip(answers, run.records, strict=True):
        question = panjshir.question(record.question_id)
        outcome = run.outcome_of(record)
        assert answer["prompt"] == question.prompt
        assert answer["given"] == outcome.given and answer["right_answer"] == outcome.right_answer
        assert answer["credit"] == record.credit and answer["choices"] == run.choices(question)


def test_partial_round_is_marked_incomplete(panjshir: Pack, tmp_path: Path) -> None:
    run = QuizRun(panjshir, seed=3, count=5)
    run.answer(right_response(run), 1.0)
    read = results.read_results(results.write_results(tmp_path, run=run, player="Bo", started=T0))
    assert (read.complete, read.answered, read.total) == (False, 1, 5)


def test_names_never_collide(panjshir: Pack, tmp_path: Path) -> None:
    run = played(panjshir)
    paths = {
        results.write_results(tmp_path, run=run, player="Ana", started=T0, finished=T1) for _ in range(20)
    }
    assert len(paths) == 20 and len(list(tmp_path.iterdir())) == 20
    name = next(iter(paths)).name
    assert name.startswith("ana-panjshir-20250310T120530Z-") and name.endswith(".json")


def test_an_existing_file_is_never_replaced(
    panjshir: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / "taken.json"
    taken.write_text("a classmate's results", encoding="utf-8")
    names = iter(["taken.json", "free.json"])
    monkeypatch.setattr(results, "results_name", lambda *a: next(names))
    path = results.write_results(tmp_path, run=played(panjshir), player="Ana", started=T0)
    assert path.name == "free.json" and taken.read_text(encoding="utf-8") == "a classmate's results"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ana Ruiz", "ana-ruiz"),
        ("  Zoë  O'Brien ", "zoë-o-brien"),
        ("../../etc/passwd", "etc-passwd"),
        ("محمد", "محمد"),
        ("***", "player"),
        ("", "player"),
        ("CON", "con"),
        ("a" * 80, "a" * 40),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert results.slug(name) == expected


def test_a_crash_mid_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "results.json"
    target.write_bytes(b"old")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        atomic.write_bytes(target, b"new and complete")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]  # no temporary file left


def test_a_crash_before_the_first_results_file_leaves_nothing(
    panjshir: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        results.write_results(tmp_path, run=played(panjshir), player="Ana", started=T0)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic.write_text(target, "first")
    atomic.write_text(target, "second\n“quoted”")
    assert target.read_text(encoding="utf-8") == "second\n“quoted”"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_stale_temps_are_removed_but_fresh_ones_kept(tmp_path: Path) -> None:
    stale = atomic.temp_path_for(tmp_path / "a.json")
    fresh = atomic.temp_path_for(tmp_path / "b.json")
    other = tmp_path / ".other.tmp"
    for path in (stale, fresh, other):
        path.write_bytes(b"partial")
    old = time.time() - atomic.STALE_AFTER - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert atomic.remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and other.exists()
    assert atomic.remove_stale_temps(tmp_path / "missing") == 0


def test_prepare_folder_creates_tidies_and_refuses_a_file(tmp_path: Path) -> None:
    folder = results.prepare_folder(tmp_path / "class" / "period-3")
    assert folder.is_dir() and list(folder.iterdir()) == []
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        results.prepare_folder(blocker)


def test_read_back_typed_and_cleaned(panjshir: Pack, tmp_path: Path) -> None:
    path = results.write_results(tmp_path, run=played(panjshir), player="Ana\x1b]0;pwned\x07", started=T0)
    read = results.read_results(path)
    assert read.player == "Ana]0;pwned"  # the control codes are gone, the text kept
    assert read.answers[2].timed_out and read.answers[2].response is None


def test_unsafe_characters_written_raw_are_cleaned_too(panjshir: Pack, tmp_path: Path) -> None:
    """A bidi override or a C1 code needs no JSON escape: it is removed all the same."""
    path = results.write_results(tmp_path, run=played(panjshir), player="Ana", started=T0)
    text = path.read_text(encoding="utf-8").replace('"Ana"', '"A\u202en\u0085a"')
    assert "\\" not in text
    path.write_text(text, encoding="utf-8")
    assert results.read_results(path).player == "Ana"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "not a quotebound results file"),
        (b'{"format": "something-else"}', "not a quotebound results file"),
        (b'{"format": "quotebound-results", "version": 99}', "newer"),
        (b'{"format": "quotebound-results", "version": 1, "player": 3}', "Expected `str`"),
    ],
)
def test_bad_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(results.ResultsError, match=message):
        results.read_results(path)


def test_huge_files_are_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "MAX_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 11)
    with pytest.raises(results.ResultsError, match="too large"):
        results.read_results(path)


def test_collect_reads_folders_recursively(panjshir: Pack, tmp_path: Path) -> None:
    run = played(panjshir)
    results.write_results(tmp_path / "p1", run=run, player="Ana", started=T0)
    results.write_results(tmp_path / "p2" / "late", run=run, player="Bo", started=T0)
    (tmp_path / "p1" / "notes.json").write_text("{}", encoding="utf-8")
    atomic.temp_path_for(tmp_path / "p1" / "x.json").write_text("{", encoding="utf-8")  # a write in progress
    collected = results.collect([tmp_path, tmp_path / "p1", tmp_path / "missing"])
    assert sorted(r.player for _, r in collected.results) == ["Ana", "Bo"]  # each file once
    assert len(collected.problems) == 2
    assert any("notes.json" in p for p in collected.problems) and any(
        "missing" in p for p in collected.problems
    )
