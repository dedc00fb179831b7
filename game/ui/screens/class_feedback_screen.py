"""A live-class student's feedback on a question whose reveal they missed, over the question now asked.

The teacher can reveal a question and release the next one between two looks of the student's game at the
class store. The game then shows the new question at once (the class's clock runs for everyone) with a line
saying which reveal was missed and how the student did, and F2 opens this screen: the same feedback the
reveal would have shown (the verdict, the right answer, why, the article's words). Escape, Enter, Space or
F2 closes it; the student screen also closes it when the class moves on again.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine.quiz.run import Outcome
from game.ui.screens import class_student_texts as texts


class MissedRevealScreen(ModalScreen[None]):
    """The feedback of one revealed question, on top of the student screen (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,space,f2", "close", "Back to the question", id="class.missed_close"),
    ]
    """Any of these keys goes back to the question; the arrow and page keys scroll the feedback."""

    def __init__(self, heading: str, outcome: Outcome | None, missed: Outcome) -> None:
        """Args:
        heading: which question (``Question 2 of 5``).
        outcome: the student's judged answer, or None when they gave none.
        missed: the question judged with no answer (its right answer, explanation and quotes).
        """
        super().__init__()
        self.heading = heading
        self.outcome = outcome
        self.missed = missed

    def compose(self) -> ComposeResult:
        banner, css_class, body = texts.feedback(self.outcome, self.missed)
        with Vertical(id="missed-box"):
            yield Static(Content(f"{self.heading}: the reveal"), id="missed-heading")
            yield Static(banner, id="missed-verdict", classes=css_class)
            with VerticalScroll(id="missed-body"):
                for part, css in body:
                    yield Static(part, classes=css)
            yield Static(Content("Esc, Enter or F2: back to the question"), id="missed-hint")

    def on_mount(self) -> None:
        self.query_one("#missed-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
