"""An OptionList that survives being squeezed to no visible rows.

Textual 8's ``OptionList`` raises ``KeyError: 0`` on PageUp/PageDown when its content region has no
height (a small terminal, a tall question above it); the app dies. Paging then does nothing instead.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import _widget_navigation
from textual.command import CommandList
from textual.widgets import OptionList

_MovePage = Callable[[OptionList, _widget_navigation.Direction], None]


def _guard_page_keys(move_page: _MovePage) -> _MovePage:
    """``move_page`` that does nothing when the list has no visible rows or no lines yet."""

    def guarded(self: OptionList, direction: _widget_navigation.Direction) -> None:
        if self.scrollable_content_region.height <= 0 or not self._lines:
            return
        move_page(self, direction)

    return guarded


class SafeOptionList(OptionList):
    """``OptionList`` whose page keys are safe at any size."""

    # With no columns for text, OptionList's line wrapping divides by zero (`range()` step 0): a narrow
    # terminal or the palette's key panel at 40 columns would kill the app.
    DEFAULT_CSS = "SafeOptionList { min-width: 6; }"

    _move_page = _guard_page_keys(OptionList._move_page)  # type: ignore[assignment]


# The command palette's own list has the same PageUp/PageDown crash before it has results; give it the
# same guard (checked against Textual 8.2.8, pinned in pyproject.toml). A plain function, not
# SafeOptionList's method: that one's class is not CommandList's.
CommandList._move_page = _guard_page_keys(CommandList._move_page)  # type: ignore[method-assign,assignment]
