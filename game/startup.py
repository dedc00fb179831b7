"""The cyclic garbage collector paused while the game starts, until its first screen is on the terminal.

Starting the game builds objects and frees almost none (modules, classes, the stylesheet, widgets), yet
Python's collector walks the young objects every 700 allocations and the older ones in turn: measured
with callgrind, ~48M instructions of the ~1,170M to the first frame (4%), finding next to no garbage.
``quotebound play`` pauses it before its first import (:func:`pause_gc`, from ``game.cli``); the app
resumes it once the first frame has been shown (Textual's ``Ready`` event), or the play command when
the game ends without one. Resuming first moves everything built so far out of the collector's sight
(``gc.freeze()``), so later collections do not walk the start-up objects again, as the serve warm
worker does before forking games. The price: a cycle among objects built before the first frame that
later becomes garbage is never collected (objects freed by their reference count, most of them, still
are); that is bounded by what one start builds.
"""

from __future__ import annotations

import gc

_PAUSED: list[bool] = []
"""Non-empty while this module holds the collector paused (a collector already off is left alone)."""


def pause_gc() -> None:
    """Stop automatic collections until :func:`resume_gc` (a no-op when they are already off)."""
    if gc.isenabled() and not _PAUSED:
        gc.disable()
        _PAUSED.append(True)


def resume_gc() -> None:
    """Freeze what start-up built, then collect again (a no-op unless :func:`pause_gc` paused)."""
    if _PAUSED:
        _PAUSED.clear()
        gc.freeze()
        gc.enable()
