"""The list of answer choices a question shows.

It only reports what the player did; the quiz screen decides what that means for the question on
show (answer, toggle, place). Enter either picks the highlighted choice or, for multi-select and
ordering, asks to submit; a click always picks.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from game.ui.widgets.safe_option_list import SafeOptionList


class ChoiceList(SafeOptionList):
    """Answer choices: numbered, literal, safe at any size."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Submit", id="quiz.submit"),
        Binding("enter", "select", "Choose", show=False, id="quiz.choose"),
    ]
    """Enter submits a multi-select or ordering answer; otherwise it picks the highlighted choice."""

    class SubmitRequested(Message):
        """Enter was pressed on a list whose answers are submitted as a whole."""

        def __init__(self, choice_list: ChoiceList, highlighted: int | None) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.highlighted = highlighted

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """OptionList's highlight, repainting only the rows of the options it leaves and lands on (see
    :meth:`_watch_highlighted`)."""

    def __init__(self, *, enter_submits: bool = False, id: str | None = None) -> None:  # noqa: A002
        """Args:
        enter_submits: Enter posts :class:`SubmitRequested` instead of picking the highlighted choice.
        id: the widget id.
        """
        super().__init__(id=id, markup=False)
        self.enter_submits = enter_submits

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.enter_submits
        if action == "select":
            return not self.enter_submits
        return super().check_action(action, parameters)

    def _watch_highlighted(self, old: int | None, new: int | None) -> None:
        # OptionList repaints the whole list (every row of it rendered again, and sent to the terminal)
        # when the highlight moves, yet only the rows of the two options look different (issue 15). A
        # move that scrolls the list (OptionList.watch_highlighted, called next) repaints all of it anyway
        # (ScrollView.watch_scroll_y).
        for index in (old, new):
            if index is None:
                continue
            line = self._index_to_line.get(index)
            if line is None:
                self.refresh()  # lines not measured yet: repaint it all, as OptionList does
                return
            self.refresh_lines(line, self._heights[index])

    def fit_to_options(self, screen: Size, *, width: int | None = None) -> None:
        """Cap the list's height at what its options need, so a hint below sits right under the last one.

        The list takes the room left on a ``screen``-sized screen (1fr) but no more. Measured from the
        options themselves, not from ``virtual_size``: a list shown again after another shape's question
        still had its old options' size until its next layout, and a 5-option list was cut to the 4 rows
        of the one before (issue 12, item 14). ``width``: the options' width, when the caller knows it
        before the layout.
        """
        gutter = self.styles.gutter
        width = width or self.scrollable_content_region.width or screen.width - gutter.width - 4
        if width <= 0:
            return
        lines = self.get_content_height(screen, screen, width)
        if lines > 0:
            self.styles.max_height = lines + gutter.height
            if not self.size.area:
                # A list about to be shown (hidden until now): its lines' size, known now, saves the second
                # layout Textual would run when its first paint measured them (a few ms of CPU for each of
                # thirty class games at a release, issue 16). Its size changes at the coming layout, which
                # updates its scrollbars from this.
                self.set_reactive(Widget.virtual_size, Size(width - self._get_left_gutter_width(), lines))

    def action_submit(self) -> None:
        self.post_message(self.SubmitRequested(self, self.highlighted))

    async def _on_click(self, event: events.Click) -> None:
        # A click picks the clicked choice whatever Enter does (the base class would call
        # action_select, which a submitting list has disabled).
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked
            self.post_message(self.OptionSelected(self, self.get_option_at_index(clicked), clicked))
