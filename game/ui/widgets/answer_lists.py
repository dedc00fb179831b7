"""The answer widgets for the pick-many and order shapes: choice lists that keep the answer being built.

A :class:`TickList` keeps the ticked choices and shows ``[x]``/``[ ]``; an :class:`OrderList` keeps the
sequence placed so far and shows each choice's place. Both only hold input (never game state) and submit
with Enter; the pick-one shape uses the plain :class:`~game.ui.widgets.choice_list.ChoiceList`.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from game.ui.texts import numbered
from game.ui.widgets.choice_list import ChoiceList


class _BuildingList(ChoiceList):
    """A choice list whose rows carry a marker that changes as the answer is built."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(enter_submits=True, id=id)
        if classes:
            self.add_class(*classes.split())
        self.texts: list[str] = []
        self.reset()

    def show(self, texts: list[str]) -> None:
        """A new question's choices, nothing built yet."""
        self.texts = list(texts)
        self.reset()
        self.set_options(Option(self.prompt(i)) for i in range(len(self.texts)))
        self.highlighted = 0

    def reset(self) -> None:
        raise NotImplementedError

    def prompt(self, index: int) -> Content:
        raise NotImplementedError

    def refresh_row(self, index: int) -> None:
        self.replace_option_prompt_at_index(index, self.prompt(index))


class TickList(_BuildingList):
    """Pick many: number keys, Space or a click tick and untick; Enter submits the ticked choices."""

    def reset(self) -> None:
        self.ticked: set[int] = set()

    def prompt(self, index: int) -> Content:
        marker = "[x]" if index in self.ticked else "[ ]"
        return numbered(index + 1, self.texts[index], marker=marker, marker_style="bold")

    def toggle(self, index: int) -> None:
        self.ticked.symmetric_difference_update({index})
        self.refresh_row(index)
        self.highlighted = index


class OrderList(_BuildingList):
    """Order: number keys, Space or a click place the next item; Backspace takes the last one back."""

    def reset(self) -> None:
        self.sequence: list[int] = []

    def prompt(self, index: int) -> Content:
        place = self.sequence.index(index) + 1 if index in self.sequence else None
        marker = f"[{place}]" if place else "[ ]"
        return numbered(index + 1, self.texts[index], marker=marker, marker_style="bold")

    def place(self, index: int) -> bool:
        """Place ``index`` next; False when it is already placed."""
        if index in self.sequence:
            return False
        self.sequence.append(index)
        self.refresh_row(index)
        unplaced = [i for i in range(len(self.texts)) if i not in self.sequence]
        self.highlighted = unplaced[0] if unplaced else index
        return True

    def undo(self) -> None:
        """Take the last placed item back."""
        if self.sequence:
            self.refresh_row(self.sequence.pop())
