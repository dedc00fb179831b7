"""`GameHost`: what a screen may ask of the game, and nothing more.

Screens reach the game through ``self.game`` (see :mod:`game.ui.screens.base`), typed as this protocol, never
as the concrete :class:`~game.ui.app.QuoteboundApp`; Textual's own navigation (``push_screen``,
``switch_screen``, ``screen``) stays on ``self.app``. The title menu's entries (:mod:`game.ui.menu`) read the
same protocol. ``QuoteboundApp`` is checked against it by mypy (the end of :mod:`game.ui.app`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.content import Content

from game.engine.content.loader import PackInfo
from game.engine.content.pack import Pack, QuoteRef
from game.progress.records import Mode

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryOutcome, StoryRun


class GameHost(Protocol):
    """The game as screens see it: settings to read, things to show, and events to report."""

    CURSOR_BLINK: ClassVar[bool]
    """Whether text boxes blink their cursor (tests turn it off)."""
    packs: list[PackInfo]
    """The installed packs as the picker shows them (each one's content loads when it is opened)."""
    player: str | None
    """The player's name; None for a guest."""
    time_limit: float | None
    """Seconds per question, or None."""
    start_mode: str
    """``story`` until the title screen has opened the story picker once (``--mode story``)."""

    @property
    def pack(self) -> Pack:
        """The pack being played."""
        ...

    # --- what the title screen and its menu show ----------------------------------------------------

    def round_size(self) -> int: ...

    def player_line(self) -> Content: ...

    def resume_label(self) -> str | None:
        """The Resume entry's label; None when nothing of the pack is left unfinished."""
        ...

    def review_label(self) -> str: ...

    @property
    def saving_progress(self) -> bool:
        """Whether progress is being saved (a store and a named player)."""
        ...

    @property
    def can_switch_player(self) -> bool:
        """Whether there is a store to keep players in."""
        ...

    # --- navigation ----------------------------------------------------------------------------------

    def greet(self) -> None:
        """Ask who is playing and offer their unfinished runs, as the game starts (the title asks, as it is
        composed)."""
        ...

    def back_to_title(self) -> None: ...

    def open_reader(self, target: QuoteRef | None = None) -> None: ...

    def show_round(self, run: QuizRun, *, mode: Mode = "quiz") -> None: ...

    def action_start_quiz(self) -> None: ...

    def action_start_story(self) -> None: ...

    def show_story(self, run: StoryRun) -> None: ...

    def start_scenario(self, scenario_id: str) -> None: ...

    # --- events a round reports ----------------------------------------------------------------------

    def round_answered(self, run: QuizRun) -> None: ...

    @property
    def class_play(self) -> bool:
        """A class round (``--results``): no "I was right" override there."""
        ...

    def round_overridden(self, run: QuizRun) -> None: ...

    def round_finished(self, run: QuizRun) -> None: ...

    def round_left(self, run: QuizRun) -> None: ...

    def leave_notice(self) -> str: ...

    # --- events a story reports ----------------------------------------------------------------------

    def story_choice_made(self, run: StoryRun, outcome: StoryOutcome) -> None: ...

    def story_ended(self, run: StoryRun) -> None: ...

    def story_left(self, run: StoryRun) -> None: ...

    def story_endings_found(self, scenario_id: str) -> set[str]: ...
