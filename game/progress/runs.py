"""A run's life in the database: started, each answer or choice, finished, left, resumed.

:class:`RunKeeper` is the part of :class:`~game.progress.service.ProgressService` (``service.runs``) that
turns what happens in a round or a story into store writes. When things are written (each call commits
before it returns, so ``kill -9`` loses nothing answered):

* :meth:`RunKeeper.round_started` (the first question is on screen): ``start_run`` with the dealt round's
  state. Other unfinished runs of the same pack and mode (the same scenario, for stories) are abandoned
  then: a player has one resumable round of each kind, and starting a new one is the player's choice to
  drop it.
* :meth:`RunKeeper.answered` (each answer, before its feedback shows): ``record_answer`` with the state after
  it, then the review queue, so a miss is due at once.
* :meth:`RunKeeper.round_finished` (the summary): ``finish_run`` with the final score.
* :meth:`RunKeeper.round_left` (Esc, quit, end of input): nothing to write: the run stays active, so it is
  offered for resume next time.
* :meth:`RunKeeper.story_choice` / :meth:`RunKeeper.story_ended`: the same for a story; the ending reached
  is logged.

Runs are tracked in memory (weakly) even when nothing is saved: class results need the start time either way.
"""

from __future__ import annotations

import weakref
from datetime import datetime
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from game.store.records import Mode

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryOutcome, StoryRun
    from game.progress.service import ProgressService
    from game.store.db import Player, ProgressStore


class Tracked(Struct):  # a Struct: a dataclass compiles its methods at start (records.py)
    """What the keeper knows of a run on screen."""

    run_id: int
    """Its row in the store; -1 when it is not saved."""
    mode: Mode
    started: datetime
    saved: int
    """Answers (or story choices) already written."""
    done: bool = False
    shown: datetime | None = None
    """When a story's current scene went on screen (its start, its resume, or the last choice): a choice's
    time runs from there, so a story resumed next week is not a week long."""


def dump(value: Any) -> str:
    """Compact JSON, as the store keeps states and responses."""
    import json  # here, not at the top: starting the game saves nothing (~5M instructions of its start)

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def scenario_of(state_json: str) -> str | None:
    """The scenario id a saved story state names (None: not a story, or unreadable)."""
    import json

    try:
        state = json.loads(state_json)
    except ValueError:
        return None
    scenario = state.get("scenario") if isinstance(state, dict) else None
    return scenario if isinstance(scenario, str) else None


class RunKeeper:
    """Writes runs as they are played (see the module docstring for when)."""

    def __init__(self, service: ProgressService) -> None:
        self._service = service
        self._runs: weakref.WeakKeyDictionary[QuizRun | StoryRun, Tracked] = weakref.WeakKeyDictionary()

    def mode_of(self, run: QuizRun | StoryRun) -> Mode | None:
        """The mode a tracked run is saved under (None: not tracked)."""
        tracked = self._runs.get(run)
        return tracked.mode if tracked is not None else None

    def started_at(self, run: QuizRun | StoryRun) -> datetime:
        """When the run began (its first start, for a resumed run); now if it is not tracked."""
        tracked = self._runs.get(run)
        return tracked.started if tracked is not None else self._service.clock()

    def is_tracked(self, run: QuizRun | StoryRun) -> bool:
        return run in self._runs

    def track(self, run: QuizRun | StoryRun, tracked: Tracked) -> None:
        """Follow a run already saved (a resumed one): new answers go to its row.

        It is back on screen now: its next choice is timed from here, not from when it was left.
        """
        tracked.shown = self._service.clock()
        self._runs[run] = tracked

    def _start(self, run: QuizRun | StoryRun, mode: Mode, scenario_id: str | None) -> Tracked:
        service = self._service
        started = service.clock()
        from game.engine.story.run import StoryRun

        done = len(run.path) if isinstance(run, StoryRun) else len(run.records)
        self._runs[run] = tracked = Tracked(-1, mode, started, done, shown=started)
        store, player = service.store, service.player
        if store is None or player is None:
            return tracked
        state = dump(run.to_json())
        with service.guard():
            if isinstance(run, StoryRun):
                tracked.run_id = store.start_run(player, run.pack.id, mode, None, state, 0, now=started)
            else:
                seed, total = run.seed, len(run.order)
                tracked.run_id = store.start_run(player, run.pack.id, mode, seed, state, total, now=started)
            for info in store.unfinished_runs(player, run.pack.id):
                if info.id == tracked.run_id or info.mode != mode:
                    continue
                if scenario_id is not None and scenario_of(store.run_state(info.id)) != scenario_id:
                    continue
                store.abandon_run(info.id, now=started)
        return tracked

    # --- quiz rounds -----------------------------------------------------------------------------

    def round_started(self, run: QuizRun, mode: Mode = "quiz") -> None:
        """A newly dealt round is on screen: save it, and drop older unfinished rounds of the same mode.

        A run already tracked (resumed, or started before) is left as it is.
        """
        if run not in self._runs:
            tracked = self._start(run, mode, None)
            tracked.saved = 0  # a round restarted from a saved state may carry answers: write them too
            self.answered(run)

    def _writable(self, run: QuizRun) -> tuple[Tracked, ProgressStore, Player] | None:
        """The run's record, the store and the player when the run's answers are written now: it is
        tracked, saved (it has a row), not finished, and a player's store is open. None otherwise."""
        tracked = self._runs.get(run)
        store, player = self._service.store, self._service.player
        if tracked is None or tracked.run_id < 0 or tracked.done or store is None or player is None:
            return None
        return tracked, store, player

    def answered(self, run: QuizRun) -> None:
        """Write every answer of ``run`` not yet written (normally just the last one)."""
        writable = self._writable(run)
        if writable is None:
            return
        tracked, store, _player = writable
        service = self._service
        state = dump(run.to_json())
        with service.guard():
            for record in run.records[tracked.saved :]:
                topic = run.pack.question(record.question_id).topic
                now = service.clock()
                store.record_answer(
                    tracked.run_id,
                    record.question_id,
                    dump(record.response),
                    record.correct,
                    record.credit,
                    record.points + record.bonus,
                    record.elapsed,
                    state,
                    topic=topic,
                    now=now,
                )
                tracked.saved += 1
                service.review.record(run.pack.id, record.question_id, record.correct, now)

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
        service = self._service
        store = service.store
        if tracked.run_id >= 0 and store is not None:
            with service.guard():
                store.finish_run(
                    tracked.run_id,
                    run.score,
                    run.max_score,
                    dump(run.to_json()),
                    now=service.clock(),
                    bonus=run.bonus,
                )
        return True

    def overridden(self, run: QuizRun) -> None:
        """The player counted their last (wrong, typed) answer as right: save that over its record."""
        writable = self._writable(run)
        if writable is None or not run.records:  # not saved, or nothing answered to count right
            return
        tracked, store, player = writable
        service = self._service
        self.answered(run)
        record = run.records[-1]
        with service.guard():
            store.override_answer(
                tracked.run_id,
                len(run.records),
                record.points + record.bonus,
                dump(run.to_json()),
                now=service.clock(),
            )
            # The miss put the question in review; counted right, it never was a miss. The question's
            # row is rebuilt from its own answers (the log now says right), by the rule the FSRS upgrade
            # replays: the same row a full rebuild would give, without touching any other question.
            from game.progress.schedule import replay

            store.replay_question(player, run.pack.id, record.question_id, replay)

    def round_left(self, run: QuizRun | StoryRun) -> None:
        """The player left mid-run. Everything answered is saved already and the run stays resumable."""
        from game.engine.quiz.run import QuizRun

        if isinstance(run, QuizRun):
            self.answered(run)
        else:
            self.story_choice(run)

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
        service = self._service
        store = service.store
        if tracked.run_id < 0 or tracked.done or store is None:
            return
        state = dump(run.to_json())
        now = service.clock()
        # The time since the scene went on screen (reading the last choice's outcome, then this scene) is
        # the choice's; a story's time in stats is the sum. Choices written late share one moment: the
        # time goes to the last of them, so the sum stays right.
        shown = tracked.shown or now
        pending = run.path[tracked.saved :]
        with service.guard():
            for i, step in enumerate(pending):
                response = dump({"choice": step.choice, "target": step.target})
                elapsed = max(0.0, (now - shown).total_seconds()) if i == len(pending) - 1 else 0.0
                # A story choice is not right or wrong; stats leave story runs out of accuracy.
                store.record_answer(
                    tracked.run_id, step.scene, response, True, 1.0, step.points, elapsed, state,
                    topic=None, now=now,
                )  # fmt: skip
                tracked.saved += 1
                tracked.shown = now

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
        service = self._service
        store, player = service.store, service.player
        if store is None or player is None or tracked.run_id < 0:
            return False
        with service.guard():
            now = service.clock()
            store.finish_run(tracked.run_id, run.score, 0, dump(run.to_json()), now=now)
            return store.record_ending(player, run.pack.id, run.scenario.id, ending.id, now=now)
        return False
