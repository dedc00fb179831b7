"""quotebound started as the `quotebound` command starts it, exiting right after the first screen paints.

    python benchmarks/quotebound_app.py [PLAYER]

With PLAYER it starts as ``quotebound --player PLAYER`` does for a returning player with nothing to
resume: straight to the title screen. Without, as plain ``quotebound``: the title screen with the
player screen on top. Run it with ``QUOTEBOUND_DATA`` set to a scratch folder (benchmarks/run.py does),
or it opens your real progress database.
"""

import sys

from game.engine.packs import load_packs
from game.paths import scenes_dir


async def _exit_after_paint(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.exit()


if __name__ == "__main__":
    packs, problems = load_packs(scenes_dir())
    assert not problems, problems
    from game.ui.app import make_app

    player = sys.argv[1] if len(sys.argv) > 1 else None
    make_app(packs=packs, player=player).run(headless=True, size=(80, 24), auto_pilot=_exit_after_paint)
