"""A partial repaint that renders only what it repaints: the game screens' compositor.

When a widget changes (a highlight moves in a choice list), Textual repaints the screen region it covers.
Its compositor picks the widgets to render for that region by their *clip* (the region their parent lets
them draw in), not by where they are: a screen's own children are all clipped to the whole screen, so
every one of them was rendered again at every key press (on the quiz screen the top line, the question,
the hint and the footer, each a few hundred Python calls), and the screen's background all 24 rows of it,
only for the compositor to throw away every line outside the repainted region (issue 15).
:class:`CroppedCompositor` renders a widget only when its visible part (region within clip) overlaps the
repainted region, and only the rows of it that the region covers.

The terminal gets exactly the same text: a partial update sends only cells inside the repainted region,
and those come from the same widgets as before. A full update (a new screen, a resize) covers the whole
screen, so it renders what it did. tests/ui/test_partial_repaint.py replays the updates on a grid of
cells and compares it with a full repaint after every key (checked against Textual 8.2.8).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class CroppedCompositor(Compositor):
    """Textual's compositor, rendering for a partial update only the widgets and rows in its region."""

    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        overlaps = crop.overlaps
        intersection = Region.intersection
        top, bottom = crop.y, crop.bottom
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = visible = intersection(region, clip)
            if width and height and overlaps(visible):
                # Only the rows the update covers: the compositor places the lines from the top of the
                # region given with them.
                first, last = max(y, top), min(y + height, bottom)
                rows = Region(x, first, width, last - first)
                yield rows, clip, widget.render_lines(rows.translate((-region.x, -region.y)))
