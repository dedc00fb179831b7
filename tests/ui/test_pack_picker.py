"""The pack picker over a shelf of installed packs: a pack whose content fails is listed, and choosing it
says "cannot open: <first error>" while the game plays on; choosing a good one opens it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static

from game.engine.packs import pack_shelf
from game.ui.app import make_app
from game.ui.screens.pack_screen import PackScreen
from game.ui.screens.title_screen import TitleScreen
from tests.engine.test_pack_shelf import BAD_QUIZ, GOOD_QUIZ, scenes_with


async def test_choosing_a_broken_pack_says_why_and_a_good_one_opens(tmp_path: Path) -> None:
    """Pack ``aa`` (broken content) is listed; ``bb`` is opened at start, as ``play`` does."""
    root = scenes_with(tmp_path, aa=BAD_QUIZ, bb=GOOD_QUIZ, cc=GOOD_QUIZ)
    shelf, _ = pack_shelf(root)
    first = shelf.first_openable()
    assert first == 1
    app = make_app(packs=shelf, pack_index=first, data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.pack.id == "bb" and len(shelf.opened()) == 1  # cc not loaded at start
        app.action_choose_pack()
        await pilot.pause()
        await asyncio.wait_for(pilot.press("1"), 10)
        assert isinstance(app.screen, PackScreen)
        shown = str(app.screen.query_one("#pack-problem", Static).content)
        assert shown.startswith("cannot open: ") and "quote not found in the article" in shown
        await asyncio.wait_for(pilot.press("3"), 10)
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.pack.id == "cc"
        assert str(app.screen.query_one("#title-pack", Static).content) == "Pack cc"
