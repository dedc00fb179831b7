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
from game.engine.content.text import CONTEXT_LABEL
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


def running_score(run: QuizRun) -> str:
    """``Score 30`` or ``Score 30 + 5 bonus``: the bonus is never folded into the score."""
    return f"Score {run.score}" + (f" + {run.bonus} bonus" if run.bonus else "")


class FeedbackScreen(FeedbackBase):
    """Why the answer was right or wrong, with the quotes that prove it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Next", id="feedback.next"),
        Binding("enter", "finish", "Results", id="feedback.results"),
        Binding("space", "go_on", "Next", show=False, id="feedback.go_on"),
        Binding("s", "sources", "Show in article", id="feedback.sources"),
        Binding("o", "override", "I was right", id="feedback.override"),
    ]
    """Enter or Space goes on (to the next question, or to the results after the last); s shows the
    quote in the article; o counts a wrong typed answer as right (not in class play)."""

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

    def _banner(self) -> tuple[Content, str]:
        outcome = self.outcome
        word, symbol, css_class = verdict(outcome)
        banner = Content.assemble(
            (f"{symbol} {word}", "bold"),
            "  ",
            points_text(outcome),
            "   ",
            (running_score(self.run), "dim"),
        )
        return banner, css_class

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        banner, css_class = self._banner()
        yield Static(banner, id="feedback-verdict", classes=css_class)
        with VerticalScroll(id="feedback-body"):
            yield Static(literal(self.shown.question.prompt), id="feedback-prompt")
            yield Static(literal(self._note()), id="feedback-note")
            if not outcome.correct or outcome.overridden:
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
                    labelled(CONTEXT_LABEL, outcome.context), id="feedback-context"
                )
        yield Footer()

    def _note(self) -> str:
        if self.outcome.overridden:
            return "Counted as right: you said you were right."
        if self.outcome.note:
            return self.outcome.note
        if self._may_override():
            return "Typed the right answer in other words? Press o (I was right) to count it."
        return ""

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#feedback-note", Static).display = bool(self._note())

    def _may_override(self) -> bool:
        # The last record is this outcome's (feedback shows right after the answer).
        return (
            not self.game.class_play
            and not self.outcome.overridden
            and self.run.can_override
            and self.run.records[-1].question_id == self.outcome.question_id
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "override":
            return self._may_override()
        return super().check_action(action, parameters)

    def action_override(self) -> None:
        """Count the wrong typed answer as right, on the player's word ("I was right")."""
        if not self._may_override():
            return
        self.outcome = self.run.override()
        self.game.round_overridden(self.run)
        banner, css_class = self._banner()
        verdict_box = self.query_one("#feedback-verdict", Static)
        verdict_box.update(banner)
        verdict_box.set_classes(css_class)
        note = self.query_one("#feedback-note", Static)
        note.update(literal(self._note()))
        note.display = True
        self.refresh_bindings()

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
