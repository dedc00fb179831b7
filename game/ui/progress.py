"""`ProgressMixin`: the app's side of progress: who is playing, resume, review, stats and class results.

The app owns one :class:`~game.progress.service.ProgressService` (``app.progress``); screens never touch the
store. The flow at start (:meth:`ProgressMixin.start_progress`, run when the app mounts):

1. open the database (a damaged file set aside, a locked or newer one: a notification, play goes on unsaved);
2. ``--player NAME``, or else the player screen (pick a name, type a new one, or Esc to play as a guest);
3. if the player has unfinished runs of the pack, the resume screen: resume one, or start fresh;
4. the title screen, which shows the player and offers Resume, Review (N due) and Stats.

Hooks the screens call (each is a no-op when nothing is being saved):
``round_answered`` / ``round_finished`` / ``round_left`` from the quiz screen, ``story_started`` /
``story_choice_made`` / ``story_ended`` / ``story_left`` / ``story_endings_found`` from the story screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.content import Content
from textual.screen import Screen

from game.engine.quiz.run import QuizRun
from game.engine.story.run import StoryOutcome, StoryRun
from game.progress.records import Mode, Notice, Resumable
from game.progress.service import UI_BUSY_TIMEOUT_MS, ProgressService, clean_name
from game.ui.story_actions import StoryActions

if TYPE_CHECKING:
    from pathlib import Path

    from game.engine.content.loader import Pack


class ProgressMixin(StoryActions):
    """Progress features of :class:`~game.ui.app.QuoteboundApp` (see the module docstring).

    It extends :class:`~game.ui.story_actions.StoryActions` because it fills in that mixin's story hooks
    (``class QuoteboundApp(ProgressMixin, App[None])``).
    """

    if TYPE_CHECKING:
        # Provided by QuoteboundApp.
        packs: list[Pack]
        player: str | None
        data_dir: Path | None
        results_dir: Path | None
        time_limit: float | None
        streak_bonus: bool

        def next_seed(self) -> int | None: ...

        def show_round(self, run: QuizRun, *, mode: Mode = "quiz") -> None: ...

    BUSY_TIMEOUT_MS: ClassVar[int] = UI_BUSY_TIMEOUT_MS
    """How long a save waits for another program's lock before the game plays on unsaved."""

    ASK_PLAYER: ClassVar[bool] = True
    """Ask who is playing at start when no ``--player`` was given (other features' tests turn it off)."""

    progress: ProgressService
    """The progress service; without a store until the app mounts."""

    def init_progress(self, *, clock: Callable[[], datetime] | None, tz: tzinfo | None) -> None:
        """Set up before the app runs (called from the app's ``__init__``)."""
        self.progress = ProgressService(None, clock=clock, tz=tz)
        self._progress_opened = False
        self._live_round: QuizRun | None = None
        """The round being played (for class results when the player quits mid-round)."""

    # --- start -------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        # Textual calls the Mount handler of every class in the MRO, so this runs beside the app's own.
        self.start_progress()

    def on_unmount(self) -> None:
        self.progress.close()

    def start_progress(self) -> None:
        """Open the database, then find out who is playing (see the module docstring)."""
        if self._progress_opened:
            return
        self._progress_opened = True
        service = ProgressService.open(
            self.data_dir,
            clock=self.progress.clock,
            tz=self.progress.tz,
            busy_timeout_ms=self.BUSY_TIMEOUT_MS,
        )
        service.on_problem = self._progress_problem
        self.progress = service
        for pack in self.packs:
            service.prune(pack)
        self._tell(service.notices)
        if self.player:
            self.player_chosen(self.player)
        elif self.ASK_PLAYER:
            self.ask_player()

    def _progress_problem(self, message: str) -> None:
        self.notify(message, title="Progress", severity="error", timeout=12, markup=False)
        self._refresh_title()

    def _tell(self, notices: list[Notice]) -> None:
        for notice in notices:
            self.notify(notice.message, title="Progress", severity=notice.severity, timeout=12, markup=False)
        notices.clear()

    def _refresh_title(self) -> None:
        from game.ui.screens.title_screen import TitleScreen

        # At start the title is not built yet; it reads the player when it mounts.
        if isinstance(self.screen, TitleScreen) and self.screen.is_mounted:
            self.screen.refresh_pack()

    # --- players -----------------------------------------------------------------------------------

    def ask_player(self, then: Callable[[], None] | None = None) -> None:
        """Show the player screen; ``then`` runs once a name is chosen (for a class round: not as a guest)."""
        from game.ui.screens.player_screen import PlayerScreen

        def chosen(name: str | None) -> None:
            if then is None:
                self.player_chosen(name)
            elif name:
                self.player_chosen(name, offer_resume=False)
                then()

        names = [p.name for p in self.progress.players()]
        self.push_screen(
            PlayerScreen(
                names,
                current=self.player,
                for_results=then is not None,
                saving=self.progress.store is not None,
            ),
            chosen,
        )

    def player_chosen(self, name: str | None, *, offer_resume: bool = True) -> None:
        """Play as ``name`` (None: a guest), then offer that player's unfinished runs."""
        self.player = clean_name(name or "") or None
        self.progress.use_player(self.player)
        self._tell(self.progress.notices)
        self._refresh_title()
        if offer_resume:
            self.offer_resume(at_start=True)

    def player_line(self) -> Content:
        """The title screen's line on who is playing and whether it is saved."""
        if self.player is None:
            return Content.assemble(("Guest", "bold"), ": progress is not saved")
        name = Content.assemble(("Player: ", "dim"), (self.player, "bold"))
        if not self.progress.saving:
            return Content.assemble(name, "  (progress is not saved)")
        return name

    def action_switch_player(self) -> None:
        self.ask_player()

    # --- resume ------------------------------------------------------------------------------------

    def offer_resume(self, *, at_start: bool = False) -> None:
        """Offer the player's unfinished runs of the pack: resume one, or start fresh."""
        from game.ui.screens.resume_screen import ResumeScreen

        items = self.progress.unfinished(self.pack)
        self._tell(self.progress.notices)
        if not items:
            if not at_start:
                self.notify("Nothing to resume.", markup=False)
            return

        def chosen(choice: Resumable | str | None) -> None:
            if isinstance(choice, Resumable):
                self.resume_run(choice)
            elif choice == ResumeScreen.FRESH:
                for item in items:
                    self.progress.abandon(item)
                self._refresh_title()

        self.push_screen(ResumeScreen(items, player=self.player or "", tz=self.progress.tz), chosen)

    def resume_label(self) -> str:
        """The title menu's Resume entry."""
        items = self.progress.unfinished(self.pack)
        return items[0].label if len(items) == 1 else f"Resume ({len(items)} unfinished)"

    def has_unfinished(self) -> bool:
        return self.progress.unfinished_count(self.pack) > 0

    def action_resume(self) -> None:
        self.offer_resume()

    def resume_run(self, item: Resumable) -> None:
        """Continue an unfinished run exactly where it stopped, on the screen it needs."""
        run = self.progress.resume(item)
        if isinstance(run, StoryRun):
            self.show_story(run)
            if run.finished:  # stopped between its last choice and the ending's bookkeeping
                self.progress.story_ended(run)
        else:
            self.show_round(run, mode=item.mode)

    # --- quiz rounds -------------------------------------------------------------------------------

    def round_ready(self, run: QuizRun, mode: Mode, retry: Callable[[], None]) -> bool:
        """Check a class round can start: the results folder works, and the player has a name.

        Returns:
            False when the round must wait (``retry`` is called once a name is typed) or cannot start.
        """
        if self.results_dir is None or mode != "quiz" or self.progress.is_tracked(run):
            return True
        try:
            from game.progress.class_results import prepare_folder  # class play only

            prepare_folder(self.results_dir)
        except OSError as exc:
            self.notify(
                f"Cannot write results to {self.results_dir}: {exc.strerror or exc}. Ask your teacher.",
                title="Class results",
                severity="error",
                timeout=12,
                markup=False,
            )
            return False
        if not self.player:
            self.ask_player(then=retry)
            return False
        return True

    def round_started(self, run: QuizRun, mode: Mode) -> None:
        """The round's first question is on screen: save it (a resumed round is saved already)."""
        self.progress.round_started(run, mode)
        self._live_round = run

    def round_answered(self, run: QuizRun) -> None:
        """An answer was given: commit it (and the round's state) before its feedback shows."""
        self.progress.answered(run)

    def round_finished(self, run: QuizRun) -> None:
        """The summary is about to show: finish the run, and write class results."""
        if run is self._live_round:
            self._live_round = None
        if self.progress.round_finished(run):
            self._write_results(run)

    def round_left(self, run: QuizRun) -> None:
        """The player left mid-round (Esc, or quit): it stays resumable; a class gets what was answered."""
        if run is self._live_round:
            self._live_round = None
        self.progress.round_left(run)
        if run.records and not run.finished:
            self._write_results(run)

    def leave_notice(self) -> str:
        """What Esc on a question warns of."""
        if self.progress.saving:
            return "Press Esc again to leave this round. Your answers are kept: resume it from the title."
        return "Press Esc again to leave this round (its answers are not kept)."

    def _write_results(self, run: QuizRun) -> None:
        if self.results_dir is None or self.progress.mode_of(run) != "quiz":
            # Review rounds are a player's own practice: a class report would count them as rounds.
            return
        saved = self.progress.write_class_results(
            run,
            results_dir=self.results_dir,
            player=self.player or "anonymous",
            time_limit=self.time_limit,
            fallback_dir=self.data_dir,
        )
        self._tell(saved.notices)

    async def action_quit(self) -> None:
        """Quit; a round in progress stays resumable, and a class gets the answers given so far."""
        run = self._live_round
        if run is not None and not run.finished:
            self.round_left(run)
        self.exit()

    # --- review ------------------------------------------------------------------------------------

    def review_label(self) -> str:
        return f"Review ({self.progress.due_count(self.pack)} due)"

    def action_start_review(self) -> None:
        """Play the questions due for review, as a round in review mode."""
        due = self.progress.due(self.pack)
        if not due:
            self.notify("Nothing is due for review. Questions you miss come back here.")
            return
        run = QuizRun(self.pack, seed=self.next_seed(), question_ids=due, streak_bonus=self.streak_bonus)
        self.show_round(run, mode="review")

    # --- stats -------------------------------------------------------------------------------------

    def action_show_stats(self) -> None:
        from game.ui.screens.stats_screen import StatsScreen

        self.push_screen(StatsScreen(self.pack, self.progress.figures(self.pack), tz=self.progress.tz))

    # --- stories (hooks the story screens call) -----------------------------------------------------

    def show_story(self, run: StoryRun) -> None:
        """Play ``run`` from its current scene, saved from the start (a resumed run is saved already)."""
        super().show_story(run)
        self.progress.story_started(run)

    def story_choice_made(self, run: StoryRun, outcome: StoryOutcome) -> None:
        """A choice was made (the run is already advanced): commit it with the story's state."""
        super().story_choice_made(run, outcome)
        self.progress.story_choice(run, outcome)

    def story_ended(self, run: StoryRun) -> None:
        """The story reached an ending: finish the run and log the ending (kept for the session too)."""
        super().story_ended(run)
        self.progress.story_ended(run)

    def story_left(self, run: StoryRun) -> None:
        """The player left a story before its end: what was chosen is saved; it stays resumable."""
        self.progress.round_left(run)

    def story_endings_found(self, scenario_id: str) -> set[str]:
        """Ending ids of the scenario the player has reached, saved or found this session."""
        return super().story_endings_found(scenario_id) | self.progress.endings_found(self.pack, scenario_id)

    # --- palette -----------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if self.progress.saving:
            yield SystemCommand(
                "Review mistakes", "Play the questions due for review", self.action_start_review
            )
            yield SystemCommand("Stats", "Accuracy, topics, streaks and history", self.action_show_stats)
        if self.progress.store is not None:
            yield SystemCommand("Switch player", "Play under another name", self.action_switch_player)
        yield from super().get_system_commands(screen)
