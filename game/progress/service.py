"""`ProgressService`: the one door front ends use to saved data, while the player plays.

One service per process, owned by the TUI app (or the plain mode). It wraps a
:class:`~game.store.db.ProgressStore` that may be missing (locked, newer schema, unreadable folder, or a
guest player): every method then does nothing and play goes on, which is why the front ends never check.

The service itself opens the store, knows the player and stops saving on the first failed write. Its parts,
each in its own module, do the rest:

* ``runs`` (:mod:`game.progress.runs`): a round's or a story's life, written as it is played;
* ``resumes`` (:mod:`game.progress.resume`): unfinished runs offered, restored and continued;
* ``review`` (:mod:`game.progress.review`): the review queue, scheduled by :mod:`game.progress.schedule`;
* class results (:mod:`game.progress.class_results`) and the stats figures (:mod:`game.progress.figures`).

The methods below are what the front ends call; each hands over to its part.

A write that fails mid-session (another program took the lock, the disk filled) turns saving off for the
rest of the session and reports once through ``on_problem``: a frozen or crashing game is worse than an
unsaved one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.content.pack import Pack
from game.engine.content.text import clean_text
from game.progress.records import Mode, Notice, Resumable, SavedResults
from game.progress.resume import ALL_MODES, ResumeList
from game.progress.review import ReviewQueue, replay_if_pending
from game.progress.runs import RunKeeper
from game.store.db import NewerSchemaError, Player, ProgressStore, StoreError

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryOutcome, StoryRun
    from game.progress.figures import PlayerFigures

Clock = Callable[[], datetime]

UI_BUSY_TIMEOUT_MS = 2000
"""How long a write waits for another program's lock: long enough for a second copy of the game to finish
its one-answer transaction, short enough not to freeze a screen."""
NAME_LIMIT = 40
"""Longest player name kept (characters)."""
NOT_SAVING = "Playing on without saving progress."


def utc_now() -> datetime:
    return datetime.now(UTC)


def clean_name(name: str) -> str:
    """A typed player name made safe to store and show: no control characters, spaces folded, trimmed."""
    return " ".join(clean_text(name).split())[:NAME_LIMIT].strip()


class ProgressService:
    """Progress for one player at a time, written as they play (see the module docstring).

    Attributes:
        store: The open store, or None when progress is not being saved.
        player: The store's record of the player, or None (a guest, or no store).
        notices: What happened at open (a damaged file set aside, a locked or newer file); show them once.
        on_problem: Called with a message when a write fails and saving stops.
        runs, resumes, review: the parts (see the module docstring).
    """

    def __init__(
        self,
        store: ProgressStore | None,
        *,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        notices: Iterable[Notice] = (),
        fuzz: bool = False,
    ) -> None:
        self.store = store
        self.fuzz = fuzz
        """Let FSRS spread review intervals at random (the game without ``--seed``); off for tests."""
        self.clock: Clock = clock or utc_now
        self.tz = tz
        """Zone for calendar days in stats (None: the machine's)."""
        self.player: Player | None = None
        self.notices: list[Notice] = list(notices)
        self.on_problem: Callable[[str], None] | None = None
        self.runs = RunKeeper(self)
        self.resumes = ResumeList(self)
        self.review = ReviewQueue(self)

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        busy_timeout_ms: int = UI_BUSY_TIMEOUT_MS,
        fuzz: bool = False,
    ) -> ProgressService:
        """Open the progress database in ``data_dir`` (override > ``QUOTEBOUND_DATA`` > platform folder).

        Never raises for a database problem: the service then runs without a store and ``notices`` says why.
        """
        clock = clock or utc_now
        notices: list[Notice] = []
        store: ProgressStore | None = None
        try:
            store = ProgressStore(data_dir, busy_timeout_ms=busy_timeout_ms, now=clock())
        except NewerSchemaError as exc:
            notices.append(Notice(f"{exc}. {NOT_SAVING} Update quotebound to keep your progress.", "error"))
        except (StoreError, OSError) as exc:  # StoreLockedError included
            notices.append(Notice(f"Progress not available: {exc}. {NOT_SAVING}", "error"))
        else:
            if store.recovered_from is not None:
                notices.append(
                    Notice(
                        f"Your progress file was damaged ({store.recovery_reason}). It was moved to "
                        f"{store.recovered_from.name} (nothing was deleted) and a fresh one was started.",
                        "warning",
                    )
                )
        service = cls(store, clock=clock, tz=tz, notices=notices, fuzz=fuzz)
        if store is not None:
            with service.guard():
                replay_if_pending(store)
        return service

    @property
    def saving(self) -> bool:
        """Whether answers are being written now (a store and a player)."""
        return self.store is not None and self.player is not None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Around store calls: a `StoreError` stops saving and is reported once, never raised."""
        try:
            yield
        except StoreError as exc:
            store, self.store = self.store, None
            if store is not None:
                with suppress(Exception):  # closing a broken connection must not hide the first error
                    store.close()
            message = f"Progress could not be saved: {exc}. {NOT_SAVING}"
            if self.on_problem is not None:
                self.on_problem(message)
            else:
                self.notices.append(Notice(message, "error"))

    # --- players ---------------------------------------------------------------------------------

    def players(self) -> list[Player]:
        """Everyone who has played on this machine, alphabetically."""
        store = self.store
        if store is not None:
            with self.guard():
                return store.list_players()
        return []

    def use_player(self, name: str | None) -> Player | None:
        """Play as ``name`` (created if new); None or a blank name is a guest, whose answers are not kept.

        Class results still carry the name when there is no store; this only decides what is saved.
        """
        self.player = None
        clean = clean_name(name or "")
        store = self.store
        if clean and store is not None:
            with self.guard():
                self.player = store.ensure_player(clean, now=self.clock())
        return self.player

    # --- runs (game.progress.runs) ---------------------------------------------------------------

    def mode_of(self, run: QuizRun | StoryRun) -> Mode | None:
        return self.runs.mode_of(run)

    def started_at(self, run: QuizRun | StoryRun) -> datetime:
        return self.runs.started_at(run)

    def is_tracked(self, run: QuizRun | StoryRun) -> bool:
        return self.runs.is_tracked(run)

    def round_started(self, run: QuizRun, mode: Mode = "quiz") -> None:
        self.runs.round_started(run, mode)

    def answered(self, run: QuizRun) -> None:
        self.runs.answered(run)

    def overridden(self, run: QuizRun) -> None:
        self.runs.overridden(run)

    def round_finished(self, run: QuizRun) -> bool:
        return self.runs.round_finished(run)

    def round_left(self, run: QuizRun | StoryRun) -> None:
        self.runs.round_left(run)

    def story_started(self, run: StoryRun) -> None:
        self.runs.story_started(run)

    def story_choice(self, run: StoryRun, outcome: StoryOutcome | None = None) -> None:
        self.runs.story_choice(run, outcome)

    def story_ended(self, run: StoryRun) -> bool:
        return self.runs.story_ended(run)

    def endings_found(self, pack: Pack, scenario_id: str) -> set[str]:
        """Ending ids of ``scenario_id`` the player has reached (empty for a guest)."""
        store, player = self.store, self.player
        if store is not None and player is not None:
            with self.guard():
                return set(store.endings_found(player, pack.id).get(scenario_id, set()))
        return set()

    # --- resume (game.progress.resume) -----------------------------------------------------------

    def unfinished(self, pack: Pack, *, modes: Iterable[Mode] = ALL_MODES) -> list[Resumable]:
        return self.resumes.unfinished(pack, modes=modes)

    def resume(self, resumable: Resumable) -> QuizRun | StoryRun:
        return self.resumes.resume(resumable)

    def abandon(self, resumable: Resumable) -> None:
        self.resumes.abandon(resumable)

    # --- review (game.progress.review) and stats -------------------------------------------------

    def prune(self, pack: Pack) -> int:
        return self.review.prune(pack)

    def due(self, pack: Pack) -> list[str]:
        return self.review.due(pack)

    def due_count(self, pack: Pack) -> int:
        return self.review.due_count(pack)

    def figures(self, pack: Pack) -> PlayerFigures | None:
        """The stats of the player on ``pack`` (None for a guest or without a store)."""
        store, player = self.store, self.player
        if store is not None and player is not None:
            with self.guard():
                # Imported here: only the stats screen and command need the figures.
                from game.progress.figures import gather

                return gather(store, player, [pack], now=self.clock(), tz=self.tz, keep_empty=True)
        return None

    # --- class results (game.progress.class_results) ---------------------------------------------

    def write_class_results(
        self,
        run: QuizRun,
        *,
        results_dir: Path,
        player: str,
        time_limit: float | None,
        fallback_dir: str | os.PathLike[str] | None = None,
    ) -> SavedResults:
        """Write the round's results file for the teacher (see :func:`~.class_results.save_results`)."""
        from game.progress.class_results import save_results

        return save_results(
            run,
            results_dir=results_dir,
            player=player,
            started=self.started_at(run),
            finished=self.clock(),
            time_limit=time_limit,
            fallback_dir=fallback_dir,
        )
