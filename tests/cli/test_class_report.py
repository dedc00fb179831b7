"""The report's pre/post section for a live class, computed in-process from a class store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.classroom.host import HostControl
from game.classroom.session import ClassSession
from game.cli import main
from game.engine.content.pack import Pack
from game.export import class_gains
from game.store.classdb import ClassConfig, ClassStore


def _right(session: ClassSession, phase: str, index: int) -> int:
    choices = session.round.presented(phase, index).choices
    return next(i for i in range(len(choices)) if session.round.judge(phase, index, i).correct)


def test_gains_per_student_and_topic(tmp_path: Path, panjshir: Pack) -> None:
    """=Eve is at the maximum in the pre-test (counted apart); Bo goes from 0 to 2 of 2: normalized gain 1."""
    config = ClassConfig("panjshir", 10, 2, None, "self", True, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        for name in ("=Eve", "Bo"):
            store.claim(name, 1.0, 10.0)
        key_eve, key_bo = "=eve", "bo"
        for index in range(2):
            wrong_pre = (_right(session, "pre", index) + 1) % len(
                session.round.presented("pre", index).choices
            )
            session.answer(key_eve, "pre", index, _right(session, "pre", index), 1.0, 2.0)
            session.answer(key_eve, "post", index, _right(session, "post", index), 1.0, 3.0)
            session.answer(key_bo, "pre", index, wrong_pre, 1.0, 2.0)
            session.answer(key_bo, "post", index, _right(session, "post", index), 1.0, 3.0)
        report = class_gains.build_gains(session)
    assert report is not None
    assert (report.overall.mean, report.overall.covered, report.overall.at_max) == (1.0, 1, 1)
    text = class_gains.to_text(report)
    assert "Class mean normalized gain: 1.00 over 1 student; 1 at the maximum in the pre-test" in text
    assert "at max in pre-test" in text
    topics = {title for title, _per, _cg in report.topics}
    assert all(f"  {title}: " in text for title in topics)
    # A name starting with = would run as a formula in a spreadsheet: it is quoted.
    assert "'=Eve" in class_gains.to_csv(report) and ",=Eve" not in class_gains.to_csv(report)
    assert "<td>=Eve</td>" in class_gains.to_html(report)


def test_no_pre_post_no_section(tmp_path: Path, panjshir: Pack) -> None:
    config = ClassConfig("panjshir", 10, 2, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        assert class_gains.build_gains(ClassSession(store, panjshir)) is None


def test_a_late_joiner_is_numbered_as_the_class_was(
    tmp_path: Path, panjshir: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    """A student who joined at question 2 has results for Q2 and Q3 (not "1" and "2"), and the class's
    report numbers the questions as played."""
    config = ClassConfig("panjshir", 10, 3, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        control = HostControl(session)
        store.claim("Ana", 1.0, 10.0)
        control.apply("start", 2.0)
        session.answer("ana", "main", 0, 0, 1.0, 3.0)
        for q in (1, 2):
            control.apply("reveal", 3.5 + q)
            control.apply("next", 4.0 + q)
            if q == 1:
                store.claim("Late", 4.5, 10.0)
            for key in ("ana", "late"):
                session.answer(key, "main", q, 0, 1.0, 4.2 + q)
        control.apply("reveal", 8.0)
        control.apply("next", 9.0)
        assert control.write_results() == (tmp_path / "results", 2)
    late = next(
        json.loads(p.read_text(encoding="utf-8"))
        for p in (tmp_path / "results").glob("*.json")
        if json.loads(p.read_text(encoding="utf-8"))["player"] == "Late"
    )
    assert [a["number"] for a in late["answers"]] == [2, 3]
    assert late["answered"] == 2 and late["total"] == 3 and not late["complete"]
    assert main(["report", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "not numbered as a round" not in out, out
    assert "Q3" in out and "2 rounds by 2 players" in out


def test_a_skipped_question_is_named_not_called_stopping(
    tmp_path: Path, panjshir: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ana answers Q1 and Q3 of 3 (the class went on without her at Q2), Late joins at Q2, Bo stops after
    Q1: the report said "stopped after 2 of 3" of Ana and Late, who did not stop."""
    config = ClassConfig("panjshir", 10, 3, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        control = HostControl(session)
        for name in ("Ana", "Bo"):
            store.claim(name, 1.0, 10.0)
        control.apply("start", 2.0)
        for key in ("ana", "bo"):
            session.answer(key, "main", 0, 0, 1.0, 3.0)
        control.apply("reveal", 4.0)
        control.apply("next", 5.0)
        store.claim("Late", 5.5, 10.0)
        session.answer("late", "main", 1, 0, 1.0, 6.0)
        control.apply("reveal", 7.0)
        control.apply("next", 8.0)
        for key in ("ana", "late"):
            session.answer(key, "main", 2, 0, 1.0, 9.0)
        control.apply("reveal", 10.0)
        control.apply("next", 11.0)
        assert control.write_results() == (tmp_path / "results", 3)
    for form in ([], ["--markdown"]):
        assert main(["report", str(tmp_path), *form]) == 0
        out = capsys.readouterr().out
        rows = {
            name: next(line for line in out.splitlines() if name in line) for name in ("Ana", "Bo", "Late")
        }
        assert "answered 2 of 3 (not Q2)" in rows["Ana"], out
        assert "answered 2 of 3 (not Q1)" in rows["Late"], out
        assert "stopped after 1 of 3" in rows["Bo"], out
        assert "stopped" not in rows["Ana"] + rows["Late"], out


def test_question_spans_in_the_note() -> None:
    from game.export.report import StudentRow
    from game.export.report_formats import _note

    def note(answered: int, total: int, unanswered: tuple[int, ...]) -> str:
        return _note(StudentRow("A", "p", 1, 0, 0, 0, answered, total, False, 0.0, "", "", unanswered))

    assert note(2, 6, (1, 3, 4, 5)) == "answered 2 of 6 (not Q1, Q3–Q5)"
    assert note(2, 5, (3, 4, 5)) == "stopped after 2 of 5"
