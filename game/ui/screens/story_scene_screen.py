"""The story scene screen: where the player is, what they know, and what they can do next.

The screen holds the :class:`~game.engine.story.run.StoryRun` and renders from it: the scenario and scene
titles and the score on top, the variables in a status line, the scene's text and quotes, and its
choices numbered. Closed choices are greyed out with the reason they are closed and cannot be taken.
Choosing calls ``run.choose``, tells the app (``story_choice_made``, and ``story_ended`` when the
story is over) and pushes the feedback screen; after it, the next scene shows, or the ending. A
choice with nothing to explain (no feedback, quotes or changes) goes straight on. Escape twice
leaves (``story_left``).
"""

from __future__ import annotations

import math
from time import monotonic
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.content.pack import QuoteRef
from game.engine.content.text import CONTEXT_LABEL
from game.engine.story.run import ChoiceView, StoryOutcome, StoryRun
from game.ui.screens.base import GameScreen
from game.ui.story_texts import choice_prompt, fit_height, run_heading, status_line
from game.ui.texts import labelled, literal, quote_line
from game.ui.widgets.safe_option_list import SafeOptionList

MAX_KEYS = 9
_CHOOSE = Binding.Group("Choose", compact=True)


def has_feedback(outcome: StoryOutcome) -> bool:
    """Whether a choice's outcome is worth a feedback screen.

    A choice that only moves on (``File the piece``, a verdict leading to an ending) has nothing to
    explain: the next scene, or the ending with its debrief and score, follows at once.
    """
    if outcome.feedback or outcome.quotes or outcome.context or outcome.changes:
        return True
    return outcome.ending is None and outcome.points > 0


class StorySceneScreen(GameScreen[None]):
    """One scene of a story run and its choices."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"choose({n})", f"Choose {n}", group=_CHOOSE, id=f"story.choose{n}")
            for n in range(1, MAX_KEYS + 1)
        ),
        Binding("a", "app.open_reader", "Article", id="story.article"),
        Binding("escape", "leave", "Leave", id="story.leave"),
    ]
    """Number keys take a choice (or ↑↓ and Enter, or a click); a opens the article (at the scene's
    quote, if it has one); Escape twice leaves the scenario."""

    def __init__(self, story: StoryRun) -> None:
        super().__init__()
        self.story = story
        """The run on show."""
        self._leave_armed_at = -math.inf

    @property
    def source_quote(self) -> QuoteRef | None:
        """Where the article opens from this screen: the scene's first quote."""
        quotes = self.story.quotes() if not self.story.finished else []
        return quotes[0] if quotes else None

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="story-top"):
            yield Static(id="story-heading")
            yield Static(id="story-score")
        yield Static(id="story-status")
        # Focusable (Tab) so a long text can be scrolled by keys when the terminal is short.
        with VerticalScroll(id="story-body"):
            yield Static(id="story-intro")
            yield Static(id="story-text")
            yield Static(id="story-quotes")
            yield Static(id="story-context")
        yield SafeOptionList(id="story-choices", markup=False)
        yield Static(id="story-hint")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        was_short = self.has_class("-short")
        fit_height(self, event.size.height)
        if self.has_class("-short") != was_short and self.story.scene is not None:
            # A closed choice takes one row on a short screen, two or three on a tall one.
            choices = self.query_one("#story-choices", SafeOptionList)
            self._list_choices(self.story.choices(), choices.highlighted)

    def on_mount(self) -> None:
        fit_height(self, self.app.size.height)
        self.show_scene()

    def show_scene(self) -> None:
        """Render the run's current scene."""
        self.withdraw_hints()  # a hint about the last scene ("That choice is closed…") goes with it
        story = self.story
        scene = story.scene
        if scene is None:
            return
        self.query_one("#story-heading", Static).update(run_heading(story))
        self.query_one("#story-score", Static).update(Content(f"Score {story.score}"))
        status = self.query_one("#story-status", Static)
        rows = story.status()
        status.update(status_line(rows))
        status.display = bool(rows)

        intro = self.query_one("#story-intro", Static)
        at_start = not story.path and story.scene_id == story.scenario.start
        intro.update(self._intro() if at_start else "")
        intro.display = at_start
        self.query_one("#story-text", Static).update(literal(scene.text))
        quotes = story.quotes()
        quotes_box = self.query_one("#story-quotes", Static)
        quotes_box.update(Content("\n").join(quote_line(q) for q in quotes))
        quotes_box.display = bool(quotes)
        context = self.query_one("#story-context", Static)
        context.update(labelled(CONTEXT_LABEL, scene.context or ""))
        context.display = bool(scene.context)
        self.query_one("#story-body", VerticalScroll).scroll_home(animate=False)

        views = story.choices()
        self._list_choices(views, next((view.index for view in views if view.open), None))
        self.query_one("#story-choices", SafeOptionList).focus()
        closed = sum(not view.open for view in views)
        self.query_one("#story-hint", Static).update(Content(self._hint(len(views), closed)))
        self.refresh_bindings()

    def _list_choices(self, views: list[ChoiceView], highlighted: int | None) -> None:
        """List the scene's choices (closed ones on one row if the screen is short), ``highlighted`` lit."""
        short = self.has_class("-short")
        choices = self.query_one("#story-choices", SafeOptionList)
        choices.set_options(
            Option(choice_prompt(view, short=short), id=f"choice-{view.index}", disabled=not view.open)
            for view in views
        )
        choices.highlighted = highlighted

    def _intro(self) -> Content:
        """The scenario's intro, then its own context (what in the story is made up), labelled as such."""
        scenario = self.story.scenario
        intro = literal(scenario.intro)
        if not scenario.context:
            return intro
        return Content.assemble(intro, "\n\n", labelled(CONTEXT_LABEL, scenario.context))

    @staticmethod
    def _hint(count: int, closed: int) -> str:
        keys = "1" if count == 1 else f"1-{min(count, MAX_KEYS)}"
        hint = f"Press {keys}, or ↑↓ and Enter, or click."
        if closed:
            hint += " Greyed choices are closed for now."
        return hint

    # --- bindings ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            number = parameters[0] if parameters else 0
            count = len(self.story.choices())
            return isinstance(number, int) and 1 <= number <= count
        return True

    def action_choose(self, number: int) -> None:
        self.choose(number - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def action_leave(self) -> None:
        now = monotonic()
        if now - self._leave_armed_at < 3:
            self.game.story_left(self.story)
            self.game.back_to_title()
            return
        self._leave_armed_at = now
        self.notify("Press Esc again to leave this scenario.", timeout=3, markup=False)

    # --- choosing ------------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        """Take the choice shown at ``index`` (0-based, as listed), if it is open, and show its feedback."""
        if self.app.screen is not self or self.story.finished:
            return  # a second key press while the feedback is opening
        views = self.story.choices()
        if not 0 <= index < len(views):
            return
        view = views[index]
        if not view.open:
            self.notify(f"That choice is closed: {view.reason}", severity="warning", timeout=3, markup=False)
            return
        outcome = self.story.choose(index)
        self.game.story_choice_made(self.story, outcome)
        if self.story.finished:
            self.game.story_ended(self.story)
        if not has_feedback(outcome):
            self._after_feedback()
            return
        from game.ui.screens.story_feedback_screen import StoryFeedbackScreen

        self.app.push_screen(StoryFeedbackScreen(self.story, outcome), self._after_feedback)

    def _after_feedback(self, _: object = None) -> None:
        if self.story.finished:
            from game.ui.screens.story_ending_screen import StoryEndingScreen

            self.app.switch_screen(StoryEndingScreen(self.story))
        else:
            self.show_scene()
