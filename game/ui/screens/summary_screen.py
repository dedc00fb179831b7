"""The round summary: the score, the share right, a per-topic breakdown, and the missed questions.

Its actions: retake only the missed questions (same seed), play a new round, read the article, or go
back to the title.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.quiz.run import QuizRun, Summary
from game.ui.screens.base import GameScreen
from game.ui.texts import LABEL_STYLE, NUMBER_STYLE, labelled, literal, quote_line
from game.ui.widgets.safe_option_list import SafeOptionList

BAR_WIDTH = 10


def topic_line(title: str, right: int, asked: int) -> Content:
    """``■■■■■□□□□□  3/6  Title`` for one topic."""
    filled = round(BAR_WIDTH * right / asked) if asked else 0
    return Content.assemble(
        ("■" * filled, "$success"),
        ("□" * (BAR_WIDTH - filled), "dim"),
        f"  {right}/{asked}  ",
        literal(title),
    )


class SummaryScreen(GameScreen[None]):
    """How the round went, and what to do next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retake", "Retake missed", id="summary.retake"),
        Binding("n", "new_round", "New round", id="summary.new_round"),
        Binding("a", "app.open_reader", "Article", show=False, id="summary.article"),
        Binding("escape", "title", "Title", id="summary.title"),
        Binding("pageup", "scroll_body(-1)", "Scroll", show=False, priority=True, id="summary.page_up"),
        Binding(
            "pagedown",
            "scroll_body(1)",
            "Scroll",
            key_display="PgUp/PgDn",
            priority=True,
            id="summary.page_down",
        ),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 5)),
    ]
    """Letters for the actions (also listed in the menu, picked by number, arrows or mouse); PageUp and
    PageDown scroll the figures and missed questions whatever has focus (the menu keeps the arrows)."""

    def __init__(self, run: QuizRun) -> None:
        super().__init__()
        self.run = run
        self.summary: Summary = run.summary()

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Static(
            Content.assemble(("Round over: ", "bold"), literal(self.run.pack.title)), id="summary-title"
        )
        yield Static(
            Content.assemble(
                ("Score ", "bold"),
                (f"{summary.score} / {summary.max_score}", "bold $accent"),
                (f" + {summary.bonus} streak bonus" if summary.bonus else "", "$accent"),
                f"   {summary.right} of {summary.total} right ({summary.percent}%)",
            ),
            id="summary-score",
        )
        with VerticalScroll(id="summary-body"):
            yield Static(Content.styled("By topic", LABEL_STYLE), classes="summary-heading")
            for title, (right, asked) in summary.by_topic.items():
                yield Static(topic_line(title, right, asked), classes="summary-topic")
            if summary.missed:
                yield Static(Content.styled("Missed questions", LABEL_STYLE), classes="summary-heading")
                for qid in summary.missed:
                    yield from self._missed(qid)
            else:
                yield Static(Content.styled("No misses: every answer was right.", "bold $success"))
        yield SafeOptionList(*self._actions(), id="summary-actions", markup=False)
        yield Footer()

    def _missed(self, question_id: str) -> ComposeResult:
        record = next(r for r in self.run.records if r.question_id == question_id)
        outcome = self.run.outcome_of(record)
        question = self.run.pack.question(question_id)
        yield Static(
            Content.assemble(("✘ ", "bold $error"), literal(question.prompt)), classes="summary-missed"
        )
        yield Static(
            labelled("Your answer:", outcome.given or "(none: time ran out)"), classes="summary-detail"
        )
        yield Static(labelled("Right answer:", outcome.right_answer), classes="summary-detail")
        for quote in outcome.quotes:
            yield Static(quote_line(quote), classes="summary-detail summary-quote")

    def _actions(self) -> list[Option]:
        missed = len(self.summary.missed)
        # What cannot be done is left out, not dimmed: a perfect round has nothing to retake.
        retake = f"Retake the {missed} missed question{'s' if missed != 1 else ''}"
        entries = [("retake", retake)] if missed else []
        entries += [
            ("new_round", "New round"),
            ("article", "Read the article"),
            ("title", "Back to the title screen"),
        ]
        return [
            Option(Content.assemble((f"{n} ", NUMBER_STYLE), text), id=option_id)
            for n, (option_id, text) in enumerate(entries, start=1)
        ]

    def on_mount(self) -> None:
        actions = self.query_one("#summary-actions", SafeOptionList)
        actions.highlighted = 0
        actions.focus()

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#summary-body", VerticalScroll)
        if direction < 0:
            body.scroll_page_up()
        else:
            body.scroll_page_down()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retake":
            return bool(self.summary.missed)
        return True

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self._run(event.option.id)

    async def action_pick(self, number: int) -> None:
        actions = self.query_one("#summary-actions", SafeOptionList)
        if 1 <= number <= actions.option_count:
            option = actions.get_option_at_index(number - 1)
            if not option.disabled:
                await self._run(option.id)

    async def _run(self, option_id: str | None) -> None:
        if not self.is_active:  # a second Enter while this screen is already leaving
            return
        action = {
            "retake": "retake",
            "new_round": "new_round",
            "article": "app.open_reader",
            "title": "title",
        }
        if option_id in action:
            await self.run_action(action[option_id])

    def action_retake(self) -> None:
        """Play only the questions missed this round, dealt with the same seed."""
        if self.summary.missed:
            run = QuizRun(
                self.run.pack,
                seed=self.run.seed,
                question_ids=self.summary.missed,
                streak_bonus=self.run.streak_bonus,
            )
            self.game.show_round(run)

    def action_new_round(self) -> None:
        self.game.action_start_quiz()

    def action_title(self) -> None:
        self.game.back_to_title()
