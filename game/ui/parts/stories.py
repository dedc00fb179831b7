"""Story mode's part of the app: starting scenarios and the endings found this session.

:meth:`Stories.show` is the one way a story run reaches the screen (new, replayed or resumed). The endings
remembered here are the session's; saved ones come from :class:`~game.ui.parts.saving.Saving`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    # The run modules are imported where a run is made or checked: the game starts without them.
    from game.engine.story.run import StoryRun
    from game.ui.app import QuoteboundApp


class Stories:
    """Scenarios: navigation and the endings reached this session."""

    def __init__(self, app: QuoteboundApp) -> None:
        self.app = app
        self.endings: dict[tuple[str, str], set[str]] = {}
        """Endings reached this session: (pack id, scenario id) → ending ids."""

    def endings_found(self, scenario_id: str) -> set[str]:
        """The ids of the endings of ``scenario_id`` (in the current pack) reached this session."""
        return set(self.endings.get((self.app.pack.id, scenario_id), ()))

    def ended(self, run: StoryRun) -> None:
        """Remember the ending ``run`` reached."""
        if run.ending is not None:
            self.endings.setdefault((run.pack.id, run.scenario.id), set()).add(run.ending.id)

    def show(self, run: StoryRun) -> None:
        """Play ``run`` from its current scene (or show its ending), from the title screen."""
        from game.ui.screens.story_ending_screen import StoryEndingScreen
        from game.ui.screens.story_scene_screen import StorySceneScreen

        self.app.back_to_title()
        self.app.push_screen(StoryEndingScreen(run) if run.finished else StorySceneScreen(run))

    def current(self) -> StoryRun | None:
        """The story run the active screen shows, if any."""
        run = getattr(self.app.screen, "story", None)
        from game.engine.story.run import StoryRun

        return run if isinstance(run, StoryRun) else None

    def pick(self) -> None:
        """Pick a scenario of the current pack to play."""
        from game.ui.screens.story_picker_screen import StoryPickerScreen

        app = self.app
        if not app.pack.scenarios:
            app.notify("This pack has no story scenarios.")
            return
        app.back_to_title()
        app.push_screen(StoryPickerScreen(app.pack))

    def restart(self) -> None:
        """Play the scenario on show again from its start."""
        run = self.current()
        if run is None:
            self.app.notify("No scenario to restart: start one from Story on the title screen.")
            return
        from game.engine.story.run import StoryRun

        self.app.show_story(StoryRun(run.pack, run.scenario))

    def system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        app = self.app
        if getattr(screen, "story", None) is not None:
            yield SystemCommand(
                "Restart scenario", "Play this scenario again from its start", app.action_restart_story
            )
        if app.pack.scenarios:
            yield SystemCommand("Story", "Choose a scenario and play it", app.action_start_story)
