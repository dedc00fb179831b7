"""The keys and clicks that answer a question on the live class's student screen, one way per answer shape.

:class:`AnswerScreen` is the student screen's base: number keys answer a pick-one question, tick a
pick-many one and place an ordering one; Space does the same to the highlighted choice; Enter submits a
ticked or ordered answer, or opens the article to find a line; typed answers come from the input box. It
only turns input into a response and hands it to :meth:`AnswerScreen.submit`; the subclass says what is
asked (:attr:`AnswerScreen.shown`) and commits the answer to the class store.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from game.engine.content.pack import Pack
from game.engine.quiz.run import Presented, Response
from game.engine.quiz.types import AnswerShape
from game.ui.screens.reader_screen import SentencePickScreen
from game.ui.widgets.answer_lists import OrderList, TickList
from game.ui.widgets.choice_list import ChoiceList

MAX_CHOICES = 6
PICK_ONE, PICK_MANY, ORDER = AnswerShape.PICK_ONE, AnswerShape.PICK_MANY, AnswerShape.ORDER
TYPE_TEXT, PICK_SENTENCE = AnswerShape.TYPE_TEXT, AnswerShape.PICK_SENTENCE


class AnswerScreen(Screen[None]):
    """A screen that asks one item at a time with the game's answer widgets (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"choose({n})", f"Answer {n}", show=False, id=f"class.answer{n}")
            for n in range(1, MAX_CHOICES + 1)
        ),
        Binding("space", "choose_highlighted", "Tick", show=False, id="class.tick"),
        Binding("backspace", "undo", "Undo", show=False, id="class.undo"),
        Binding("enter", "open_picker", "Find the sentence", show=False, id="class.open_picker"),
        Binding("enter,space", "go_on", "Next", show=False, id="class.go_on"),
    ]
    """Number keys answer (or tick, or place, by the question's shape), Space ticks or places the highlighted
    choice, Enter submits a ticked or ordered answer, Backspace takes the last placed item back, Enter
    opens the article for a find-the-line question; Enter or Space goes on from feedback (the subclass's
    ``go_on``, here because a subclass's binding of a key replaces all of its base's). None shows in the
    footer: the hint line says them."""

    @property
    def shown(self) -> Presented | None:
        """The item being asked, if any."""
        raise NotImplementedError

    @property
    def pack(self) -> Pack:
        """The pack whose article a find-the-line question opens."""
        raise NotImplementedError

    def submit(self, response: Response) -> None:
        """Commit ``response`` as the answer to the item on show."""
        raise NotImplementedError

    @property
    def _lists(self) -> dict[AnswerShape, ChoiceList]:
        return {
            PICK_ONE: self.query_one("#student-pick", ChoiceList),
            PICK_MANY: self.query_one("#student-tick", TickList),
            ORDER: self.query_one("#student-order", OrderList),
        }

    def _show_sequence(self, shown: Presented | None = None) -> None:
        """Under an ordering question (``shown``, or the one on show): the order placed so far."""
        shown = shown or self.shown
        if shown is None or shown.shape != ORDER:
            return
        placed = [str(i + 1) for i in self.query_one("#student-order", OrderList).sequence]
        blanks = ["_"] * (len(shown.choices) - len(placed))
        done = " (Enter to submit)" if not blanks else ""
        self.query_one("#student-sequence", Static).update(
            Content.assemble(("Your order: ", "bold"), " → ".join(placed + blanks), (done, "italic"))
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        shown = self.shown
        shape = shown.shape if shown is not None else None
        if action == "choose":
            number = parameters[0] if parameters else 0
            count = len(shown.choices) if shown is not None else 0
            listed = shape in (PICK_ONE, PICK_MANY, ORDER)
            return listed and isinstance(number, int) and 1 <= number <= count
        if action == "choose_highlighted":
            return shape in (PICK_MANY, ORDER)
        if action == "undo":
            return shape == ORDER and bool(self.query_one("#student-order", OrderList).sequence)
        if action == "open_picker":
            return shape == PICK_SENTENCE
        if action == "go_on":
            return False  # the subclass offers it when there is feedback to go on from
        return True

    def action_choose(self, number: int) -> None:
        self._pick(number - 1)

    def action_choose_highlighted(self) -> None:
        shown = self.shown
        if shown is not None and shown.shape in (PICK_MANY, ORDER):
            highlighted = self._lists[shown.shape].highlighted
            if highlighted is not None:
                self._pick(highlighted)

    def _pick(self, index: int) -> None:
        """A number key, a click or Space on choice ``index``: answer, tick or place, by shape."""
        shown = self.shown
        if shown is None or not 0 <= index < len(shown.choices):
            return
        if shown.shape == PICK_ONE:
            self.submit(index)
        elif shown.shape == PICK_MANY:
            self.query_one("#student-tick", TickList).toggle(index)
        elif shown.shape == ORDER:
            if not self.query_one("#student-order", OrderList).place(index):
                self.notify("That item is already placed; Backspace takes the last one back.", timeout=2)
            self._show_sequence()
            self.refresh_bindings()

    def action_undo(self) -> None:
        self.query_one("#student-order", OrderList).undo()
        self._show_sequence()
        self.refresh_bindings()

    def action_open_picker(self) -> None:
        shown = self.shown
        if shown is None or shown.shape != PICK_SENTENCE or self.app.screen is not self:
            return
        picker = SentencePickScreen(self.pack, shown.question.prompt, shown.statement)

        def picked(label: str | None) -> None:
            if label is not None and self.shown == shown:  # still the question the article was opened for
                self.submit(label)

        self.app.push_screen(picker, picked)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def on_choice_list_submit_requested(self, event: ChoiceList.SubmitRequested) -> None:
        event.stop()
        shown = self.shown
        if shown is None:
            return
        if shown.shape == PICK_MANY:
            ticked = self.query_one("#student-tick", TickList).ticked
            if not ticked:
                self.notify("Tick at least one answer first (number keys or Space).", timeout=2)
                return
            self.submit(sorted(ticked))
        elif shown.shape == ORDER:
            left = len(shown.choices) - len(self.query_one("#student-order", OrderList).sequence)
            if left:
                self.notify(f"Place every item first ({left} left).", timeout=2, markup=False)
                return
            self.submit(list(self.query_one("#student-order", OrderList).sequence))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown is None or self.shown.shape != TYPE_TEXT:
            return
        if not event.value.strip():
            self.notify("Type an answer first.", timeout=2)
            return
        self.submit(event.value)
