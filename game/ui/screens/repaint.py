"""A partial repaint that renders only the widgets it repaints: the game screens' compositor.

When a widget changes (a highlight moves in a choice list), Textual repaints the screen region it covers.
Its compositor picks the widgets to render for that region by their *clip* (the region their parent lets
them draw in), not by where they are: a screen's own children are all clipped to the whole screen, so
every one of them was rendered again at every key press (on the quiz screen the top line, the question,
the hint and the footer, each a few hundred Python calls), and their lines then thrown away because none
of them lies in the repainted region (issue 15). :class:`CroppedCompositor` renders a widget only when
its visible part (region within clip) overlaps the repainted region.

The terminal gets exactly the same text: a widget whose visible part lies outside the repainted region
only ever filled cells outside it, which a partial update does not send. A full update (a new screen, a
resize) repaints the whole screen, which every visible widget overlaps, so it is unchanged.
tests/ui/test_partial_repaint.py holds both to Textual's own compositor (checked against 8.2.8).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class CroppedCompositor(Compositor):
    """Textual's compositor, rendering for a partial update only the widgets visible in its region."""

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
                yield rows, clip, widget.render_lines(Region(x - region.x, first - region.y, width, last - first))
