"""The title screen's menu: a list of entries, each running an app action when chosen.

To add a mode (Story, Review, Stats…), append a :class:`MenuEntry` to :data:`TITLE_MENU` (or insert it
where it should appear) and give :class:`~game.ui.app.QuoteboundApp` the action it names, for example::

    MenuEntry("story", "Story", "app.start_story", hint="Choose your path through the events",
              shown=lambda game: bool(game.pack.scenarios))

and ``def action_start_story(self) -> None: ...`` on the app. A ``label`` or ``shown`` callable gets the
game as a :class:`~game.ui.host.GameHost` (add what it needs to read there), so it can count things
(``lambda game: game.review_label()``). The menu is
rebuilt every time the title screen is shown, so labels and ``shown`` stay current; each is evaluated once
per rebuild. Each entry has its
own key (``key=``; without one, the first digit no other entry claims): an entry keeps its key whether or
not the entries above it are shown, so a player's muscle memory (5 is Stats) holds; an absent entry's key
does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from game.ui.host import GameHost


class MenuEntry(Struct, frozen=True):  # a Struct: a dataclass compiles its methods at start
    """One line of the title menu."""

    id: str
    """Stable id; the option id in the menu list (``menu-<id>``)."""
    label: str | Callable[[GameHost], str | None]
    """What the player reads; a callable is evaluated when the menu is built, and None from it leaves the
    entry out (so one call can both decide and word an entry: Resume restores the runs once)."""
    action: str
    """A Textual action string run when the entry is chosen, e.g. ``"app.start_quiz"``."""
    hint: str = ""
    """A short line on what the entry does, shown under the menu when it is highlighted."""
    shown: Callable[[GameHost], bool] | None = None
    """Whether the entry is offered now (None: always)."""
    key: str = ""
    """The key that picks it, fixed whatever else is shown ("": the first digit no other entry claims)."""

    def offer(self, game: GameHost) -> str | None:
        """The label as it reads now, or None when the entry is not offered now."""
        if self.shown is not None and not self.shown(game):
            return None
        return self.label(game) if callable(self.label) else self.label


def menu_keys(entries: list[MenuEntry]) -> dict[str, str]:
    """Each entry's key by entry id: its own, or the first digit 1-9 no other entry claims."""
    claimed = {entry.key for entry in entries if entry.key}
    free = (digit for digit in "123456789" if digit not in claimed)
    return {entry.id: entry.key or next(free, "") for entry in entries}


def _quiz_label(game: GameHost) -> str:
    count = game.round_size()
    return f"Quiz: {count} question{'s' if count != 1 else ''}"


def _story_label(game: GameHost) -> str:
    count = len(game.pack.scenarios)
    return f"Story: {count} scenario{'s' if count != 1 else ''}"


TITLE_MENU: list[MenuEntry] = [
    MenuEntry(
        "quiz",
        _quiz_label,
        "app.start_quiz",
        hint="Answer questions on the article; every answer is explained with a quote.",
        key="1",
        shown=lambda game: bool(game.pack.questions),
    ),
    MenuEntry(
        "story",
        _story_label,
        "app.start_story",
        hint="Choose your path; every consequence is explained with a quote.",
        key="2",
        shown=lambda game: bool(game.pack.scenarios),
    ),
    MenuEntry(
        "resume",
        lambda game: game.resume_label(),
        "app.resume",
        hint="Carry on a round or story you left part-way, exactly where you stopped.",
        key="3",
    ),
    MenuEntry(
        "review",
        lambda game: game.review_label(),
        "app.start_review",
        hint="The questions you missed come back, spaced out over days until you know them.",
        key="4",
        shown=lambda game: game.saving_progress and bool(game.pack.questions),
    ),
    MenuEntry(
        "stats",
        "Stats",
        "app.show_stats",
        hint="Accuracy over time and per topic, streaks, story endings found, best scores.",
        key="5",
        shown=lambda game: game.saving_progress,
    ),
    MenuEntry(
        "reader",
        "Read the article",
        "app.open_reader",
        hint="The whole article with paragraph numbers; the passages the game quotes are marked.",
        key="6",
    ),
    MenuEntry(
        "pack",
        "Choose another pack",
        "app.choose_pack",
        hint="Switch to another article.",
        key="7",
        shown=lambda game: len(game.packs) > 1,
    ),
    MenuEntry(
        "player",
        lambda game: "Switch player" if game.player else "Choose a player",
        "app.switch_player",
        hint="Play under another name, or add a new player.",
        key="8",
        shown=lambda game: game.can_switch_player,
    ),
    MenuEntry("quit", "Quit", "app.quit", hint="Leave the game (ctrl+q works anywhere).", key="q"),
]
"""The title menu, top to bottom."""
