"""Asked before a new round would drop a paused one: the game keeps one unfinished round per mode.

Dismisses with True (start the new round, dropping the paused one) or False (keep it).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.screens.base import GameModalScreen
from game.ui.texts import NUMBER_STYLE, literal
from game.ui.widgets.safe_option_list import SafeOptionList


class ReplaceRoundScreen(GameModalScreen[bool]):
    """ "A new round replaces your paused one": go ahead, or keep it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep it", id="replace.keep"),
        Binding("1", "replace", show=False),
        Binding("2", "keep", show=False),
    ]

    def __init__(self, paused: str) -> None:
        """Args:
        paused: the paused round as the resume list names it (``Resume round (2/5 answered)``).
        """
        super().__init__()
        self.paused = paused

    def compose(self) -> ComposeResult:
        with Vertical(id="replace-box"):
            yield Static(
                Content.assemble(
                    ("You have a paused ", "bold"),
                    literal(self.paused.removeprefix("Resume ")).stylize("bold"),
                    ". A new round replaces it.",
                ),
                id="replace-question",
            )
            yield SafeOptionList(
                Option(
                    Content.assemble(("1 ", NUMBER_STYLE), "Start a new round (drop the paused one)"),
                    id="new",
                ),
                Option(Content.assemble(("2 ", NUMBER_STYLE), "Keep the paused round"), id="keep"),
                id="replace-choices",
                markup=False,
            )

    def on_mount(self) -> None:
        choices = self.query_one("#replace-choices", SafeOptionList)
        choices.highlighted = 1  # the safe choice first: Enter keeps what the player has
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.is_active:
            self.dismiss(event.option.id == "new")

    def action_replace(self) -> None:
        if self.is_active:
            self.dismiss(True)

    def action_keep(self) -> None:
        if self.is_active:
            self.dismiss(False)
