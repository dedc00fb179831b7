"""Choosing which pack (article) to play when several are installed.

The list shows what each ``pack.yaml`` says; the chosen pack's content is loaded here, on choosing
(:class:`~game.engine.packs.PackShelf` keeps it), and a pack whose content does not load says
"cannot open: <its first error>" and the list stays.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.engine.content.diagnostics import ContentError
from game.engine.packs import PackShelf
from game.ui.screens.base import GameModalScreen
from game.ui.texts import NUMBER_STYLE, literal
from game.ui.widgets.safe_option_list import SafeOptionList


class PackScreen(GameModalScreen[int | None]):
    """A list of the packs; dismisses with the index of the chosen pack once it is open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pack.cancel"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, shelf: PackShelf, current: int) -> None:
        super().__init__()
        self.shelf = shelf
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-box"):
            yield Static(Content.styled("Choose a pack", "bold"), id="pack-heading")
            yield SafeOptionList(
                *(
                    Option(Content.assemble((f"{n} ", NUMBER_STYLE), literal(pack.title)), id=pack.id)
                    for n, pack in enumerate(self.shelf.infos, 1)
                ),
                id="pack-list",
                markup=False,
            )
            yield Static("", id="pack-problem", markup=False)

    def on_mount(self) -> None:
        packs = self.query_one("#pack-list", SafeOptionList)
        packs.highlighted = self.current
        packs.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        event.stop()
        self._choose(event.option_index)

    def action_pick(self, number: int) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        if 1 <= number <= len(self.shelf):
            self._choose(number - 1)

    def _choose(self, index: int) -> None:
        try:
            self.shelf.open(index)
        except ContentError:
            problem = self.query_one("#pack-problem", Static)
            problem.update(f"cannot open: {self.shelf.problem(index)}")
            return
        self.dismiss(index)

    def action_cancel(self) -> None:
        self.dismiss(None)
