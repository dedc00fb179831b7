"""Unfinished runs offered for resume: found, checked against the pack, restored, continued or dropped.

:class:`ResumeList` is the part of :class:`~game.progress.service.ProgressService` (``service.resumes``)
behind the resume screen and the title menu's Resume entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from game.engine.content.pack import Pack
from game.progress.records import Notice, Resumable
from game.progress.runs import Tracked
from game.store.records import Mode, RunInfo, parse_ts

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryRun
    from game.progress.service import ProgressService

ALL_MODES: tuple[Mode, ...] = ("quiz", "review", "story")


def restore(pack: Pack, mode: Mode, state_json: str) -> QuizRun | StoryRun:
    """Rebuild a saved run; ValueError when it is damaged or no longer fits the pack."""
    import json  # here: json is first needed once a run is saved or restored, after the first frame

    try:
        state = json.loads(state_json)
    except ValueError:
        raise ValueError("its saved state is not readable") from None
    if not isinstance(state, dict):
        raise ValueError("its saved state is not readable")
    from game.engine.quiz.run import QuizRun
    from game.engine.story.run import StoryRun

    return StoryRun.from_json(pack, state) if mode == "story" else QuizRun.from_json(pack, state)


def resume_label(info: RunInfo, run: QuizRun | StoryRun) -> str:
    """``Resume round (3/7 answered)``, ``Resume story: Title (2 choices made)``."""
    from game.engine.story.run import StoryRun

    if isinstance(run, StoryRun):
        made = len(run.path)
        return f"Resume story: {run.scenario.title} ({made} choice{'s' if made != 1 else ''} made)"
    what = "review" if info.mode == "review" else "round"
    return f"Resume {what} ({len(run.records)}/{len(run.order)} answered)"


class ResumeList:
    """The player's unfinished runs of a pack."""

    def __init__(self, service: ProgressService) -> None:
        self._service = service

    def unfinished(self, pack: Pack, *, modes: Iterable[Mode] = ALL_MODES) -> list[Resumable]:
        """The player's unfinished runs of ``pack`` that can continue, newest first, each restored.

        A run that no longer fits the pack (a question or scene was edited or removed since) is abandoned
        here, with a notice saying so: offering it would only fail.
        """
        service = self._service
        store, player = service.store, service.player
        if store is None or player is None:
            return []
        wanted = set(modes)
        found: list[Resumable] = []
        with service.guard():
            for info in store.unfinished_runs(player, pack.id):
                if info.mode not in wanted:
                    continue
                try:
                    run = restore(pack, info.mode, store.run_state(info.id))
                except ValueError as exc:
                    service.notices.append(
                        Notice(
                            f"An unfinished {info.mode} run could not be resumed ({exc}); it was set aside."
                        )
                    )
                    store.abandon_run(info.id, now=service.clock())
                    continue
                from game.engine.story.run import StoryRun  # here: called at start, with no runs to check

                if isinstance(run, StoryRun) and not run.path:
                    continue  # a story opened (or replayed from its ending) and left before any choice
                found.append(Resumable(info, run, resume_label(info, run), parse_ts(info.started_at)))
        return found

    def resume(self, resumable: Resumable) -> QuizRun | StoryRun:
        """Continue ``resumable``: its answers are already saved; new ones go to the same run."""
        run = resumable.run
        from game.engine.story.run import StoryRun

        saved = len(run.path) if isinstance(run, StoryRun) else len(run.records)
        self._service.runs.track(run, Tracked(resumable.info.id, resumable.mode, resumable.started, saved))
        return run

    def abandon(self, resumable: Resumable) -> None:
        """Drop an unfinished run from the resume list (its answers still count in stats)."""
        service = self._service
        store = service.store
        if store is not None:
            with service.guard():
                store.abandon_run(resumable.info.id, now=service.clock())
