"""Snapshots of what issue 12 changed, at 80×24 and 40×12: the streak bonus beside the score, "I was right"
offered and taken, a perfect round's summary (no retake), and the question before a paused round is dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.replace_round_screen import ReplaceRoundScreen

PACK = Path(__file__).resolve().parent / "pack"
SIZES = pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK)


def showing(run: QuizRun, *keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuoteboundApp)
        app.show_round(run)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@SIZES
def test_a_wrong_typed_answer_offers_i_was_right(snap_compare, pack: Pack, size: tuple[int, int]) -> None:
    run = QuizRun(pack, seed=3, question_ids=["length"])
    keys = ("5", "0", "0", "enter")  # "500": wrong
    assert snap_compare(make_app(packs=[pack]), terminal_size=size, run_before=showing(run, *keys))


def test_i_was_right_taken(snap_compare, pack: Pack) -> None:
    run = QuizRun(pack, seed=3, question_ids=["length"])
    keys = ("5", "0", "0", "enter", "o")
    assert snap_compare(make_app(packs=[pack]), terminal_size=(80, 24), run_before=showing(run, *keys))


@SIZES
def test_a_perfect_round_with_its_streak_bonus(snap_compare, pack: Pack, size: tuple[int, int]) -> None:
    from tests.engine.test_quiz import right_response

    run = QuizRun(pack, seed=3)
    while (shown := run.current) is not None:
        run.answer(right_response(shown))
    assert run.bonus > 0
    assert snap_compare(make_app(packs=[pack]), terminal_size=size, run_before=showing(run))


@SIZES
def test_the_question_before_a_paused_round_is_dropped(
    snap_compare, pack: Pack, size: tuple[int, int]
) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(ReplaceRoundScreen("Resume round (2/7 answered)"))
        await pilot.pause()

    assert snap_compare(make_app(packs=[pack]), terminal_size=size, run_before=before)
