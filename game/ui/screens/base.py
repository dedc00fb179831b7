"""Base screens: ``self.game`` (the narrow :class:`~game.ui.host.GameHost`), and no late dismiss.

Every game screen derives from these. ``self.game`` is the app seen through the protocol of what a screen may
ask of the game; ``self.app`` stays Textual's ``App`` for navigation.

A screen that is no longer in front never dismisses anything:

``Screen.dismiss`` pops whatever screen is on top of the app, not the screen it is called on. Two keys
handled in the same moment (Enter twice, Enter then Escape) made a screen that had already left dismiss
again, popping the screen in front or, on the title, the last screen ("Can't pop screen"), which ended
the app. Every game screen derives from these, so a second dismiss is a no-op.

A screen's hints leave with it:

Textual keeps notifications on the app, so a screen's hint ("Press Esc again to leave this round.",
"That choice is closed: …") stayed on the title, the next question or the menu after the screen had gone.
A game screen's ``notify`` remembers what it raised and withdraws it when the screen is covered or closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import ModalScreen, Screen, ScreenResultType

from game.ui.screens.repaint import CroppedCompositor

if TYPE_CHECKING:
    from textual.app import App

    from game.ui.host import GameHost


class _DismissWhenActive:
    """``dismiss`` does nothing once the screen is no longer the active one."""

    is_active: bool

    def dismiss(self, result: object = None) -> AwaitComplete:
        if not self.is_active:  # already leaving: a second key in the same moment
            return AwaitComplete()
        return super().dismiss(result)  # type: ignore[misc,no-any-return]


class _AsksTheGame:
    """``self.game``: the app, as far as a screen may use it."""

    app: App[object]

    @property
    def game(self) -> GameHost:
        return cast("GameHost", self.app)


class _OwnsItsHints:
    """``notify`` from a screen shows a hint that goes when the screen is covered or closed."""

    app: App[object]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        app = self.app
        notification = Notification(
            message, title, severity, app.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup
        )
        self._hints().append(notification)
        app.post_message(Notify(notification))

    def _hints(self) -> list[Notification]:
        hints: list[Notification] | None = self.__dict__.get("_raised_hints")
        if hints is None:
            hints = self.__dict__["_raised_hints"] = []
        return hints

    def withdraw_hints(self) -> None:
        """Take down every hint this screen raised that is still showing."""
        hints = self._hints()
        if not hints:
            return
        # Textual has no public call to remove one notification; these are the ones App.notify's own
        # timer removes (checked against 8.2.8).
        app = self.app
        for notification in hints:
            if notification in app._notifications:
                app._unnotify(notification, refresh=False)
        hints.clear()
        app._refresh_notifications()

    def on_screen_suspend(self) -> None:
        self.withdraw_hints()

    def on_unmount(self) -> None:
        self.withdraw_hints()


SCREENS_CSS = Path(__file__).resolve().parent.parent / "screens.tcss"
"""The rules of every screen but those a game starts on (which are in app.tcss, the app's CSS_PATH)."""


def load_screens_css(app: App[object]) -> None:
    """Add ``screens.tcss`` to the app's stylesheet, once.

    Textual adds a widget's DEFAULT_CSS this way when its first instance is registered: the new source is
    parsed on its own at the next styling (the others come from the stylesheet's parse cache), and no
    node already styled needs styling again, since every rule in it starts with a screen class not yet
    built. ``Screen.CSS_PATH`` instead re-parses every source in a fresh stylesheet and restyles the app.
    """
    stylesheet = app.stylesheet
    location = (str(SCREENS_CSS), "")
    if not stylesheet.has_source(*location):
        stylesheet.add_source(SCREENS_CSS.read_text(encoding="utf-8"), read_from=location)


class _StyledOnFirstUse:
    """The first of the later screens to be built brings their rules (:func:`load_screens_css`)."""

    STARTUP_SCREEN: ClassVar[bool] = False
    """A screen a game starts on: its rules are in app.tcss, parsed before the first frame."""

    def _post_register(self, app: App[object]) -> None:
        super()._post_register(app)  # type: ignore[misc]
        if not self.STARTUP_SCREEN:
            load_screens_css(app)


class GameScreen(
    _AsksTheGame, _OwnsItsHints, _DismissWhenActive, _StyledOnFirstUse, Screen[ScreenResultType]
):
    """A game screen: ``self.game`` to ask the game; its hints go with it; a late second ``dismiss`` is
    ignored."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = CroppedCompositor()


class GameModalScreen(
    _AsksTheGame, _OwnsItsHints, _DismissWhenActive, _StyledOnFirstUse, ModalScreen[ScreenResultType]
):
    """A game modal screen: ``self.game`` to ask the game; its hints go with it; a late second ``dismiss``
    is ignored."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = CroppedCompositor()


# The search coroutine under Textual's ``@work`` (which keeps it as ``__wrapped__``); checked against 8.2.8.
_textual_gather_commands = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class GameCommandPalette(_DismissWhenActive, CommandPalette):
    """Textual's command palette with the same guard: it dismisses itself on Enter and then runs the
    command, so a second Enter queued to it popped the title ("Can't pop screen"). Nor does it search
    once dismissed (tests/hardening/test_palette_races.py)."""

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual starts a search for every Input.Changed the palette handles, even one handled after
        # it was dismissed (a key typed in the same moment as Escape, a click outside or ctrl+q); that
        # search then looks for its list in the emptied palette and its NoMatches kills the app.
        if self in self.app.screen_stack:
            await _textual_gather_commands(self, search_value)
