"""The Textual front end: the app factory, its screens and widgets, its stylesheet and help page.

Only :mod:`game.ui.app` needs importing from outside: ``make_app(packs=..., seed=...)`` builds the app.
Screens render from engine objects (a :class:`~game.engine.quiz.run.QuizRun`, a pack's article) and call
engine methods on input; they never hold game state of their own.
"""
