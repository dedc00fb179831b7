"""The title screen: the pack's title and description, a line on the game, and the menu."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.compose import compose
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.content.pack import Pack
from game.ui.menu import TITLE_MENU, MenuEntry, menu_keys
from game.ui.screens.base import GameScreen
from game.ui.story_texts import fit_height
from game.ui.texts import NUMBER_STYLE, literal
from game.ui.widgets.safe_option_list import SafeOptionList

WHY = "After every answer you see why, in the article's own words."


def tagline(pack: Pack) -> str:
    """The line under the game's name: the pack's own ``tagline``, else what the pack offers, claiming
    nothing about the article (a fictional sample pack must never be called real news)."""
    if pack.meta.tagline:
        return pack.meta.tagline
    modes = [name for name, has in (("A quiz", pack.questions), ("stories", pack.scenarios)) if has]
    offer = " and ".join(modes) if modes else "A reading"
    return f"{offer[0].upper()}{offer[1:]} on this article. {WHY}"


class TitleScreen(GameScreen[None]):
    """What the game is, which article it teaches, and where to go."""

    STARTUP_SCREEN = True

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick('{n}')", f"Menu {n}", show=False) for n in range(1, 10)),
        Binding("q", "app.quit", "Quit", show=False, id="title.quit"),
    ]
    """Number keys pick the menu entry with that key (an absent entry's key does nothing); arrows and
    Enter work in the menu; q quits."""

    def __init__(self) -> None:
        super().__init__()
        self._greeted = False
        self._built = False
        """Whether the widgets are built: at compose, unless a screen then covers this one (see compose)."""
        self._was_covered = False
        self._offered: list[tuple[MenuEntry, str]] = []
        """The menu as last built: each entry offered, with its label then."""

    def compose(self) -> ComposeResult:
        if not self._greeted:
            # The screens a game starts on (who is playing, the offer to resume) are pushed over this
            # one here: the first moment after Textual's start batch (see Saving.greet), and before
            # building widgets that, under those screens, only cost the first frame time (a sixth of a
            # newcomer's start) and raced it (this screen's Footer, re-composed in a batch update as
            # Textual resumed and suspended the title at start, dropped the resume offer's first frame).
            # The title is then built the first time it comes to the front (on_screen_resume).
            self._greeted = True
            self.game.greet()
            self._built = self.app.screen is self
        if not self._built:
            return
        with VerticalScroll(id="title-body"):
            yield Static(Content.styled("QUOTEBOUND", "bold $accent"), id="title-game")
            yield Static(id="title-pack")
            yield Static(id="title-tagline", markup=False)
            yield Static(id="title-description")
        with Vertical(id="title-menu-box"):
            yield Static(id="title-player")
            yield SafeOptionList(id="title-menu", markup=False)
            yield Static(id="title-hint")
        yield Footer()

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        if self._built:
            self.refresh_pack()
            # Start-up screens (player, resume) may be pushed on top first; only open the start mode once
            # this screen is really the one in front.
            self.call_after_refresh(self._open_start_mode)

    def on_resize(self, event: events.Resize) -> None:
        fit_height(self, event.size.height)

    def on_screen_suspend(self) -> None:
        self._was_covered = True

    async def on_screen_resume(self) -> None:
        if not self._built:
            # Textual resumes the first screen as the app starts, before the screen covering it is pushed:
            # a covered title is built when it comes back from under that screen.
            if not self._was_covered:
                return
            self._built = True
            await self.mount_all(compose(self))
        self.refresh_pack()
        self._open_start_mode()

    def _open_start_mode(self) -> None:
        game = self.game
        if game.start_mode == "story" and self.app.screen is self:
            game.start_mode = "quiz"
            if game.pack.scenarios:
                game.action_start_story()

    @property
    def entries(self) -> list[MenuEntry]:
        """The menu entries on show, in order (as of the last :meth:`refresh_pack`)."""
        return [entry for entry, _ in self._offered]

    @property
    def keys(self) -> dict[str, str]:
        """Each entry's key by entry id; an entry keeps it whether or not others are shown."""
        return menu_keys(TITLE_MENU)

    def refresh_pack(self) -> None:
        """Show the current pack and rebuild the menu (labels may count things); nothing until the
        screen is built (see ``compose``)."""
        if not self._built:
            return
        pack = self.game.pack
        self.query_one("#title-tagline", Static).update(literal(tagline(pack)))
        self.query_one("#title-pack", Static).update(literal(pack.title))
        self.query_one("#title-description", Static).update(literal(pack.meta.description))
        self.query_one("#title-player", Static).update(self.game.player_line())
        menu = self.query_one("#title-menu", SafeOptionList)
        keys = self.keys
        highlighted = menu.highlighted
        # Each label and condition once a rebuild: some read saved progress (Resume restores every run).
        offers = ((entry, entry.offer(self.game)) for entry in TITLE_MENU)
        self._offered = [(entry, text) for entry, text in offers if text is not None]
        menu.set_options(
            Option(Content.assemble((f"{keys[entry.id]} ", NUMBER_STYLE), text), id=f"menu-{entry.id}")
            for entry, text in self._offered
        )
        menu.highlighted = highlighted if highlighted is not None and highlighted < menu.option_count else 0
        menu.focus()
        self._show_hint(menu.highlighted)

    def _show_hint(self, index: int | None) -> None:
        entries = self.entries
        hint = entries[index].hint if index is not None and index < len(entries) else ""
        self.query_one("#title-hint", Static).update(Content(hint))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_hint(event.option_index)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self._run_entry(event.option_index)

    async def action_pick(self, key: str) -> None:
        keys = self.keys
        for index, entry in enumerate(self.entries):
            if keys[entry.id] == key:
                await self._run_entry(index)
                return

    async def _run_entry(self, index: int) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        entries = self.entries
        if 0 <= index < len(entries):
            await self.run_action(entries[index].action)
