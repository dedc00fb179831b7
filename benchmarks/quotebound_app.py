"""quotebound started as the `quotebound` command starts it, exiting right after the first screen paints.

    python benchmarks/quotebound_app.py [PLAYER]

With PLAYER it starts as ``quotebound --player PLAYER`` does for a returning player with nothing to
resume: straight to the title screen. Without, as plain ``quotebound``: the title screen with the
player screen on top. Run it with ``QUOTEBOUND_DATA`` and ``QUOTEBOUND_CACHE`` set to scratch folders
(benchmarks/run.py does), or it opens your real progress database and cache; ``QUOTEBOUND_SCENES`` picks
the packs installed.
"""

import sys

from game.startup import pause_gc

pause_gc()  # as `quotebound play` does before its imports (game.cli); the app resumes it at its first frame

from game.commands.common import open_command_shelf  # noqa: E402


async def _exit_after_paint(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.exit()


if __name__ == "__main__":
    # As `quotebound play` does: each pack.yaml read (or its cache entry), the first pack opened.
    opened = open_command_shelf(None, None)
    assert opened is not None
    shelf, first = opened
    from game.ui.app import make_app

    player = sys.argv[1] if len(sys.argv) > 1 else None
    app = make_app(packs=shelf, pack_index=first, player=player)
    app.run(headless=True, size=(80, 24), auto_pilot=_exit_after_paint)
