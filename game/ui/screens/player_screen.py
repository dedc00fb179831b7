"""Who is playing: pick a name from the players on this computer, or type a new one.

Dismisses with the chosen name, or None for a guest (Esc): a guest plays without saving progress. Asked for
a class round's results (``for_results``), Esc cancels the round instead, since results need a name.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.progress.service import NAME_LIMIT, clean_name
from game.ui.screens.base import GameScreen
from game.ui.story_texts import fit_height
from game.ui.texts import literal
from game.ui.widgets.safe_option_list import SafeOptionList


class PlayerScreen(GameScreen[str | None]):
    """The players on this computer, and a box for a new name."""

    STARTUP_SCREEN = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "guest", "Play as guest", id="player.guest"),
        Binding("escape", "cancel", "Cancel", id="player.cancel"),
    ]
    """Enter picks the highlighted player or the typed name; Tab moves between list and box; Esc plays as a
    guest (or cancels, when a class round needs the name)."""

    def __init__(
        self, names: list[str], *, current: str | None = None, for_results: bool = False, saving: bool = True
    ) -> None:
        """Args:
        names: the players on this computer.
        current: the player now (highlighted).
        for_results: the name is for a class results file (Esc cancels rather than plays as a guest).
        saving: whether progress can be saved at all (the screen says so when not).
        """
        super().__init__()
        self.names = names
        self.current = current
        self.for_results = for_results
        self.saving = saving

    def compose(self) -> ComposeResult:
        with Vertical(id="player-box"):
            yield Static(Content.styled("Who is playing?", "bold"), id="player-heading")
            yield Static(Content(self._explanation()), id="player-explanation")
            if self.names:
                yield Static(Content.styled("Players on this computer", "bold"), classes="player-label")
                yield SafeOptionList(
                    *(Option(literal(name), id=f"player-{i}") for i, name in enumerate(self.names)),
                    id="player-list",
                    markup=False,
                )
            yield Static(Content.styled("New player", "bold"), classes="player-label")
            yield Input(
                placeholder="Type a name, then press Enter",
                max_length=NAME_LIMIT,
                id="player-name",
                select_on_focus=False,
            )
        yield Footer()

    def _explanation(self) -> str:
        if self.for_results:
            return "Your teacher collects results: your name goes on them."
        if not self.saving:
            return "Progress cannot be saved right now; your name is still shown and used for results."
        return "Your answers, scores and review queue are kept under your name."

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        self.query_one("#player-name", Input).cursor_blink = getattr(self.app, "CURSOR_BLINK", True)
        if self.names:
            players = self.query_one("#player-list", SafeOptionList)
            players.highlighted = self.names.index(self.current) if self.current in self.names else 0
            players.focus()
        else:
            self.query_one("#player-name", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        fit_height(self, event.size.height)

    def on_key(self, event: events.Key) -> None:
        """Typing while the list of players has focus goes to the name box.

        The list has focus when there are players, yet a new student at a shared computer just types
        their name under "New player": the letters went nowhere and Enter then took the highlighted
        player, so the newcomer played (and saved) as someone else.
        """
        focused = self.focused
        if event.is_printable and event.character and focused is not None and focused.id == "player-list":
            event.stop()
            event.prevent_default()
            box = self.query_one("#player-name", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "guest":
            return not self.for_results
        if action == "cancel":
            return self.for_results
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        event.stop()
        self.dismiss(self.names[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        event.stop()
        name = clean_name(event.value)
        if not name:
            self.notify("Type a name first.", timeout=2)
            return
        self.dismiss(name)

    def action_guest(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
