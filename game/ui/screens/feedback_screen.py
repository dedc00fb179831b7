"""The feedback after an answer: right or wrong, the points, why, and the article's own words.

Pushed over the quiz screen with the :class:`~game.engine.quiz.run.Outcome` the engine returned; Enter or
Space dismisses it and the quiz goes on. ``s`` opens the article at the first quote, highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from game.engine.content.pack import QuoteRef
from game.engine.content.quotes import Span
from game.engine.quiz.run import Outcome, Presented, QuizRun
from game.ui.screens.feedback_base import FeedbackBase
from game.ui.texts import (
    LABEL_STYLE,
    PILCROW_STYLE,
    labelled,
    literal,
    paragraph_content,
    pilcrow,
    quote_line,
)


def verdict(outcome: Outcome) -> tuple[str, str, str]:
    """(word, symbol, CSS class) for an outcome: Right, Partly right, Wrong or Time's up."""
    if outcome.correct:
        return "Right", "✔", "-right"
    if outcome.timed_out:
        return "Time's up", "⏱", "-wrong"
    if outcome.credit > 0:
        return "Partly right", "◐", "-partly"
    return "Wrong", "✘", "-wrong"


def points_text(outcome: Outcome) -> str:
    """``+10 points (+5 streak bonus)``."""
    text = f"+{outcome.points} point{'s' if outcome.points != 1 else ''}"
    return text + (f" (+{outcome.bonus} streak bonus)" if outcome.bonus else "")


class FeedbackScreen(FeedbackBase):
    """Why the answer was right or wrong, with the quotes that prove it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Next", id="feedback.next"),
        Binding("enter", "finish", "Results", id="feedback.results"),
        Binding("space", "go_on", "Next", show=False, id="feedback.go_on"),
        Binding("s", "sources", "Show in article", id="feedback.sources"),
    ]
    """Enter or Space goes on (to the next question, or to the results after the last); s shows the
    quote in the article."""

    BODY_ID = "feedback-body"
    END_ACTION = "finish"

    def __init__(self, run: QuizRun, shown: Presented, outcome: Outcome) -> None:
        super().__init__()
        self.run = run
        self.shown = shown
        self.outcome = outcome

    @property
    def quotes(self) -> Sequence[QuoteRef]:
        return self.outcome.quotes

    @property
    def at_end(self) -> bool:
        return self.run.finished

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        word, symbol, css_class = verdict(outcome)
        banner = Content.assemble(
            (f"{symbol} {word}", "bold"),
            "  ",
            points_text(outcome),
            "   ",
            (f"Score {self.run.score}", "dim"),
        )
        yield Static(banner, id="feedback-verdict", classes=css_class)
        with VerticalScroll(id="feedback-body"):
            yield Static(literal(self.shown.question.prompt), id="feedback-prompt")
            if not outcome.correct:
                yield Static(labelled("Your answer:", outcome.given), id="feedback-given")
            yield Static(labelled("Right answer:", outcome.right_answer), id="feedback-right")
            in_paragraph = self._sentence_in_paragraph()
            if in_paragraph is not None:
                yield Static(in_paragraph, id="feedback-sentence")
            for i, text in enumerate(outcome.option_feedback):
                yield Static(
                    labelled("About your choice:", text), id=f"feedback-option-{i}", classes="feedback-option"
                )
            yield Static(labelled("Why:", outcome.explanation), id="feedback-explanation")
            yield Static(Content.styled("From the article:", LABEL_STYLE), classes="feedback-heading")
            for i, quote in enumerate(outcome.quotes):
                yield Static(quote_line(quote), id=f"feedback-quote-{i}", classes="feedback-quote")
            if outcome.context:
                yield Static(
                    labelled("Context (not from the article):", outcome.context), id="feedback-context"
                )
        yield Footer()

    def _sentence_in_paragraph(self) -> Content | None:
        """For a pick-a-sentence question: the right sentence highlighted in its paragraph."""
        pack = self.run.pack
        sentence = self.shown.type.right_sentence(self.shown.question, pack)
        if sentence is None:
            return None
        paragraph = pack.article.paragraphs[sentence.paragraph - 1]
        target = Span(sentence.start, sentence.end, sentence.paragraph)
        return Content.assemble(
            (pilcrow(sentence.paragraph), PILCROW_STYLE), " ", paragraph_content(paragraph, [], target)
        )

