"""The offer to continue an unfinished round or story, shown at start (and from the title's Resume entry).

Dismisses with the :class:`~game.progress.records.Resumable` chosen, :attr:`ResumeScreen.FRESH` to drop them
all and start fresh, or None (Esc) to decide later: they stay on the title menu.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.progress.records import Resumable
from game.ui.screens.base import GameScreen
from game.ui.story_texts import fit_height
from game.ui.texts import NUMBER_STYLE, literal
from game.ui.widgets.safe_option_list import SafeOptionList


def when(item: Resumable, tz: tzinfo | None) -> str:
    """``started 10 Mar 2025, 14:02`` in the player's zone."""
    moment = item.started.astimezone(tz) if tz is not None else item.started.astimezone()
    return moment.strftime("started %d %b %Y, %H:%M")


class ResumeScreen(GameScreen[Resumable | str | None]):
    """Unfinished runs of the pack, newest first, and "Start fresh"."""

    STARTUP_SCREEN = True

    FRESH = "fresh"
    """The dismiss value of "Start fresh"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Decide later", id="resume.later"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]
    """Number keys, arrows and Enter choose; Esc leaves the runs for later (the title menu offers them)."""

    def __init__(self, items: list[Resumable], *, player: str, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.items = items
        self.player = player
        self.tz = tz

    def compose(self) -> ComposeResult:
        many = len(self.items) > 1
        with Vertical(id="resume-box"):
            yield Static(
                Content.assemble(("Welcome back, ", "bold"), (self.player, "bold")) if self.player else "",
                id="resume-heading",
            )
            yield Static(
                Content(
                    "You stopped part-way last time. Carry on where you left off"
                    + (
                        ", or start fresh (these are dropped)."
                        if many
                        else ", or start fresh (it is dropped)."
                    )
                ),
                id="resume-explanation",
            )
            options = [
                Option(
                    Content.assemble(
                        (f"{n} ", NUMBER_STYLE), literal(item.label), (" · " + when(item, self.tz), "dim")
                    ),
                    id=f"resume-{item.info.id}",
                )
                for n, item in enumerate(self.items, 1)
            ]
            options.append(
                Option(Content.assemble((f"{len(self.items) + 1} ", NUMBER_STYLE), "Start fresh"), id="fresh")
            )
            yield SafeOptionList(*options, id="resume-list", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        choices = self.query_one("#resume-list", SafeOptionList)
        choices.highlighted = 0
        choices.focus()

    def on_resize(self, event: events.Resize) -> None:
        fit_height(self, event.size.height)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.dismiss(self.items[index])
        elif index == len(self.items):
            self.dismiss(self.FRESH)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        event.stop()
        self._choose(event.option_index)

    def action_pick(self, number: int) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        self._choose(number - 1)

    def action_later(self) -> None:
        self.dismiss(None)
