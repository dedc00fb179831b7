"""Find-the-line (evidence) questions outside the TUI: plain mode with piped answers, every export format,
and the class report, all through the registry."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.export import aiken, gift, markdown, tsv
from game.export.common import deal
from game.export.report import build_report
from game.plain.console import Console
from game.plain.play_quiz import QuizSettings, play_quiz
from game.store.results import collect, write_results

EVIDENCE_PACK = Path(__file__).resolve().parents[1] / "snapshots" / "evidence_pack"
T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(EVIDENCE_PACK)


def plain_round(pack: Pack, typed: str, tmp_path: Path) -> str:
    out = io.StringIO()
    console = Console(io.StringIO(typed), out, io.StringIO())
    settings = QuizSettings(seed=1, count=None, player="Ana", results_dir=tmp_path)
    assert play_quiz(pack, console, settings) == 0
    return out.getvalue()


def test_plain_mode_numbers_the_sentences_and_reads_a_number(pack: Pack, tmp_path: Path) -> None:
    order = QuizRun(pack, seed=1).order
    answers = {"engines": "¶2.2", "fares": "4.1"}
    # A bad line first: not a sentence number, then a number the article does not have.
    typed = "\n".join(["two", "9.9", answers[order[0]], answers[order[1]]]) + "\n"
    out = plain_round(pack, typed, tmp_path)
    assert "(Find the line)" in out
    assert "¶2.2 Engineers replaced both engines and the steering gear." in out
    assert "¶4.1 Tickets will cost the same as last year." in out
    assert "Share this story" not in out  # the footer has no sentences to pick
    assert out.count("Your sentence (its number, e.g. 3.2): ") == 4
    assert out.count("Type the number of a sentence as printed") == 1
    assert "There is no ¶9: type the number of a sentence as printed, e.g. 3.2." in out
    assert out.count("Right!") == 2 and "Score: 20 of 20." in out
    saved = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert sorted(a["response"] for a in saved["answers"]) == ["2.2", "4.1"]


def test_plain_mode_wrong_sentence_names_the_right_one(pack: Pack, tmp_path: Path) -> None:
    out = plain_round(pack, "1.1\n1.1\n", tmp_path)
    assert out.count("Wrong. 0 points.") == 2
    assert "The right answer: ¶2.2 “Engineers replaced both engines and the steering gear.”" in out


def test_gift_writes_an_essay_with_the_sentence_as_feedback(pack: Pack) -> None:
    text = gift.render(pack, deal(pack), seed=1).text
    block = next(b for b in text.split("\n\n") if ". engines (evidence)" in b)
    assert block.splitlines()[-1] == "}" and "\t=" not in block and "\t~" not in block  # no answers: an essay
    assert "\t####The sentence\\: ¶2.2 “Engineers replaced both engines and the steering gear.”<br>" in block


def test_the_other_formats_take_it_by_its_shape(pack: Pack) -> None:
    items = deal(pack)
    key = markdown.render(pack, items, seed=1, answers=True).text
    assert "**Answer: ¶2.2 “Engineers replaced both engines and the steering gear.”**" in key
    sheet = markdown.render(pack, items, seed=1).text
    assert "The sentence (its number, such as ¶3.2, or its words):" in sheet and "*Find the line*" in sheet
    cards = tsv.render(pack, items, seed=1).text
    assert "Answer: ¶4.1 “Tickets will cost the same as last year.”" in cards
    assert "Find the sentence in the article that contradicts this claim." in cards
    skipped = aiken.render(pack, items, seed=1)
    assert skipped.text == "" and "engines" in skipped.notes[0]


def test_json_export_round_trips(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["export", "--scenes", str(EVIDENCE_PACK.parent), "--pack", "evidence_pack", "--format", "json"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert {q["type"] for q in doc["questions"]} == {"evidence"}
    assert next(q for q in doc["questions"] if q["id"] == "fares")["proves"] == "contradicts"


def test_class_report_counts_evidence_answers(pack: Pack, tmp_path: Path) -> None:
    for player, picked in [("Ana", "2.2"), ("Bo", "3.1"), ("Cy", "3.1")]:
        run = QuizRun(pack, seed=1, question_ids=["engines"], streak_bonus=False)
        run.answer(picked, 2.0)
        write_results(tmp_path, run=run, player=player, started=T0, finished=T0)
    report = build_report(collect([tmp_path]).results, {"evidence_pack": pack})
    (stat,) = report.questions
    assert (stat.asked, stat.right, stat.missed) == (3, 1, 2)
    assert stat.right_answer.startswith("¶2.2 ")
    assert dict(stat.wrong) == {"¶3.1 “The harbour authority said the repairs cost £2.1 million.”": 2}
