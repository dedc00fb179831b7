"""Work the quiz screen defers until after a refresh finds the round gone (seen in long random-key runs).

``show_question`` fits the option list and opens the sentence picker with ``call_after_refresh``; a key
that leaves the round in the same moment removes the screen's widgets first. Seed 2024 of the long
random run (80×24, bundled pack) ended in ``NoMatches("No nodes match '#quiz-pick' on QuizScreen()")``.
"""

from __future__ import annotations

import asyncio

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.paths import bundled_scenes
from game.ui.app import make_app
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.title_screen import TitleScreen

KEY_TIMEOUT = 30


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(bundled_scenes() / "panjshir")


async def test_fitting_the_options_after_the_round_was_left_does_nothing(pack: Pack) -> None:
    app = make_app(packs=[pack], player="Ana", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.wait_for(pilot.press("1"), KEY_TIMEOUT)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await asyncio.wait_for(pilot.press("escape", "escape"), KEY_TIMEOUT)  # leave the round
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert isinstance(app.screen, TitleScreen)
        quiz._fit_choices()  # what a refresh queued before the round was left would run
        quiz.action_open_picker()
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running and isinstance(app.screen, TitleScreen)
    assert app.return_code in (None, 0)
