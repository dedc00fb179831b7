"""A story played by keys shows its real time in the stats screen's history (it read 0:00 before)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pilot_helpers import press
from textual.widgets import DataTable

from game.engine.packs import load_pack
from game.engine.story.run import StoryRun
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.stats_screen import StatsScreen
from game.ui.screens.story_ending_screen import StoryEndingScreen
from game.ui.screens.story_feedback_screen import StoryFeedbackScreen
from game.ui.screens.story_scene_screen import StorySceneScreen
from game.ui.screens.title_screen import TitleScreen

STORY_PACK = Path(__file__).resolve().parent.parent / "snapshots" / "story"


class Clock:
    """Stands still unless moved, so the test says how long each scene was on screen."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _no_player_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False, raising=False)


async def test_a_story_played_by_keys_shows_its_time_in_stats(tmp_path: Path) -> None:
    pack = load_pack(STORY_PACK)
    clock = Clock()
    app = make_app(packs=[pack], data_dir=tmp_path, tz=UTC, player="Ana", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_scenario(pack.scenarios[0].id)
        await pilot.pause()
        side = StoryRun(pack, pack.scenarios[0])  # the engine alongside picks the keys
        spent = 0
        while not side.finished:
            assert isinstance(app.screen, StorySceneScreen)
            view = side.open_choices()[0]
            side.choose(view.index)
            clock.now += timedelta(seconds=50)
            spent += 50
            await press(pilot, str(view.index + 1))
            if isinstance(app.screen, StoryFeedbackScreen):
                await press(pilot, "enter")
        assert isinstance(app.screen, StoryEndingScreen)
        await press(pilot, "escape")
        title = app.screen
        assert isinstance(title, TitleScreen)
        await press(pilot, title.keys["stats"])
        assert isinstance(app.screen, StatsScreen)
        table = app.screen.query_one("#stats-history", DataTable)
        [row] = [table.get_row_at(i) for i in range(table.row_count)]
        assert str(row[1]) == "story"
        assert spent >= 60 and str(row[-1]) == f"{spent // 60}:{spent % 60:02d}"
