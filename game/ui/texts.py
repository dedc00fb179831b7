"""Building display text from content, always literally.

Everything here turns content strings (prompts, options, explanations, quotes, article text) into
Textual :class:`~textual.content.Content` without ever parsing them as markup: a pack that writes
``[bold]``, ``[/]`` or ``[@click=app.quit]`` shows exactly those characters. Styles are attached as
spans by :meth:`Content.assemble` and :meth:`Content.stylize`, never by markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from game.engine.content.pack import QuoteRef
from game.engine.content.quotes import Paragraph, Span
from game.engine.content.text import has_unsafe
from game.engine.content.typography import quoted

QUOTE_STYLE = "underline"
"""Every passage the pack quotes, in the article reader (plus a tint from the stylesheet variables)."""
TARGET_STYLE = "bold reverse"
"""The passage the player came to see; reverse video survives NO_COLOR's monochrome."""
LABEL_STYLE = "bold"
PILCROW_STYLE = "bold $accent"
NUMBER_STYLE = "bold"
"""The number before a menu entry or a choice (the key that picks it)."""


def literal(text: str) -> Content:
    """``text`` as it is: no markup, no emoji codes, control characters removed."""
    return Content(visible(text))


def visible(text: str) -> str:
    """``text`` with any character a terminal would act on replaced by a space (offsets are kept).

    Content files are cleaned at load; the article is read byte for byte, so it is cleaned here,
    keeping every character's position so quote spans still line up.
    """
    if not has_unsafe(text):
        return text
    return "".join(" " if has_unsafe(ch) else ch for ch in text)


def labelled(label: str, text: str, *, label_style: str = LABEL_STYLE) -> Content:
    """``Label: text`` with the label styled and the text literal."""
    return Content.assemble((f"{label} ", label_style), literal(text))


def pilcrow(number: int) -> str:
    """The paragraph mark the game writes before quotes: ``¶12``."""
    return f"¶{number}"


def quote_line(quote: QuoteRef) -> Content:
    """A verbatim quote with its paragraph number: ``¶12 “…”`` (marks inside it made single)."""
    words = quoted(visible(quote.text))
    return Content.assemble(
        (pilcrow(quote.paragraph), PILCROW_STYLE),
        " ",
        words[0],
        (words[1:-1], "italic"),
        words[-1],
    )


def numbered(number: int, text: str, *, marker: str = "", marker_style: str = "") -> Content:
    """A choice as listed: ``1  [x] text`` with the number bold and the text literal."""
    # Bold, not coloured: the highlighted row's background is the accent colour.
    parts: list[str | Content | tuple[str, str]] = [(f"{number} ", NUMBER_STYLE)]
    if marker:
        parts.append((marker, marker_style or "bold"))
        parts.append(" ")
    parts.append(literal(text))
    return Content.assemble(*parts)


def paragraph_content(paragraph: Paragraph, spans: Iterable[Span], target: Span | None = None) -> Content:
    """A paragraph of the article, every quoted span styled and the target span styled strongest.

    Args:
        paragraph: the paragraph to show.
        spans: the pack's quote spans (article offsets); only the parts inside this paragraph are used.
        target: the quote the player came from, if any.
    """
    content = Content(visible(paragraph.text))
    for span in spans:
        start, end = max(span.start, paragraph.start), min(span.end, paragraph.end)
        if start < end:
            content = content.stylize(
                f"{QUOTE_STYLE} on $quote-background", start - paragraph.start, end - paragraph.start
            )
    if target is not None:
        start, end = max(target.start, paragraph.start), min(target.end, paragraph.end)
        if start < end:
            content = content.stylize(TARGET_STYLE, start - paragraph.start, end - paragraph.start)
    return content


class OneLine(Visual):
    """``content`` kept to one row: cut with an ellipsis where a widget would wrap it.

    For an entry of a list that may show it short (an OptionList wraps every prompt to its width; its
    ``text-wrap`` rule would apply to every option, not to this one).
    """

    def __init__(self, content: Content) -> None:
        self.content = content

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if width <= 0:
            return []
        return self.content.truncate(width, ellipsis=True).render_strips(width, 1, style, options)[:1]
