"""What every export format starts from: a pack's questions dealt like a round, with their right answers.

Exports deal questions exactly as ``quotebound play --seed S --questions N`` does (same questions, order and
option order), so a printed sheet or an LMS quiz matches a class session played with that seed. Without a
seed, :data:`DEFAULT_SEED` is used: a printed sheet must never list options in their written order, where
the right one is often first, and the answer key must be reproducible from the same command.
"""

from __future__ import annotations

from msgspec import Struct, field

from game.engine.content.pack import Pack, QuoteRef
from game.engine.content.typography import quoted
from game.engine.quiz import types
from game.engine.quiz.dealt import TypeFacts
from game.engine.quiz.run import QuizRun
from game.engine.quiz.types import AnswerShape, Question

DEFAULT_SEED = 1
ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Item(Struct, TypeFacts, frozen=True):
    """One question as an export shows it (type, shape, kind, label and statement come from
    :class:`~game.engine.quiz.dealt.TypeFacts`, as for the quiz run's ``Presented``)."""

    number: int
    question: Question
    choices: list[str]
    """Options (or ordering items) in dealt order; True/False and Fact/Claim for those types."""
    feedback: list[str | None]
    """The feedback of each choice, in the same order."""
    right: list[int]
    """Indices into ``choices``: the right option(s); for ordering, the items' indices in the right order."""
    quotes: list[QuoteRef]
    answer: str = ""
    """The right answer as a player reads it (as the game's feedback says it)."""

    @property
    def accepted(self) -> list[str]:
        """Accepted typed answers (type-text shape only)."""
        return self.type.accepted(self.question)

    def right_text(self) -> str:
        """The right answer as a reader reads it."""
        if self.shape is AnswerShape.TYPE_TEXT:
            return self.accepted[0]
        if self.shape is AnswerShape.ORDER:
            return " → ".join(self.choices[i] for i in self.right)
        if self.right:
            return "; ".join(self.choices[i] for i in self.right)
        return self.answer


class Rendered(Struct):
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
    by_id = {q.id: q for q in reversed(pack.questions)}  # as Pack.question finds them, without a walk each
    for number, qid in enumerate(run.order, start=1):
        question = by_id[qid]
        choices = run.choices(question)
        perm = run.perms[qid]
        kind = types.type_of(question)
        feedback = kind.choice_feedback(question, perm) if choices else []
        right = kind.right_choices(question, choices, perm)
        answer = kind.right_text(question, choices, perm, pack)
        items.append(
            Item(number, question, choices, feedback, right, pack.quotes_of(question.quotes), answer)
        )
    return items


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines too) made one space."""
    # split/join: the same white space as a regex \s+ with strip() (both are str.isspace), a third of
    # the cost; called for every cell of a report and every text of an export.
    return " ".join(text.split())


def question_label(number: int) -> str:
    """``Q4``: a question by its number in the round, as the class report and the GIFT titles name it
    (``play --seed S`` and ``export --seed S`` deal the same round, so the numbers agree)."""
    return f"Q{number}"


def question_name(label: str, prompt: str, width: int | None = None) -> str:
    """``Q4 "Which town…"``: a question by its label and its prompt on one line (just the prompt without a
    label); ``width`` shortens the prompt to at most that many characters, at a word, ending in ``…``."""
    text = one_line(prompt)
    if width is not None and len(text) > width:
        cut = text[: width - 1]
        words = cut.rsplit(" ", 1)[0] if " " in cut else cut
        text = words.rstrip(" ,;:.") + "…"
    return f'{label} "{text}"' if label else text


def quote_text(quote: QuoteRef) -> str:
    """A quote as every export cites it: paragraph number, then the words."""
    return f"¶{quote.paragraph}: {quoted(one_line(quote.text))}"


def skipped_note(fmt: str, skipped: list[Item], why: str) -> list[str]:
    """One stderr note naming the questions a format left out, or none."""
    if not skipped:
        return []
    ids = ", ".join(item.question.id for item in skipped)
    return [f"{fmt}: skipped {len(skipped)} question(s) {why}: {ids}"]
