"""The ``evidence`` question type ("find the line"): loading, sentence numbering, judging, save and resume."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.content.diagnostics import ContentError
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz import sentences
from game.engine.quiz.run import QuizRun
from game.engine.quiz.types import TYPES, AnswerShape, type_of

EVIDENCE_QUIZ = """\
kind: quiz
questions:
  - id: homes
    type: evidence
    topic: facts
    prompt: Officials say that the homes are not in danger.
    explanation: The officials' claim is reported in paragraph 3.
    quotes: ["Officials claimed that 1,000 homes were safe."]
  - id: ready
    type: evidence
    topic: facts
    proves: contradicts
    prompt: Ana Ruiz said she was not ready.
    explanation: She said the opposite.
    quotes: ["said Ana Ruiz"]
"""


@pytest.fixture
def pack(tmp_path: Path, write_pack: Callable[..., Path]) -> Pack:
    return load_pack(write_pack(tmp_path / "tiny", {"quiz.yaml": EVIDENCE_QUIZ}))


def test_the_article_sentences_are_numbered_by_paragraph(pack: Pack) -> None:
    labels = [(s.label, " ".join(s.text.split())) for s in sentences.sentences(pack.article)]
    assert labels == [
        ("1.1", "A Tiny Article"),
        ("2.1", "The river rose by three metres on Monday, the mayor said."),
        ("3.1", "Officials claimed that 1,000 homes were safe."),
        ("3.2", "“We are ready,” said Ana Ruiz."),
    ]  # the page footer ("Source link") has no sentences to pick


@pytest.mark.parametrize(
    ("typed", "label"), [("3.2", "3.2"), ("¶3.2", "3.2"), (" 3:2 ", "3.2"), ("03.1", "3.1")]
)
def test_a_sentence_number_is_read_leniently(typed: str, label: str) -> None:
    assert sentences.parse_label(typed) == label


@pytest.mark.parametrize(("typed", "label"), [("2", "2.1"), ("¶2", "2.1"), ("2.", "2.1"), ("3.2", "3.2")])
def test_a_paragraph_of_one_sentence_is_found_by_its_number_alone(pack: Pack, typed: str, label: str) -> None:
    """Most paragraphs of a news article are one sentence: a student typing 17 for ¶17.1 means it."""
    assert sentences.resolve_typed(pack.article, typed) == label


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("3", "¶3 has 2 sentences: type 3.1 or 3.2."),
        ("3.5", "¶3 has 2 sentences: type 3.1 or 3.2."),
        ("2.2", "¶2 has one sentence: type 2.1."),
        ("9", "There is no ¶9: type the number of a sentence as printed, e.g. 3.2."),
        ("three", "Type the number of a sentence as printed, e.g. 3.2 for the 2nd sentence of ¶3."),
    ],
)
def test_a_typed_number_that_names_no_sentence_says_which_would(pack: Pack, typed: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        sentences.resolve_typed(pack.article, typed)
    assert str(refused.value) == message


@pytest.mark.parametrize("typed", ["3", "three", "3.2.1", "", "¶"])
def test_what_is_not_a_sentence_number(typed: str) -> None:
    assert sentences.parse_label(typed) is None


def test_the_type_is_registered_with_the_pick_a_sentence_shape(pack: Pack) -> None:
    assert TYPES["evidence"].shape is AnswerShape.PICK_SENTENCE
    assert all(type_of(q).name == "evidence" for q in pack.questions)


def test_the_sentence_holding_a_quote_is_right(pack: Pack) -> None:
    run = QuizRun(pack, seed=1, question_ids=["homes"])
    shown = run.current
    assert shown is not None and shown.choices == [] and shown.shape is AnswerShape.PICK_SENTENCE
    assert shown.statement == "Find the sentence in the article that supports this claim."
    outcome = run.answer("¶3.1")
    assert outcome.correct and outcome.points == 10
    assert outcome.given == outcome.right_answer == "¶3.1 “Officials claimed that 1,000 homes were safe.”"


def test_another_sentence_is_wrong_and_the_right_one_is_named(pack: Pack) -> None:
    run = QuizRun(pack, seed=1, question_ids=["ready"])
    assert run.current is not None
    assert run.current.statement == "Find the sentence in the article that contradicts this claim."
    outcome = run.answer("3.1")
    assert not outcome.correct and outcome.points == 0
    assert outcome.given.startswith("¶3.1 ")
    assert outcome.right_answer == "¶3.2 “‘We are ready,’ said Ana Ruiz.”"


@pytest.mark.parametrize("response", ["9.9", "hello", 0, [1], "7.1"])
def test_a_response_that_is_no_sentence_is_refused(pack: Pack, response: object) -> None:
    run = QuizRun(pack, seed=1, question_ids=["homes"])
    with pytest.raises(ValueError, match="sentence number"):
        run.answer(response)  # type: ignore[arg-type]
    assert run.records == []


def test_a_time_out_names_the_right_sentence(pack: Pack) -> None:
    run = QuizRun(pack, seed=1, question_ids=["homes"])
    outcome = run.answer(None)
    assert outcome.timed_out and not outcome.correct
    assert outcome.right_answer.startswith("¶3.1 ")


def test_a_round_with_evidence_answers_resumes_from_json(pack: Pack) -> None:
    run = QuizRun(pack, seed=4)
    run.answer("3.1")
    state = json.loads(json.dumps(run.to_json()))
    assert state["records"][0]["response"] == "3.1"  # saved as the sentence number
    restored = QuizRun.from_json(pack, state)
    assert restored.outcome_of(restored.records[0]) == run.outcome_of(run.records[0])
    assert restored.current == run.current


def test_a_quote_across_a_sentence_end_is_an_error_at_its_line(
    tmp_path: Path, write_pack: Callable[..., Path]
) -> None:
    bad = EVIDENCE_QUIZ.replace(
        'quotes: ["said Ana Ruiz"]', 'quotes: ["1,000 homes were safe. “We are ready"]'
    )
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": bad})
    with pytest.raises(ContentError) as caught:
        load_pack(folder)
    (diag,) = caught.value.diagnostics
    assert (diag.line, diag.severity) == (15, "error")
    assert diag.path.endswith("quiz.yaml")
    assert "must lie inside one sentence" in diag.message


def test_proves_is_supports_or_contradicts(tmp_path: Path, write_pack: Callable[..., Path]) -> None:
    bad = EVIDENCE_QUIZ.replace("proves: contradicts", "proves: refutes")
    with pytest.raises(ContentError) as caught:
        load_pack(write_pack(tmp_path / "tiny", {"quiz.yaml": bad}))
    (diag,) = caught.value.diagnostics
    assert (diag.line, diag.message) == (12, "invalid enum value 'refutes'")


def test_an_unknown_type_lists_every_type(tmp_path: Path, write_pack: Callable[..., Path]) -> None:
    bad = EVIDENCE_QUIZ.replace("type: evidence", "type: find_line", 1)
    with pytest.raises(ContentError) as caught:
        load_pack(write_pack(tmp_path / "tiny", {"quiz.yaml": bad}))
    (diag,) = caught.value.diagnostics
    assert diag.line == 4
    assert diag.message.endswith(": a question type is one of " + ", ".join(TYPES))


def test_a_misspelt_question_key_gets_a_hint(tmp_path: Path, write_pack: Callable[..., Path]) -> None:
    bad = EVIDENCE_QUIZ.replace("proves: contradicts", "prooves: contradicts")
    with pytest.raises(ContentError) as caught:
        load_pack(write_pack(tmp_path / "tiny", {"quiz.yaml": bad}))
    (diag,) = caught.value.diagnostics
    assert diag.message == "unknown key 'prooves'; did you mean 'proves'?"


def test_the_sentence_holding_a_quote_is_the_first_of_the_article_that_holds_it() -> None:
    """``holding`` looks in the quote's paragraph first; it must answer as the walk over every sentence."""
    from game.paths import bundled_scenes

    for folder in sorted(bundled_scenes().iterdir()):
        article = load_pack(folder).article
        every = sentences.sentences(article)
        spans = [article.find(p.text[:30]) for p in article.paragraphs] + list(
            load_pack(folder).spans.values()
        )
        for span in [s for s in spans if s is not None]:
            expected = next((s for s in every if s.holds(span)), None)
            assert sentences.holding(article, span) == expected
