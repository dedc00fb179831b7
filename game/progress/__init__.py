"""Keeping a player's progress while they play: the service every front end shares, and the stats figures.

:mod:`game.progress.service` turns what happens in a round or a story (started, answered, finished, left)
into :class:`~game.store.db.ProgressStore` writes, offers unfinished runs for resume, and writes class
results. :mod:`game.progress.figures` gathers the numbers the stats screen and ``quotebound stats`` show.
Neither imports textual or rich: the TUI, the plain line mode and the command line all use them.
"""
