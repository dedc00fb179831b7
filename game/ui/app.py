"""The Textual app: ``make_app`` builds it with the packs to play; it owns navigation and the themes.

It is composed, not mixed in: :class:`~game.ui.parts.stories.Stories` (``app.stories``) and
:class:`~game.ui.parts.saving.Saving` (``app.saving``) hold story mode and progress; the app answers the
screens' :class:`~game.ui.host.GameHost` calls (the only ones screens may make) by handing them on.

Rounds are dealt here (:meth:`QuoteboundApp.new_run`); the screens show them. Seeds: with ``--seed N``
the first round uses ``N``, each new round ``N+1``, ``N+2``…, so a seeded session replays exactly;
without a seed every new round gets a fresh random one. "Restart round" replays the same deal from
the start; "Retake missed" keeps the round's seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen

from game.engine.content.loader import PackInfo
from game.engine.content.pack import Pack, QuoteRef
from game.engine.packs import PackShelf
from game.progress.records import Mode
from game.progress.service import UI_BUSY_TIMEOUT_MS, ProgressService
from game.startup import resume_gc
from game.ui.host import GameHost
from game.ui.parts.saving import Saving
from game.ui.parts.stories import Stories
from game.ui.screens.base import GameCommandPalette
from game.ui.screens.title_screen import TitleScreen
from game.ui.themes import DEFAULT_THEME, HIGH_CONTRAST_THEME, THEME_VARIABLE_DEFAULTS, THEMES


class QuoteboundApp(App[None]):
    """The game: a title menu, quiz rounds, stories, the article reader and help (see the module doc)."""

    CSS_PATH = "app.tcss"
    TITLE = "Quotebound"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit the game"),
        Binding("f1", "help", "Help", id="app.help", tooltip="How to play"),
    ]
    """ctrl+q quits from anywhere (even from a text box); F1 opens help."""

    CURSOR_BLINK: ClassVar[bool] = True
    """Whether text boxes blink their cursor (tests turn it off for stable snapshots)."""

    BUSY_TIMEOUT_MS: ClassVar[int] = UI_BUSY_TIMEOUT_MS
    """How long a save waits for another program's lock before the game plays on unsaved."""

    ASK_PLAYER: ClassVar[bool] = True
    """Ask who is playing at start when no ``--player`` was given (other features' tests turn it off)."""

    def __init__(
        self,
        *,
        packs: list[Pack] | PackShelf,
        pack_index: int = 0,
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
        """The game on ``packs`` (see :func:`make_app`).

        Args:
            packs: loaded packs, or a shelf of installed packs (each loaded when opened).
            pack_index: the pack offered first; with a shelf, it must be open already (it is loaded
                when the app reads it, and a pack that fails to load there would end the app).
            seed: deal rounds from this seed (see the module docstring); random when None.
            count: questions per round (all when None).
            start_mode: ``story`` opens the scenario picker once the title screen is reached; ``quiz`` stays.
            time_limit: seconds per question; a question not answered in time scores nothing.
            streak_bonus: award the streak bonus.
            player: the player's name; None asks at start (see ``QuoteboundApp.ASK_PLAYER``).
            data_dir: where progress is kept (default: ``QUOTEBOUND_DATA``, else the user data folder).
            results_dir: where class results are written (class play).
            clock: the time for progress records, due reviews and streaks (tests fix it); default: now.
            tz: the zone of calendar days in stats (tests pass UTC); default: the machine's.
        """
        if not len(packs):
            raise ValueError("the game needs at least one pack")
        super().__init__()
        self.shelf = packs if isinstance(packs, PackShelf) else PackShelf.of(packs)
        """The installed packs; each one's content is loaded when it is opened, then kept."""
        self.packs: list[PackInfo] = self.shelf.infos
        self.pack_index = pack_index
        """Which pack the title screen offers (opened already: see ``make_app``)."""
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
        self._start_theme(HIGH_CONTRAST_THEME if self.no_color else DEFAULT_THEME)
        self._theme_before_contrast = DEFAULT_THEME
        self.stories = Stories(self)
        self.saving = Saving(self, clock=clock, tz=tz)

    def _start_theme(self, name: str) -> None:
        """Start in theme ``name`` without Textual's theme watcher.

        ``self.theme = name`` here fired the watcher, which re-parsed every stylesheet source in a fresh
        object with no parse cache once the app started (10-12 ms), before the first screen parsed it
        all again. Nothing is parsed or styled yet, so what the watcher does (checked against 8.2.8)
        comes down to the app's theme classes and the stylesheet's variables. Both our themes are dark,
        as Textual's default is, so its ANSI colour filter already fits.
        """
        self.set_reactive(QuoteboundApp.theme, name)
        themes = {cls: False for cls in self.classes if cls.startswith("-theme-")}
        dark = self.current_theme.dark
        self.update_classes(
            {**themes, f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self.stylesheet.set_variables(self.get_css_variables())

    @property
    def progress(self) -> ProgressService:
        """The progress service (the one door to saved data)."""
        return self.saving.progress

    def on_mount(self) -> None:
        self.saving.start()  # the title screen asks who is playing as it is composed (Saving.greet)

    def on_ready(self) -> None:
        # The first layout is done: the collector, paused for the start (game.startup), runs again. For a
        # newcomer that layout is the hidden title's, just before "Who is playing?" is drawn; resuming
        # walks nothing, so it does not delay that frame.
        resume_gc()

    def on_unmount(self) -> None:
        self.progress.close()

    # --- state the screens read --------------------------------------------------------------

    @property
    def pack(self) -> Pack:
        """The pack being played."""
        return self.shelf.open(self.pack_index)

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
        from game.engine.quiz.run import QuizRun

        return QuizRun(self.pack, seed=self.next_seed(), count=self.count, streak_bonus=self.streak_bonus)

    def action_command_palette(self) -> None:
        # Textual checks whether the palette is the screen in front: with a palette open under another
        # screen (help pushed over it), ctrl+p pushed a duplicate "--command-palette" and killed the app
        # (tests/hardening/test_palette_races.py). Ask the whole stack instead.
        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(GameCommandPalette(id="--command-palette"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Our own variables, so any built-in theme picked from the palette still works.
        return dict(THEME_VARIABLE_DEFAULTS)

    @property
    def asks_player_first(self) -> bool:
        """Whether the game starts on the player screen ("Who is playing?"), over the title."""
        return not self.player and self.ASK_PLAYER

    def get_default_screen(self) -> Screen[Any]:
        return TitleScreen()

    # --- navigation ----------------------------------------------------------------------------

    def greet(self) -> None:
        self.saving.greet()

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

        if not self.saving.round_ready(run, mode, retry=lambda: self.show_round(run, mode=mode)):
            return
        self.back_to_title()
        self.push_screen(ReviewScreen(run) if mode == "review" else QuizScreen(run))
        self.saving.round_started(run, mode)

    def show_story(self, run: StoryRun) -> None:
        """Play ``run`` from its current scene, saved from the start (a resumed run is saved already)."""
        self.stories.show(run)
        self.progress.story_started(run)

    def start_scenario(self, scenario_id: str) -> None:
        """Play the current pack's scenario ``scenario_id`` from its start, unless its lint refuses it."""
        # Imported here: the lint walks every state, and starting the game must not pay for it.
        from game.authoring.storylint import check_scenario
        from game.engine.story.run import StoryRun

        run = StoryRun(self.pack, scenario_id)
        refusal = check_scenario(run.scenario)
        if refusal is not None:
            self.notify(refusal, title="Cannot play this scenario", severity="error", markup=False)
            return
        self.show_story(run)

    def open_reader(self, target: QuoteRef | None = None) -> None:
        """Show the article, at ``target`` when given."""
        from game.ui.screens.reader_screen import ReaderScreen

        self.push_screen(ReaderScreen(self.pack, target))

    def current_run(self) -> QuizRun | None:
        """The round the active screen shows, if any."""
        return getattr(self.screen, "run", None)

    # --- what the title screen shows ----------------------------------------------------------

    @property
    def saving_progress(self) -> bool:
        """Whether progress is being saved (a store and a named player)."""
        return self.progress.saving

    def player_line(self) -> Content:
        return self.saving.player_line()

    def resume_label(self) -> str | None:
        return self.saving.resume_label()

    def review_label(self) -> str:
        return self.saving.review_label()

    @property
    def can_switch_player(self) -> bool:
        return self.progress.store is not None

    # --- what rounds and stories report --------------------------------------------------------

    def round_answered(self, run: QuizRun) -> None:
        """An answer was given: commit it (and the round's state) before its feedback shows."""
        self.progress.answered(run)

    @property
    def class_play(self) -> bool:
        """A class round (``--results``): answers stand as judged, with no "I was right" override."""
        return self.results_dir is not None

    def round_overridden(self, run: QuizRun) -> None:
        """The player counted their last answer as right: save that."""
        self.progress.overridden(run)

    def round_finished(self, run: QuizRun) -> None:
        """The summary is about to show: finish the run, and write class results."""
        self.saving.round_finished(run)

    def round_left(self, run: QuizRun) -> None:
        """The player left mid-round (Esc, or quit): it stays resumable; a class gets what was answered."""
        self.saving.round_left(run)

    def leave_notice(self) -> str:
        return self.saving.leave_notice()

    def story_choice_made(self, run: StoryRun, outcome: StoryOutcome) -> None:
        """A choice was made (the run is already advanced): commit it with the story's state."""
        self.progress.story_choice(run, outcome)

    def story_ended(self, run: StoryRun) -> None:
        """The story reached an ending (before its feedback shows): remember it, finish the run, log it."""
        self.stories.ended(run)
        self.progress.story_ended(run)

    def story_left(self, run: StoryRun) -> None:
        """The player left a story before its end: what was chosen is saved; it stays resumable."""
        self.progress.round_left(run)

    def story_endings_found(self, scenario_id: str) -> set[str]:
        """Ending ids of the scenario the player has reached, saved or found this session."""
        return self.stories.endings_found(scenario_id) | self.progress.endings_found(self.pack, scenario_id)

    # --- actions -------------------------------------------------------------------------------

    def action_start_quiz(self) -> None:
        """Deal a new round and play it; first ask, when it would drop a paused round."""
        if not self.pack.questions:
            return
        paused = self.progress.unfinished(self.pack, modes=("quiz",))
        if not paused:
            self.show_round(self.new_run())
            return
        from game.ui.screens.replace_round_screen import ReplaceRoundScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self.show_round(self.new_run())

        self.push_screen(ReplaceRoundScreen(paused[0].label), answered)

    def action_open_reader(self) -> None:
        """Read the article (from a question under a time limit, not until it is answered)."""
        if self.time_limit is not None and getattr(self.screen, "awaiting_answer", False):
            self.notify("The article opens after you answer: this round is timed.", severity="warning")
            return
        self.open_reader(getattr(self.screen, "source_quote", None))

    def action_start_story(self) -> None:
        """Pick a scenario of the current pack to play."""
        self.stories.pick()

    def action_restart_story(self) -> None:
        """Play the scenario on show again from its start."""
        self.stories.restart()

    def action_start_review(self) -> None:
        """Play the questions due for review, as a round in review mode."""
        self.saving.start_review()

    def action_show_stats(self) -> None:
        self.saving.show_stats()

    def action_resume(self) -> None:
        self.saving.offer_resume()

    def action_switch_player(self) -> None:
        self.saving.ask_player()

    async def action_quit(self) -> None:
        """Quit; a round in progress stays resumable, and a class gets the answers given so far."""
        run = self.saving.live_round
        if run is not None and not run.finished:
            self.round_left(run)
        self.exit()

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
        from game.engine.quiz.run import QuizRun

        self.show_round(QuizRun.from_json(run.pack, state), mode=self.progress.mode_of(run) or "quiz")

    def action_choose_pack(self) -> None:
        from game.ui.screens.pack_screen import PackScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.pack_index = index
                self.rounds_dealt = 0
                self.progress.prune(self.pack)
                if isinstance(self.screen, TitleScreen):
                    self.screen.refresh_pack()

        # The picker opens the chosen pack (and says why one cannot open) before it dismisses.
        self.push_screen(PackScreen(self.shelf, self.pack_index), chosen)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from game.ui.parts.commands import palette_commands

        yield from palette_commands(self, screen, super().get_system_commands(screen))


def make_app(*, mode: str = "quiz", **options: Any) -> QuoteboundApp:
    """Build the app; tests call this with their own packs. ``options`` are :class:`QuoteboundApp`'s
    (``packs``, ``pack_index``, ``seed``, …, documented there); ``mode`` is its ``start_mode``."""
    return QuoteboundApp(start_mode=mode, **options)


if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryOutcome, StoryRun

    # mypy proves the app gives screens everything GameHost promises.
    def _host(app: QuoteboundApp) -> GameHost:
        return app
