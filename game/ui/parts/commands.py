"""The command palette's entries: the game's commands, and of Textual's own only what players use.

Textual's Keys, Screenshot, Maximize and "quit as soon as possible" are developer tools; our Quit keeps
a round in progress resumable (issue 12, item 16).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from game.ui.app import QuoteboundApp

PLAYER_SYSTEM_COMMANDS = frozenset({"Theme"})
"""Textual's built-in palette entries offered to players (the others are developer tools)."""


def palette_commands(
    app: QuoteboundApp, screen: Screen[Any], textual_commands: Iterable[SystemCommand]
) -> Iterable[SystemCommand]:
    """What the palette offers on ``screen``, given Textual's own entries for it."""
    source = getattr(screen, "source_quote", None)
    if source is not None:
        yield SystemCommand("Show sources", "Open the article at this answer's quote", app.action_open_reader)
    yield SystemCommand(
        "Read the article",
        "The whole article, every passage the game quotes highlighted",
        lambda: app.open_reader(None),
    )
    if getattr(screen, "run", None) is not None:
        yield SystemCommand(
            "Restart round", "Play this round again from its first question", app.action_restart_round
        )
    if app.pack.questions:
        yield SystemCommand("New round", "Deal a new round of questions", app.action_start_quiz)
    if len(app.packs) > 1:
        yield SystemCommand("Choose another pack", "Switch to another article", app.action_choose_pack)
    yield SystemCommand(
        "Toggle high contrast", "White on black with yellow highlights", app.action_toggle_high_contrast
    )
    yield SystemCommand("Help", "Keys, scoring and how the game works", app.action_help)
    yield from app.saving.system_commands()
    yield from app.stories.system_commands(screen)
    # Of Textual's own entries only the theme picker is for players; Keys, Screenshot, Maximize and
    # its "quit as soon as possible" are developer tools (our Quit keeps a round resumable).
    yield from (c for c in textual_commands if c.title in PLAYER_SYSTEM_COMMANDS)
    yield SystemCommand("Quit", "Leave the game; a round in progress can be resumed", app.action_quit)
