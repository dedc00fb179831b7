"""Issue 12 in the TUI at 80×24: every figure, message and key a player sees is right.

Items: 1 (the streak bonus is its own figure), 11 (ordering: Enter only submits), 12 (nothing offered that
cannot be done; a paused round is not dropped unasked), 13 (the missed list scrolls by PageUp/PageDown
from the menu and shows the player's own answer), 14 (an option list takes the rows it needs), 20 ("I was
right" outside class play only).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pilot_helpers import keys_for, press, right_response, screen_text, write_small_pack, wrong_response
from textual.containers import VerticalScroll

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.store.db import ProgressStore
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.feedback_screen import FeedbackScreen
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.replace_round_screen import ReplaceRoundScreen
from game.ui.screens.summary_screen import SummaryScreen
from game.ui.screens.title_screen import TitleScreen
from game.ui.widgets.answer_lists import TickList
from game.ui.widgets.safe_option_list import SafeOptionList

SIZE = (80, 24)
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def Clock():  # noqa: N802  (a stopped clock, as the progress tests' Clock())
    return lambda: T0


async def play(pilot, app: QuoteboundApp, answers: list[bool]) -> None:  # type: ignore[no-untyped-def]
    for right in answers:
        screen = app.screen
        assert isinstance(screen, QuizScreen), type(screen)
        shown = screen.shown
        assert shown is not None
        response = right_response(shown, app.pack) if right else wrong_response(shown, app.pack)
        await press(pilot, *keys_for(shown, response))
        assert isinstance(app.screen, FeedbackScreen)
        await press(pilot, "enter")


async def test_a_perfect_round_shows_the_bonus_apart_and_offers_no_retake(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        run = QuizRun(ui_pack, seed=5, count=4)
        app.show_round(run)
        await pilot.pause()
        await play(pilot, app, [True] * 4)
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Score 40 / 40 + 10 streak bonus" in text  # item 1: never 50 / 40
        assert "Retake" not in text  # item 12: not even dimmed
        actions = app.screen.query_one("#summary-actions", SafeOptionList)
        assert [actions.get_option_at_index(i).id for i in range(actions.option_count)] == [
            "new_round",
            "article",
            "title",
        ]
        assert "1 New round" in text
        assert "Retake missed" not in text  # nor in the footer


async def test_the_missed_list_scrolls_from_the_menu_and_shows_your_answer(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack], seed=5)
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=5))
        await pilot.pause()
        await play(pilot, app, [False] * 7)
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert screen.focused is screen.query_one("#summary-actions")
        body = screen.query_one("#summary-body", VerticalScroll)
        assert body.max_scroll_y > 0
        assert "PgUp/PgDn Scroll" in screen_text(app)  # the footer says how to scroll
        seen = screen_text(app)
        await press(pilot, "pagedown")
        assert body.scroll_y > 0  # item 13: the list moves while the menu keeps focus
        for _ in range(6):
            seen += screen_text(app)
            await press(pilot, "pagedown")
        assert "Your answer: not the answer" in seen  # the short answer typed
        assert seen.count("Your answer:") >= 5
        await press(pilot, "pageup", "pageup", "pageup", "pageup", "pageup", "pageup")
        assert body.scroll_y == 0


async def test_enter_never_places_an_ordering_item(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["timeline"]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await press(pilot, "1", "2")
        assert screen._sequence == [0, 1]
        await press(pilot, "enter")  # item 11: Enter submits; with items left it only says so
        assert screen._sequence == [0, 1] and isinstance(app.screen, QuizScreen)
        assert "Enter submits" in screen_text(app)
        await press(pilot, "down", "space")  # Space places the highlighted item
        assert screen._sequence == [0, 1, 3]
        await press(pilot, "space", "enter")
        assert isinstance(app.screen, FeedbackScreen)


QUIZ = """\
kind: quiz
questions:
  - id: four
    type: multi
    topic: facts
    prompt: Which four?
    options: [The river rose, It was Monday, The mayor, A dam]
    answers: [The river rose, It was Monday]
    explanation: So the article says.
    quotes: ["The river rose by three metres on Monday"]
  - id: typed
    type: short
    topic: facts
    prompt: Which day did the river rise?
    answers: ["Monday"]
    explanation: So the article says.
    quotes: ["The river rose by three metres on Monday"]
  - id: five
    type: multi
    topic: facts
    prompt: Which are in the article?
    options: [The river rose, It was Monday, The mayor spoke, A dam broke, Homes flooded]
    answers: [The river rose, It was Monday, The mayor spoke]
    explanation: So the article says.
    quotes: ["The river rose by three metres on Monday"]
"""


def small_pack(tmp_path: Path) -> Pack:
    return load_pack(write_small_pack(tmp_path / "small", QUIZ))


async def test_an_option_list_takes_the_rows_it_needs_after_another_shape(tmp_path: Path) -> None:
    pack = small_pack(tmp_path)
    app = make_app(packs=[pack])
    async with app.run_test(size=SIZE) as pilot:
        run = QuizRun(pack, seed=1)
        run.order = ["four", "typed", "five"]
        app.show_round(run)
        await pilot.pause()
        await press(pilot, "1", "enter", "enter")  # the 4-option list, then its feedback
        await press(pilot, *keys_for(run.current, "Monday"), "enter")  # type: ignore[arg-type]
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.shown is not None
        ticks = screen.query_one("#quiz-tick", TickList)
        # Measured at once, before the list is laid out again (as a busy machine can run it): the five
        # options, not the four of the last list of this shape.
        screen._fit_choices()
        assert ticks.styles.max_height is not None and ticks.styles.max_height.value == 5 + 2
        await pilot.pause()
        assert ticks.outer_size.height == 5 + 2 and ticks.max_scroll_y == 0


async def test_i_was_right_counts_a_wrong_typed_answer(tmp_path: Path) -> None:
    pack = small_pack(tmp_path)
    app = make_app(packs=[pack], data_dir=tmp_path / "data", player="Ana", tz=UTC, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(pack, seed=1, question_ids=["typed"]))
        await pilot.pause()
        await press(pilot, *keys_for(app.screen.shown, "Tuesday"))  # type: ignore[attr-defined]
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        text = screen_text(app)
        assert "✘ Wrong" in text and "o I was right" in text
        await press(pilot, "o")
        text = screen_text(app)
        assert "✔ Right" in text and "Counted as right: you said you were right." in text
        assert "I was right" not in text.split("\n")[-1]  # once only: gone from the footer
        await press(pilot, "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert "Score 10 / 10" in screen_text(app)
    with ProgressStore(tmp_path / "data") as store:
        assert store.overrides(store.ensure_player("Ana"), pack.id) == 1


async def test_no_override_in_class_play(tmp_path: Path) -> None:
    pack = small_pack(tmp_path)
    app = make_app(packs=[pack], player="Ana", results_dir=tmp_path / "results")
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(pack, seed=1, question_ids=["typed"]))
        await pilot.pause()
        await press(pilot, *keys_for(app.screen.shown, "Tuesday"))  # type: ignore[attr-defined]
        assert isinstance(app.screen, FeedbackScreen)
        assert "I was right" not in screen_text(app)
        await press(pilot, "o")
        assert "✘ Wrong" in screen_text(app)


async def test_a_new_round_asks_before_it_drops_a_paused_one(ui_pack: Pack, tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(packs=[ui_pack], data_dir=data, player="Ana", tz=UTC, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=4, question_ids=["cost", "homes", "gates"]))
        await pilot.pause()
        await play(pilot, app, [True])
        await press(pilot, "escape", "escape")  # leave: the retake-sized round is paused
        assert isinstance(app.screen, TitleScreen)
        app.action_start_quiz()
        await pilot.pause()
        assert isinstance(app.screen, ReplaceRoundScreen)
        assert "paused round (1/3 answered)" in screen_text(app)
        await press(pilot, "enter")  # the highlighted choice keeps it
        assert isinstance(app.screen, TitleScreen)
        with ProgressStore(data) as store:
            assert len(store.unfinished_runs(store.ensure_player("Ana"))) == 1
        app.action_start_quiz()
        await pilot.pause()
        await press(pilot, "1")
        assert isinstance(app.screen, QuizScreen) and len(app.screen.run.order) == 7
