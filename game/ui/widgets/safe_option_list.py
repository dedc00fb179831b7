"""An OptionList that survives being squeezed to no visible rows.

Textual 8's ``OptionList`` raises ``KeyError: 0`` on PageUp/PageDown when its content region has no
height (a small terminal, a tall question above it); the app dies. Paging then does nothing instead.
"""

from __future__ import annotations

from textual import _widget_navigation
from textual.widgets import OptionList


class SafeOptionList(OptionList):
    """``OptionList`` whose page keys are safe at any size."""

    def _move_page(self, direction: _widget_navigation.Direction) -> None:
        if self.scrollable_content_region.height <= 0 or not self._lines:
            return
        super()._move_page(direction)
