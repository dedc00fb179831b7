"""The garbage collector, paused while the game starts (game.startup), runs again at the first frame."""

from __future__ import annotations

import gc

from game.engine.content.pack import Pack
from game.startup import pause_gc, resume_gc
from game.ui.app import QuoteboundApp, make_app


async def test_the_first_frame_turns_the_collector_back_on(ui_pack: Pack) -> None:
    app: QuoteboundApp = make_app(packs=[ui_pack])
    pause_gc()
    try:
        assert not gc.isenabled()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()  # a long session collects its garbage
    finally:
        resume_gc()
    assert gc.isenabled()


def test_a_collector_already_off_is_left_off() -> None:
    gc.disable()
    try:
        pause_gc()
        resume_gc()
        assert not gc.isenabled()  # whoever turned it off (a benchmark, a load) decides
    finally:
        gc.enable()
