"""The quiz screen: one question of a round at a time, answered by number keys, arrows or mouse.

It renders the ``QuizRun`` it holds; answering calls ``run.answer`` and pushes the feedback screen. One
answer widget per answer shape, never per type (choice list, TickList, OrderList, input, and for
pick-a-sentence the article's sentence picker); the widgets keep the answer being built, not game state.
"""

from __future__ import annotations

import math
from time import monotonic
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from game.engine.quiz.run import Outcome, Presented, QuizRun, Response
from game.engine.quiz.types import AnswerShape
from game.ui.screens.base import GameScreen
from game.ui.screens.feedback_screen import running_score
from game.ui.screens.question_paging import PAGE_KEYS, can_page, page
from game.ui.texts import literal, numbered
from game.ui.widgets.answer_hints import answer_hint
from game.ui.widgets.answer_lists import OrderList, TickList
from game.ui.widgets.choice_list import ChoiceList
from game.ui.widgets.question_clock import QuestionClock

MAX_CHOICES = 6
PICK_ONE, PICK_MANY, ORDER = AnswerShape.PICK_ONE, AnswerShape.PICK_MANY, AnswerShape.ORDER
TYPE_TEXT, PICK_SENTENCE = AnswerShape.TYPE_TEXT, AnswerShape.PICK_SENTENCE
_ANSWER = Binding.Group("Answer", compact=True)
_TOGGLE = Binding.Group("Tick", compact=True)
_PLACE = Binding.Group("Place", compact=True)


def _number_bindings() -> list[Binding]:
    bindings: list[Binding] = []
    for n in range(1, MAX_CHOICES + 1):
        key = str(n)
        bindings.append(Binding(key, f"answer({n})", f"Answer {n}", group=_ANSWER, id=f"quiz.answer{n}"))
        bindings.append(Binding(key, f"tick({n})", f"Tick {n}", group=_TOGGLE, id=f"quiz.tick{n}"))
        bindings.append(Binding(key, f"place({n})", f"Place {n}", group=_PLACE, id=f"quiz.place{n}"))
    return bindings


class QuizScreen(GameScreen[None]):
    """Question n of N, the running score, the prompt and the ways to answer it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *_number_bindings(),
        Binding("space", "tick_highlighted", "Tick", show=False, id="quiz.tick"),
        Binding("space", "place_highlighted", "Place", show=False, id="quiz.place"),
        Binding("backspace", "undo", "Undo", id="quiz.undo"),
        Binding("enter", "open_picker", "Find the sentence", id="quiz.open_picker"),
        Binding("escape", "leave", "Leave", id="quiz.leave"),
        *PAGE_KEYS,
    ]
    """Number keys answer (or tick, or place, by question type); Space ticks or places the highlighted
    choice; Enter submits a pick-many or ordering answer (it never places); Backspace undoes a placement;
    Enter opens the article to pick a sentence (find-the-line questions); Escape twice leaves the round."""

    COUNT_LABEL: ClassVar[str] = "Question"
    """The header's word: ``Question 3 of 7`` (the review screen says ``Review``)."""

    def __init__(self, run: QuizRun) -> None:
        super().__init__()
        self.run = run
        """The round on show."""
        self.awaiting_answer = False
        """True while a question waits for its answer."""
        self._shown_at = 0.0
        self._remaining: float | None = None
        self._last_tick = 0.0
        self._clock: Timer | None = None
        self._leave_armed_at = -math.inf

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Static(id="quiz-count")
            yield ProgressBar(show_eta=False, show_percentage=False, id="quiz-progress")
            yield QuestionClock(id="quiz-timer")
            yield Static(id="quiz-score")
        with VerticalScroll(id="quiz-question", can_focus=False):
            yield Static(id="quiz-type")
            yield Static(id="quiz-prompt")
            yield Static(id="quiz-statement")
        yield Static(id="quiz-sequence")
        pick = ChoiceList(id="quiz-pick")
        pick.add_class("quiz-choices")
        yield pick
        yield TickList(id="quiz-tick", classes="quiz-choices")
        yield OrderList(id="quiz-order", classes="quiz-choices")
        yield Input(placeholder="Type your answer, then press Enter", id="quiz-input", select_on_focus=False)
        yield Static(id="quiz-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#quiz-input", Input).cursor_blink = self.game.CURSOR_BLINK
        if self.game.time_limit is not None:
            self._clock = self.set_interval(0.2, self._tick)
        self.show_question()

    @property
    def _lists(self) -> dict[AnswerShape, ChoiceList]:
        """The list widget of each shape answered from a list."""
        return {
            PICK_ONE: self.query_one("#quiz-pick", ChoiceList),
            PICK_MANY: self.query_one("#quiz-tick", TickList),
            ORDER: self.query_one("#quiz-order", OrderList),
        }

    @property
    def _ticks(self) -> TickList:
        return self.query_one("#quiz-tick", TickList)

    @property
    def _order(self) -> OrderList:
        return self.query_one("#quiz-order", OrderList)

    @property
    def _sequence(self) -> list[int]:
        return self._order.sequence

    @property
    def shown(self) -> Presented | None:
        """The question on show."""
        return self.run.current

    @property
    def mode(self) -> AnswerShape | None:
        """How the question on show is answered (its answer shape); None when the round is over."""
        shown = self.shown
        return shown.shape if shown is not None else None

    def show_question(self) -> None:
        """Render the run's current question (or move on to the summary when the round is over)."""
        shown = self.shown
        if shown is None:
            self._finish()
            return
        question = shown.question
        self.query_one("#quiz-count", Static).update(
            Content(f"{self.COUNT_LABEL} {shown.number} of {shown.total}")
        )
        progress = self.query_one("#quiz-progress", ProgressBar)
        progress.update(total=shown.total, progress=shown.number - 1)
        self.query_one("#quiz-score", Static).update(Content(running_score(self.run)))
        topic = self.run.pack.topics.get(question.topic, question.topic)
        self.query_one("#quiz-type", Static).update(
            Content.assemble((shown.label, "bold $secondary"), " · ", literal(topic))
        )
        self.query_one("#quiz-prompt", Static).update(literal(question.prompt))
        statement = self.query_one("#quiz-statement", Static)
        statement.update(literal(shown.statement or ""))
        statement.display = shown.statement is not None
        self.query_one("#quiz-question", VerticalScroll).scroll_home(animate=False)

        answer_box = self.query_one("#quiz-input", Input)
        mode = self.mode
        # Only the widget of this question's shape shows; the others are disabled too, since a hidden
        # widget could still take focus when the screen resumes, and with it Enter.
        for shape, widget in self._lists.items():
            widget.display = shape == mode
            widget.disabled = shape != mode
        answer_box.disabled = mode != TYPE_TEXT
        answer_box.display = mode == TYPE_TEXT
        self.query_one("#quiz-sequence", Static).display = mode == ORDER
        if mode == TYPE_TEXT:
            answer_box.value = ""
            answer_box.focus()
        elif mode == PICK_SENTENCE:
            # Nothing here takes keys (Enter reopens the article); the answer is given in the article
            # itself, which opens with its sentence cursor at once.
            self.set_focus(None)
            self.call_after_refresh(self.action_open_picker)
        elif mode is not None:
            choices = self._lists[mode]
            if isinstance(choices, TickList | OrderList):
                choices.show(shown.choices)
            else:
                choices.set_options(Option(numbered(i + 1, text)) for i, text in enumerate(shown.choices))
                choices.highlighted = 0
            choices.focus()
            self.call_after_refresh(self._fit_choices)
        self._update_sequence()
        self.query_one("#quiz-hint", Static).update(answer_hint(mode, len(shown.choices)))
        self._remaining = self.game.time_limit
        self._last_tick = self._shown_at = monotonic()
        self.query_one(QuestionClock).show(self._remaining)
        self.awaiting_answer = True
        self.refresh_bindings()

    def _fit_choices(self) -> None:
        # The list takes the room left under the question (1fr) but no more than its options
        # need, so the hint sits right under the last choice instead of below an empty box.
        # Called after a refresh: by then the round may have been left and the screen's widgets
        # removed (a long random-key run met NoMatches '#quiz-pick' here).
        if not self.is_attached or not self.children or self.mode not in self._lists:
            return
        self._lists[self.mode].fit_to_options(self.size)

    def on_resize(self) -> None:
        if self.mode not in (TYPE_TEXT, PICK_SENTENCE, None):
            self.call_after_refresh(self._fit_choices)

    def _update_sequence(self) -> None:
        shown = self.shown
        if shown is None or self.mode != ORDER:
            return
        placed = [str(i + 1) for i in self._sequence]
        blanks = ["_"] * (len(shown.choices) - len(placed))
        done = " (Enter to submit)" if not blanks else ""
        self.query_one("#quiz-sequence", Static).update(
            Content.assemble(("Your order: ", "bold"), " → ".join(placed + blanks), (done, "italic"))
        )

    # --- bindings ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        mode = self.mode if self.awaiting_answer else None
        count = len(self.shown.choices) if self.shown is not None else 0
        wanted = {"answer": PICK_ONE, "tick": PICK_MANY, "place": ORDER}.get(action)
        if wanted is not None:
            number = parameters[0] if parameters else 0
            return mode == wanted and isinstance(number, int) and 1 <= number <= count
        if action == "tick_highlighted":
            return mode == PICK_MANY
        if action == "place_highlighted":
            return mode == ORDER
        if action == "open_picker":
            return mode == PICK_SENTENCE
        if action == "undo":
            return (True if self._sequence else None) if mode == ORDER else False
        if action == "page_question":
            return can_page(self.query_one("#quiz-question", VerticalScroll))
        return True

    def action_page_question(self, direction: int) -> None:
        page(self.query_one("#quiz-question", VerticalScroll), direction)

    def action_answer(self, number: int) -> None:
        self.submit(number - 1)

    def action_tick(self, number: int) -> None:
        self._toggle(number - 1)

    def action_tick_highlighted(self) -> None:
        highlighted = self._ticks.highlighted
        if highlighted is not None:
            self._toggle(highlighted)

    def action_place(self, number: int) -> None:
        self._place(number - 1)

    def action_place_highlighted(self) -> None:
        highlighted = self._order.highlighted
        if highlighted is not None:
            self._place(highlighted)

    def action_undo(self) -> None:
        if self._sequence:
            self._order.undo()
            self._update_sequence()
            self.refresh_bindings()

    def action_open_picker(self) -> None:
        """Open the article with a sentence cursor; the picked sentence is the answer."""
        shown = self.shown
        # Also called after a refresh: only while this question is still the screen in front.
        if shown is None or self.mode != PICK_SENTENCE or not self.awaiting_answer or not self.is_active:
            return
        from game.ui.screens.reader_screen import SentencePickScreen

        self.app.push_screen(
            SentencePickScreen(self.run.pack, shown.question.prompt, shown.statement), self._sentence_picked
        )

    def _sentence_picked(self, label: str | None) -> None:
        if label is not None:
            self.submit(label)

    def action_leave(self) -> None:
        now = monotonic()
        if now - self._leave_armed_at < 3:
            self.game.round_left(self.run)
            self.game.back_to_title()
            return
        self._leave_armed_at = now
        self.notify(self.game.leave_notice(), timeout=3, markup=False)

    # --- answering -----------------------------------------------------------------------------

    def _toggle(self, index: int) -> None:
        if self.mode != PICK_MANY or not self.awaiting_answer:
            return
        self._ticks.toggle(index)

    def _place(self, index: int) -> None:
        shown = self.shown
        if shown is None or self.mode != ORDER or not self.awaiting_answer:
            return
        if not self._order.place(index):
            self.notify("That item is already placed; Backspace takes the last one back.", timeout=2)
            return
        self._update_sequence()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        mode = self.mode
        if mode == PICK_ONE:
            self.submit(event.option_index)
        elif mode == PICK_MANY:
            self._toggle(event.option_index)
        elif mode == ORDER:
            self._place(event.option_index)

    def on_choice_list_submit_requested(self, event: ChoiceList.SubmitRequested) -> None:
        event.stop()
        shown = self.shown
        if shown is None:
            return
        if self.mode == PICK_MANY:
            if not self._ticks.ticked:
                self.notify("Tick at least one answer first (number keys or Space).", timeout=2)
                return
            self.submit(sorted(self._ticks.ticked))
        elif self.mode == ORDER:
            # Enter only ever submits (the hint says so); placing is the number keys, Space or a click.
            left = len(shown.choices) - len(self._sequence)
            if left:
                self.notify(
                    f"Place every item first ({left} left): 1-{len(shown.choices)}, or Space on the"
                    " highlighted one.",
                    timeout=2,
                    markup=False,
                )
                return
            self.submit(list(self._sequence))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.mode != TYPE_TEXT:
            return
        if not event.value.strip():
            self.notify("Type an answer first.", timeout=2)
            return
        self.submit(event.value)

    def submit(self, response: Response) -> None:
        """Answer the question on show and show the feedback."""
        if not self.awaiting_answer or self.shown is None:
            return
        shown = self.shown
        if isinstance(response, int) and not 0 <= response < len(shown.choices):
            return
        self.awaiting_answer = False
        elapsed = monotonic() - self._shown_at
        if self.game.time_limit is not None and self._remaining is not None:
            elapsed = self.game.time_limit - max(0.0, self._remaining)
        outcome: Outcome = self.run.answer(response, elapsed)
        # Saved before the feedback shows: an answer the player has seen judged survives a crash.
        self.game.round_answered(self.run)
        from game.ui.screens.feedback_screen import FeedbackScreen

        self.refresh_bindings()
        self.app.push_screen(FeedbackScreen(self.run, shown, outcome), self._after_feedback)

    def _after_feedback(self, _: object = None) -> None:
        self.show_question()

    def _finish(self) -> None:
        from game.ui.screens.summary_screen import SummaryScreen

        self.awaiting_answer = False
        self.game.round_finished(self.run)
        self.app.switch_screen(SummaryScreen(self.run))

    # --- time limit ----------------------------------------------------------------------------

    def _tick(self) -> None:
        now = monotonic()
        delta, self._last_tick = now - self._last_tick, now
        if not self.awaiting_answer or self._remaining is None or not self.is_active:
            return  # the clock stops while help or another screen is over the question
        self._remaining -= delta
        self.query_one(QuestionClock).show(self._remaining)
        if self._remaining <= 0:
            self.submit(None)
