"""The cyclic garbage collector paused while the game starts, until its first screen is on the terminal.

Starting the game builds objects and frees almost none (modules, classes, the stylesheet, widgets), yet
Python's collector walks the young objects every 700 allocations and the older ones in turn: measured
with callgrind, ~48M instructions of the ~1,170M to the first frame (4%), finding next to no garbage.
``quotebound play`` pauses it before its first import (:func:`pause_gc`, from ``game.cli``); the app
resumes it once the first frame has been shown (Textual's ``Ready`` event), or the play command when
the game ends without one. Nothing is frozen (``gc.freeze()``, as the serve warm worker does before
forking): measured, ~4,000 objects built before the first frame (the player screen's, once dismissed)
become garbage in cycles, which frozen would stay for the whole session; unfrozen, the first collections
after the first frame walk the start-up objects once, as they did before, only later.
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
    """Collect automatically again (a no-op unless :func:`pause_gc` paused)."""
    if _PAUSED:
        _PAUSED.clear()
        gc.enable()
