"""PgUp and PgDn page a question that does not fit, whatever holds the focus.

On a short terminal (40×12) a question with a statement takes more rows than it gets: its scroll shows a
scrollbar, and the answer list below it holds the focus and the arrow keys, so only a mouse wheel could
bring the statement into view. The quiz screen and the live class's student screen both bind
:data:`PAGE_KEYS` with priority: while the question can scroll, PgUp and PgDn page it; otherwise the
binding declines (:func:`can_page`) and the keys go where they went before (the list's own paging, the
class feedback's scrolling).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer

PAGE_KEYS: list[BindingType] = [
    Binding("pageup", "page_question(-1)", "Page up", show=False, priority=True, id="question.page_up"),
    Binding("pagedown", "page_question(1)", "Page down", show=False, priority=True, id="question.page_down"),
]
"""The screen's bindings: ``action_page_question(direction)``, allowed by ``check_action`` while
:func:`can_page` says so."""


def can_page(scroll: ScrollableContainer) -> bool:
    """Whether ``scroll`` (a question's) is on show and holds more than it shows."""
    return bool(scroll.display) and scroll.max_scroll_y > 0


def page(scroll: ScrollableContainer, direction: int) -> None:
    """Page ``scroll`` up (``direction`` < 0) or down."""
    if direction < 0:
        scroll.scroll_page_up(animate=False)
    else:
        scroll.scroll_page_down(animate=False)
