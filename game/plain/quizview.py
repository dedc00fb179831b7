"""What plain mode prints for a quiz question, its feedback and the round summary, and how it reads answers.

Pure functions from engine objects to lines, and from a typed line to an engine response, so the wording and
the parsing are tested without a console.
"""

from __future__ import annotations

import re

from game.engine.content.pack import Pack, QuoteRef
from game.engine.content.text import CONTEXT_LABEL
from game.engine.content.typography import quoted
from game.engine.quiz import sentences
from game.engine.quiz.run import Outcome, Presented, QuizRun, Response
from game.engine.quiz.types import AnswerShape

Line = tuple[str, str]
"""(indent, text): one paragraph to print."""

_NUMBERS = re.compile(r"[\s,;]+")
HELP = [
    ("", "Type the number of your answer and press Enter."),
    ("", "Select all that apply: type every number you choose, e.g. 1 3."),
    ("", "Put in order: type all the numbers, first to last, e.g. 3 1 2."),
    ("", "Short answer: type the answer; case, accents and punctuation do not matter."),
    (
        "",
        "Find the line: type the number of the sentence, e.g. 3.2 for the 2nd sentence of ¶3;"
        " a paragraph of one sentence also by its number alone (17 for ¶17.1).",
    ),
    ("", "Type 'quit' to end the round now (your answers so far are kept)."),
]


def quote_line(quote: QuoteRef) -> Line:
    """A quote with its paragraph number, as every feedback shows it."""
    return ("  ", f"¶{quote.paragraph}: {quoted(quote.text)}")


def question_lines(shown: Presented, score: int, pack: Pack | None = None, *, bonus: int = 0) -> list[Line]:
    """The question as asked: heading, prompt, statement, numbered choices (or numbered sentences).

    Args:
        pack: the pack the question is from; needed for a pick-a-sentence question, whose choices are the
            article's sentences.
    """
    lines: list[Line] = [
        (
            "",
            f"Question {shown.number} of {shown.total} ({shown.label}). Score so far: {score}"
            + (f" + {bonus} streak bonus." if bonus else "."),
        )
    ]
    lines.append(("", shown.question.prompt))
    if shown.statement:
        lines.append(("  ", shown.statement))
    if shown.shape is AnswerShape.PICK_SENTENCE and pack is not None:
        lines.extend(sentence_lines(pack))
    for i, choice in enumerate(shown.choices, start=1):
        lines.append(("  ", f"{i}. {choice}"))
    return lines


def sentence_lines(pack: Pack) -> list[Line]:
    """The article body, one numbered sentence a line (``¶3.2 …``), a blank line between paragraphs."""
    lines: list[Line] = []
    paragraph = 0
    for sentence in sentences.sentences(pack.article):
        if sentence.paragraph != paragraph and paragraph:
            lines.append(("", ""))
        paragraph = sentence.paragraph
        lines.append(("  ", f"¶{sentence.label} {' '.join(sentence.text.split())}"))
    return lines


def prompt_for(shown: Presented) -> str:
    """The input prompt, which says what kind of answer is wanted."""
    n = len(shown.choices)
    shape = shown.shape
    if shape is AnswerShape.TYPE_TEXT:
        return "Your answer: "
    if shape is AnswerShape.PICK_SENTENCE:
        return "Your sentence (its number, e.g. 3.2): "
    if shape is AnswerShape.PICK_MANY:
        return f"Your answers (numbers from 1 to {n}, separated by spaces): "
    if shape is AnswerShape.ORDER:
        return f"Your order (all {n} numbers, first to last): "
    return f"Your answer (1-{n}): "


def parse_answer(shown: Presented, text: str, pack: Pack | None = None) -> Response:
    """Turn a typed line into the engine's response for ``shown``.

    Args:
        pack: the question's pack, to check a sentence number against the article.

    Raises:
        ValueError: with a message for the player when the line does not answer the question.
    """
    text = text.strip()
    n = len(shown.choices)
    shape = shown.shape
    if shape is AnswerShape.TYPE_TEXT:
        if not text:
            raise ValueError("Type your answer, then press Enter.")
        return text
    if shape is AnswerShape.PICK_SENTENCE:
        if pack is not None:
            return sentences.resolve_typed(pack.article, text)
        label = sentences.parse_label(text)
        if label is None:
            raise ValueError(sentences.TYPE_A_SENTENCE)
        return label
    words = shown.type.answer_words(shown.question)
    if text.casefold() in words:
        return words[text.casefold()]
    numbers = _numbers(text, n)
    if shape is AnswerShape.PICK_MANY:
        if not numbers:
            raise ValueError(f"Type the numbers of every option you choose (1 to {n}), e.g. 1 3.")
        return sorted(set(numbers))
    if shape is AnswerShape.ORDER:
        if sorted(numbers) != list(range(n)):
            raise ValueError(
                f"Type each number from 1 to {n} once, in the order you think is right, e.g. 3 1 2."
            )
        return numbers
    if len(numbers) != 1:
        raise ValueError(f"Type one number from 1 to {n}.")
    return numbers[0]


def _numbers(text: str, n: int) -> list[int]:
    parts = [p for p in _NUMBERS.split(text) if p]
    out: list[int] = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= n:
            raise ValueError(f"{part!r} is not an option number; type numbers from 1 to {n}.")
        out.append(int(part) - 1)
    return out


def verdict(outcome: Outcome) -> str:
    """Right, wrong, partly right or timed out, with the points."""
    bonus = f", +{outcome.bonus} streak bonus" if outcome.bonus else ""
    if outcome.timed_out:
        return "Time is up: this counts as wrong. 0 points."
    if outcome.correct:
        return f"Right! +{outcome.points} points{bonus}."
    if outcome.credit > 0:
        return f"Partly right: {round(outcome.credit * 100)}% credit, +{outcome.points} points."
    return "Wrong. 0 points."


def outcome_lines(outcome: Outcome) -> list[Line]:
    """The feedback: verdict, both answers, why, the quotes, background."""
    lines: list[Line] = [("", verdict(outcome))]
    if outcome.note:
        lines.append(("", outcome.note))
    if not outcome.timed_out:
        lines.append(("", f"Your answer: {outcome.given}"))
    if not outcome.correct:
        lines.append(("", f"The right answer: {outcome.right_answer}"))
    for feedback in outcome.option_feedback:
        lines.append(("", f"About your choice: {feedback}"))
    lines.append(("", f"Why: {outcome.explanation}"))
    lines.append(("", "From the article:"))
    lines.extend(quote_line(q) for q in outcome.quotes)
    if outcome.context:
        lines.append(("", f"{CONTEXT_LABEL} {outcome.context}"))
    return lines


def summary_lines(run: QuizRun, pack: Pack, *, stopped: bool) -> list[Line]:
    """The end of the round: score, share right, by topic, and the missed questions with their quotes."""
    summary = run.summary()
    lines: list[Line] = []
    if stopped:
        lines.append(("", f"Round stopped after {summary.total} of {len(run.order)} questions."))
    else:
        lines.append(("", "Round over."))
    bonus = f", plus a streak bonus of {summary.bonus}" if summary.bonus else ""
    lines.append(("", f"Score: {summary.score} of {summary.max_score}{bonus}."))
    lines.append(("", f"Right: {summary.right} of {summary.total} answered ({summary.percent}%)."))
    if summary.by_topic:
        lines.append(("", "By topic:"))
        for title, (right, asked) in summary.by_topic.items():
            lines.append(("  ", f"{title}: {right} of {asked}"))
    if summary.missed:
        lines.append(("", "Missed questions:"))
        for qid in summary.missed:
            question = pack.question(qid)
            number = run.order.index(qid) + 1
            lines.append(("  ", f"{number}. {question.prompt}"))
            record = next(r for r in run.records if r.question_id == qid)
            outcome = run.outcome_of(record)
            lines.append(("    ", f"Your answer: {outcome.given or '(none: time ran out)'}"))
            lines.append(("    ", f"Right answer: {outcome.right_answer}"))
            lines.extend(("    ", quote_line(q)[1]) for q in pack.quotes_of(question.quotes))
    elif summary.total:
        lines.append(("", "No questions missed."))
    return lines
