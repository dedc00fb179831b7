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


def test_what_the_start_built_is_counted_old_not_walked_at_once() -> None:
    """Resuming moves the objects built during the pause to the oldest generation: left in the youngest,
    the first collection walked every one of them (~27 ms for the game's start) and the middle
    generation walked them again, before a newcomer's first screen showed."""
    assert gc.isenabled()
    gc.unfreeze()  # a command run in-process by an earlier test froze its imports (game.cli's _FREEZE)
    pause_gc()
    try:
        built = [[] for _ in range(2000)]
    finally:
        resume_gc()
    assert gc.isenabled()
    assert any(o is built for o in gc.get_objects(generation=2))


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    """A warm worker freezes its objects before forking the games: resuming must not unfreeze them."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        pause_gc()
        resume_gc()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
