"""Issue 12: saved scores keep the streak bonus apart (item 1); "I was right" is saved and counted (item 20).

Schema 4 adds ``run.bonus`` and ``answer.overridden``; a schema-3 database whose quiz scores held their
bonus is split exactly from the engine state saved with each run.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from progress_helpers import QUIZ_PACK, Clock, answer

from game.engine.packs import load_pack
from game.engine.quiz import types as qtypes
from game.engine.quiz.run import QuizRun
from game.progress.figures import text_lines
from game.progress.service import ProgressService
from game.store.connection import DB_FILENAME
from game.store.schema import MIGRATIONS, SCHEMA_VERSION_DDL

TS = "2025-03-10T12:00:00.000000+00:00"


def _schema_3_database(path: Path) -> None:
    """A database as schema 3 left it: a review round of 3 saved as `35/30` (its bonus inside the score)."""
    with sqlite3.connect(path) as conn:
        conn.execute(SCHEMA_VERSION_DDL)
        for migration in MIGRATIONS[:3]:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (migration.version, "", TS))
        conn.execute("INSERT INTO player VALUES (1, 'Ana', 'ana', ?)", (TS,))
        records = [{"question_id": q, "bonus": b} for q, b in (("a", 0), ("b", 0), ("c", 5))]
        state = json.dumps({"version": 1, "records": records})
        for run_id, mode, score, max_score, saved in (
            (1, "review", 35, 30, state),
            (2, "story", 12, 0, '{"path": []}'),
            (3, "quiz", 20, 30, "not json"),
        ):
            conn.execute(
                "INSERT INTO run (id, player_id, pack_id, mode, seed, status, total, score, max_score,"
                " state_json, started_at, updated_at, finished_at)"
                " VALUES (?, 1, 'p', ?, '1', 'finished', 3, ?, ?, ?, ?, ?, ?)",
                (run_id, mode, score, max_score, saved, TS, TS, TS),
            )


def test_an_old_score_with_its_bonus_inside_is_split_on_upgrade(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _schema_3_database(data / DB_FILENAME)
    service = ProgressService.open(data)
    try:
        assert service.notices == []
        store = service.store
        assert store is not None
        ana = store.ensure_player("Ana")
        rows = {h.run_id: (h.score, h.max_score, h.bonus) for h in store.history(ana)}
        # The review round reads 30/30 + 5; a story keeps its score; a damaged state is left as it was.
        assert rows == {1: (30, 30, 5), 2: (12, 0, 0), 3: (20, 30, 0)}
    finally:
        service.close()


def _short_first() -> tuple[QuizRun, int]:
    pack = load_pack(QUIZ_PACK)
    for seed in range(1, 200):
        run = QuizRun(pack, seed=seed)
        if isinstance(run.current.question if run.current else None, qtypes.ShortQuestion):
            return run, seed
    raise AssertionError("no seed deals the short question first")


def test_a_round_is_saved_with_its_bonus_apart_and_stats_show_it(tmp_path: Path) -> None:
    pack = load_pack(QUIZ_PACK)
    service = ProgressService.open(tmp_path / "data", clock=Clock())
    try:
        service.use_player("Ana")
        run = QuizRun(pack, seed=4)
        service.round_started(run)
        while run.current is not None:
            answer(run, right=True)
            service.answered(run)
        service.round_finished(run)
        assert run.bonus > 0 and run.score == run.max_score
        figures = service.figures(pack)
        assert figures is not None
        [history] = figures.packs[0].history
        assert (history.score, history.max_score, history.bonus) == (run.max_score, run.max_score, run.bonus)
        text = "\n".join(text_lines([figures]))
        assert f"{run.max_score}/{run.max_score} + {run.bonus} streak bonus" in text
        assert f"{run.max_score + run.bonus}/{run.max_score}" not in text
    finally:
        service.close()


def test_i_was_right_is_saved_and_counted_in_stats(tmp_path: Path) -> None:
    run, _ = _short_first()
    service = ProgressService.open(tmp_path / "data", clock=Clock())
    try:
        service.use_player("Ana")
        service.round_started(run)
        run.answer("certainly not this")
        service.answered(run)
        assert service.due_count(run.pack) == 1  # a miss enters review
        run.override()
        service.overridden(run)
        assert service.due_count(run.pack) == 0  # counted right on the player's word: no longer a miss
        store, player = service.store, service.player
        assert store is not None and player is not None
        assert store.overrides(player, run.pack.id) == 1
        with sqlite3.connect(tmp_path / "data" / DB_FILENAME) as conn:
            assert conn.execute("SELECT correct, credit, overridden FROM answer").fetchall() == [(1, 1.0, 1)]
        # The saved state carries the override: the round resumes with the answer counted right.
        [item] = service.unfinished(run.pack)
        resumed = service.resume(item)
        assert isinstance(resumed, QuizRun) and resumed.records[0].overridden and resumed.score == 10
        figures = service.figures(run.pack)
        assert figures is not None and figures.packs[0].overrides == 1
        assert '    Overrides: 1 answer counted right on your word ("I was right")' in text_lines([figures])
    finally:
        service.close()
