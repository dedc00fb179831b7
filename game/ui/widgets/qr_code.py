"""A QR code drawn in the terminal (the class's join address, for phones to scan), with ``segno``.

Two modules share one cell: ``▀`` / ``▄`` / ``█`` draw the dark modules, so each cell is half as tall as it
is wide and the code comes out square. Dark modules are the glyphs, black on white: with colours the code
reads as printed; where a terminal drops the colours the pattern is still there (inverted, which phone
scanners read too). The quiet zone is two modules (the standard asks four; scanners read two, and the
white frame is drawn, not left to the terminal's background).
"""

from __future__ import annotations

import segno
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

BORDER = 2
"""Light modules around the code (the quiet zone)."""
_STYLE = Style(color="#000000", bgcolor="#ffffff")
_GLYPHS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
"""(top dark, bottom dark) → the cell's character."""


def qr_rows(text: str) -> list[str]:
    """The QR code of ``text`` as lines of half-block characters (dark modules are glyphs)."""
    matrix = [[bool(m) for m in row] for row in segno.make_qr(text, error="l").matrix_iter(border=BORDER)]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(_GLYPHS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]


class QRCode(Widget):
    """The QR code of one address; its size is the code's (see :meth:`cells`)."""

    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(self, text: str, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._rows = qr_rows(text)

    def cells(self) -> tuple[int, int]:
        """(width, height) in terminal cells."""
        return len(self._rows[0]), len(self._rows)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.cells()[0]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.cells()[1]

    def render_line(self, y: int) -> Strip:
        if y >= len(self._rows):
            return Strip.blank(self.size.width)
        return Strip([Segment(self._rows[y], _STYLE)], len(self._rows[y]))
