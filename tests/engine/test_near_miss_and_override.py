"""Issue 12: a score never exceeds its maximum (item 1), a near miss of a typed answer counts and says so
(item 19), and "I was right" counts a wrong typed answer as right, recorded as overridden (item 20)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.engine.quiz.scoring import match_short, score_text, typo_allowance
from tests.engine.test_quiz import right_response

TYPO_QUIZ = """\
kind: quiz
questions:
  - id: people
    type: short
    topic: facts
    prompt: Which people lived by the river?
    answers: ["the Tajiks", "Tajiks"]
    explanation: So the article says.
    quotes: ["The river rose by three metres on Monday"]
  - id: strict
    type: short
    topic: facts
    prompt: Which town?
    answers: ["Bamyan"]
    exact: true
    explanation: So the article says.
    quotes: ["The river rose by three metres on Monday"]
"""


@pytest.mark.parametrize(
    ("typed", "accepted", "credit", "spelled"),
    [
        ("the Tadjiks", ["the Tajiks", "Tajiks"], 1.0, "the Tajiks"),  # the issue's own case
        ("Tajiks", ["the Tajiks", "Tajiks"], 1.0, None),  # as written: no note
        ("Kabl", ["Kabul"], 1.0, "Kabul"),  # 5 letters: one edit
        ("Kbl", ["Kabul"], 0.0, None),  # two edits on 5 letters is too many
        ("Massod", ["Massoud"], 1.0, "Massoud"),
        ("Ahmad Sha Masoud", ["Ahmad Shah Massoud"], 1.0, "Ahmad Shah Massoud"),  # 16 letters: two edits
        ("Ahmad Sha Masud", ["Ahmad Shah Massoud"], 0.0, None),  # three edits
        ("cat", ["car"], 0.0, None),  # under 4 letters: exact only
        ("1914", ["1941"], 0.0, None),  # numbers: exact only
        ("10 homes", ["100 homes"], 0.0, None),
    ],
)
def test_a_near_miss_counts_within_the_allowance(
    typed: str, accepted: list[str], credit: float, spelled: str | None
) -> None:
    assert match_short(typed, accepted) == (credit, spelled)


def test_exact_turns_the_tolerance_off() -> None:
    assert match_short("Bamian", ["Bamyan"]) == (1.0, "Bamyan")
    assert match_short("Bamian", ["Bamyan"], exact=True) == (0.0, None)
    assert match_short("bamyan", ["Bamyan"], exact=True) == (1.0, None)  # case still folds


@pytest.mark.parametrize(
    ("folded", "allowed"), [("tajiks", 1), ("the tajiks", 2), ("kab", 0), ("kabu", 1), ("1000 homes", 0)]
)
def test_typo_allowance_counts_letters_without_spaces(folded: str, allowed: int) -> None:
    assert typo_allowance(folded) == allowed


def test_the_feedback_says_how_a_near_miss_was_taken(make_all_types_pack: Callable[..., Pack]) -> None:
    pack = make_all_types_pack(TYPO_QUIZ, folder="typos")
    run = QuizRun(pack, seed=1, question_ids=["people"])
    outcome = run.answer("the Tadjiks")
    assert outcome.correct and outcome.points == 10
    assert outcome.note == 'Accepted — spelled "the Tajiks"'
    strict = QuizRun(pack, seed=1, question_ids=["strict"])
    assert not strict.answer("Bamian").correct


def test_the_streak_bonus_is_its_own_figure(all_types_pack: Pack) -> None:
    """Item 1: a round of right answers scored `score / max + bonus`, never above its maximum."""
    run = QuizRun(all_types_pack, seed=5, count=4)
    while (shown := run.current) is not None:
        run.answer(right_response(shown))
    summary = run.summary()
    assert (summary.score, summary.max_score, summary.bonus) == (40, 40, 10)
    assert score_text(summary.score, summary.max_score, summary.bonus) == "40 / 40 + 10 streak bonus"
    # Saved and resumed, the figures stay apart.
    again = QuizRun.from_json(all_types_pack, run.to_json())
    assert (again.score, again.bonus) == (40, 10)


def test_a_round_saved_before_overrides_existed_still_loads(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=5, count=2)
    run.answer(right_response(run.current))  # type: ignore[arg-type]
    state = run.to_json()
    for record in state["records"]:
        del record["overridden"]
    again = QuizRun.from_json(all_types_pack, state)
    assert again.records[0].overridden is False and again.score == 10


def test_i_was_right_counts_a_wrong_typed_answer(make_all_types_pack: Callable[..., Pack]) -> None:
    pack = make_all_types_pack(TYPO_QUIZ, folder="typos")
    run = QuizRun(pack, seed=1)
    while (shown := run.current) is not None and shown.question.id != "people":
        run.answer("Bamyan")
    assert not run.can_override  # a right answer has nothing to override
    outcome = run.answer("the Uzbeks")
    assert not outcome.correct and run.can_override
    overridden = run.override()
    assert overridden.correct and overridden.overridden and overridden.points == 10
    assert run.records[-1].overridden and not run.can_override
    summary = run.summary()
    assert summary.overridden == 1 and "people" not in summary.missed
    # The override survives save and resume, and re-deriving the feedback keeps it.
    again = QuizRun.from_json(pack, run.to_json())
    assert again.outcome_of(again.records[-1]).overridden
    assert again.score == run.score


def test_only_a_wrong_typed_answer_can_be_overridden(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=3, question_ids=["single"])
    run.answer(1 if run.current and run.current.choices[0] == "three metres" else 0)
    assert not run.can_override
    with pytest.raises(RuntimeError):
        run.override()
