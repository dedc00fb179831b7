"""The seconds left to answer a question under a time limit, shown beside the score."""

from __future__ import annotations

import math

from textual.content import Content
from textual.widgets import Static


class QuestionClock(Static):
    """``⏱ 12s``, bold red from 5 seconds down; hidden when the round has no time limit."""

    _seconds: int | None = None
    """The seconds on show (None: none yet)."""

    def show(self, remaining: float | None) -> None:
        """Show ``remaining`` seconds (rounded up), or hide the clock when there is no limit."""
        self.display = remaining is not None
        if remaining is not None:
            seconds = max(0, math.ceil(remaining))
            if seconds == self._seconds:
                return  # on show already: an update asks for a layout (a class game redraws 5 times a second)
            self._seconds = seconds
            style = "bold $error" if seconds <= 5 else "bold"
            self.update(Content.styled(f"⏱ {seconds}s", style))
