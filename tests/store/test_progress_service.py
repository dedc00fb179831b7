"""ProgressService, the layer every front end saves through: what is written when, resume, review, problems.

No UI here: the service is driven the way the TUI and the plain mode drive it, and the store is read back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from progress_helpers import QUIZ_PACK, STORY_PACK, T0, Clock, answer

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.engine.story.run import StoryRun
from game.progress.records import Resumable
from game.progress.schedule import after_answer
from game.progress.service import ProgressService, clean_name
from game.store.connection import DB_FILENAME
from game.store.db import ProgressStore
from game.store.records import to_ts
from game.store.schema import MIGRATIONS, SCHEMA_VERSION_DDL


@pytest.fixture(scope="module")
def quiz_pack() -> Pack:
    return load_pack(QUIZ_PACK)


@pytest.fixture(scope="module")
def story_pack() -> Pack:
    return load_pack(STORY_PACK)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(data: Path, clock: Clock) -> Iterator[ProgressService]:
    opened = ProgressService.open(data, clock=clock, busy_timeout_ms=100)
    assert opened.notices == []
    opened.use_player("Ana")
    yield opened
    opened.close()


def test_a_round_is_saved_as_it_is_played(service: ProgressService, quiz_pack: Pack, clock: Clock) -> None:
    store = service.store
    assert store is not None and service.player is not None
    run = QuizRun(quiz_pack, seed=5)
    service.round_started(run)
    [info] = store.unfinished_runs(service.player, quiz_pack.id)
    assert (info.mode, info.seed, info.total, info.n_answered) == ("quiz", 5, 7, 0)

    for right in (True, False, True):
        clock.advance(minutes=1)
        answer(run, right)
        service.answered(run)
    answers = store.answers(info.id)
    assert [a.item_id for a in answers] == run.order[:3]
    assert [a.correct for a in answers] == [True, False, True]
    assert [a.topic for a in answers] == [quiz_pack.question(q).topic for q in run.order[:3]]
    assert [a.points for a in answers] == [r.points + r.bonus for r in run.records]
    assert answers[1].answered_at == "2025-03-10T12:02:00.000000+00:00"
    # The saved state continues the round exactly.
    again = QuizRun.from_json(quiz_pack, json.loads(store.run_state(info.id)))
    assert (again.order, again.perms, again.score, again.streak) == (
        run.order,
        run.perms,
        run.score,
        run.streak,
    )
    assert again.records == run.records
    # The miss is due for review at once; the right answers never entered the queue.
    assert service.due(quiz_pack) == [run.order[1]]

    service.answered(run)  # nothing new: nothing written twice
    assert len(store.answers(info.id)) == 3
    while not run.finished:
        answer(run, True)
        service.answered(run)
    assert service.round_finished(run) is True
    assert service.round_finished(run) is False
    finished = store.run_info(info.id)
    assert (finished.status, finished.score, finished.max_score, finished.n_answered) == (
        "finished", run.score, run.max_score, 7,
    )  # fmt: skip
    assert store.unfinished_runs(service.player) == []


def test_a_new_round_replaces_the_unfinished_one_of_its_mode(
    service: ProgressService, quiz_pack: Pack
) -> None:
    store, player = service.store, service.player
    assert store is not None and player is not None
    first = QuizRun(quiz_pack, seed=1)
    service.round_started(first)
    answer(first, False)
    service.answered(first)
    review = QuizRun(quiz_pack, seed=2, question_ids=service.due(quiz_pack))
    service.round_started(review, "review")
    assert {r.mode for r in store.unfinished_runs(player)} == {"quiz", "review"}

    second = QuizRun(quiz_pack, seed=3)
    service.round_started(second)
    assert sorted(r.mode for r in store.unfinished_runs(player)) == ["quiz", "review"]
    assert service.mode_of(second) == "quiz" and service.mode_of(review) == "review"
    [quiz] = [r for r in store.unfinished_runs(player) if r.mode == "quiz"]
    assert quiz.seed == 3


def test_resume_continues_the_same_run(data: Path, quiz_pack: Pack, clock: Clock) -> None:
    first = ProgressService.open(data, clock=clock)
    first.use_player("Ana")
    run = QuizRun(quiz_pack, seed=9)
    first.round_started(run)
    for right in (True, True, False):
        answer(run, right)
        first.answered(run)
    first.close()

    later = ProgressService.open(data, clock=clock)
    later.use_player("ana")  # names ignore case
    [item] = later.unfinished(quiz_pack)
    assert isinstance(item, Resumable)
    assert item.label == "Resume round (3/7 answered)"
    assert item.started == T0
    resumed = later.resume(item)
    assert isinstance(resumed, QuizRun)
    assert (resumed.order, resumed.records, resumed.score) == (run.order, run.records, run.score)
    answer(resumed, True)
    later.answered(resumed)
    assert later.store is not None
    assert [a.seq for a in later.store.answers(item.info.id)] == [1, 2, 3, 4]
    later.close()


def test_a_run_that_no_longer_fits_the_pack_is_set_aside(
    service: ProgressService, quiz_pack: Pack, tmp_path: Path
) -> None:
    store, player = service.store, service.player
    assert store is not None and player is not None
    broken = store.start_run(player, quiz_pack.id, "quiz", 1, "{not json", 7)
    other_pack = store.start_run(player, quiz_pack.id, "quiz", 1, json.dumps({"version": 1, "pack": "x"}), 7)
    assert service.unfinished(quiz_pack) == []
    assert len(service.notices) == 2 and "set aside" in service.notices[0].message
    assert store.run_info(broken).status == store.run_info(other_pack).status == "abandoned"


def test_a_guest_saves_nothing_and_nothing_fails(data: Path, quiz_pack: Pack) -> None:
    guest = ProgressService.open(data)
    assert guest.use_player("   ") is None and not guest.saving
    run = QuizRun(quiz_pack, seed=1)
    guest.round_started(run)
    answer(run, False)
    guest.answered(run)
    assert (
        guest.due(quiz_pack) == [] and guest.unfinished(quiz_pack) == [] and guest.figures(quiz_pack) is None
    )
    assert guest.store is not None and guest.store.list_players() == []
    guest.close()


def test_names_are_cleaned() -> None:
    assert clean_name("  Ana \x1b]0;title\x07  María ") == "Ana ]0;title María"
    assert clean_name("x" * 100) == "x" * 40
    assert clean_name("\t\n") == ""


def test_a_lock_taken_mid_session_stops_saving_once_and_play_goes_on(
    service: ProgressService, quiz_pack: Pack
) -> None:
    problems: list[str] = []
    service.on_problem = problems.append
    run = QuizRun(quiz_pack, seed=1)
    service.round_started(run)
    assert service.store is not None
    other = sqlite3.connect(service.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a second program holds the write lock
    try:
        answer(run, True)
        service.answered(run)  # waits busy_timeout (100 ms), then gives up
        answer(run, True)
        service.answered(run)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(problems) == 1 and "locked" in problems[0] and "without saving" in problems[0]
    assert not service.saving and service.store is None
    assert service.due(quiz_pack) == [] and service.round_finished(run) is True


def test_open_reports_a_newer_database_and_leaves_it_alone(data: Path) -> None:
    ProgressStore(data).close()
    with sqlite3.connect(data / DB_FILENAME, isolation_level=None) as conn:
        conn.execute(SCHEMA_VERSION_DDL)
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00+00:00')")
    before = (data / DB_FILENAME).read_bytes()
    opened = ProgressService.open(data)
    assert opened.store is None
    [notice] = opened.notices
    assert (
        notice.severity == "error"
        and "newer quotebound" in notice.message
        and "without saving" in notice.message
    )
    assert opened.use_player("Ana") is None
    assert (data / DB_FILENAME).read_bytes() == before


def test_open_sets_a_damaged_database_aside(data: Path, clock: Clock) -> None:
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"this is not a database" * 100)
    opened = ProgressService.open(data, clock=clock)
    assert opened.store is not None
    [notice] = opened.notices
    assert notice.severity == "warning" and "damaged" in notice.message
    assert "progress.sqlite3.corrupt-20250310T120000Z" in notice.message
    assert (data / "progress.sqlite3.corrupt-20250310T120000Z").exists()
    opened.close()


def test_story_choices_are_saved_and_the_ending_logged(service: ProgressService, story_pack: Pack) -> None:
    store, player = service.store, service.player
    assert store is not None and player is not None
    run = StoryRun(story_pack, story_pack.scenarios[0])
    # The story screens may skip story_started: the first choice starts the run.
    outcome = run.choose(run.open_choices()[0].index)
    service.story_choice(run, outcome)
    [info] = store.unfinished_runs(player)
    assert (info.mode, info.n_answered) == ("story", 1)
    saved = StoryRun.from_json(story_pack, json.loads(store.run_state(info.id)))
    assert saved.to_json() == run.to_json()
    [item] = service.unfinished(story_pack)
    assert item.label.startswith(f"Resume story: {run.scenario.title} (1 choice made)")

    while not run.finished:
        service.story_choice(run, run.choose(run.open_choices()[0].index))
    assert run.ending is not None
    service.story_ended(run)
    assert store.run_info(info.id).status == "finished"
    assert service.endings_found(story_pack, run.scenario.id) == {run.ending.id}
    # Story choices are neither right nor wrong: they stay out of accuracy.
    assert store.accuracy_over_time(player) == []


def test_a_story_with_no_choice_made_is_never_offered_for_resume(
    service: ProgressService, story_pack: Pack
) -> None:
    """Issue 12: "Play this scenario again" (or opening a story and leaving) left "(0 choices made)"."""
    run = StoryRun(story_pack, story_pack.scenarios[0])
    service.story_started(run)
    assert service.unfinished(story_pack) == []
    service.story_choice(run, run.choose(run.open_choices()[0].index))
    assert [item.label for item in service.unfinished(story_pack)] == [
        f"Resume story: {run.scenario.title} (1 choice made)"
    ]


def test_class_results_fall_back_to_the_data_folder(
    service: ProgressService, quiz_pack: Pack, data: Path, tmp_path: Path
) -> None:
    run = QuizRun(quiz_pack, seed=1)
    service.round_started(run)
    answer(run, True)
    blocked = tmp_path / "share"
    blocked.write_text("a file where the folder should be")
    saved = service.write_class_results(
        run, results_dir=blocked / "class", player="Ana", time_limit=None, fallback_dir=data
    )
    assert saved.path is not None and saved.path.parent == data.resolve() / "unsent-results"
    assert [n.severity for n in saved.notices] == ["error", "warning"]
    written = json.loads(saved.path.read_text())
    assert (written["player"], written["complete"], written["answered"]) == ("Ana", False, 1)
    assert written["started"] == "2025-03-10T12:00:00Z"


# --- a database from before FSRS review --------------------------------------------------------------------

SCHEMA_2_DB = Path(__file__).resolve().parent / "data" / "progress-schema2.sqlite3"
"""Written by quotebound at schema 2 (Leitner boxes), before this change, through its own ProgressStore:
Ana missed ``cost`` and ``dates`` and got ``homes`` right (T0), got both right in a review a day later, and
left a round two days in after missing ``cost`` again; Bo missed ``homes`` and made one story choice."""


def test_a_schema_2_database_is_upgraded_and_its_answers_replayed_through_fsrs(
    tmp_path: Path, quiz_pack: Pack
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_bytes(SCHEMA_2_DB.read_bytes())
    now = T0 + timedelta(days=3)
    service = ProgressService.open(data, clock=lambda: now)
    try:
        assert service.notices == []
        store = service.store
        assert store is not None and not store.replay_pending()
        ana, bo = store.ensure_player("Ana"), store.ensure_player("Bo")
        queue = {e.question_id: e for e in store.review_queue(ana, quiz_pack.id)}
        # Never missed: never queued. Missed, then right when due: spaced out by FSRS, one lapse.
        assert set(queue) == {"cost", "dates"}
        dates = queue["dates"]
        assert dates.lapses == 1 and dates.due_at > to_ts(T0 + timedelta(days=1))  # a day or more later
        # Missed again (before it was due) in the unfinished round: due at once, a second lapse.
        cost = queue["cost"]
        assert (cost.lapses, cost.due_at) == (2, to_ts(T0 + timedelta(days=2)))
        # The replay is the live rule applied to the log in order: the same rows, card for card.
        expected = after_answer(None, "dates", False, T0 + timedelta(seconds=10))
        expected = after_answer(expected, "dates", True, T0 + timedelta(days=1))
        assert dates == expected
        # Bo's story choice is not an answer to review; his miss is.
        assert [(e.question_id, e.lapses) for e in store.review_queue(bo, quiz_pack.id)] == [("homes", 1)]
        # Saved data keeps working: the unfinished round resumes where it stopped.
        service.use_player("Ana")
        assert service.due(quiz_pack) == ["cost", "dates"]
        [item] = service.unfinished(quiz_pack)
        assert item.label == "Resume round (1/3 answered)"
        run = service.resume(item)
        assert isinstance(run, QuizRun) and len(run.records) == 1
        with sqlite3.connect(data / DB_FILENAME) as conn:
            versions = [v for (v,) in conn.execute("SELECT version FROM schema_version")]
            assert versions == [m.version for m in MIGRATIONS]
    finally:
        service.close()
