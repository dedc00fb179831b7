"""quotebound started as the `quotebound` command starts it, exiting right after the title screen paints."""

from game.engine.loader import load_packs
from game.paths import scenes_dir


async def _exit_after_paint(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.exit()


if __name__ == "__main__":
    packs, problems = load_packs(scenes_dir())
    assert not problems, problems
    from game.ui.app import make_app

    make_app(packs=packs).run(headless=True, size=(80, 24), auto_pilot=_exit_after_paint)
