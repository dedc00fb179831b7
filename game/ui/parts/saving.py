"""The app's side of progress: who is playing, saving as they play, resume, review, stats, class results.

:class:`Saving` owns the one :class:`~game.progress.service.ProgressService` (``app.progress``); screens
never touch it. The flow at start:

1. open the database (a damaged file set aside, a locked or newer one: a notification, play goes on unsaved),
   when the app mounts (:meth:`Saving.start`);
2. ``--player NAME``, or else the player screen (pick a name, type a new one, or Esc to play as a guest),
   when the title screen is composed (:meth:`Saving.greet`);
3. if the player has unfinished runs of the pack, the resume screen: resume one, or start fresh;
4. the title screen, which shows the player and offers Resume, Review (N due) and Stats.

Each method is a no-op when nothing is being saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.content import Content

from game.progress.records import Mode, Notice, Resumable
from game.progress.service import ProgressService, clean_name

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.ui.app import QuoteboundApp


class Saving:
    """Progress features of the app (see the module docstring)."""

    def __init__(
        self, app: QuoteboundApp, *, clock: Callable[[], datetime] | None, tz: tzinfo | None
    ) -> None:
        self.app = app
        self.progress = ProgressService(None, clock=clock, tz=tz)
        """The progress service; without a store until the app mounts."""
        self._opened = False
        self.live_round: QuizRun | None = None
        """The round being played (for class results when the player quits mid-round)."""

    # --- start -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the database (see the module docstring)."""
        if self._opened:
            return
        self._opened = True
        app = self.app
        service = ProgressService.open(
            app.data_dir,
            clock=self.progress.clock,
            tz=self.progress.tz,
            busy_timeout_ms=app.BUSY_TIMEOUT_MS,
            fuzz=app.seed is None,  # a seeded session replays exactly, review dates included
        )
        service.on_problem = self._problem
        self.progress = service
        for pack in app.shelf.opened():  # a pack opened later is pruned when it is chosen
            service.prune(pack)
        self.tell(service.notices)

    def greet(self) -> None:
        """Find out who is playing, then offer their unfinished runs: the screens a game starts on.

        Called as the title screen (the bottom of the stack) is composed, not from the app's
        ``on_mount``: Textual (8.2.8) runs the app's compose and mount inside a batch update, drops any
        frame it is given meanwhile, and waits there for a screen pushed then to mount. "Who is
        playing?" was thus built, laid out and rendered for nothing, and shown only after the start,
        laid out and rendered again (tests/ui/test_start_frames.py). The title is composed once the
        app's start is over.
        """
        app = self.app
        if app.asks_player_first:
            self.ask_player()
        elif app.player:
            self.player_chosen(app.player)

    def _problem(self, message: str) -> None:
        self.app.notify(message, title="Progress", severity="error", timeout=12, markup=False)
        self.refresh_title()

    def tell(self, notices: list[Notice]) -> None:
        """Notify each notice once."""
        for notice in notices:
            self.app.notify(
                notice.message, title="Progress", severity=notice.severity, timeout=12, markup=False
            )
        notices.clear()

    def refresh_title(self) -> None:
        from game.ui.screens.title_screen import TitleScreen

        screen = self.app.screen
        # At start the title is not built yet; it reads the player when it mounts.
        if isinstance(screen, TitleScreen) and screen.is_mounted:
            screen.refresh_pack()

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
        screen = PlayerScreen(
            names,
            current=self.app.player,
            for_results=then is not None,
            saving=self.progress.store is not None,
        )
        self.app.push_screen(screen, chosen)

    def player_chosen(self, name: str | None, *, offer_resume: bool = True) -> None:
        """Play as ``name`` (None: a guest), then offer that player's unfinished runs."""
        self.app.player = clean_name(name or "") or None
        self.progress.use_player(self.app.player)
        self.tell(self.progress.notices)
        self.refresh_title()
        if offer_resume:
            self.offer_resume(at_start=True)

    def player_line(self) -> Content:
        """The title screen's line on who is playing and whether it is saved."""
        player = self.app.player
        if player is None:
            return Content.assemble(("Guest", "bold"), ": progress is not saved")
        name = Content.assemble(("Player: ", "dim"), (player, "bold"))
        if not self.progress.saving:
            return Content.assemble(name, "  (progress is not saved)")
        return name

    # --- resume ------------------------------------------------------------------------------------

    def offer_resume(self, *, at_start: bool = False) -> None:
        """Offer the player's unfinished runs of the pack: resume one, or start fresh."""
        app = self.app
        items = self.progress.unfinished(app.pack)
        self.tell(self.progress.notices)
        if not items:
            if not at_start:
                app.notify("Nothing to resume.", markup=False)
            return
        # Imported only now: a returning player with nothing unfinished starts without it.
        from game.ui.screens.resume_screen import ResumeScreen

        def chosen(choice: Resumable | str | None) -> None:
            if isinstance(choice, Resumable):
                self.resume_run(choice)
            elif choice == ResumeScreen.FRESH:
                for item in items:
                    self.progress.abandon(item)
                self.refresh_title()

        app.push_screen(ResumeScreen(items, player=app.player or "", tz=self.progress.tz), chosen)

    def resume_label(self) -> str | None:
        """The title menu's Resume entry; None when nothing is unfinished. One restore of the runs decides
        both (the menu asked twice, restoring every run each time); restoring is what tells, since counting
        rows alone showed a Resume entry that then listed nothing."""
        items = self.progress.unfinished(self.app.pack)
        if not items:
            return None
        return items[0].label if len(items) == 1 else f"Resume ({len(items)} unfinished)"

    def resume_run(self, item: Resumable) -> None:
        """Continue an unfinished run exactly where it stopped, on the screen it needs."""
        run = self.progress.resume(item)
        from game.engine.story.run import StoryRun

        if isinstance(run, StoryRun):
            self.app.show_story(run)
            if run.finished:  # stopped between its last choice and the ending's bookkeeping
                self.progress.story_ended(run)
        else:
            self.app.show_round(run, mode=item.mode)

    # --- quiz rounds -------------------------------------------------------------------------------

    def round_ready(self, run: QuizRun, mode: Mode, retry: Callable[[], None]) -> bool:
        """Check a class round can start: the results folder works, and the player has a name.

        Returns:
            False when the round must wait (``retry`` is called once a name is typed) or cannot start.
        """
        app = self.app
        if app.results_dir is None or mode != "quiz" or self.progress.is_tracked(run):
            return True
        try:
            from game.progress.class_results import prepare_folder  # class play only

            prepare_folder(app.results_dir)
        except OSError as exc:
            app.notify(
                f"Cannot write results to {app.results_dir}: {exc.strerror or exc}. Ask your teacher.",
                title="Class results",
                severity="error",
                timeout=12,
                markup=False,
            )
            return False
        if not app.player:
            self.ask_player(then=retry)
            return False
        return True

    def round_started(self, run: QuizRun, mode: Mode) -> None:
        """The round's first question is on screen: save it (a resumed round is saved already)."""
        self.progress.round_started(run, mode)
        self.live_round = run

    def round_finished(self, run: QuizRun) -> None:
        """The summary is about to show: finish the run, and write class results."""
        if run is self.live_round:
            self.live_round = None
        if self.progress.round_finished(run):
            self._write_results(run)

    def round_left(self, run: QuizRun) -> None:
        """The player left mid-round (Esc, or quit): it stays resumable; a class gets what was answered."""
        if run is self.live_round:
            self.live_round = None
        self.progress.round_left(run)
        if run.records and not run.finished:
            self._write_results(run)

    def leave_notice(self) -> str:
        """What Esc on a question warns of."""
        if self.progress.saving:
            return "Press Esc again to leave this round. Your answers are kept: resume it from the title."
        return "Press Esc again to leave this round (its answers are not kept)."

    def _write_results(self, run: QuizRun) -> None:
        app = self.app
        if app.results_dir is None or self.progress.mode_of(run) != "quiz":
            # Review rounds are a player's own practice: a class report would count them as rounds.
            return
        saved = self.progress.write_class_results(
            run,
            results_dir=app.results_dir,
            player=app.player or "anonymous",
            time_limit=app.time_limit,
            fallback_dir=app.data_dir,
        )
        self.tell(saved.notices)

    # --- review and stats --------------------------------------------------------------------------

    def review_label(self) -> str:
        return f"Review ({self.progress.due_count(self.app.pack)} due)"

    def start_review(self) -> None:
        """Play the questions due for review, as a round in review mode."""
        app = self.app
        due = self.progress.due(app.pack)
        if not due:
            app.notify("Nothing is due for review. Questions you miss come back here.")
            return
        from game.engine.quiz.run import QuizRun

        run = QuizRun(app.pack, seed=app.next_seed(), question_ids=due, streak_bonus=app.streak_bonus)
        app.show_round(run, mode="review")

    def show_stats(self) -> None:
        from game.ui.screens.stats_screen import StatsScreen

        app = self.app
        app.push_screen(StatsScreen(app.pack, self.progress.figures(app.pack), tz=self.progress.tz))

    def system_commands(self) -> Iterable[SystemCommand]:
        app = self.app
        if self.progress.saving:
            yield SystemCommand(
                "Review mistakes", "Play the questions due for review", app.action_start_review
            )
            yield SystemCommand("Stats", "Accuracy, topics, streaks and history", app.action_show_stats)
        if self.progress.store is not None:
            yield SystemCommand("Switch player", "Play under another name", app.action_switch_player)
