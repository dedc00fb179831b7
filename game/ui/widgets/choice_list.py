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
        self.keeps_measures_on_resize = False
        """Skip OptionList's clearing and repaint on a Resize at the width the lines were measured at (see
        :meth:`_on_resize`); opt-in: the quiz's list, painted before its first layout, then repaints rows
        a first key would not (tests/ui/test_partial_repaint.py)."""
        self.keeps_focus_hidden = False
        """Keep the focus when hidden (see :meth:`_on_hide`); opt-in: the class game's lists."""
        self.covered = False
        """Shown under another widget (the class game's feedback): it takes no keys, as when hidden."""
        self._measured_width: int | None = None
        """The content width the options' lines were measured at since the caches were last cleared."""

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._measured_width = None

    def _update_lines(self) -> None:
        measuring = not self._line_cache.lines
        super()._update_lines()
        if measuring and self._line_cache.lines:
            self._measured_width = self.scrollable_content_region.width

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]  # Textual passes the event
        # OptionList clears its caches of measured and rendered options on every Resize (they do not hold
        # the width) and repaints. A list shown again (a class game's release, issue 16) was painted at its
        # new size by the layout that resized it, before the Resize arrived: the caches already hold that
        # width, and the repaint sent the same rows again (~1 KB and a render of every option a game).
        width = self.scrollable_content_region.width
        if self.keeps_measures_on_resize and self._line_cache.lines and width == self._measured_width:
            event.prevent_default()  # OptionList's handler is the only one under this class

    def _on_hide(self, event: events.Hide) -> None:
        # Textual blurs a focused widget that is hidden, and focusing it again restyles it (its `:focus`
        # rules, every option's component classes): ~2 ms of CPU a class game spent at each release, when
        # the list hidden since the answer was locked in is shown and focused again (issue 16). A list that
        # keeps the focus while hidden takes no keys (see check_action).
        if self.keeps_focus_hidden:
            event.prevent_default()  # Widget's handler, below, would blur; it also does what follows
            for shown, scrollbar in (
                (self.show_horizontal_scrollbar, "horizontal_scrollbar"),
                (self.show_vertical_scrollbar, "vertical_scrollbar"),
            ):
                if shown:
                    getattr(self, scrollbar).post_message(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.display or self.covered:
            return False  # a hidden or covered list takes no keys: they go on to the screen's bindings
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
