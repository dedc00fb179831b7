"""The quiz runtime: a seeded round of questions, answered one at a time, with feedback and a summary.

A :class:`QuizRun` is driven the same way by the TUI, the plain line mode and the tests: read
:attr:`QuizRun.current`, call :meth:`QuizRun.answer`, show the returned :class:`Outcome`. Its state
serialises to JSON so a round can be saved after every answer and resumed exactly.
"""

from __future__ import annotations

import random
from typing import Any

from msgspec import Struct, field, structs

from game.engine.content.pack import Pack, QuoteRef
from game.engine.quiz import DEFAULT_ROUND_SIZE as DEFAULT_ROUND_SIZE
from game.engine.quiz import scoring, types
from game.engine.quiz.dealt import TypeFacts
from game.engine.quiz.types import AnswerShape, Question

STATE_VERSION = 1

Response = int | list[int] | str | None
"""By answer shape: an option index; indices for pick-many and ordering; typed text; a sentence label such as
``"3.2"`` for pick-a-sentence; None for a time-out."""


def new_seed() -> int:
    """A fresh random seed, kept so the round can be replayed or resumed."""
    return random.SystemRandom().randrange(1, 2**31)


# Structs rather than dataclasses (the same fields, defaults, equality and hashing): the game imports
# this module at start, and creating dataclasses cost it time and memory.
class Presented(Struct, TypeFacts, frozen=True):
    """A question as the player sees it: choices in their shuffled order (type, shape, kind, label and
    statement come from :class:`~game.engine.quiz.dealt.TypeFacts`)."""

    question: Question
    number: int
    """1-based position in the round."""
    total: int
    choices: list[str]
    """Options (or ordering items) in the order shown; empty for short answers."""


class Outcome(Struct, frozen=True):
    """What answering one question produced."""

    question_id: str
    correct: bool
    """Fully right."""
    credit: float
    points: int
    bonus: int
    right_answer: str
    """The right answer, as a player reads it."""
    given: str
    """The player's answer, as a player reads it."""
    option_feedback: list[str]
    """Feedback of the wrong options the player picked."""
    explanation: str
    quotes: list[QuoteRef]
    context: str | None = None
    timed_out: bool = False
    note: str | None = None
    """How a right answer was taken, when it was not as written (``Accepted — spelled "Tajiks"``)."""
    overridden: bool = False
    """Judged wrong, then counted as right because the player said so (:meth:`QuizRun.override`)."""


class AnswerRecord(Struct):
    """One answered question, as saved."""

    question_id: str
    response: Any
    credit: float
    points: int
    bonus: int
    correct: bool
    elapsed: float = 0.0
    overridden: bool = False
    """The player said "I was right" and this wrong answer counts as right (see :meth:`QuizRun.override`)."""


class Summary(Struct):
    """The end-of-round figures."""

    score: int
    """Points for the answers, never more than :attr:`max_score`; the streak bonus is :attr:`bonus`."""
    max_score: int
    right: int
    total: int
    by_topic: dict[str, tuple[int, int]]
    """Topic title → (right, asked)."""
    missed: list[str] = field(default_factory=list)
    bonus: int = 0
    """Streak bonus points, on top of the score."""
    overridden: int = 0
    """Answers the player overrode ("I was right")."""

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


class QuizRun:
    """One round of questions from a pack."""

    def __init__(
        self,
        pack: Pack,
        *,
        seed: int | None = None,
        count: int | None = None,
        question_ids: list[str] | None = None,
        streak_bonus: bool = True,
    ) -> None:
        """Deal a round.

        Args:
            pack: the loaded pack.
            seed: the same seed deals the same questions, order and option order everywhere.
            count: how many questions (all when None).
            question_ids: play only these (e.g. the missed ones), in a seeded order.
            streak_bonus: award the streak bonus.
        """
        self.pack = pack
        self.seed = new_seed() if seed is None else seed
        self.streak_bonus = streak_bonus
        rng = random.Random(self.seed)
        # By id once: Pack.question walks the list, and a round looks up each question it deals.
        # Reversed, so a repeated id finds the first, as Pack.question does.
        by_id = {q.id: q for q in reversed(pack.questions)}
        pool = [q.id for q in pack.questions]
        if question_ids is not None:
            wanted = set(question_ids)
            pool = [qid for qid in pool if qid in wanted]
        rng.shuffle(pool)
        if count is not None:
            pool = pool[: max(1, count)]
        self.order: list[str] = pool
        self.perms: dict[str, list[int]] = {qid: self._deal(by_id[qid], rng) for qid in pool}
        self.records: list[AnswerRecord] = []
        self.streak = 0

    @staticmethod
    def _deal(question: Question, rng: random.Random) -> list[int]:
        return types.type_of(question).deal(question, rng)

    # --- state -----------------------------------------------------------------------------

    @property
    def index(self) -> int:
        """0-based index of the question now asked."""
        return len(self.records)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.order)

    @property
    def score(self) -> int:
        """Points for the answers so far; never more than :attr:`max_score` (the bonus is apart)."""
        return sum(r.points for r in self.records)

    @property
    def bonus(self) -> int:
        """Streak bonus points so far, shown on top of the score (``30 / 30 + 5 streak bonus``)."""
        return sum(r.bonus for r in self.records)

    @property
    def max_score(self) -> int:
        return sum(self.pack.question(qid).points for qid in self.order)

    @property
    def current(self) -> Presented | None:
        """The question to answer now, or None when the round is over."""
        if self.finished:
            return None
        question = self.pack.question(self.order[self.index])
        return Presented(question, self.index + 1, len(self.order), self.choices(question))

    def choices(self, question: Question) -> list[str]:
        """The choices of ``question`` in the order this round shows them."""
        return types.type_of(question).choices(question, self.perms[question.id])

    # --- answering -------------------------------------------------------------------------

    def answer(self, response: Response, elapsed: float = 0.0) -> Outcome:
        """Answer the current question.

        Args:
            response: see :data:`Response`; None records a time-out.
            elapsed: seconds the player took.

        Raises:
            RuntimeError: when the round is already over.
            ValueError: when the response does not fit the question.
        """
        shown = self.current
        if shown is None:
            raise RuntimeError("the round is over")
        question = shown.question
        outcome = judge(question, shown.choices, self.perms[question.id], response, self.pack)
        self.streak = self.streak + 1 if outcome.correct else 0
        bonus = scoring.streak_bonus(self.streak, self.streak_bonus) if outcome.correct else 0
        outcome = _with_bonus(outcome, bonus)
        self.records.append(
            AnswerRecord(
                question.id, response, outcome.credit, outcome.points, bonus, outcome.correct, elapsed
            )
        )
        return outcome

    def outcome_of(self, record: AnswerRecord) -> Outcome:
        """Re-derive the feedback of an answer already given (for the summary and resume)."""
        question = self.pack.question(record.question_id)
        outcome = judge(question, self.choices(question), self.perms[question.id], record.response, self.pack)
        if record.overridden:
            outcome = structs.replace(
                outcome, correct=True, credit=record.credit, points=record.points, overridden=True
            )
        return _with_bonus(outcome, record.bonus)

    # --- "I was right" ---------------------------------------------------------------------

    @property
    def can_override(self) -> bool:
        """The last answer is a typed answer judged wrong, which the player may count as right.

        Only typed answers: a near miss the typo tolerance did not catch is the player's to judge; a
        picked option is not. Front ends offer it outside class play only.
        """
        if not self.records:
            return False
        record = self.records[-1]
        shape = types.type_of(self.pack.question(record.question_id)).shape
        return (
            shape is AnswerShape.TYPE_TEXT
            and isinstance(record.response, str)
            and not record.correct
            and not record.overridden
        )

    def override(self) -> Outcome:
        """Count the last answer as right because the player says it was ("I was right").

        It scores the question's full points (no streak bonus: that rewards answers the game judged
        right) and is recorded as overridden, so stats can show how often a player did this.

        Raises:
            RuntimeError: when :attr:`can_override` is False.
        """
        if not self.can_override:
            raise RuntimeError("only a wrong typed answer can be overridden")
        record = self.records[-1]
        record.overridden = True
        record.correct = True
        record.credit = 1.0
        record.points = self.pack.question(record.question_id).points
        streak = 0
        for earlier in reversed(self.records):
            if not earlier.correct:
                break
            streak += 1
        self.streak = streak
        return self.outcome_of(record)

    def summary(self) -> Summary:
        """Score, share right, a per-topic breakdown and the missed questions."""
        topics = self.pack.topics
        by_topic: dict[str, tuple[int, int]] = {}
        for record in self.records:
            topic_id = self.pack.question(record.question_id).topic
            title = topics.get(topic_id, topic_id)
            right, asked = by_topic.get(title, (0, 0))
            by_topic[title] = (right + record.correct, asked + 1)
        missed = [r.question_id for r in self.records if not r.correct]
        right = sum(r.correct for r in self.records)
        return Summary(
            self.score,
            self.max_score,
            right,
            len(self.records),
            by_topic,
            missed,
            bonus=self.bonus,
            overridden=sum(r.overridden for r in self.records),
        )

    # --- save and resume -------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Everything needed to continue this round exactly."""
        return {
            "version": STATE_VERSION,
            "pack": self.pack.id,
            "seed": self.seed,
            "streak_bonus": self.streak_bonus,
            "order": list(self.order),
            "perms": {k: list(v) for k, v in self.perms.items()},
            "records": [_record_json(r) for r in self.records],
            "streak": self.streak,
        }

    @classmethod
    def from_json(cls, pack: Pack, state: dict[str, Any]) -> QuizRun:
        """Restore a round saved with :meth:`to_json`.

        Raises:
            ValueError: when the state is from another pack, names questions the pack no longer has,
                no longer fits a question's options (the pack was edited), or is damaged.
        """
        if state.get("version") != STATE_VERSION or state.get("pack") != pack.id:
            raise ValueError("this saved round belongs to another pack or version")
        known = {q.id for q in pack.questions}
        try:
            missing = [qid for qid in state["order"] if qid not in known]
            if missing:
                raise ValueError(f"the pack no longer has question(s): {', '.join(missing)}")
            run = cls.__new__(cls)
            run.pack = pack
            run.seed = int(state["seed"])
            run.streak_bonus = bool(state["streak_bonus"])
            run.order = list(state["order"])
            run.perms = {k: list(v) for k, v in state["perms"].items()}
            run.records = [AnswerRecord(**r) for r in state["records"]]
            run.streak = int(state["streak"])
            for qid in run.order:
                # A saved shuffle must still fit the question: an edited option list would
                # otherwise fail later, mid-round, with an IndexError.
                expected = cls._deal(pack.question(qid), random.Random(0))
                if sorted(run.perms[qid]) != sorted(expected):
                    raise ValueError(f"question {qid!r} has changed since this round was saved")
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"this saved round is damaged ({exc.__class__.__name__}: {exc})") from None
        return run


def _with_bonus(outcome: Outcome, bonus: int) -> Outcome:
    return structs.replace(outcome, bonus=bonus)


def _record_json(record: AnswerRecord) -> dict[str, Any]:
    """A record as a plain dict that shares nothing with it (as ``dataclasses.asdict`` made it)."""
    data = structs.asdict(record)
    if isinstance(record.response, list):
        data["response"] = list(record.response)
    return data


def judge(question: Question, choices: list[str], perm: list[int], response: Response, pack: Pack) -> Outcome:
    """Score ``response`` to ``question`` as shown with ``choices`` (``perm`` maps shown → written order)."""
    kind = types.type_of(question)
    if response is None:
        judged = types.Judged(
            0.0, kind.right_text(question, choices, perm, pack), "(no answer: time ran out)"
        )
    else:
        judged = kind.judge(question, choices, perm, response, pack)
    return Outcome(
        question_id=question.id,
        correct=judged.credit >= 1.0,
        credit=judged.credit,
        points=scoring.points_for(question.points, judged.credit),
        bonus=0,
        right_answer=judged.right,
        given=judged.given,
        option_feedback=list(judged.feedback),
        explanation=question.explanation,
        quotes=pack.quotes_of(question.quotes),
        context=question.context,
        timed_out=response is None,
        note=judged.note if judged.credit >= 1.0 else None,
    )
