"""The ending of a story run: its title and kind, the debrief with its quotes, the choices of this run
that cost points (each with its quotes), the score, and the endings found so far for the scenario (found
ones by title, the rest as ``???``).

Its actions: back to the stories (the default: Enter), play the scenario again, or back to the title.
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

from game.engine.content.pack import QuoteRef
from game.engine.content.text import CONTEXT_LABEL
from game.engine.story.model import Ending
from game.engine.story.run import StoryRun
from game.ui.screens.base import GameScreen
from game.ui.story_texts import SEPARATOR, endings_count, endings_lines, fit_height, kind_text
from game.ui.texts import LABEL_STYLE, NUMBER_STYLE, labelled, literal, quote_line
from game.ui.widgets.safe_option_list import SafeOptionList

ACTIONS = [
    ("another", "Back to the stories"),
    ("again", "Play this scenario again"),
    ("title", "Back to the title screen"),
]
"""The first is highlighted, so Enter (pressed once too often after the last feedback) goes back to the
stories rather than starting the same story over."""


class StoryEndingScreen(GameScreen[None]):
    """How the story ended, what it teaches, and what to do next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "again", "Replay", id="story_ending.again"),
        Binding("n", "another", "Scenarios", id="story_ending.another"),
        Binding(
            "s",
            "sources",
            "Article",
            tooltip="Show the debrief's quote in the article",
            id="story_ending.sources",
        ),
        Binding("escape", "title", "Title", id="story_ending.title"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, len(ACTIONS) + 1)),
    ]
    """Letters for the actions (also listed in the menu, picked by number, arrows or mouse); s shows
    the debrief's first quote in the article."""

    def __init__(self, story: StoryRun) -> None:
        super().__init__()
        if story.ending is None:
            raise ValueError("the story has not ended")
        self.story = story
        self.ending: Ending = story.ending

    @property
    def source_quote(self) -> QuoteRef | None:
        """The debrief's first quote, where ``s`` opens the article."""
        quotes = self.story.quotes()
        return quotes[0] if quotes else None

    @property
    def found(self) -> set[str]:
        """The endings of this scenario reached so far, this one included."""
        return self.game.story_endings_found(self.story.scenario.id) | {self.ending.id}

    def compose(self) -> ComposeResult:
        story, ending = self.story, self.ending
        yield Static(
            Content.assemble(
                ("Ending: ", "bold"),
                literal(ending.title).stylize("bold"),
                (SEPARATOR, "dim"),
                kind_text(ending),
            ),
            id="story-ending-banner",
            classes=f"-{ending.kind}",
        )
        steps = len(story.path)
        found = self.found
        yield Static(
            Content.assemble(
                ("Score ", "bold"),
                (str(story.score), "bold $accent"),
                f" in {steps} choice{'s' if steps != 1 else ''}",
                (SEPARATOR, "dim"),
                (endings_count(story.scenario, found).capitalize(), "bold"),
                (SEPARATOR, "dim"),
                literal(story.scenario.title).stylize("dim"),
            ),
            id="story-ending-score",
        )
        with VerticalScroll(id="story-ending-body"):
            yield Static(literal(ending.debrief), id="story-ending-debrief")
            quotes = story.quotes()
            if quotes:
                yield Static(Content.styled("From the article:", LABEL_STYLE), classes="story-ending-heading")
            for i, quote in enumerate(quotes):
                yield Static(quote_line(quote), id=f"story-ending-quote-{i}", classes="story-ending-quote")
            if ending.context:
                yield Static(
                    labelled(CONTEXT_LABEL, ending.context), id="story-ending-context"
                )
            yield from self._slips()
            yield Static(
                Content.styled(f"Endings: {endings_count(story.scenario, found)}", LABEL_STYLE),
                classes="story-ending-heading",
                id="story-ending-found",
            )
            yield Static(
                Content("\n").join(endings_lines(story.scenario, found, current=ending.id)),
                id="story-ending-list",
            )
        yield SafeOptionList(
            *(
                Option(Content.assemble((f"{n} ", NUMBER_STYLE), label), id=action)
                for n, (action, label) in enumerate(ACTIONS, 1)
            ),
            id="story-ending-actions",
            markup=False,
        )
        yield Footer()

    def _slips(self) -> ComposeResult:
        """This run's choices that cost points, each with its quotes: the debrief of the player's own path."""
        slips = self.story.slips()
        if not slips:
            yield Static(Content.styled("No choice cost you points.", LABEL_STYLE), id="story-ending-slips")
            return
        yield Static(Content.styled("Choices that cost points:", LABEL_STYLE), id="story-ending-slips")
        for i, slip in enumerate(slips):
            where = f"{slip.scene_title}: " if slip.scene_title else ""
            lines = [
                Content.assemble(
                    ("✘ ", "bold $text-error"),
                    literal(f"{where}{slip.quoted}"),
                    (f" ({slip.points} of {slip.best} points)", "dim"),
                ),
                *(Content.assemble("  ", quote_line(quote)) for quote in slip.quotes),
            ]
            yield Static(Content("\n").join(lines), id=f"story-ending-slip-{i}", classes="story-ending-slip")

    def on_resize(self, event: events.Resize) -> None:
        fit_height(self, event.size.height)

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        actions = self.query_one("#story-ending-actions", SafeOptionList)
        actions.highlighted = 0
        actions.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sources":
            return self.source_quote is not None
        return True

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        event.stop()
        if event.option.id is not None:
            await self.run_action(event.option.id)

    async def action_pick(self, number: int) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        if 1 <= number <= len(ACTIONS):
            await self.run_action(ACTIONS[number - 1][0])

    def action_again(self) -> None:
        """Play the same scenario from its start."""
        self.game.show_story(StoryRun(self.story.pack, self.story.scenario))

    def action_another(self) -> None:
        self.game.action_start_story()

    def action_title(self) -> None:
        self.game.back_to_title()

    def action_sources(self) -> None:
        if self.source_quote is not None:
            self.game.open_reader(self.source_quote)
