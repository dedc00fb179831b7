"""Class results: the round's file for the teacher, written where the class keeps them or kept locally.

Both front ends (the TUI and the plain mode) write results through here, so the fallback (a share that
went away mid-lesson keeps the file in ``<data>/unsent-results``) is the same everywhere.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from game.engine.quiz.run import QuizRun
from game.paths import data_dir
from game.progress.records import Notice, SavedResults


def prepare_folder(results_dir: Path) -> Path:
    """Check (creating it if needed) that results can be written to ``results_dir``; OSError if not."""
    # Imported here: only class play writes results files.
    from game.store import results as results_store

    return results_store.prepare_folder(results_dir)


def save_results(
    run: QuizRun,
    *,
    results_dir: Path,
    player: str,
    started: datetime,
    finished: datetime | None = None,
    time_limit: float | None,
    fallback_dir: str | os.PathLike[str] | None = None,
) -> SavedResults:
    """Write the round's results file for the teacher; if the folder fails, keep it on this machine.

    Args:
        run: the round, finished or left part-way (the file says which).
        results_dir: the class's results folder.
        player: the name to write.
        started: when the round began.
        finished: when it ended (default: now).
        time_limit: the round's per-question limit.
        fallback_dir: the data-folder override; the file then goes to ``<data>/unsent-results``.
    """
    from game.store import results as results_store

    def write(folder: Path) -> Path:
        return results_store.write_results(
            folder, run=run, player=player, started=started, finished=finished, time_limit=time_limit
        )

    try:
        path = write(results_dir)
    except OSError as exc:
        first = Notice(f"Could not save results to {results_dir}: {exc.strerror or exc}", "error")
    else:
        return SavedResults(path, [Notice("Results saved for your teacher.", "information")])
    try:
        path = write(data_dir(fallback_dir) / "unsent-results")
    except OSError:
        return SavedResults(None, [first, Notice("The results could not be saved anywhere.", "error")])
    kept = Notice(f"They were kept on this computer in {path.parent}.", "warning")
    return SavedResults(path, [first, kept])
