"""``quotebound report``: the class figures on known results, in every style, with hostile names escaped."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.engine.quiz.types.true_false import TrueFalse
from game.export.gift import escape as gift_escape
from game.export.report import build_report
from game.store.results import collect, write_results

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def first_of(pack: Pack, kind: str) -> str:
    return next(q.id for q in pack.questions if q.__struct_config__.tag == kind)


@pytest.fixture
def class_dir(panjshir: Pack, tmp_path: Path) -> Path:
    """Four rounds of the same three questions (a single choice, a short answer, a true/false).

    Ana gets all three right; Bo and Cy pick the same wrong option and type the same wrong answer (in
    different case and punctuation); Bo times out on the true/false; Dee answers one question and stops.
    """
    single, short, tf = (
        first_of(panjshir, "single"),
        first_of(panjshir, "short"),
        first_of(panjshir, "true_false"),
    )
    ids = [single, short, tf]
    folder = tmp_path / "class"

    def round_for(player: str, answers: dict[str, object]) -> None:
        run = QuizRun(panjshir, seed=9, question_ids=ids, streak_bonus=False)
        while run.current is not None and run.current.question.id in answers:
            shown = run.current
            response = answers[shown.question.id]
            if response == "right-option":
                response = shown.choices.index(shown.question.answer)  # type: ignore[union-attr]
            elif isinstance(response, str) and response.startswith("option:"):
                response = shown.choices.index(response[7:])
            run.answer(response, 3.0)
        write_results(folder, run=run, player=player, started=T0, finished=T0)

    question = panjshir.question(single)
    wrong = [
        o if isinstance(o, str) else o.text
        for o in question.options
        if (o if isinstance(o, str) else o.text) != question.answer
    ]  # type: ignore[union-attr]
    tf_right = 0 if panjshir.question(tf).answer else 1  # type: ignore[union-attr]
    accepted = panjshir.question(short).answers[0]  # type: ignore[union-attr]
    round_for("Ana", {single: "right-option", short: accepted, tf: tf_right})
    round_for("Bo", {single: f"option:{wrong[0]}", short: "Kabul", tf: None})
    round_for("Cy", {single: f"option:{wrong[0]}", short: " kabul! ", tf: tf_right})
    # Dee answers the first question of the deal wrong, whichever it is, and stops.
    first = QuizRun(panjshir, seed=9, question_ids=ids).order[0]
    dee = {single: f"option:{wrong[1]}", short: "Herat", tf: 1 - tf_right}
    round_for("Dee", {first: dee[first]})
    return folder


def test_figures(panjshir: Pack, class_dir: Path) -> None:
    collected = collect([class_dir])
    report = build_report(collected.results, {"panjshir": panjshir})
    single, short, tf = (
        first_of(panjshir, "single"),
        first_of(panjshir, "short"),
        first_of(panjshir, "true_false"),
    )
    dee_first = QuizRun(panjshir, seed=9, question_ids=[single, short, tf]).order[0]
    assert [s.player for s in report.students] == ["Ana", "Bo", "Cy", "Dee"]
    ana, bo, cy, dee = report.students
    assert (ana.score, ana.max_score, ana.percent, ana.right, ana.seconds) == (30, 30, 100, 3, 9.0)
    assert (bo.score, bo.right, cy.score, cy.right, cy.percent) == (0, 0, 10, 1, 33)
    assert (dee.complete, dee.answered, dee.total, dee.score) == (False, 1, 3, 0)
    assert report.seeds == [9] and report.players == 4 and report.mean_percent == 33.2
    stats = {q.id: q for q in report.questions}
    # Numbered as the students saw them (issue 12, item 3): the round's order, not the pack's.
    dealt = QuizRun(panjshir, seed=9, question_ids=[single, short, tf]).order
    assert [q.id for q in report.questions] == dealt
    assert [q.label for q in report.questions] == ["Q1", "Q2", "Q3"]
    for qid in (single, short, tf):
        assert stats[qid].asked == 3 + (qid == dee_first)
    bo_single = next(
        a.given for _, r in collected.results if r.player == "Bo" for a in r.answers if a.id == single
    )
    assert stats[single].right == 1 and stats[single].most_wrong == (bo_single, 2)
    assert stats[short].right == 1 and stats[short].most_wrong == (
        "Kabul",
        2,
    )  # "Kabul" and " kabul! " are one
    assert stats[tf].right == 2 and stats[tf].timed_out == 1
    tf_wrong = TrueFalse.CHOICES[0 if panjshir.question(tf).answer is False else 1]  # type: ignore[union-attr]
    assert stats[tf].most_wrong == ((tf_wrong, 1) if dee_first == tf else None)
    assert stats[single].percent_right == round(100 / stats[single].asked)
    assert {q.id for q in report.most_missed[:2]} == {single, short} and report.most_missed[2].id == tf
    for q in report.most_missed:
        assert q.quotes and all(quote.startswith("¶") for quote in q.quotes)


def test_terminal_report(class_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(class_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Class report\n4 rounds by 4 players; pack panjshir; seed 9.")
    assert "Ana" in out and "30/30" in out and "100%" in out and "stopped after 1 of 3" in out
    assert "Most missed\n1. " in out and "¶" in out and "(2×)" in out


def test_csv_report(class_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.csv"
    assert main(["report", str(class_dir), "--csv", "-o", str(target)]) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Scores"] and rows[1][:4] == ["player", "pack", "seed", "score"]
    assert [r[0] for r in rows[2:6]] == ["Ana", "Bo", "Cy", "Dee"] and rows[2][3] == "30"
    assert rows[6] == [] and rows[7] == ["Questions"] and rows[8][1] == "question_id"
    assert len(rows) == 12 and all(r[10] for r in rows[9:])  # every question has its right answer
    assert sum(1 for r in rows[9:] if r[9]) == 3  # missed ranks 1-3


def test_markdown_and_html_reports(class_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(class_dir), "--markdown"]) == 0
    md = capsys.readouterr().out
    assert (
        md.startswith("# Class report")
        and "| Player | Pack |" in md
        and "## Most missed" in md
        and "> ¶" in md
    )
    assert main(["report", str(class_dir), "--html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page and "<blockquote>¶" in page


def test_hostile_names_are_escaped(
    panjshir: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = QuizRun(panjshir, seed=1, count=1)
    run.answer(None, 5.0)
    for name in [
        '=HYPERLINK("http://x")',
        "<script>alert(1)</script>",
        "a | b *c* [d](e)",
        "\x1b]0;title\x07Z",
    ]:
        write_results(tmp_path, run=run, player=name, started=T0)
    assert main(["report", str(tmp_path), "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert '\'=HYPERLINK("http://x")' in [r[0] for r in rows if r]
    assert main(["report", str(tmp_path), "--html"]) == 0
    page = capsys.readouterr().out
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert main(["report", str(tmp_path), "--markdown"]) == 0
    md = capsys.readouterr().out
    assert "a \\| b \\*c\\* \\[d\\](e)" in md
    assert main(["report", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "]0;titleZ" in out


def test_a_missing_pack_only_loses_the_quotes(
    panjshir: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = QuizRun(panjshir, seed=1, count=2)
    run.answer(None, 1.0)
    path = write_results(tmp_path, run=run, player="Ana", started=T0)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pack"] = "ghost"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert "pack 'ghost' not found" in out and "(quote unavailable: the pack was not found)" in out
    assert data["answers"][0]["prompt"][:30] in out


def test_unreadable_files_are_skipped_and_no_results_is_an_error(
    class_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (class_dir / "junk.json").write_text("{oops", encoding="utf-8")
    assert main(["report", str(class_dir)]) == 0
    assert "skipped" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty)]) == 1
    assert "no results files found" in capsys.readouterr().err


def test_the_report_and_the_exports_number_a_seeded_round_as_the_students_saw_it(
    panjshir: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12, item 3: with `--seed 42 --questions 6`, the report's Q4 is the students' fourth question,
    and the GIFT and Markdown exports call it 4 too; the report names it by number and prompt."""
    folder = tmp_path / "class"
    for player in ("Ana", "Bo"):
        run = QuizRun(panjshir, seed=42, count=6, streak_bonus=False)
        while run.current is not None:
            run.answer(None)  # every question timed out: each one is missed, so all are "most missed"
        write_results(folder, run=run, player=player, started=T0, finished=T0)
    order = QuizRun(panjshir, seed=42, count=6).order
    fourth = panjshir.question(order[3])
    assert main(["report", str(folder), "--top", "6"]) == 0
    text = capsys.readouterr().out
    table = text[text.index("Questions") : text.index("Most missed")]
    row = next(line for line in table.splitlines() if line.startswith("Q4 "))
    assert fourth.prompt[:20] in row
    assert f'Q4 "{" ".join(fourth.prompt.split())}"' in text
    dealt = ["--pack", "panjshir", "--seed", "42", "--questions", "6"]
    assert main(["export", "--format", "gift", *dealt]) == 0
    gift = capsys.readouterr().out
    assert f"// 4. {fourth.id} (" in gift
    # Moodle's question bank names it as the report does (Q4 and its prompt), never by its id.
    assert f'::Q4 "{gift_escape(" ".join(fourth.prompt.split())[:20])}' in gift
    assert f"::{fourth.id}::" not in gift
    assert main(["export", "--format", "markdown", *dealt]) == 0
    markdown = capsys.readouterr().out
    assert f"## 4. {fourth.prompt[:20]}" in markdown


def test_rounds_dealt_differently_keep_the_pack_order_and_say_so(panjshir: Pack, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    for player, seed in (("Ana", 1), ("Bo", 2)):
        run = QuizRun(panjshir, seed=seed, count=5)
        while run.current is not None:
            run.answer(None)
        write_results(folder, run=run, player=player, started=T0, finished=T0)
    report = build_report(collect([folder]).results, {"panjshir": panjshir})
    assert all(q.label == "" for q in report.questions)
    assert any("dealt differently" in note for note in report.notes)


def test_a_score_never_passes_its_maximum_even_from_an_older_results_file(
    panjshir: Pack, tmp_path: Path
) -> None:
    """Issue 12, item 1: a new file keeps the bonus apart; an older one (bonus inside `score`) is split."""
    folder = tmp_path / "class"
    run = QuizRun(panjshir, seed=42, count=3, streak_bonus=True)
    for qid in run.order:
        question = panjshir.question(qid)
        kind = question.__struct_config__.tag
        shown = run.current
        assert shown is not None
        if kind == "short":
            run.answer(question.answers[0])  # type: ignore[union-attr]
        else:
            from tests.engine.test_quiz import right_response

            run.answer(right_response(shown))
    assert run.bonus == 5
    path = write_results(folder, run=run, player="Ana", started=T0, finished=T0)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["score"], saved["max_score"], saved["bonus"]) == (30, 30, 5)
    saved["score"], _ = 35, saved.pop("bonus")  # as files were written before
    path.write_text(json.dumps(saved), encoding="utf-8")
    [student] = build_report(collect([folder]).results, {"panjshir": panjshir}).students
    assert (student.score, student.max_score, student.percent) == (30, 30, 100)


def test_average_and_median_agree_on_two_students() -> None:
    """33% and 0%: the headline said "Average score 16% (median 16.5%)" (a whole number rounded to even
    beside the exact median); both are 16.5% now."""
    from types import SimpleNamespace

    from game.export.report import ClassReport
    from game.export.report_formats import _headline

    students = [SimpleNamespace(percent=33, player="Ana"), SimpleNamespace(percent=0, player="Bo")]
    report = ClassReport(students, [], [], ["panjshir"], [42], [])  # type: ignore[arg-type]
    assert "Average score 16.5% (median 16.5%)" in _headline(report)


def test_the_width_fast_paths_agree_with_unicodedata() -> None:
    """The terminal table measures most text without asking unicodedata per character: the ranges it
    takes as one column wide must be so, and cutting by slicing must give what the character walk gives."""
    import sys
    import unicodedata

    from game.export import report_formats as rf

    below = ord(rf._NARROW_BELOW)
    assert all(unicodedata.east_asian_width(chr(c)) not in "WF" for c in range(below))
    assert all(unicodedata.east_asian_width(chr(c)) not in "WF" for c in rf._NARROW_PUNCTUATION)
    samples = [
        "plain words that run on past the column",
        "Saleh’s “resistance” — a claim… ¶3.2 café",
        "日本語のテキストと English mixed together here",
        "ＦＵＬＬ width ｔｅｘｔ and “quotes”",
        "",
        chr(sys.maxunicode),
    ]
    for text in samples:
        assert rf._width(text) == sum(map(rf._char_width, text))
        for width in (1, 5, 12, 40, 80):
            fitted = rf._fit(text, width)
            if rf._width(text) > width:
                # the character walk the fast path stands in for
                out, used = [], 0
                for ch in text:
                    if used + rf._char_width(ch) > width - 1:
                        break
                    out.append(ch)
                    used += rf._char_width(ch)
                assert fitted == "".join(out) + "…" + " " * (width - 1 - used)
            else:
                assert fitted == text + " " * (width - rf._width(text))
