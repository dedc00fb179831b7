"""The quiz runtime, driven with no screen: scoring of every question type, seeded deals, save and resume.

Responses are written here in terms of the texts a player sees, then turned into the option numbers of
the round's shuffled order, so the tables read like a player's answers and do not depend on a seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.engine.content.pack import Pack
from game.engine.quiz import types as qtypes
from game.engine.quiz.run import Presented, QuizRun
from game.engine.quiz.scoring import STREAK_BONUS
from game.engine.quiz.types.true_false import ClaimFact, TrueFalse

ROOT = Path(__file__).resolve().parents[2]
CLAIM = ClaimFact.CHOICES[1]
FACT = ClaimFact.CHOICES[0]


def one(pack: Pack, question_id: str, seed: int = 1) -> QuizRun:
    return QuizRun(pack, seed=seed, question_ids=[question_id])


def respond(shown: Presented, answer: str | list[str]) -> Any:
    """The response that picks these texts (typed text for a short answer)."""
    if shown.kind == "short":
        return answer
    if isinstance(answer, list):
        return [shown.choices.index(text) for text in answer]
    return shown.choices.index(answer)


def right_response(shown: Presented) -> Any:
    question = shown.question
    if isinstance(question, qtypes.TrueFalseQuestion):
        return respond(shown, TrueFalse.CHOICES[0] if question.answer else TrueFalse.CHOICES[1])
    if isinstance(question, qtypes.ClaimFactQuestion):
        return respond(shown, FACT if question.answer == "fact" else CLAIM)
    if isinstance(question, qtypes.MultiQuestion):
        return respond(shown, list(question.answers))
    if isinstance(question, qtypes.ShortQuestion):
        return question.answers[0]
    if isinstance(question, qtypes.OrderQuestion):
        return respond(shown, list(question.items))
    return respond(shown, question.answer)


def wrong_response(shown: Presented) -> Any:
    if shown.kind == "short":
        return "certainly not this"
    if shown.kind == "multi":
        return []
    if shown.kind == "order":
        return right_response(shown)[::-1]
    right = right_response(shown)
    return next(i for i in range(len(shown.choices)) if i != right)


# --- scoring of every type --------------------------------------------------------------------

RIVER = "The river rose"
SAFE = "Homes were safe"
DAM = "A dam broke"
ORDER = ["The river rose", "Officials claimed", "Ana Ruiz spoke"]

# (question id, answer as the player sees it, fully right, credit, points, option feedback shown)
SCORED = [
    ("single", "three metres", True, 1.0, 10, []),
    ("single", "one metre", False, 0.0, 0, ["That is a third of the rise."]),
    ("single", "1,000 metres", False, 0.0, 0, []),
    ("attribution", "Ana Ruiz", True, 1.0, 10, []),
    ("attribution", "The mayor", False, 0.0, 0, []),
    ("truefalse", "True", True, 1.0, 10, []),
    ("truefalse", "False", False, 0.0, 0, []),
    ("claimfact", CLAIM, True, 1.0, 10, []),
    ("claimfact", FACT, False, 0.0, 0, []),
    ("multi", [RIVER, SAFE], True, 1.0, 10, []),
    ("multi", [SAFE, RIVER], True, 1.0, 10, []),
    ("multi", [RIVER], False, 0.5, 5, []),
    ("multi", [RIVER, SAFE, DAM], False, 0.5, 5, ["No dam is mentioned."]),
    ("multi", [RIVER, DAM], False, 0.0, 0, ["No dam is mentioned."]),
    ("multi", [], False, 0.0, 0, []),
    ("short", "1,000", True, 1.0, 10, []),
    ("short", "1000", True, 1.0, 10, []),
    ("short", "one thousand", True, 1.0, 10, []),
    ("short", "  One Thousand. ", True, 1.0, 10, []),
    ("short", "100", False, 0.0, 0, []),
    ("short", "", False, 0.0, 0, []),
    ("order", ORDER, True, 1.0, 10, []),
    ("order", ORDER[::-1], False, 0.0, 0, []),
    ("order", [ORDER[1], ORDER[0], ORDER[2]], False, 2 / 3, 7, []),
]


@pytest.mark.parametrize(("question_id", "answer", "correct", "credit", "points", "feedback"), SCORED)
@pytest.mark.parametrize("seed", [1, 2])
def test_scoring_of_every_type(
    all_types_pack: Pack,
    question_id: str,
    answer: str | list[str],
    correct: bool,
    credit: float,
    points: int,
    feedback: list[str],
    seed: int,
) -> None:
    run = one(all_types_pack, question_id, seed)
    shown = run.current
    assert shown is not None and shown.question.id == question_id
    outcome = run.answer(respond(shown, answer))
    assert outcome.correct is correct
    assert outcome.credit == pytest.approx(credit)
    assert outcome.points == points
    assert outcome.option_feedback == feedback
    assert outcome.bonus == 0 and not outcome.timed_out
    assert run.score == points and run.finished


@pytest.mark.parametrize(
    ("question_id", "right_answer"),
    [
        ("single", "three metres"),
        ("attribution", "Ana Ruiz"),
        ("truefalse", "True"),
        ("claimfact", CLAIM),
        ("short", "1,000"),
        ("order", " → ".join(ORDER)),
    ],
)
def test_outcome_states_the_right_answer_and_the_quotes(
    all_types_pack: Pack, question_id: str, right_answer: str
) -> None:
    run = one(all_types_pack, question_id)
    shown = run.current
    assert shown is not None
    outcome = run.answer(wrong_response(shown))
    assert outcome.right_answer == right_answer
    assert outcome.explanation == shown.question.explanation
    assert [q.text for q in outcome.quotes] == [all_types_pack.quote(t).text for t in shown.question.quotes]
    for ref in outcome.quotes:
        assert all_types_pack.article.text[ref.span.start : ref.span.end] == ref.text


def test_multi_right_answer_lists_every_right_option(all_types_pack: Pack) -> None:
    run = one(all_types_pack, "multi")
    shown = run.current
    assert shown is not None
    outcome = run.answer(respond(shown, [DAM]))
    assert sorted(outcome.right_answer.split("; ")) == sorted([RIVER, SAFE])
    assert outcome.given == DAM


@pytest.mark.parametrize(
    "question_id", ["single", "attribution", "truefalse", "claimfact", "multi", "short", "order"]
)
def test_time_out_counts_wrong(all_types_pack: Pack, question_id: str) -> None:
    run = one(all_types_pack, question_id)
    outcome = run.answer(None)
    assert (outcome.correct, outcome.credit, outcome.points, outcome.timed_out) == (False, 0.0, 0, True)
    assert outcome.given == "(no answer: time ran out)"
    assert outcome.right_answer
    assert run.summary().missed == [question_id]


@pytest.mark.parametrize(
    ("question_id", "response"),
    [
        ("single", "three metres"),
        ("single", 3),
        ("single", -1),
        ("single", True),
        ("single", [0]),
        ("single", 1.0),
        ("attribution", 5),
        ("truefalse", 2),
        ("truefalse", "True"),
        ("claimfact", "claim"),
        ("multi", 0),
        ("multi", [0, 9]),
        ("multi", ["0"]),
        ("short", 3),
        ("short", ["1,000"]),
        ("order", [0, 1]),
        ("order", [0, 0, 1]),
        ("order", [0, 1, 5]),
        ("order", "012"),
    ],
)
def test_invalid_response_raises_and_changes_nothing(
    all_types_pack: Pack, question_id: str, response: Any
) -> None:
    run = one(all_types_pack, question_id)
    before = run.to_json()
    with pytest.raises(ValueError):
        run.answer(response)
    assert run.to_json() == before
    shown = run.current
    assert shown is not None and shown.question.id == question_id


def test_answering_after_the_end_raises(all_types_pack: Pack) -> None:
    run = one(all_types_pack, "single")
    run.answer(None)
    assert run.finished and run.current is None
    with pytest.raises(RuntimeError):
        run.answer(0)


def test_presented_question(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=3)
    seen: dict[str, Presented] = {}
    while (shown := run.current) is not None:
        assert (shown.number, shown.total) == (run.index + 1, 7)
        seen[shown.kind] = shown
        run.answer(right_response(shown))
    # evidence needs an article with several sentences a paragraph: it has its own pack in test_evidence.py.
    assert set(seen) == set(qtypes.QUESTION_TYPES) - {"evidence"}
    assert seen["true_false"].choices == TrueFalse.CHOICES
    assert seen["claim_fact"].choices == ClaimFact.CHOICES
    assert seen["claim_fact"].statement == "1,000 homes were safe."
    assert seen["attribution"].statement == "We are ready."
    assert seen["short"].choices == [] and seen["short"].statement is None
    assert sorted(seen["single"].choices) == sorted(["three metres", "one metre", "1,000 metres"])
    assert sorted(seen["order"].choices) == sorted(ORDER)


# --- streaks and the summary ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "enabled", "bonuses"),
    [
        ("RRRRRRR", True, [0, 0] + [STREAK_BONUS] * 5),
        ("RRRRRRR", False, [0] * 7),
        ("RRWRRRR", True, [0] * 5 + [STREAK_BONUS] * 2),
        ("RRTRRRR", True, [0] * 5 + [STREAK_BONUS] * 2),  # a time-out breaks the run too
        ("WWWWWWW", True, [0] * 7),
    ],
)
def test_streak_bonus(all_types_pack: Pack, pattern: str, enabled: bool, bonuses: list[int]) -> None:
    run = QuizRun(all_types_pack, seed=11, streak_bonus=enabled)
    got = []
    for step in pattern:
        shown = run.current
        assert shown is not None
        response = {"R": right_response, "W": wrong_response}.get(step, lambda _: None)(shown)
        got.append(run.answer(response).bonus)
    assert got == bonuses
    # The bonus is its own figure: the score never exceeds the maximum (issue 12, item 1).
    assert run.score == 10 * pattern.count("R") <= run.max_score
    assert run.bonus == sum(bonuses)
    assert run.summary().bonus == sum(bonuses)


def test_summary_by_topic_and_missed(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=5, streak_bonus=False)
    wrong = {"attribution", "multi", "order"}
    while (shown := run.current) is not None:
        if shown.question.id == "order":
            run.answer(None)
        else:
            run.answer(wrong_response(shown) if shown.question.id in wrong else right_response(shown))
    summary = run.summary()
    assert (summary.score, summary.max_score, summary.right, summary.total) == (40, 70, 4, 7)
    assert summary.percent == 57
    assert summary.by_topic == {"Facts": (3, 5), "Claims": (1, 2)}
    assert sorted(summary.missed) == sorted(wrong)
    assert summary.missed == [qid for qid in run.order if qid in wrong]  # in the order they were asked


def test_retake_the_missed_questions(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=5)
    while (shown := run.current) is not None:
        run.answer(wrong_response(shown) if shown.kind in ("single", "short") else right_response(shown))
    missed = run.summary().missed
    assert sorted(missed) == ["short", "single"]
    retake = QuizRun(all_types_pack, seed=6, question_ids=missed)
    assert sorted(retake.order) == sorted(missed)
    assert retake.max_score == 20


# --- seeded deals -----------------------------------------------------------------------------


def deal(pack: Pack, **kwargs: Any) -> list[tuple[str, list[str]]]:
    run = QuizRun(pack, **kwargs)
    return [(qid, run.choices(pack.question(qid))) for qid in run.order]


def test_same_seed_same_deal(panjshir: Pack) -> None:
    assert deal(panjshir, seed=42) == deal(panjshir, seed=42)


def test_different_seeds_differ(panjshir: Pack) -> None:
    deals = [deal(panjshir, seed=seed) for seed in (1, 2, 3)]
    assert deals[0] != deals[1] != deals[2]
    assert [qid for qid, _ in deals[0]] != [qid for qid, _ in deals[1]]
    # Option order differs too, not only the question order.
    first = dict(deals[0])
    second = dict(deals[1])
    assert any(first[qid] != second[qid] for qid in first if len(first[qid]) > 2)


def test_no_seed_picks_a_fresh_one(panjshir: Pack) -> None:
    runs = [QuizRun(panjshir) for _ in range(3)]
    assert len({run.seed for run in runs}) == 3
    assert deal(panjshir, seed=runs[0].seed) == [
        (q, runs[0].choices(panjshir.question(q))) for q in runs[0].order
    ]


def test_same_seed_same_deal_in_another_process(panjshir: Pack) -> None:
    """The seed alone fixes the deal: another interpreter, with another hash seed, deals the same."""
    code = (
        "import json\n"
        "from game.engine.packs import load_pack\n"
        "from game.engine.quiz.run import QuizRun\n"
        "from game.paths import bundled_scenes\n"
        "pack = load_pack(bundled_scenes() / 'panjshir')\n"
        "run = QuizRun(pack, seed=42, count=12)\n"
        "print(json.dumps([[qid, run.choices(pack.question(qid))] for qid in run.order]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    theirs = [(qid, choices) for qid, choices in json.loads(result.stdout)]
    assert theirs == deal(panjshir, seed=42, count=12)


def test_order_items_are_never_dealt_in_order(all_types_pack: Pack) -> None:
    for seed in range(200):
        run = one(all_types_pack, "order", seed)
        assert run.choices(all_types_pack.question("order")) != ORDER


@pytest.mark.parametrize(("count", "size"), [(1, 1), (5, 5), (7, 7), (100, 7)])
def test_count(all_types_pack: Pack, count: int, size: int) -> None:
    run = QuizRun(all_types_pack, seed=9, count=count)
    assert len(run.order) == len(set(run.order)) == size
    assert run.order == QuizRun(all_types_pack, seed=9, count=count).order


def test_question_ids_limit_the_round(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=9, question_ids=["short", "single", "no-such-question"])
    assert sorted(run.order) == ["short", "single"]
    assert QuizRun(all_types_pack, seed=9, question_ids=[]).finished


# --- save and resume --------------------------------------------------------------------------


def play(run: QuizRun, steps: int) -> list[Any]:
    """Answer ``steps`` questions with a mix of right, wrong and timed-out answers."""
    outcomes = []
    for i in range(steps):
        shown = run.current
        assert shown is not None
        response = [right_response, wrong_response, lambda _: None][i % 3](shown)
        outcomes.append(run.answer(response, elapsed=1.5 * i))
    return outcomes


def test_resume_mid_round_continues_identically(all_types_pack: Pack) -> None:
    run = QuizRun(all_types_pack, seed=21)
    play(run, 3)
    state = json.loads(json.dumps(run.to_json()))
    restored = QuizRun.from_json(all_types_pack, state)
    assert restored.to_json() == run.to_json()
    assert restored.current == run.current
    assert (restored.score, restored.streak, restored.index) == (run.score, run.streak, run.index)
    assert [restored.outcome_of(r) for r in restored.records] == [run.outcome_of(r) for r in run.records]
    assert play(restored, 4) == play(run, 4)
    assert restored.finished and run.finished
    assert restored.summary() == run.summary()
    assert restored.to_json() == run.to_json()


def test_resume_after_reloading_the_pack(make_all_types_pack: Callable[..., Pack]) -> None:
    run = QuizRun(make_all_types_pack(), seed=4)
    play(run, 2)
    restored = QuizRun.from_json(make_all_types_pack(folder="all"), json.loads(json.dumps(run.to_json())))
    assert play(restored, 5) == play(run, 5)


def without_question(quiz: str, question_id: str) -> str:
    head, rest = quiz.split(f"  - id: {question_id}\n")
    _, _, tail = rest.partition("  - id: ")
    return head + ("  - id: " + tail if tail else "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda quiz: without_question(quiz, "order"), r"no longer has question\(s\): order"),
        (lambda quiz: quiz.replace('      - "1,000 metres"\n', ""), "'single' has changed"),
        (lambda quiz: quiz.replace("Ana Ruiz spoke]", "Ana Ruiz spoke, The end]"), "'order' has changed"),
    ],
    ids=["question-removed", "option-removed", "item-added"],
)
def test_resume_refuses_an_edited_pack(
    make_all_types_pack: Callable[..., Pack], all_types_quiz: str, change: Callable[[str], str], message: str
) -> None:
    run = QuizRun(make_all_types_pack(), seed=4)
    play(run, 1)
    state = json.loads(json.dumps(run.to_json()))
    edited = make_all_types_pack(change(all_types_quiz), folder="edited")
    with pytest.raises(ValueError, match=message):
        QuizRun.from_json(edited, state)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda s: s.update(pack="another"), id="another-pack"),
        pytest.param(lambda s: s.update(version=99), id="another-version"),
        pytest.param(lambda s: s.pop("perms"), id="missing-key"),
        pytest.param(lambda s: s.update(seed="x"), id="bad-seed"),
        pytest.param(lambda s: s.update(order=None), id="order-not-a-list"),
        pytest.param(lambda s: s["records"].append({"nonsense": 1}), id="bad-record"),
        pytest.param(lambda s: s["perms"].update(single=[0, 0, 1]), id="bad-perm"),
        pytest.param(lambda s: s["perms"].pop("single"), id="missing-perm"),
    ],
)
def test_resume_refuses_a_damaged_state(
    all_types_pack: Pack, damage: Callable[[dict[str, Any]], None]
) -> None:
    run = QuizRun(all_types_pack, seed=4)
    play(run, 2)
    state = json.loads(json.dumps(run.to_json()))
    damage(state)
    with pytest.raises(ValueError):
        QuizRun.from_json(all_types_pack, state)


# --- content text is data -----------------------------------------------------------------------

MARKUP = "[bold]x[/] and a lone [/] [@click=app.quit]quit[/] [link=https://example.com]y[/link]"


def test_markup_in_content_is_kept_literally(
    make_all_types_pack: Callable[..., Pack], all_types_quiz: str
) -> None:
    """The engine hands brackets through untouched; only the screens decide how to show text (literally)."""
    quiz = (
        all_types_quiz.replace("prompt: By how much did the river rise?", f"prompt: '{MARKUP}'")
        .replace("      - three metres\n", "      - '[red]three metres[/red]'\n")
        .replace("answer: three metres", "answer: '[red]three metres[/red]'")
        .replace("explanation: The mayor gave the figure.", "explanation: '[b]x[/i] [$accent]'")
    )
    pack = make_all_types_pack(quiz)
    run = one(pack, "single")
    shown = run.current
    assert shown is not None
    assert shown.question.prompt == MARKUP
    assert "[red]three metres[/red]" in shown.choices
    outcome = run.answer(shown.choices.index("[red]three metres[/red]"))
    assert outcome.correct and outcome.right_answer == outcome.given == "[red]three metres[/red]"
    assert outcome.explanation == "[b]x[/i] [$accent]"
