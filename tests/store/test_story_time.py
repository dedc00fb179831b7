"""A story run's time in stats is the time its scenes were on screen, never 0:00 (review of 2026-12-06).

Story choices used to be saved with no time, so every story in the history read ``0:00``. The game now
times each choice from the moment its scene went on screen (the start, a resume, or the choice before);
schema 5 gives the choices saved before that their time from the recorded moments.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from progress_helpers import STORY_PACK, T0, Clock

from game.engine.packs import load_pack
from game.engine.story.run import StoryRun
from game.progress.figures import text_lines
from game.progress.service import ProgressService
from game.store.connection import DB_FILENAME
from game.store.db import ProgressStore
from game.store.records import to_ts
from game.store.schema import MIGRATIONS, SCHEMA_VERSION_DDL


def _choose(service: ProgressService, run: StoryRun) -> None:
    service.story_choice(run, run.choose(run.open_choices()[0].index))


def test_a_story_played_in_one_sitting_shows_its_time(tmp_path: Path) -> None:
    pack = load_pack(STORY_PACK)
    clock = Clock()
    service = ProgressService.open(tmp_path / "data", clock=clock)
    try:
        service.use_player("Ana")
        run = StoryRun(pack, pack.scenarios[0])
        service.story_started(run)
        spent = 0
        while not run.finished:
            spent += 40 + 5 * len(run.path)  # 40 s on the first scene, 45 s on the next ...
            clock.advance(seconds=40 + 5 * len(run.path))
            _choose(service, run)
        service.story_ended(run)
        store, player = service.store, service.player
        assert store is not None and player is not None
        [row] = store.history(player)
        assert row.duration_s == spent
        assert spent >= 60  # the line below then reads m:ss, not 0:00
        figures = service.figures(pack)
        assert figures is not None
        history = [line for line in text_lines([figures], tz=None) if " story " in line]
        assert history and history[0].endswith(f"  {spent // 60}:{spent % 60:02d}")
    finally:
        service.close()


def test_time_away_between_leaving_and_resuming_is_not_counted(tmp_path: Path) -> None:
    pack = load_pack(STORY_PACK)
    data = tmp_path / "data"
    clock = Clock()
    first = ProgressService.open(data, clock=clock)
    first.use_player("Ana")
    run = StoryRun(pack, pack.scenarios[0])
    first.story_started(run)
    clock.advance(seconds=30)
    _choose(first, run)
    first.round_left(run)
    first.close()

    clock.advance(days=7)
    again = ProgressService.open(data, clock=clock)
    try:
        again.use_player("Ana")
        [item] = again.unfinished(pack)
        resumed = again.resume(item)
        assert isinstance(resumed, StoryRun)
        spent = 30
        while not resumed.finished:
            clock.advance(seconds=20)
            spent += 20
            _choose(again, resumed)
        again.story_ended(resumed)
        assert again.store is not None and again.player is not None
        [row] = again.store.history(again.player)
        assert row.duration_s == spent  # the week away is not in it
    finally:
        again.close()


TS = "2025-03-10T12:00:00.000000+00:00"


def _at(seconds: float) -> str:
    return to_ts(T0 + timedelta(seconds=seconds))


def _schema_4_database(path: Path) -> None:
    """A database as schema 4 left it: story choices saved with elapsed_s = 0, and a quiz round."""
    with sqlite3.connect(path) as conn:
        conn.execute(SCHEMA_VERSION_DDL)
        for migration in MIGRATIONS[:4]:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (migration.version, "", TS))
        conn.execute("INSERT INTO player VALUES (1, 'Ana', 'ana', ?)", (TS,))
        runs = (
            # id, mode, started, finished, answers as (answered_at, elapsed_s)
            (1, "story", _at(0), _at(100), [(_at(30), 0.0), (_at(75.5), 0.0), (_at(100), 0.0)]),
            # Left after one choice and resumed a week later: that gap counts 10 minutes at most.
            (2, "story", _at(0), _at(7 * 86400 + 50), [(_at(20), 0.0), (_at(7 * 86400 + 50), 0.0)]),
            # A gap with an unreadable end counts nothing (both here) rather than failing the upgrade.
            (3, "story", _at(0), _at(40), [("not a time", 0.0), (_at(40), 0.0)]),
            # A quiz answer timed 0 (an instant time-out) is a quiz's own figure: left alone.
            (4, "quiz", _at(0), _at(90), [(_at(60), 0.0), (_at(90), 12.5)]),
        )
        for run_id, mode, started, finished, answers in runs:
            conn.execute(
                "INSERT INTO run (id, player_id, pack_id, mode, seed, status, total, score, max_score,"
                " state_json, started_at, updated_at, finished_at)"
                " VALUES (?, 1, 'p', ?, NULL, 'finished', 2, 10, 0, '{}', ?, ?, ?)",
                (run_id, mode, started, finished, finished),
            )
            for seq, (answered_at, elapsed) in enumerate(answers, start=1):
                conn.execute(
                    "INSERT INTO answer (run_id, seq, item_id, topic, response_json, correct, credit,"
                    " points, elapsed_s, answered_at) VALUES (?, ?, 'x', NULL, '{}', 1, 1.0, 5, ?, ?)",
                    (run_id, seq, elapsed, answered_at),
                )


def test_a_schema_4_database_gives_its_old_story_choices_their_time(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _schema_4_database(data / DB_FILENAME)
    with ProgressStore(data, now=T0 + timedelta(days=8)) as store:
        ana = store.ensure_player("Ana")
        durations = {h.run_id: round(h.duration_s, 2) for h in store.history(ana)}
        assert durations == {1: 100.0, 2: 20.0 + 600.0, 3: 0.0, 4: 12.5}
        # Nothing else moved: every answer is still there, with its own time and points.
        assert [(a.seq, a.points) for a in store.answers(1)] == [(1, 5), (2, 5), (3, 5)]
        assert [a.elapsed_s for a in store.answers(1)] == [30.0, 45.5, 24.5]
    with sqlite3.connect(data / DB_FILENAME) as conn:
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [m.version for m in MIGRATIONS] and versions[-1] == 5
