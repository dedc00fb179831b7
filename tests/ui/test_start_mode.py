"""`quotebound play --mode story` opens the scenario picker once start-up screens are done."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import press

from game.engine.content.pack import Pack
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.player_screen import PlayerScreen
from game.ui.screens.story_picker_screen import StoryPickerScreen
from game.ui.screens.title_screen import TitleScreen


async def test_story_mode_opens_the_picker_directly(panjshir: Pack, tmp_path: Path) -> None:
    app = make_app(packs=[panjshir], player="Ana", data_dir=tmp_path, mode="story")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryPickerScreen)
        await press(pilot, "escape")
        # Back on the title it stays there: the start mode is used once.
        assert isinstance(app.screen, TitleScreen)


async def test_story_mode_waits_for_the_player_prompt(
    panjshir: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", True)  # the UI tests switch the prompt off
    app = make_app(packs=[panjshir], data_dir=tmp_path, mode="story")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        await press(pilot, "escape")  # play as a guest
        await pilot.pause()
        assert isinstance(app.screen, StoryPickerScreen)


async def test_quiz_mode_stays_on_the_title(panjshir: Pack, tmp_path: Path) -> None:
    app = make_app(packs=[panjshir], player="Ana", data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
