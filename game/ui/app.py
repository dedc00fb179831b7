"""The Textual app: ``make_app`` builds it with the packs to play; it owns navigation and the themes.

Rounds are dealt here (:meth:`QuoteboundApp.new_run`); the screens show them. Seeds: with ``--seed N``
the first round uses ``N``, each new round ``N+1``, ``N+2``…, so a seeded session replays exactly;
without a seed every new round gets a fresh random one. "Restart round" replays the same deal from
the start; "Retake missed" keeps the round's seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from game.engine.content.loader import Pack, QuoteRef
from game.engine.quiz.run import QuizRun
from game.progress.records import Mode
from game.ui.progress import ProgressMixin
from game.ui.screens.base import GameCommandPalette
from game.ui.screens.title_screen import TitleScreen
from game.ui.themes import DEFAULT_THEME, HIGH_CONTRAST_THEME, THEME_VARIABLE_DEFAULTS, THEMES


class QuoteboundApp(ProgressMixin, App[None]):
    """The game: a title menu, quiz rounds, the article reader and help.

    Story mode comes from :class:`~game.ui.story_actions.StoryActions`, players, saving, resume, review
    and stats from :class:`~game.ui.progress.ProgressMixin` (which extends it).
    """

    CSS_PATH = "app.tcss"
    TITLE = "Quotebound"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit the game"),
        Binding("f1", "help", "Help", id="app.help", tooltip="How to play"),
    ]
    """ctrl+q quits from anywhere (even from a text box); F1 opens help."""

    CURSOR_BLINK: ClassVar[bool] = True
    """Whether text boxes blink their cursor (tests turn it off for stable snapshots)."""

    def __init__(
        self,
        *,
        packs: list[Pack],
        seed: int | None = None,
        count: int | None = None,
        start_mode: str = "quiz",
        time_limit: float | None = None,
        streak_bonus: bool = True,
        player: str | None = None,
        data_dir: Path | None = None,
        results_dir: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        if not packs:
            raise ValueError("the game needs at least one pack")
        super().__init__()
        self.packs: list[Pack] = list(packs)
        self.pack_index = 0
        """Which pack the title screen offers."""
        self.seed = seed
        self.count = count
        self.start_mode = start_mode
        """Open this mode once the title screen is first reached (``--mode story``)."""
        self.time_limit = time_limit
        self.streak_bonus = streak_bonus
        self.player = player
        self.data_dir = data_dir
        self.results_dir = results_dir
        self.rounds_dealt = 0
        """Rounds dealt so far; a seeded session deals round k with ``seed + k``."""
        for theme in THEMES:
            self.register_theme(theme)
        # NO_COLOR makes Textual draw in monochrome; the high-contrast theme's greys read best there.
        self.theme = HIGH_CONTRAST_THEME if self.no_color else DEFAULT_THEME
        self._theme_before_contrast = DEFAULT_THEME
        self.init_progress(clock=clock, tz=tz)

    # --- state the screens read --------------------------------------------------------------

    @property
    def pack(self) -> Pack:
        """The pack being played."""
        return self.packs[self.pack_index]

    def round_size(self) -> int:
        """How many questions a new round of the current pack asks."""
        total = len(self.pack.questions)
        return min(total, max(1, self.count)) if self.count is not None else total

    def next_seed(self) -> int | None:
        """The seed of the next round dealt (see the module docstring); None: a fresh random one."""
        seed = None if self.seed is None else self.seed + self.rounds_dealt
        self.rounds_dealt += 1
        return seed

    def new_run(self) -> QuizRun:
        """Deal a new round of the current pack (see the module docstring for seeds)."""
        return QuizRun(self.pack, seed=self.next_seed(), count=self.count, streak_bonus=self.streak_bonus)

    def action_command_palette(self) -> None:
        # Textual asks the palette's CSS class, which it only has once mounted: a second ctrl+p in the
        # same moment pushed a duplicate "--command-palette" and killed the app. Ask the stack instead.
        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(GameCommandPalette(id="--command-palette"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Our own variables, so any built-in theme picked from the palette still works.
        return dict(THEME_VARIABLE_DEFAULTS)

    def get_default_screen(self) -> Screen:
        return TitleScreen()

    # --- navigation ----------------------------------------------------------------------------

    def back_to_title(self) -> None:
        """Close every screen above the title."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_round(self, run: QuizRun, *, mode: Mode = "quiz") -> None:
        """Play ``run`` from its current question, from the title screen.

        ``mode`` is what the round is saved as: ``quiz``, or ``review`` (the due questions). A class round
        may first ask the player's name, and then starts once it is typed.
        """
        from game.ui.screens.quiz_screen import QuizScreen
        from game.ui.screens.review_screen import ReviewScreen

        if not self.round_ready(run, mode, retry=lambda: self.show_round(run, mode=mode)):
            return
        self.back_to_title()
        self.push_screen(ReviewScreen(run) if mode == "review" else QuizScreen(run))
        self.round_started(run, mode)

    def open_reader(self, target: QuoteRef | None = None) -> None:
        """Show the article, at ``target`` when given."""
        from game.ui.screens.reader_screen import ReaderScreen

        self.push_screen(ReaderScreen(self.pack, target))

    def current_run(self) -> QuizRun | None:
        """The round the active screen shows, if any."""
        return getattr(self.screen, "run", None)

    # --- actions -------------------------------------------------------------------------------

    def action_start_quiz(self) -> None:
        """Deal a new round and play it."""
        if self.pack.questions:
            self.show_round(self.new_run())

    def action_open_reader(self) -> None:
        """Read the article (from a question under a time limit, not until it is answered)."""
        if self.time_limit is not None and getattr(self.screen, "awaiting_answer", False):
            self.notify("The article opens after you answer: this round is timed.", severity="warning")
            return
        self.open_reader(getattr(self.screen, "source_quote", None))

    def action_help(self) -> None:
        from game.ui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_high_contrast(self) -> None:
        if self.theme == HIGH_CONTRAST_THEME:
            self.theme = self._theme_before_contrast
        else:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST_THEME

    def action_restart_round(self) -> None:
        """Start the round on show again: same questions, same order, no answers."""
        run = self.current_run()
        if run is None:
            self.notify("No round to restart: start a quiz from the title screen.")
            return
        state = run.to_json() | {"records": [], "streak": 0}
        self.show_round(QuizRun.from_json(run.pack, state), mode=self.progress.mode_of(run) or "quiz")

    def action_choose_pack(self) -> None:
        from game.ui.screens.pack_screen import PackScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.pack_index = index
                self.rounds_dealt = 0
                if isinstance(self.screen, TitleScreen):
                    self.screen.refresh_pack()

        self.push_screen(PackScreen(self.packs, self.pack_index), chosen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        source = getattr(screen, "source_quote", None)
        if source is not None:
            yield SystemCommand(
                "Show sources", "Open the article at this answer's quote", self.action_open_reader
            )
        yield SystemCommand(
            "Read the article",
            "The whole article, every passage the game quotes highlighted",
            lambda: self.open_reader(None),
        )
        if getattr(screen, "run", None) is not None:
            yield SystemCommand(
                "Restart round", "Play this round again from its first question", self.action_restart_round
            )
        yield SystemCommand("New round", "Deal a new round of questions", self.action_start_quiz)
        yield SystemCommand(
            "Toggle high contrast", "White on black with yellow highlights", self.action_toggle_high_contrast
        )
        yield SystemCommand("Help", "Keys, scoring and how the game works", self.action_help)
        yield from super().get_system_commands(screen)


def make_app(
    *,
    packs: list[Pack],
    seed: int | None = None,
    count: int | None = None,
    mode: str = "quiz",
    time_limit: float | None = None,
    streak_bonus: bool = True,
    player: str | None = None,
    data_dir: Path | None = None,
    results_dir: Path | None = None,
    clock: Callable[[], datetime] | None = None,
    tz: tzinfo | None = None,
) -> QuoteboundApp:
    """Build the app; tests call this with their own packs.

    Args:
        packs: loaded packs; the first is offered first.
        seed: deal rounds from this seed (see the module docstring); random when None.
        count: questions per round (all when None).
        mode: ``story`` opens the scenario picker once the title screen is reached; ``quiz`` stays there.
        time_limit: seconds per question; a question not answered in time scores nothing.
        streak_bonus: award the streak bonus.
        player: the player's name; None asks at start (see ``QuoteboundApp.ASK_PLAYER``).
        data_dir: where progress is kept (default: ``QUOTEBOUND_DATA``, else the user data folder).
        results_dir: where class results are written (class play).
        clock: the time for progress records, due reviews and streaks (tests fix it); default: now.
        tz: the zone of calendar days in stats (tests pass UTC); default: the machine's.
    """
    return QuoteboundApp(
        packs=packs,
        seed=seed,
        count=count,
        start_mode=mode,
        time_limit=time_limit,
        streak_bonus=streak_bonus,
        player=player,
        data_dir=data_dir,
        results_dir=results_dir,
        clock=clock,
        tz=tz,
    )
