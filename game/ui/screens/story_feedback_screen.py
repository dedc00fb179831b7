"""The feedback after a story choice: what it changed, why, and the article's own words.

Pushed over the scene screen with the :class:`~game.engine.story.run.StoryOutcome` the engine returned:
the points and the running score, the choice made, the variables it changed, the feedback, each quote
verbatim with its ``¶N``, and any context labelled as not from the article. Enter or Space goes on
(to the next scene, or to the ending); ``s`` opens the article reader at the first quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from game.engine.content.pack import QuoteRef
from game.engine.content.text import CONTEXT_LABEL
from game.engine.story.run import StoryOutcome, StoryRun
from game.ui.screens.feedback_base import FeedbackBase
from game.ui.story_texts import SEPARATOR, changes_line, fit_height, points_text
from game.ui.texts import LABEL_STYLE, labelled, quote_line


class StoryFeedbackScreen(FeedbackBase):
    """Why a choice turned out as it did, with the quotes that ground it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Continue", id="story_feedback.next"),
        Binding("enter", "finish", "See the ending", id="story_feedback.ending"),
        Binding("space", "go_on", "Continue", show=False, id="story_feedback.go_on"),
        Binding("s", "sources", "Show in article", id="story_feedback.sources"),
    ]
    """Enter or Space goes on (to the next scene, or to the ending); s shows the quote in the article."""

    BODY_ID = "story-feedback-body"
    END_ACTION = "finish"

    def __init__(self, story: StoryRun, outcome: StoryOutcome) -> None:
        super().__init__()
        self.story = story
        self.outcome = outcome

    @property
    def quotes(self) -> Sequence[QuoteRef]:
        return self.outcome.quotes

    @property
    def at_end(self) -> bool:
        return self.outcome.ending is not None

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        banner: list[str | Content | tuple[str, str]] = [
            (points_text(outcome.points), "bold"),
            "   ",
            (f"Score {self.story.score}", "dim"),
        ]
        if outcome.ending is not None:
            banner += [(SEPARATOR, "dim"), ("The story ends here", "bold")]
        yield Static(
            Content.assemble(*banner),
            id="story-feedback-banner",
            classes="-points" if outcome.points else "-no-points",
        )
        with VerticalScroll(id="story-feedback-body"):
            yield Static(labelled("You chose:", outcome.label), id="story-feedback-choice")
            if outcome.changes:
                yield Static(
                    Content.assemble(("Changed: ", LABEL_STYLE), changes_line(outcome.changes)),
                    id="story-feedback-changes",
                )
            if outcome.feedback:
                yield Static(labelled("Why:", outcome.feedback), id="story-feedback-text")
            if outcome.quotes:
                yield Static(
                    Content.styled("From the article:", LABEL_STYLE), classes="story-feedback-heading"
                )
            for i, quote in enumerate(outcome.quotes):
                yield Static(
                    quote_line(quote), id=f"story-feedback-quote-{i}", classes="story-feedback-quote"
                )
            if outcome.context:
                yield Static(
                    labelled(CONTEXT_LABEL, outcome.context), id="story-feedback-context"
                )
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        fit_height(self, event.size.height)

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        super().on_mount()
