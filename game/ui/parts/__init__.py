"""The parts the app is composed of (instead of mixins): each holds one concern's state and logic.

:class:`~game.ui.parts.stories.Stories` (scenarios, endings found this session) and
:class:`~game.ui.parts.saving.Saving` (players, saving, resume, review, stats, class results). The app
(:mod:`game.ui.app`) owns one of each and answers the screens' :class:`~game.ui.host.GameHost` calls by
handing them on.
"""
