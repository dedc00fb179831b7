"""An OptionList that survives being squeezed to no visible rows.

Textual 8's ``OptionList`` raises ``KeyError: 0`` on PageUp/PageDown when its content region has no
height (a small terminal, a tall question above it); the app dies. Paging then does nothing instead.
"""

from __future__ import annotations

from textual import _widget_navigation
from textual.command import CommandList
from textual.widgets import OptionList


class SafeOptionList(OptionList):
    """``OptionList`` whose page keys are safe at any size."""

    # With no columns for text, OptionList's line wrapping divides by zero (`range()` step 0): a narrow
    # terminal or the palette's key panel at 40 columns would kill the app.
    DEFAULT_CSS = "SafeOptionList { min-width: 6; }"

    def _move_page(self, direction: _widget_navigation.Direction) -> None:
        if self.scrollable_content_region.height <= 0 or not self._lines:
            return
        super()._move_page(direction)


# The command palette's own list has the same PageUp/PageDown crash before it has results; give it the
# same guard (checked against Textual 8.2.8, pinned in pyproject.toml).
CommandList._move_page = SafeOptionList._move_page  # type: ignore[method-assign]
