"""The cyclic garbage collector paused while the game starts, until its first screen is on the terminal.

Starting the game builds objects and frees almost none (modules, classes, the stylesheet, widgets), yet
Python's collector walks the young objects every 700 allocations and the older ones in turn: measured
with callgrind, ~48M instructions of the ~1,170M to the first frame (4%), finding next to no garbage.
``quotebound play`` pauses it before its first import (:func:`pause_gc`, from ``game.cli``); the app
resumes it at Textual's ``Ready`` event (its first layout: the title's, or for a newcomer the hidden
title's just before "Who is playing?" is drawn), or the play command when the game ends without one.
Nothing stays frozen (``gc.freeze()``, as the serve warm worker does before forking): measured, ~4,000
objects built before the first frame (the player screen's, once dismissed) become garbage in cycles,
which frozen would stay for the whole session.

On resuming, the start's objects go straight to the oldest generation (``gc.freeze()`` then
``gc.unfreeze()``). Left in the youngest, the first collection after the pause walked all of them (~80,000;
~27 ms) and ten collections later the middle generation walked the survivors again (~22 ms), nearly all
of them kept. For a newcomer both walks came before "Who is playing?" showed (Textual's Ready event,
where the app resumes, precedes that screen's first frame). Now they are walked only by the next full
collection, which walked them anyway and collects the cyclic garbage among them.
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
    """Collect automatically again (a no-op unless :func:`pause_gc` paused), the objects built meanwhile
    counted as old (see the module docstring)."""
    if _PAUSED:
        _PAUSED.clear()
        # Freezing moves every tracked object to the permanent generation and unfreezing moves them all
        # to the oldest one: two list splices, no walk. Not when objects were frozen by someone else (a
        # warm worker before it forks): unfreezing would hand theirs back to the collector too.
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()
