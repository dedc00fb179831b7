"""`ProgressService`: what a front end calls as the player plays, turned into durable progress.

One service per process, owned by the TUI app (or the plain mode). It wraps a
:class:`~game.store.db.ProgressStore` that may be missing (locked, newer schema, unreadable folder, or a
guest player): every method then does nothing and play goes on, which is why the front ends never check.

When things are written (each call commits before it returns, so ``kill -9`` loses nothing answered):

* :meth:`round_started` (the first question is on screen): ``start_run`` with the dealt round's state.
  Other unfinished runs of the same pack and mode (the same scenario, for stories) are abandoned then: a
  player has one resumable round of each kind, and starting a new one is the player's choice to drop it.
* :meth:`answered` (each answer, before its feedback shows): ``record_answer`` with the state after it,
  then ``review_result`` so a miss enters the Leitner queue at once.
* :meth:`round_finished` (the summary): ``finish_run`` with the final score.
* :meth:`round_left` (Esc, quit, end of input): nothing to write: the run stays active, so it is offered
  for resume next time.
* :meth:`story_choice` / :meth:`story_ended`: the same for a story; the ending reached is logged.

A write that fails mid-session (another program took the lock, the disk filled) turns saving off for the
rest of the session and reports once through ``on_problem``: a frozen or crashing game is worse than an
unsaved one.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from game.engine.content.loader import Pack
from game.engine.content.text import clean_text
from game.engine.quiz.run import QuizRun
from game.engine.story.run import StoryOutcome, StoryRun
from game.store.db import NewerSchemaError, Player, ProgressStore, StoreError, StoreLockedError
from game.store.paths import data_dir as resolve_data_dir
from game.store.records import Mode, RunInfo, parse_ts

if TYPE_CHECKING:
    from game.progress.figures import PlayerFigures

Clock = Callable[[], datetime]
Severity = Literal["information", "warning", "error"]

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


@dataclass(frozen=True)
class Notice:
    """Something the player should be told (the TUI notifies it, the plain mode prints it)."""

    message: str
    severity: Severity = "warning"


@dataclass(frozen=True)
class Resumable:
    """An unfinished run, checked against the pack and restored, ready to continue."""

    info: RunInfo
    run: QuizRun | StoryRun
    label: str
    """``Resume round (3/7 answered)``."""
    started: datetime

    @property
    def mode(self) -> Mode:
        return self.info.mode


@dataclass
class _Tracked:
    run_id: int
    mode: Mode
    started: datetime
    saved: int
    """Answers (or story choices) already written."""
    done: bool = False


@dataclass
class SavedResults:
    """Where a class results file went, and what the player should hear about it."""

    path: Path | None
    notices: list[Notice] = field(default_factory=list)


class ProgressService:
    """Progress for one player at a time, written as they play (see the module docstring for when).

    Attributes:
        store: The open store, or None when progress is not being saved.
        player: The store's record of the player, or None (a guest, or no store).
        notices: What happened at open (a damaged file set aside, a locked or newer file); show them once.
        on_problem: Called with a message when a write fails and saving stops.
    """

    def __init__(
        self,
        store: ProgressStore | None,
        *,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        notices: Iterable[Notice] = (),
    ) -> None:
        self.store = store
        self.clock: Clock = clock or utc_now
        self.tz = tz
        """Zone for calendar days in stats (None: the machine's)."""
        self.player: Player | None = None
        self.notices: list[Notice] = list(notices)
        self.on_problem: Callable[[str], None] | None = None
        self._runs: weakref.WeakKeyDictionary[QuizRun | StoryRun, _Tracked] = weakref.WeakKeyDictionary()

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        busy_timeout_ms: int = UI_BUSY_TIMEOUT_MS,
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
        except StoreLockedError as exc:
            notices.append(Notice(f"Progress not available: {exc}. {NOT_SAVING}", "error"))
        except (StoreError, OSError) as exc:
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
        return cls(store, clock=clock, tz=tz, notices=notices)

    @property
    def saving(self) -> bool:
        """Whether answers are being written now (a store and a player)."""
        return self.store is not None and self.player is not None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    @contextmanager
    def _guard(self) -> Iterator[None]:
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
            with self._guard():
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
            with self._guard():
                self.player = store.ensure_player(clean, now=self.clock())
        return self.player

    # --- quiz rounds -----------------------------------------------------------------------------

    def mode_of(self, run: QuizRun | StoryRun) -> Mode | None:
        """The mode a tracked run is saved under (None: not tracked)."""
        tracked = self._runs.get(run)
        return tracked.mode if tracked is not None else None

    def started_at(self, run: QuizRun | StoryRun) -> datetime:
        """When the run began (its first start, for a resumed run); now if it is not tracked."""
        tracked = self._runs.get(run)
        return tracked.started if tracked is not None else self.clock()

    def is_tracked(self, run: QuizRun | StoryRun) -> bool:
        return run in self._runs

    def _start(self, run: QuizRun | StoryRun, mode: Mode, scenario_id: str | None) -> _Tracked:
        started = self.clock()
        done = len(run.path) if isinstance(run, StoryRun) else len(run.records)
        # Tracked even when nothing is saved: class results need the start time either way.
        self._runs[run] = tracked = _Tracked(-1, mode, started, done)
        store, player = self.store, self.player
        if store is None or player is None:
            return tracked
        state = _dump(run.to_json())
        with self._guard():
            if isinstance(run, StoryRun):
                tracked.run_id = store.start_run(player, run.pack.id, mode, None, state, 0, now=started)
            else:
                seed, total = run.seed, len(run.order)
                tracked.run_id = store.start_run(player, run.pack.id, mode, seed, state, total, now=started)
            for info in store.unfinished_runs(player, run.pack.id):
                if info.id == tracked.run_id or info.mode != mode:
                    continue
                if scenario_id is not None and _scenario_of(store.run_state(info.id)) != scenario_id:
                    continue
                store.abandon_run(info.id, now=started)
        return tracked

    def round_started(self, run: QuizRun, mode: Mode = "quiz") -> None:
        """A newly dealt round is on screen: save it, and drop older unfinished rounds of the same mode.

        A run already tracked (resumed, or started before) is left as it is.
        """
        if run not in self._runs:
            tracked = self._start(run, mode, None)
            tracked.saved = 0  # a round restarted from a saved state may carry answers: write them too
            self.answered(run)

    def answered(self, run: QuizRun) -> None:
        """Write every answer of ``run`` not yet written (normally just the last one)."""
        tracked = self._runs.get(run)
        store, player = self.store, self.player
        if tracked is None or tracked.run_id < 0 or tracked.done or store is None or player is None:
            return
        state = _dump(run.to_json())
        with self._guard():
            for record in run.records[tracked.saved :]:
                topic = run.pack.question(record.question_id).topic
                now = self.clock()
                store.record_answer(
                    tracked.run_id,
                    record.question_id,
                    _dump(record.response),
                    record.correct,
                    record.credit,
                    record.points + record.bonus,
                    record.elapsed,
                    state,
                    topic=topic,
                    now=now,
                )
                tracked.saved += 1
                # Every mode feeds the review queue: a miss anywhere is due at once; a right answer when
                # due moves the question up a box (see game.store.review).
                store.review_result(player, run.pack.id, record.question_id, record.correct, now=now)

    def round_finished(self, run: QuizRun) -> bool:
        """The summary is showing: mark the round finished with its score.

        Returns:
            True the first time (so a front end writes class results once), False if it was done already.
        """
        tracked = self._runs.get(run)
        if tracked is None or tracked.done:
            return False
        self.answered(run)
        tracked.done = True
        store = self.store
        if tracked.run_id >= 0 and store is not None:
            with self._guard():
                store.finish_run(
                    tracked.run_id, run.score, run.max_score, _dump(run.to_json()), now=self.clock()
                )
        return True

    def round_left(self, run: QuizRun | StoryRun) -> None:
        """The player left mid-run. Everything answered is saved already and the run stays resumable."""
        if isinstance(run, QuizRun):
            self.answered(run)
        else:
            self.story_choice(run)

    def abandon(self, resumable: Resumable) -> None:
        """Drop an unfinished run from the resume list (its answers still count in stats)."""
        store = self.store
        if store is not None:
            with self._guard():
                store.abandon_run(resumable.info.id, now=self.clock())

    # --- stories ---------------------------------------------------------------------------------

    def story_started(self, run: StoryRun) -> None:
        """A story is on screen: save it, and drop an older unfinished run of the same scenario."""
        if run not in self._runs:
            self._start(run, "story", run.scenario.id)

    def story_choice(self, run: StoryRun, outcome: StoryOutcome | None = None) -> None:
        """Write every choice of ``run`` not yet written (normally the one just made)."""
        if run not in self._runs:
            # Started late (the front end did not call story_started): every choice made so far is new.
            self._start(run, "story", run.scenario.id).saved = 0
        tracked = self._runs[run]
        store = self.store
        if tracked.run_id < 0 or tracked.done or store is None:
            return
        state = _dump(run.to_json())
        with self._guard():
            for step in run.path[tracked.saved :]:
                response = _dump({"choice": step.choice, "target": step.target})
                # A story choice is not right or wrong; stats leave story runs out of accuracy.
                store.record_answer(
                    tracked.run_id, step.scene, response, True, 1.0, step.points, 0.0, state,
                    topic=None, now=self.clock(),
                )  # fmt: skip
                tracked.saved += 1

    def story_ended(self, run: StoryRun) -> bool:
        """The story reached an ending: finish the run and log the ending.

        Returns:
            True when this ending is new to the player.
        """
        self.story_choice(run)
        tracked = self._runs[run]
        ending = run.ending
        if tracked.done or ending is None:
            return False
        tracked.done = True
        store, player = self.store, self.player
        if store is None or player is None or tracked.run_id < 0:
            return False
        with self._guard():
            now = self.clock()
            store.finish_run(tracked.run_id, run.score, 0, _dump(run.to_json()), now=now)
            return store.record_ending(player, run.pack.id, run.scenario.id, ending.id, now=now)
        return False

    def endings_found(self, pack: Pack, scenario_id: str) -> set[str]:
        """Ending ids of ``scenario_id`` the player has reached (empty for a guest)."""
        store, player = self.store, self.player
        if store is not None and player is not None:
            with self._guard():
                return set(store.endings_found(player, pack.id).get(scenario_id, set()))
        return set()

    # --- resume ----------------------------------------------------------------------------------

    def unfinished(
        self, pack: Pack, *, modes: Iterable[Mode] = ("quiz", "review", "story")
    ) -> list[Resumable]:
        """The player's unfinished runs of ``pack`` that can continue, newest first, each restored.

        A run that no longer fits the pack (a question or scene was edited or removed since) is abandoned
        here, with a notice saying so: offering it would only fail.
        """
        store, player = self.store, self.player
        if store is None or player is None:
            return []
        wanted = set(modes)
        found: list[Resumable] = []
        with self._guard():
            for info in store.unfinished_runs(player, pack.id):
                if info.mode not in wanted:
                    continue
                try:
                    run = _restore(pack, info.mode, store.run_state(info.id))
                except ValueError as exc:
                    self.notices.append(
                        Notice(
                            f"An unfinished {info.mode} run could not be resumed ({exc}); it was set aside."
                        )
                    )
                    store.abandon_run(info.id, now=self.clock())
                    continue
                if isinstance(run, StoryRun) and not run.path:
                    continue  # a story opened (or replayed from its ending) and left before any choice
                found.append(Resumable(info, run, _resume_label(info, run), parse_ts(info.started_at)))
        return found

    def resume(self, resumable: Resumable) -> QuizRun | StoryRun:
        """Continue ``resumable``: its answers are already saved; new ones go to the same run."""
        run = resumable.run
        saved = len(run.path) if isinstance(run, StoryRun) else len(run.records)
        self._runs[run] = _Tracked(resumable.info.id, resumable.mode, resumable.started, saved)
        return run

    # --- review and stats ------------------------------------------------------------------------

    def prune(self, pack: Pack) -> int:
        """Forget queued questions the pack no longer has (call after loading it)."""
        store = self.store
        if store is not None:
            with self._guard():
                return store.prune(pack.id, [q.id for q in pack.questions])
        return 0

    def due(self, pack: Pack) -> list[str]:
        """Question ids due for review now, among those the pack still has."""
        store, player = self.store, self.player
        if store is None or player is None:
            return []
        known = {q.id for q in pack.questions}
        with self._guard():
            return [qid for qid in store.due(player, pack.id, now=self.clock()) if qid in known]
        return []

    def due_count(self, pack: Pack) -> int:
        """How many questions are due for review now (for the menu label)."""
        store, player = self.store, self.player
        if store is not None and player is not None:
            with self._guard():
                return store.due_count(player, pack.id, now=self.clock())
        return 0

    def unfinished_count(self, pack: Pack, *, modes: Iterable[Mode] = ("quiz", "review", "story")) -> int:
        """Unfinished runs of ``pack`` (for a menu label; not checked against the pack)."""
        store, player = self.store, self.player
        wanted = set(modes)
        if store is not None and player is not None:
            with self._guard():
                return sum(info.mode in wanted for info in store.unfinished_runs(player, pack.id))
        return 0

    def figures(self, pack: Pack) -> PlayerFigures | None:
        """The stats of the player on ``pack`` (None for a guest or without a store)."""
        store, player = self.store, self.player
        if store is not None and player is not None:
            with self._guard():
                # Imported here: only the stats screen and command need the figures.
                from game.progress.figures import gather

                return gather(store, player, [pack], now=self.clock(), tz=self.tz, keep_empty=True)
        return None

    # --- class results ---------------------------------------------------------------------------

    def write_class_results(
        self,
        run: QuizRun,
        *,
        results_dir: Path,
        player: str,
        time_limit: float | None,
        fallback_dir: str | os.PathLike[str] | None = None,
    ) -> SavedResults:
        """Write the round's results file for the teacher; if the folder fails, keep it on this machine.

        Args:
            run: the round, finished or left part-way (the file says which).
            results_dir: the class's results folder.
            player: the name to write.
            time_limit: the round's per-question limit.
            fallback_dir: the data-folder override; the file then goes to ``<data>/unsent-results``.
        """
        started = self.started_at(run)

        def write(folder: Path) -> Path:
            # Imported here: only class play writes results files.
            from game.store import results as results_store

            return results_store.write_results(
                folder, run=run, player=player, started=started, finished=self.clock(), time_limit=time_limit
            )

        try:
            return SavedResults(
                write(results_dir), [Notice("Results saved for your teacher.", "information")]
            )
        except OSError as exc:
            first = Notice(f"Could not save results to {results_dir}: {exc.strerror or exc}", "error")
        try:
            path = write(resolve_data_dir(fallback_dir) / "unsent-results")
        except OSError:
            return SavedResults(None, [first, Notice("The results could not be saved anywhere.", "error")])
        kept = Notice(f"They were kept on this computer in {path.parent}.", "warning")
        return SavedResults(path, [first, kept])


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _restore(pack: Pack, mode: Mode, state_json: str) -> QuizRun | StoryRun:
    """Rebuild a saved run; ValueError when it is damaged or no longer fits the pack."""
    try:
        state = json.loads(state_json)
    except ValueError:
        raise ValueError("its saved state is not readable") from None
    if not isinstance(state, dict):
        raise ValueError("its saved state is not readable")
    return StoryRun.from_json(pack, state) if mode == "story" else QuizRun.from_json(pack, state)


def _scenario_of(state_json: str) -> str | None:
    try:
        state = json.loads(state_json)
    except ValueError:
        return None
    scenario = state.get("scenario") if isinstance(state, dict) else None
    return scenario if isinstance(scenario, str) else None


def _resume_label(info: RunInfo, run: QuizRun | StoryRun) -> str:
    if isinstance(run, StoryRun):
        made = len(run.path)
        return f"Resume story: {run.scenario.title} ({made} choice{'s' if made != 1 else ''} made)"
    what = "review" if info.mode == "review" else "round"
    return f"Resume {what} ({len(run.records)}/{len(run.order)} answered)"
