"""The scenario picker: the pack's story scenarios, each with the player's role and the endings found.

The list shows each scenario's title and how many of its endings the player has reached (from
``app.story_endings_found``); below it, the highlighted scenario's role, description and endings,
found ones by title and the rest as ``???``. Choosing one starts it from its first scene.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.content.pack import Pack
from game.engine.story.model import Scenario
from game.ui.screens.base import GameScreen
from game.ui.story_texts import endings_count, endings_lines, fit_height
from game.ui.texts import LABEL_STYLE, NUMBER_STYLE, labelled, literal
from game.ui.widgets.safe_option_list import SafeOptionList


class StoryPickerScreen(GameScreen[None]):
    """Which scenario to play."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", id="story_picker.play"),
        Binding("escape", "back", "Back", id="story_picker.back"),
        *(Binding(str(n), f"pick({n})", f"Scenario {n}", show=False) for n in range(1, 10)),
    ]
    """Number keys, or arrows and Enter, or a click start a scenario; Escape goes back."""

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    @property
    def scenarios(self) -> list[Scenario]:
        return list(self.pack.scenarios)

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Story: ", "bold"), literal(self.pack.title)), id="story-picker-title")
        yield Static(
            "Pick a scenario: a number, or ↑↓ and Enter, or a click.",
            id="story-picker-intro",
            markup=False,
        )
        yield SafeOptionList(id="story-picker-list", markup=False)
        with VerticalScroll(id="story-picker-details", can_focus=False):
            yield Static(id="story-picker-role")
            yield Static(id="story-picker-description")
            yield Static(id="story-picker-endings")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        fit_height(self, event.size.height)

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        self.refresh_list()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Rebuild the list: the endings found may have changed since it was last shown."""
        menu = self.query_one("#story-picker-list", SafeOptionList)
        highlighted = menu.highlighted
        menu.set_options(self._option(n, scenario) for n, scenario in enumerate(self.scenarios, 1))
        menu.highlighted = highlighted if highlighted is not None and highlighted < menu.option_count else 0
        menu.focus()
        self._show_details(menu.highlighted)

    def _option(self, number: int, scenario: Scenario) -> Option:
        found = self.game.story_endings_found(scenario.id)
        return Option(
            Content.assemble(
                (f"{number} ", NUMBER_STYLE),
                literal(scenario.title).stylize("bold"),
                ("  · " + endings_count(scenario, found), "dim"),
            ),
            id=f"scenario-{scenario.id}",
        )

    def _show_details(self, index: int | None) -> None:
        scenarios = self.scenarios
        if index is None or not 0 <= index < len(scenarios):
            return
        scenario = scenarios[index]
        found = self.game.story_endings_found(scenario.id)
        self.query_one("#story-picker-role", Static).update(labelled("Your role:", scenario.role))
        description = self.query_one("#story-picker-description", Static)
        description.update(literal(scenario.description or ""))
        description.display = bool(scenario.description)
        heading = Content.styled(f"Endings: {endings_count(scenario, found)}", LABEL_STYLE)
        lines = endings_lines(scenario, found)
        self.query_one("#story-picker-endings", Static).update(Content("\n").join([heading, *lines]))
        self.query_one("#story-picker-details", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_details(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._play(event.option_index)

    def action_pick(self, number: int) -> None:
        self._play(number - 1)

    def action_play(self) -> None:
        self._play(self.query_one("#story-picker-list", SafeOptionList).highlighted)

    def action_back(self) -> None:
        self.dismiss()

    def _play(self, index: int | None) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        scenarios = self.scenarios
        if index is not None and 0 <= index < len(scenarios):
            self.game.start_scenario(scenarios[index].id)
