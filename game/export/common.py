"""What every export format starts from: a pack's questions dealt like a round, with their right answers.

Exports deal questions exactly as ``quotebound play --seed S --questions N`` does (same questions, order and
option order), so a printed sheet or an LMS quiz matches a class session played with that seed. Without a
seed, :data:`DEFAULT_SEED` is used: a printed sheet must never list options in their written order, where
the right one is often first, and the answer key must be reproducible from the same command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.engine.content import model
from game.engine.content.pack import Pack, QuoteRef
from game.engine.quiz.run import QuizRun

DEFAULT_SEED = 1
ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Item:
    """One question as an export shows it."""

    number: int
    question: model.Question
    choices: list[str]
    """Options (or ordering items) in dealt order; True/False and Fact/Claim for those types."""
    feedback: list[str | None]
    """The feedback of each choice, in the same order."""
    right: list[int]
    """Indices into ``choices``: the right option(s); for ordering, the items' indices in the right order."""
    quotes: list[QuoteRef]

    @property
    def kind(self) -> str:
        return self.question.__struct_config__.tag  # type: ignore[return-value]

    @property
    def statement(self) -> str | None:
        return getattr(self.question, "statement", None)

    @property
    def accepted(self) -> list[str]:
        """Accepted typed answers (short answers only)."""
        return list(getattr(self.question, "answers", [])) if self.kind == "short" else []

    def right_text(self) -> str:
        """The right answer as a reader reads it."""
        if self.kind == "short":
            return self.accepted[0]
        if self.kind == "order":
            return " → ".join(self.choices[i] for i in self.right)
        return "; ".join(self.choices[i] for i in self.right)


@dataclass
class Rendered:
    """An export's text, and notes for stderr (such as questions a format cannot hold)."""

    text: str
    notes: list[str] = field(default_factory=list)


def deal(pack: Pack, *, seed: int | None = None, count: int | None = None) -> list[Item]:
    """The pack's questions as a round with ``seed`` deals them.

    Args:
        pack: the loaded pack.
        seed: as ``play --seed``; :data:`DEFAULT_SEED` when None.
        count: as ``play --questions``; all when None.
    """
    run = QuizRun(pack, seed=DEFAULT_SEED if seed is None else seed, count=count)
    items: list[Item] = []
    for number, qid in enumerate(run.order, start=1):
        question = pack.question(qid)
        choices = run.choices(question)
        perm = run.perms[qid]
        feedback: list[str | None] = [None] * len(choices)
        if isinstance(question, model.SingleQuestion | model.AttributionQuestion):
            right = [i for i, text in enumerate(choices) if text == question.answer]
            feedback = [model.option_feedback(question.options[j]) for j in perm]
        elif isinstance(question, model.MultiQuestion):
            right = [i for i, text in enumerate(choices) if text in question.answers]
            feedback = [model.option_feedback(question.options[j]) for j in perm]
        elif isinstance(question, model.TrueFalseQuestion):
            right = [0 if question.answer else 1]
        elif isinstance(question, model.ClaimFactQuestion):
            right = [0 if question.answer == "fact" else 1]
        elif isinstance(question, model.OrderQuestion):
            right = [perm.index(k) for k in range(len(question.items))]
        else:
            right = []
        items.append(Item(number, question, choices, feedback, right, pack.quotes_of(question.quotes)))
    return items


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines too) made one space."""
    return re.sub(r"\s+", " ", text).strip()


def quote_text(quote: QuoteRef) -> str:
    """A quote as every export cites it: paragraph number, then the words."""
    return f"¶{quote.paragraph}: “{one_line(quote.text)}”"


def skipped_note(fmt: str, skipped: list[Item], why: str) -> list[str]:
    """One stderr note naming the questions a format left out, or none."""
    if not skipped:
        return []
    ids = ", ".join(item.question.id for item in skipped)
    return [f"{fmt}: skipped {len(skipped)} question(s) {why}: {ids}"]
