"""The review screen: the quiz screen playing a review round (the questions due for review).

A review round is an ordinary ``QuizRun`` over the due question ids; the app saves it
in mode ``review`` and every answer goes back into the queue. Only the header differs, so the player knows
these are questions they missed before.
"""

from __future__ import annotations

from game.ui.screens.quiz_screen import QuizScreen


class ReviewScreen(QuizScreen):
    """A quiz screen whose header reads "Review n of N"."""

    COUNT_LABEL = "Review"
