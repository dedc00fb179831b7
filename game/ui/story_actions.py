"""Story mode on the app: starting scenarios, the endings found, and the hooks persistence fills in.

:class:`StoryActions` is a mixin of :class:`~game.ui.app.QuoteboundApp`, kept here so ``app.py`` stays
small. The story screens call only these methods on the app:

- :meth:`StoryActions.story_endings_found` — which endings of a scenario the player has reached;
- :meth:`StoryActions.story_choice_made` — after every choice (the run is already advanced);
- :meth:`StoryActions.story_ended` — once, when a choice reaches an ending (before its feedback shows);
- :meth:`StoryActions.story_left` — when the player leaves a scenario before its end.

:meth:`StoryActions.show_story` is the one way a run reaches the screen (new, replayed or resumed).

Here the endings are remembered in memory for the session (:attr:`StoryActions.endings_found`);
:class:`~game.ui.progress.ProgressMixin` extends these methods to keep them, and runs, in the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.screen import Screen

from game.engine.story.run import StoryOutcome, StoryRun

if TYPE_CHECKING:
    from game.engine.content.pack import Pack


class StoryActions(App[None]):
    """Story-mode navigation and hooks of the app (a base of QuoteboundApp, through ProgressMixin)."""

    if TYPE_CHECKING:
        # Provided by QuoteboundApp.
        @property
        def pack(self) -> Pack: ...

        def back_to_title(self) -> None: ...

    # --- what the screens read and report --------------------------------------------------------

    @cached_property
    def endings_found(self) -> dict[tuple[str, str], set[str]]:
        """Endings reached this session: (pack id, scenario id) → ending ids."""
        return {}

    def story_endings_found(self, scenario_id: str) -> set[str]:
        """The ids of the endings of ``scenario_id`` (in the current pack) the player has reached."""
        return set(self.endings_found.get((self.pack.id, scenario_id), ()))

    def story_choice_made(self, run: StoryRun, outcome: StoryOutcome) -> None:
        """Called after every choice, with the run already advanced (``run.to_json()`` resumes it)."""

    def story_ended(self, run: StoryRun) -> None:
        """Called once when ``run`` reaches an ending, before its feedback is shown."""
        if run.ending is not None:
            self.endings_found.setdefault((run.pack.id, run.scenario.id), set()).add(run.ending.id)

    def story_left(self, run: StoryRun) -> None:
        """Called when the player leaves ``run`` before its end (Esc twice on a scene)."""

    # --- navigation --------------------------------------------------------------------------------

    def show_story(self, run: StoryRun) -> None:
        """Play ``run`` from its current scene (or show its ending), from the title screen."""
        from game.ui.screens.story_ending_screen import StoryEndingScreen
        from game.ui.screens.story_scene_screen import StorySceneScreen

        self.back_to_title()
        self.push_screen(StoryEndingScreen(run) if run.finished else StorySceneScreen(run))

    def start_scenario(self, scenario_id: str) -> None:
        """Play the current pack's scenario ``scenario_id`` from its start, unless its lint refuses it."""
        # Imported here: the lint walks every state, and starting the game must not pay for it.
        from game.authoring.storylint import check_scenario

        run = StoryRun(self.pack, scenario_id)
        refusal = check_scenario(run.scenario)
        if refusal is not None:
            self.notify(refusal, title="Cannot play this scenario", severity="error", markup=False)
            return
        self.show_story(run)

    def current_story(self) -> StoryRun | None:
        """The story run the active screen shows, if any."""
        run = getattr(self.screen, "story", None)
        return run if isinstance(run, StoryRun) else None

    # --- actions -------------------------------------------------------------------------------------

    def action_start_story(self) -> None:
        """Pick a scenario of the current pack to play."""
        from game.ui.screens.story_picker_screen import StoryPickerScreen

        if not self.pack.scenarios:
            self.notify("This pack has no story scenarios.")
            return
        self.back_to_title()
        self.push_screen(StoryPickerScreen(self.pack))

    def action_restart_story(self) -> None:
        """Play the scenario on show again from its start."""
        run = self.current_story()
        if run is None:
            self.notify("No scenario to restart: start one from Story on the title screen.")
            return
        self.show_story(StoryRun(run.pack, run.scenario))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if getattr(screen, "story", None) is not None:
            yield SystemCommand(
                "Restart scenario", "Play this scenario again from its start", self.action_restart_story
            )
        if self.pack.scenarios:
            yield SystemCommand("Story", "Choose a scenario and play it", self.action_start_story)
        yield from super().get_system_commands(screen)
