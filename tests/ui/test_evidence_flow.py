"""Pilot tests of a find-the-line (evidence) question: the article opens with a sentence cursor, keys and
clicks pick a sentence, the feedback shows the right sentence in its paragraph."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import press, screen_text

from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.ui.app import make_app
from game.ui.screens.feedback_screen import FeedbackScreen
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.reader_screen import SentencePickScreen
from game.ui.widgets.sentence_picker import SentencePicker

EVIDENCE_PACK = Path(__file__).resolve().parent.parent / "snapshots" / "evidence_pack"
SIZE = (80, 24)


def _app_at(question_id: str):  # type: ignore[no-untyped-def]
    pack = load_pack(EVIDENCE_PACK)
    app = make_app(packs=[pack], seed=1)
    return app, QuizRun(pack, seed=1, question_ids=[question_id])


async def test_keys_move_the_sentence_cursor_and_enter_answers() -> None:
    """The article opens at once; ↓/j move by sentence, PageDown by paragraph, Enter picks."""
    app, run = _app_at("engines")
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(run)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SentencePickScreen)
        picker = app.screen.query_one(SentencePicker)
        assert picker.current is not None and picker.current.label == "1.1"
        await press(pilot, "pagedown")
        assert picker.current.label == "2.1"
        await press(pilot, "pagedown", "pageup")
        assert picker.current.label == "2.1"
        await press(pilot, "j", "down", "k")
        assert picker.current.label == "2.2"
        await press(pilot, "enter")
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.outcome.correct
        text = screen_text(app)
        assert "Right" in text and "¶2.2 “Engineers replaced both engines and the steering gear.”" in text
        assert run.records[0].response == "2.2"


async def test_a_wrong_pick_shows_the_right_sentence_in_its_paragraph() -> None:
    app, run = _app_at("fares")
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(run)
        await pilot.pause()
        await pilot.pause()
        await press(pilot, "down", "enter")  # 2.1: not the sentence about tickets
        assert isinstance(app.screen, FeedbackScreen)
        assert not app.screen.outcome.correct
        shown = app.screen.query_one("#feedback-sentence")
        assert "Tickets will cost the same as last year." in str(shown.render())


async def test_escape_returns_to_the_question_and_enter_reopens_the_article() -> None:
    app, run = _app_at("engines")
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(run)
        await pilot.pause()
        await pilot.pause()
        await press(pilot, "escape")
        assert isinstance(app.screen, QuizScreen) and run.records == []
        assert "Press Enter to open the article" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, SentencePickScreen)


async def test_a_click_picks_the_sentence() -> None:
    app, run = _app_at("engines")
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(run)
        await pilot.pause()
        await pilot.pause()
        lines = [line for line in app.screen.query(".sentence") if "Engineers" in str(line.render())]
        await pilot.click(lines[0])
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen) and app.screen.outcome.correct
