"""Quiz rounds: the question types, dealing, scoring and the run (``game.engine.quiz.run``)."""

DEFAULT_ROUND_SIZE = 12
"""Questions in a round when the player does not say (`--questions`): a round a class can finish.

Here rather than in ``run``, so the command line can name it without importing the run (at start).
"""
