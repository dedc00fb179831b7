"""What the quiz's and the story's feedback screens share: quotes to open, a body to scroll, keys to go on.

Both are pushed over the screen that asked (a question, a scene) with the engine's outcome; Enter or Space
dismisses them, and ``s`` opens the article at the first quote. A subclass says where its quotes are
(:attr:`FeedbackBase.quotes`), whether this is the last step (:attr:`FeedbackBase.at_end`: Enter then reads
"Results" or "See the ending", bound to the action named by :attr:`FeedbackBase.END_ACTION`) and which
widget scrolls (:attr:`FeedbackBase.BODY_ID`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from game.engine.content.pack import QuoteRef
from game.ui.screens.base import GameScreen


class FeedbackBase(GameScreen[None]):
    """The shared behaviour of the feedback screens (see the module docstring)."""

    BODY_ID: ClassVar[str] = ""
    """The id of the scrolling body, focused on mount so arrow keys scroll it."""
    END_ACTION: ClassVar[str] = ""
    """The action Enter runs after the last step (offered only then; ``next`` only before)."""

    @property
    def quotes(self) -> Sequence[QuoteRef]:
        """The article quotes shown, in order."""
        raise NotImplementedError

    @property
    def at_end(self) -> bool:
        """Whether this feedback ends the round or the story."""
        raise NotImplementedError

    @property
    def source_quote(self) -> QuoteRef | None:
        """The quote ``s`` opens the article at."""
        quotes = self.quotes
        return quotes[0] if quotes else None

    def on_mount(self) -> None:
        self.query_one(f"#{self.BODY_ID}").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sources":
            return self.source_quote is not None
        if action == "next":
            return not self.at_end
        if action == self.END_ACTION:
            return self.at_end
        return True

    def action_next(self) -> None:
        self.dismiss()

    def action_go_on(self) -> None:
        self.dismiss()

    def action_finish(self) -> None:
        self.dismiss()

    def action_sources(self) -> None:
        if self.source_quote is not None:
            self.game.open_reader(self.source_quote)
