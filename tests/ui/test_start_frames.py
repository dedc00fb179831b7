"""The game's first screen is in the first frame Textual writes, whichever screen that is.

Textual (8.2.8) drops a frame it is given inside a batch update (``App._display`` returns early), and the
app's own start (its compose, first resize and mount, up to ``App._ready``) is one. A screen pushed from
``App.on_mount`` was composed, laid out and rendered inside it: the newcomer's "Who is playing?" was
rendered once for nothing, then laid out and rendered again after the start, when the driver's resize
came. Counted in frames, not time: each frame Textual is given is recorded with whether it was given
outside a batch (written to the terminal) or inside one (dropped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_progress_flow import new_app, seed_round

from game.engine.content.pack import Pack
from game.store.db import ProgressStore
from game.ui.app import QuoteboundApp

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _ask_who_is_playing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", True)


async def frames_at_start(app: QuoteboundApp) -> list[tuple[str, bool]]:
    """Each frame Textual is given until the start has settled: (its screen's class, written or not)."""
    frames: list[tuple[str, bool]] = []
    display = app._display

    def record(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append((type(screen).__name__, not app._batch_count))
        display(screen, renderable)

    app._display = record  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    return frames


@pytest.mark.parametrize("players", [[], ["Ana"], ["Ana", "Bo"]], ids=["no players", "one", "two"])
async def test_who_is_playing_is_the_first_frame_written(
    ui_pack: Pack, tmp_path: Path, players: list[str]
) -> None:
    """A newcomer's first frame is the player screen, written, with none dropped before it."""
    with ProgressStore(tmp_path) as store:
        for name in players:
            store.ensure_player(name)
    frames = await frames_at_start(new_app(ui_pack, tmp_path))
    assert frames[0] == ("PlayerScreen", True), frames


async def test_the_title_is_the_first_frame_written(ui_pack: Pack, tmp_path: Path) -> None:
    """A returning player with nothing to resume: the title, written at once."""
    frames = await frames_at_start(new_app(ui_pack, tmp_path, player="Ana"))
    assert frames[0] == ("TitleScreen", True), frames


async def test_the_resume_offer_is_the_first_frame_written(ui_pack: Pack, tmp_path: Path) -> None:
    """A returning player with an unfinished round: the offer to resume it, written at once (it was
    pushed from ``App.on_mount`` as the player screen was)."""
    seed_round(ui_pack, tmp_path, [True])
    frames = await frames_at_start(new_app(ui_pack, tmp_path, player="Ana"))
    assert frames[0] == ("ResumeScreen", True), frames
