"""A player's progress: the one door the TUI, the plain mode and the commands use to saved data.

:mod:`~game.progress.service` (``ProgressService``) opens the store and hands each event of play to its
part: :mod:`~game.progress.runs` (a run's life), :mod:`~game.progress.resume` (unfinished runs),
:mod:`~game.progress.review` (the review queue, its rules pure in :mod:`~game.progress.schedule`).
:mod:`~game.progress.class_results` writes the teacher's files; :mod:`~game.progress.figures` gathers the
stats. :mod:`~game.progress.records` holds the values handed to front ends. Nothing here imports textual or
rich; only this package (and commands, for files) imports :mod:`game.store`.
"""
