"""Pilot tests of progress in the TUI at 80×24: who is playing, answers committed as given, resume at start,
review of missed questions, stats, the damaged/newer/old database paths, class results, and the story hooks.

Every app here gets ``data_dir=tmp_path``; the database is read back through a second connection while the
app runs, as a crash would leave it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pilot_helpers import keys_for, press, right_response, screen_text, wrong_response
from textual.pilot import Pilot

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.engine.story.run import StoryRun
from game.progress.service import ProgressService
from game.store.connection import DB_FILENAME
from game.store.db import ProgressStore
from game.store.schema import MIGRATIONS, SCHEMA_VERSION_DDL
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.feedback_screen import FeedbackScreen
from game.ui.screens.player_screen import PlayerScreen
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.replace_round_screen import ReplaceRoundScreen
from game.ui.screens.resume_screen import ResumeScreen
from game.ui.screens.review_screen import ReviewScreen
from game.ui.screens.stats_screen import StatsScreen
from game.ui.screens.story_scene_screen import StorySceneScreen
from game.ui.screens.summary_screen import SummaryScreen
from game.ui.screens.title_screen import TitleScreen

SIZE = (80, 24)
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
STORY_PACK = Path(__file__).resolve().parent.parent / "snapshots" / "story"


@pytest.fixture(autouse=True)
def _ask_who_is_playing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", True)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def new_app(pack: Pack, data: Path, **options) -> QuoteboundApp:  # type: ignore[no-untyped-def]
    options.setdefault("clock", Clock())
    return make_app(packs=[pack], data_dir=data, tz=UTC, **options)


def notices(app: QuoteboundApp) -> list[str]:
    return [n.message for n in app._notifications]


def menu_key(app: QuoteboundApp, entry_id: str) -> str:
    screen = app.screen
    assert isinstance(screen, TitleScreen), type(screen)
    return screen.keys[entry_id]


async def answer_on_screen(pilot: Pilot[None], app: QuoteboundApp, right: bool) -> None:
    """Answer the question on show by keys and dismiss the feedback."""
    screen = app.screen
    assert isinstance(screen, QuizScreen), type(screen)
    shown = screen.shown
    assert shown is not None
    response = right_response(shown, app.pack) if right else wrong_response(shown, app.pack)
    await press(pilot, *keys_for(shown, response))
    assert isinstance(app.screen, FeedbackScreen)
    await press(pilot, "enter")


def seed_round(
    pack: Pack, data: Path, answers: list[bool], *, seed: int = 4, mode: str = "quiz", finish: bool = False
) -> QuizRun:
    """Ana's round (unfinished unless ``finish``), saved through the service as the game saves it."""
    service = ProgressService.open(data, clock=lambda: T0)
    service.use_player("Ana")
    run = QuizRun(pack, seed=seed)
    service.round_started(run, mode)  # type: ignore[arg-type]
    for right in answers:
        shown = run.current
        assert shown is not None
        run.answer(right_response(shown, pack) if right else wrong_response(shown, pack), 3.0)
        service.answered(run)
    if finish:
        service.round_finished(run)
    service.close()
    return run


def read_store(data: Path) -> ProgressStore:
    return ProgressStore(data)


# --- players ---------------------------------------------------------------------------------------


async def test_the_player_screen_picks_a_player_or_makes_a_new_one(ui_pack: Pack, tmp_path: Path) -> None:
    with read_store(tmp_path) as store:
        store.ensure_player("Bo")
        store.ensure_player("Ana")
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlayerScreen)
        text = screen_text(app)
        assert "Who is playing?" in text and "Ana" in text and "Bo" in text
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, TitleScreen)
        assert app.player == "Bo" and "Player: Bo" in screen_text(app)
        assert "Review (0 due)" in screen_text(app) and "Stats" in screen_text(app)

        await press(pilot, menu_key(app, "player"))
        assert isinstance(app.screen, PlayerScreen)
        await press(pilot, "tab", *"Cy", "space", "[", "b", "]", "enter")
        assert app.player == "Cy [b]" and "Player: Cy [b]" in screen_text(app)
    with read_store(tmp_path) as store:
        assert [p.name for p in store.list_players()] == ["Ana", "Bo", "Cy [b]"]


async def test_a_newcomer_typing_a_name_over_the_list_is_not_taken_for_the_highlighted_player(
    ui_pack: Pack, tmp_path: Path
) -> None:
    """With players listed the list has focus; a new student who just types their name and presses
    Enter plays under that name, not as the player the list highlights."""
    with read_store(tmp_path) as store:
        store.ensure_player("Ana")
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.query_one("#player-list").has_focus
        await press(pilot, *"Mina", "enter")
        assert isinstance(app.screen, TitleScreen)
        assert app.player == "Mina" and "Player: Mina" in screen_text(app)
    with read_store(tmp_path) as store:
        assert [p.name for p in store.list_players()] == ["Ana", "Mina"]


async def test_the_title_is_built_when_it_comes_out_from_under_the_player_screen(
    ui_pack: Pack, tmp_path: Path
) -> None:
    """A newcomer's first screen is the player screen: the title under it is not built (nor laid out)
    before that first frame, and is whole once the player is chosen."""
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlayerScreen)
        title = app.screen_stack[0]
        assert isinstance(title, TitleScreen) and not title.children
        await press(pilot, "escape")  # a guest
        assert app.screen is title
        text = screen_text(app)
        assert "QUOTEBOUND" in text and "Guest" in text and "1 Quiz:" in text
        assert title.query_one("#title-menu").has_focus


async def test_escape_plays_as_a_guest(ui_pack: Pack, tmp_path: Path) -> None:
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlayerScreen)
        await press(pilot, "escape")
        text = screen_text(app)
        assert "Guest: progress is not saved" in text
        assert "Review" not in text and "Stats" not in text and "Choose a player" in text


async def test_the_player_flag_skips_the_prompt(ui_pack: Pack, tmp_path: Path) -> None:
    app = new_app(ui_pack, tmp_path, player="  Ana  ")
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, TitleScreen)
        assert "Player: Ana" in screen_text(app)
    with read_store(tmp_path) as store:
        assert [p.name for p in store.list_players()] == ["Ana"]


# --- answers committed, resume ---------------------------------------------------------------------


async def test_every_answer_is_committed_when_given_and_leaving_keeps_the_round(
    ui_pack: Pack, tmp_path: Path
) -> None:
    app = new_app(ui_pack, tmp_path, player="Ana", seed=4)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "quiz"))
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        run = screen.run
        await answer_on_screen(pilot, app, True)
        await answer_on_screen(pilot, app, False)
        # Read while the game runs: what a kill at this moment would leave.
        with read_store(tmp_path) as store:
            [info] = store.unfinished_runs(store.ensure_player("Ana"))
            assert (info.mode, info.seed, info.total, info.n_answered) == ("quiz", 4, 7, 2)
            assert [a.item_id for a in store.answers(info.id)] == run.order[:2]
            assert [a.correct for a in store.answers(info.id)] == [True, False]
            assert json.loads(store.run_state(info.id)) == run.to_json()

        await press(pilot, "escape")
        assert "Your answers are kept" in " ".join(notices(app))
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)
        assert "Resume round (2/7 answered)" in screen_text(app)
        assert "Review (1 due)" in screen_text(app)


async def test_the_game_offers_an_unfinished_round_at_start_and_resumes_it_exactly(
    ui_pack: Pack, tmp_path: Path
) -> None:
    saved = seed_round(ui_pack, tmp_path, [True, False, True])
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ResumeScreen)
        text = screen_text(app)
        assert "Welcome back, Ana" in text and "Resume round (3/7 answered)" in text
        assert "started 10 Mar 2025, 12:00" in text and "Start fresh" in text
        await press(pilot, "1")
        screen = app.screen
        assert isinstance(screen, QuizScreen) and not isinstance(screen, ReviewScreen)
        run = screen.run
        assert (run.order, run.records, run.score, run.streak) == (
            saved.order, saved.records, saved.score, saved.streak,
        )  # fmt: skip
        assert "Question 4 of 7" in screen_text(app) and f"Score {saved.score}" in screen_text(app)
        for _ in range(4):
            await answer_on_screen(pilot, app, True)
        assert isinstance(app.screen, SummaryScreen)
    with read_store(tmp_path) as store:
        me = store.ensure_player("Ana")
        assert store.unfinished_runs(me) == []
        [row] = store.history(me)
        assert (row.score, row.n_answered, row.n_right) == (run.score, 7, 6)


async def test_start_fresh_drops_the_unfinished_round(ui_pack: Pack, tmp_path: Path) -> None:
    seed_round(ui_pack, tmp_path, [True])
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ResumeScreen)
        await press(pilot, "2")
        assert isinstance(app.screen, TitleScreen)
        assert "Resume" not in screen_text(app)
    with read_store(tmp_path) as store:
        assert store.unfinished_runs(store.ensure_player("Ana")) == []


async def test_every_choice_of_the_offer_is_in_sight_at_40x12(ui_pack: Pack, tmp_path: Path) -> None:
    """At 40x12 the explanation took the rows "Start fresh" needed: only "1 Resume round" showed, and the
    list could not scroll to the other. On a short screen the explanation goes; every choice is in sight."""
    seed_round(ui_pack, tmp_path, [True])
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        choices = app.screen.query_one("#resume-list")
        assert choices.max_scroll_y == 0
        assert choices.region.bottom <= 12
        assert "Start fresh" in screen_text(app)


async def test_escape_on_the_offer_keeps_the_round_on_the_title_menu(ui_pack: Pack, tmp_path: Path) -> None:
    seed_round(ui_pack, tmp_path, [True, True])
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter")  # the only player, Ana, is highlighted
        assert isinstance(app.screen, ResumeScreen)
        await press(pilot, "escape")
        assert "Resume round (2/7 answered)" in screen_text(app)
        await press(pilot, menu_key(app, "resume"), "1")
        screen = app.screen
        assert isinstance(screen, QuizScreen) and len(screen.run.records) == 2


async def test_the_title_restores_the_unfinished_runs_once_a_rebuild(
    ui_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring a run replays its saved state: the title menu asked whether to show Resume and then
    what it says, and its hint asked again, each restoring every unfinished run."""
    seed_round(ui_pack, tmp_path, [True, True])
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "escape")  # decide later: the title, with Resume
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        restores = []
        resumes = app.progress.resumes
        unfinished = resumes.unfinished
        monkeypatch.setattr(resumes, "unfinished", lambda *a, **k: restores.append(1) or unfinished(*a, **k))
        screen.refresh_pack()
        await press(pilot, "down")  # moving the highlight shows a hint without asking again
        assert len(restores) == 1
        assert "Resume round (2/7 answered)" in screen_text(app)


# --- review and stats ------------------------------------------------------------------------------


async def test_review_plays_the_due_questions_and_feeds_the_queue(ui_pack: Pack, tmp_path: Path) -> None:
    missed = seed_round(ui_pack, tmp_path, [False, True, False])
    due = {missed.order[0], missed.order[2]}
    with read_store(tmp_path) as store:
        me = store.ensure_player("Ana")
        store.abandon_run(store.unfinished_runs(me)[0].id)
    app = new_app(ui_pack, tmp_path, player="Ana", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        assert "Review (2 due)" in screen_text(app)
        await press(pilot, menu_key(app, "review"))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert set(screen.run.order) == due
        assert "Review 1 of 2" in screen_text(app)
        await answer_on_screen(pilot, app, True)
        await answer_on_screen(pilot, app, False)
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "escape")
        assert "Review (1 due)" in screen_text(app)
    with read_store(tmp_path) as store:
        me = store.ensure_player("Ana")
        queue = {e.question_id: e for e in store.review_queue(me, ui_pack.id)}
        right, wrong = screen.run.order
        assert {q: e.lapses for q, e in queue.items()} == {right: 1, wrong: 2}
        assert queue[right].due_at > queue[wrong].due_at  # right: spaced out; wrong: due at once
        [review] = [h for h in store.history(me) if h.mode == "review"]
        assert review.n_answered == 2


async def test_nothing_due_says_so(ui_pack: Pack, tmp_path: Path) -> None:
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "review"))
        assert isinstance(app.screen, TitleScreen)
        assert any("Nothing is due" in n for n in notices(app))


async def test_the_stats_screen_shows_accuracy_topics_streaks_and_history(
    ui_pack: Pack, tmp_path: Path
) -> None:
    seed_round(ui_pack, tmp_path, [True, True, False, True, True, True, False], seed=2, finish=True)
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "stats"))
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "Stats: Ana" in text and "71% right over 7 answers on 1 day" in text
        assert "1 day in a row (longest 1)" in text
        assert "By topic" in text and "Facts" in text and "Voices" in text
        await press(pilot, "end")
        text = screen_text(app)
        assert "2 due now, 2 in the queue" in text
        assert "2025-03-10" in text and "quiz" in text and "0:21" in text  # 7 answers of 3 s
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)


@pytest.mark.parametrize(
    ("size", "headers"), [(SIZE, "Day Mode Score Result Time"), ((40, 12), "Day Mode Score Time")]
)
async def test_the_history_fits_the_width_without_scrolling_sideways(
    ui_pack: Pack, tmp_path: Path, size: tuple[int, int], headers: str
) -> None:
    """At 40 columns the history table ran past the edge and its Time column needed scrolling sideways;
    there it leaves out the result (and shortens day and score), and shows every column when there is room."""
    from textual.widgets import DataTable

    seed_round(ui_pack, tmp_path, [True, True, False, True, True, True, False], seed=2, finish=True)
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=size) as pilot:
        await press(pilot, menu_key(app, "stats"))
        await pilot.pause()
        table = app.screen.query_one("#stats-history", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert " ".join(str(c.label) for c in table.columns.values()) == headers
        assert str(table.get_row_at(0)[-1]) == "0:21"  # the time, 7 answers of 3 s


# --- the database's bad days ---------------------------------------------------------------------------


async def test_a_damaged_database_is_set_aside_and_the_player_told(ui_pack: Pack, tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"\x00garbage, not a database\n" * 50)
    (tmp_path / f"{DB_FILENAME}-wal").write_bytes(b"stale journal")
    app = new_app(ui_pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        [message] = notices(app)
        assert "damaged" in message and "progress.sqlite3.corrupt-20250310T120000Z" in message
        assert "Player: Ana" in screen_text(app) and "not saved" not in screen_text(app)
        await press(pilot, menu_key(app, "quiz"))
        await answer_on_screen(pilot, app, True)
    aside = tmp_path / "progress.sqlite3.corrupt-20250310T120000Z"
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert (tmp_path / "progress.sqlite3.corrupt-20250310T120000Z-wal").read_bytes() == b"stale journal"
    with read_store(tmp_path) as store:
        assert store.unfinished_runs(store.ensure_player("Ana"))[0].n_answered == 1


async def test_a_newer_database_is_left_alone_and_play_goes_on_unsaved(ui_pack: Pack, tmp_path: Path) -> None:
    ProgressStore(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00+00:00')")
    before = (tmp_path / DB_FILENAME).read_bytes()
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        [message] = notices(app)
        assert "newer quotebound" in message and "without saving" in message
        assert isinstance(app.screen, PlayerScreen)
        assert "cannot be saved" in screen_text(app)
        await press(pilot, *"Ana", "enter")
        assert "Player: Ana  (progress is not saved)" in screen_text(app)
        await press(pilot, menu_key(app, "quiz"))
        await answer_on_screen(pilot, app, True)
        assert isinstance(app.screen, QuizScreen)
    assert (tmp_path / DB_FILENAME).read_bytes() == before


async def test_a_locked_database_plays_on_without_saving(
    ui_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuoteboundApp, "BUSY_TIMEOUT_MS", 100)
    ProgressStore(tmp_path).close()
    holder = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # not even readers get in
    try:
        app = new_app(ui_pack, tmp_path, player="Ana")
        async with app.run_test(size=SIZE) as pilot:
            [message] = notices(app)
            assert "locked" in message and "without saving" in message
            await press(pilot, menu_key(app, "quiz"))
            await answer_on_screen(pilot, app, True)
            assert isinstance(app.screen, QuizScreen)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


async def test_a_first_schema_database_is_migrated_on_open(ui_pack: Pack, tmp_path: Path) -> None:
    question = ui_pack.questions[0].id
    with sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None) as conn:
        conn.execute(SCHEMA_VERSION_DDL)
        for statement in MIGRATIONS[0].statements:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (1, 'v1', '2024-01-01T00:00:00+00:00')")
        conn.execute("INSERT INTO player VALUES (1, 'Ana', 'ana', '2024-01-01T00:00:00+00:00')")
        conn.execute(
            f"INSERT INTO review VALUES (1, '{ui_pack.id}', '{question}', 1,"
            " '2024-01-02T00:00:00+00:00', '2024-01-01T00:00:00+00:00')"
        )
        conn.execute(
            f"INSERT INTO review VALUES (1, '{ui_pack.id}', 'removed-since', 1,"
            " '2024-01-02T00:00:00+00:00', '2024-01-01T00:00:00+00:00')"
        )
        # The queue is rebuilt from the answers (FSRS, schema 3): the misses that put them there.
        conn.execute(
            f"INSERT INTO run VALUES (1, 1, '{ui_pack.id}', 'quiz', '1', 'finished', 2, 0, 20, '{{}}',"
            " '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')"
        )
        for seq, item in enumerate((question, "removed-since"), 1):
            conn.execute(
                f"INSERT INTO answer VALUES ({seq}, 1, {seq}, '{item}', NULL, 'null', 0, 0.0, 0, 3.0,"
                " '2024-01-01T00:00:00+00:00')"
            )
    app = new_app(ui_pack, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert notices(app) == []
        assert "Ana" in screen_text(app)
        await press(pilot, "enter")
        # The question the pack still has is due; the one it lost was pruned at start.
        assert "Review (1 due)" in screen_text(app)
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_version")]
        assert versions == [m.version for m in MIGRATIONS]


# --- class results -------------------------------------------------------------------------------------


async def test_a_class_round_asks_a_name_and_writes_results_when_left_and_when_finished(
    ui_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False)
    results = tmp_path / "class"
    app = new_app(ui_pack, tmp_path / "data", results_dir=results, seed=7, count=3, streak_bonus=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "quiz"))
        assert isinstance(app.screen, PlayerScreen)
        assert "Your teacher collects results" in screen_text(app)
        await press(pilot, *"Ana", "enter")
        assert isinstance(app.screen, QuizScreen)
        await answer_on_screen(pilot, app, True)
        await press(pilot, "escape", "escape")
        [left] = [json.loads(p.read_text()) for p in results.glob("*.json")]
        assert (left["player"], left["complete"], left["answered"], left["seed"]) == ("Ana", False, 1, 7)

        await press(pilot, menu_key(app, "quiz"))
        # The left round is paused: a new round asks before it drops it (issue 12, item 12).
        assert isinstance(app.screen, ReplaceRoundScreen)
        await press(pilot, "1")
        assert isinstance(app.screen, QuizScreen)
        for _ in range(3):
            await answer_on_screen(pilot, app, True)
        assert isinstance(app.screen, SummaryScreen)
    files = [json.loads(p.read_text()) for p in results.glob("*.json")]
    assert sorted((f["complete"], f["answered"]) for f in files) == [(False, 1), (True, 3)]


async def test_quitting_mid_round_keeps_it_and_sends_the_answers_so_far(
    ui_pack: Pack, tmp_path: Path
) -> None:
    results = tmp_path / "class"
    app = new_app(ui_pack, tmp_path / "data", player="Ana", results_dir=results)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "quiz"))
        await answer_on_screen(pilot, app, False)
        await answer_on_screen(pilot, app, True)
        await press(pilot, "ctrl+q")
    [sent] = [json.loads(p.read_text()) for p in results.glob("*.json")]
    assert (sent["complete"], sent["answered"], sent["right"]) == (False, 2, 1)
    with read_store(tmp_path / "data") as store:
        [info] = store.unfinished_runs(store.ensure_player("Ana"))
        assert info.n_answered == 2


async def test_a_results_folder_that_cannot_be_written_stops_the_round_before_it_starts(
    ui_pack: Pack, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    app = new_app(ui_pack, tmp_path / "data", player="Ana", results_dir=blocked)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "quiz"))
        assert isinstance(app.screen, TitleScreen)
        assert any("Cannot write results" in n for n in notices(app))


# --- stories ---------------------------------------------------------------------------------------


async def test_story_hooks_save_each_choice_and_the_ending(tmp_path: Path) -> None:
    pack = load_pack(STORY_PACK)
    app = new_app(pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE):
        run = StoryRun(pack, pack.scenarios[0])
        outcome = run.choose(run.open_choices()[0].index)
        app.story_choice_made(run, outcome)
        with read_store(tmp_path) as store:
            [info] = store.unfinished_runs(store.ensure_player("Ana"))
            assert (info.mode, info.n_answered) == ("story", 1)
            assert json.loads(store.run_state(info.id)) == run.to_json()
        while not run.finished:
            app.story_choice_made(run, run.choose(run.open_choices()[0].index))
        assert run.ending is not None
        app.story_ended(run)
        assert app.story_endings_found(run.scenario.id) == {run.ending.id}
    with read_store(tmp_path) as store:
        me = store.ensure_player("Ana")
        assert store.run_info(info.id).status == "finished"
        assert store.endings_found(me, pack.id) == {run.scenario.id: {run.ending.id}}
    # A later session knows the ending too.
    again = new_app(pack, tmp_path, player="Ana")
    async with again.run_test(size=SIZE) as pilot:
        assert again.story_endings_found(run.scenario.id) == {run.ending.id}
        await press(pilot, menu_key(again, "stats"))
        text = " ".join(screen_text(again).split())
        total = len(run.scenario.endings)
        assert f"Story endings {run.scenario.title}: 1 of {total} endings found ({run.ending.title})" in text
        assert "No answers yet on this pack." in text  # story choices are not quiz answers


async def test_an_unfinished_story_is_resumed_at_its_scene_with_its_state(tmp_path: Path) -> None:
    pack = load_pack(STORY_PACK)
    service = ProgressService.open(tmp_path, clock=lambda: T0 - timedelta(days=1))
    service.use_player("Ana")
    run = StoryRun(pack, pack.scenarios[0])
    service.story_started(run)
    service.story_choice(run, run.choose(run.open_choices()[0].index))
    service.close()
    app = new_app(pack, tmp_path, player="Ana")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ResumeScreen)
        assert f"Resume story: {run.scenario.title} (1 choice made)" in " ".join(screen_text(app).split())
        await press(pilot, "1")
        screen = app.screen
        assert isinstance(screen, StorySceneScreen)
        assert screen.story.to_json() == run.to_json()
