"""The help screen (F1): how to play, the keys and the scoring rules, from the packaged ``help.md``."""

from __future__ import annotations

from importlib.resources import files
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown

from game.ui.screens.base import GameScreen


def help_text() -> str:
    """The help page, read from the package so it travels inside the wheel."""
    return files("game.ui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(GameScreen[None]):
    """How to play."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("f1", "close", "Close", show=False, id="help.close_f1"),
    ]
    """Escape (or F1 again) closes help."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            # Links are never followed: a click on one does nothing.
            yield Markdown(help_text(), open_links=False, id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
