"""The quiz runtime: a seeded round of questions, answered one at a time, with feedback and a summary.

A :class:`QuizRun` is driven the same way by the TUI, the plain line mode and the tests: read
:attr:`QuizRun.current`, call :meth:`QuizRun.answer`, show the returned :class:`Outcome`. Its state
serialises to JSON so a round can be saved after every answer and resumed exactly.
"""

from __future__ import annotations

import random
from typing import Any

from msgspec import Struct, field, structs

from game.engine.content import model
from game.engine.content.pack import Pack, QuoteRef
from game.engine.quiz import scoring

TRUE_FALSE_CHOICES = ["True", "False"]
CLAIM_FACT_CHOICES = ["Reported as fact by the article", "Attributed to someone as a claim"]
STATE_VERSION = 1
DEFAULT_ROUND_SIZE = 12
"""Questions in a round when the player does not say (`--questions`): a round a class can finish."""

Response = int | list[int] | str | None
"""An option index; indices for multi-select and ordering; typed text; None for a time-out."""


def new_seed() -> int:
    """A fresh random seed, kept so the round can be replayed or resumed."""
    return random.SystemRandom().randrange(1, 2**31)


# Structs rather than dataclasses (the same fields, defaults, equality and hashing): the game imports
# this module at start, and creating dataclasses cost it time and memory.
class Presented(Struct, frozen=True):
    """A question as the player sees it: choices in their shuffled order."""

    question: model.Question
    number: int
    """1-based position in the round."""
    total: int
    choices: list[str]
    """Options (or ordering items) in the order shown; empty for short answers."""

    @property
    def kind(self) -> str:
        return self.question.__struct_config__.tag  # type: ignore[return-value]

    @property
    def statement(self) -> str | None:
        return getattr(self.question, "statement", None)


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


class AnswerRecord(Struct):
    """One answered question, as saved."""

    question_id: str
    response: Any
    credit: float
    points: int
    bonus: int
    correct: bool
    elapsed: float = 0.0


class Summary(Struct):
    """The end-of-round figures."""

    score: int
    max_score: int
    right: int
    total: int
    by_topic: dict[str, tuple[int, int]]
    """Topic title → (right, asked)."""
    missed: list[str] = field(default_factory=list)

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
        pool = [q.id for q in pack.questions]
        if question_ids is not None:
            wanted = set(question_ids)
            pool = [qid for qid in pool if qid in wanted]
        rng.shuffle(pool)
        if count is not None:
            pool = pool[: max(1, count)]
        self.order: list[str] = pool
        self.perms: dict[str, list[int]] = {qid: self._deal(pack.question(qid), rng) for qid in pool}
        self.records: list[AnswerRecord] = []
        self.streak = 0

    @staticmethod
    def _deal(question: model.Question, rng: random.Random) -> list[int]:
        if isinstance(question, model.OrderQuestion):
            perm = list(range(len(question.items)))
            for _ in range(8):  # never show the items already in order
                rng.shuffle(perm)
                if perm != sorted(perm):
                    break
            return perm
        options = getattr(question, "options", None)
        if options is None:
            return []
        perm = list(range(len(options)))
        rng.shuffle(perm)
        return perm

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
        return sum(r.points + r.bonus for r in self.records)

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

    def choices(self, question: model.Question) -> list[str]:
        """The choices of ``question`` in the order this round shows them."""
        if isinstance(question, model.TrueFalseQuestion):
            return list(TRUE_FALSE_CHOICES)
        if isinstance(question, model.ClaimFactQuestion):
            return list(CLAIM_FACT_CHOICES)
        if isinstance(question, model.OrderQuestion):
            return [question.items[i] for i in self.perms[question.id]]
        options = getattr(question, "options", None)
        if options is None:
            return []
        return [model.option_text(options[i]) for i in self.perms[question.id]]

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
        return _with_bonus(outcome, record.bonus)

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
        return Summary(self.score, self.max_score, right, len(self.records), by_topic, missed)

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


def _check_index(value: Any, size: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
        raise ValueError(f"an answer must be an option number from 1 to {size}")
    return value


def judge(
    question: model.Question, choices: list[str], perm: list[int], response: Response, pack: Pack
) -> Outcome:
    """Score ``response`` to ``question`` as shown with ``choices`` (``perm`` maps shown → written order)."""
    feedback: list[str] = []
    timed_out = response is None
    given = "(no answer: time ran out)" if timed_out else ""
    credit = 0.0
    if isinstance(question, model.SingleQuestion | model.AttributionQuestion):
        right = question.answer
        if not timed_out:
            picked = question.options[perm[_check_index(response, len(choices))]]
            given = model.option_text(picked)
            credit = 1.0 if given == right else 0.0
            if credit == 0.0 and model.option_feedback(picked):
                feedback.append(model.option_feedback(picked) or "")
    elif isinstance(question, model.TrueFalseQuestion | model.ClaimFactQuestion):
        if isinstance(question, model.TrueFalseQuestion):
            right_index = 0 if question.answer else 1
        else:
            right_index = 0 if question.answer == "fact" else 1
        right = choices[right_index]
        if not timed_out:
            given = choices[_check_index(response, len(choices))]
            credit = 1.0 if response == right_index else 0.0
    elif isinstance(question, model.MultiQuestion):
        right_set = {i for i, o in enumerate(question.options) if model.option_text(o) in question.answers}
        right = "; ".join(model.option_text(question.options[i]) for i in perm if i in right_set)
        if not timed_out:
            if not isinstance(response, list):
                raise ValueError("a multi-select answer is a list of option numbers")
            picked_set = {perm[_check_index(i, len(choices))] for i in response}
            given = (
                "; ".join(model.option_text(question.options[i]) for i in perm if i in picked_set) or "(none)"
            )
            credit = scoring.multi_credit(picked_set, right_set)
            for i in sorted(picked_set - right_set):
                text = model.option_feedback(question.options[i])
                if text:
                    feedback.append(text)
    elif isinstance(question, model.ShortQuestion):
        right = question.answers[0]
        if not timed_out:
            if not isinstance(response, str):
                raise ValueError("a short answer is text")
            given = response.strip()
            credit = scoring.short_answer_credit(response, question.answers)
    elif isinstance(question, model.OrderQuestion):
        right = " → ".join(question.items)
        if not timed_out:
            if not isinstance(response, list) or sorted(response) != list(range(len(choices))):
                raise ValueError("an ordering uses every item exactly once")
            arranged = [perm[_check_index(i, len(choices))] for i in response]
            given = " → ".join(question.items[i] for i in arranged)
            credit = scoring.order_credit(arranged)
    else:  # pragma: no cover - the model's union is closed
        raise TypeError(type(question).__name__)
    return Outcome(
        question_id=question.id,
        correct=credit >= 1.0,
        credit=credit,
        points=scoring.points_for(question.points, credit),
        bonus=0,
        right_answer=right,
        given=given,
        option_feedback=feedback,
        explanation=question.explanation,
        quotes=pack.quotes_of(question.quotes),
        context=question.context,
        timed_out=timed_out,
    )
