"""PgUp and PgDn page a question that does not fit (``game.ui.screens.question_paging``): at 40×12 a fact-or-
claim question's statement is below the rows the question gets, and the answer list holds the arrow keys."""

from __future__ import annotations

import time
from pathlib import Path

from test_class_student_screen import SEED, Class, _text, _until

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.ui.app import make_app
from game.ui.widgets.choice_list import ChoiceList

SNAPSHOT_PACK = Path(__file__).resolve().parent.parent / "snapshots" / "pack"


def _claim_round() -> QuizRun:
    """The snapshot pack's seeded round, answered up to its fact-or-claim question."""
    run = QuizRun(load_pack(SNAPSHOT_PACK), seed=3)
    while run.current is not None and run.current.kind != "claim_fact":
        shown = run.current
        order = list(range(len(shown.choices)))
        run.answer({"multi": [0], "order": order, "short": "600"}.get(shown.kind, 0))
    assert run.current is not None and run.current.statement
    return run


def _screen(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_quiz_pages_a_question_that_does_not_fit_at_40x12() -> None:
    run = _claim_round()
    statement = run.current.statement  # type: ignore[union-attr]
    assert statement is not None
    words = " ".join(statement.split()[:3])
    app = make_app(packs=[run.pack], seed=3)
    async with app.run_test(size=(40, 12)) as pilot:
        app.show_round(run)
        await pilot.pause(0.2)
        choices = app.screen.query_one(ChoiceList)
        assert words not in _screen(app)  # below the question's rows
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert words in _screen(app)
        assert choices.highlighted == 0  # the list kept its highlight: the key paged the question
        await pilot.press("pageup")
        await pilot.pause(0.1)
        assert words not in _screen(app)
        await pilot.press("2")  # and the question is answered as before
        await pilot.pause(0.2)
        assert run.current is None or run.current.kind != "claim_fact"


async def test_a_question_that_fits_leaves_the_page_keys_to_the_list() -> None:
    run = _claim_round()
    app = make_app(packs=[run.pack], seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_round(run)
        await pilot.pause(0.2)
        choices = app.screen.query_one(ChoiceList)
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert choices.highlighted == len(run.current.choices) - 1  # type: ignore[union-attr]


async def test_the_class_student_pages_the_question_and_then_the_feedback(
    tmp_path: Path, panjshir: Pack
) -> None:
    klass = Class(tmp_path / "class", panjshir)
    try:
        statement = klass.host.round.presented("main", 1).statement
        assert statement is not None and SEED == 10  # question 2 of seed 10 is a fact-or-claim question
        words = " ".join(statement.split()[:3])
        app = klass.student("Ana")
        async with app.run_test(size=(40, 12)) as pilot:
            klass.do("start")
            await _until(pilot, app, "Question 1 of 2")
            await pilot.press("1")
            await _until(pilot, app, "locked in")
            klass.do("reveal")
            klass.do("next")
            await _until(pilot, app, "Question 2 of 2")
            assert words not in _text(app)
            await pilot.press("pagedown")
            await _until(pilot, app, words)
            pick = app.screen.query_one("#student-pick", ChoiceList)
            assert pick.highlighted == 0
            await pilot.press("1")
            await _until(pilot, app, "locked in")
            klass.control.apply("reveal", time.time())
            await _until(pilot, app, "Right answer:")
            feedback = app.screen.query_one("#student-feedback")
            await pilot.press("pagedown")  # under the reveal the question is not on show: the feedback pages
            await pilot.pause(0.1)
            assert feedback.scroll_y > 0
    finally:
        klass.close()
