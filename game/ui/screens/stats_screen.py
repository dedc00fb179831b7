"""The stats screen: accuracy over time, per topic, streaks, story endings, the review queue and history.

It lays out the :class:`~game.progress.figures.PlayerFigures` the app gathered for the current pack, the
same figures ``quotebound stats`` prints. Topic, scenario and pack titles are content: rendered literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from game.engine.content.pack import Pack
from game.progress.figures import (
    SPARK_DAYS,
    PackFigures,
    PlayerFigures,
    due_text,
    endings_text,
    local_day,
    minutes,
    overrides_text,
    percent,
    plot_rows,
    score_text,
    shorten,
    streak_text,
)
from game.progress.story_figures import result_text
from game.ui.screens.base import GameScreen
from game.ui.screens.summary_screen import topic_line
from game.ui.texts import LABEL_STYLE, literal


def heading(text: str) -> Static:
    return Static(Content.styled(text, LABEL_STYLE), classes="stats-heading")


Layout = tuple[tuple[str, ...], Sequence[tuple[Text, ...]]]
"""A table's headers and its rows."""


class FittingTable(DataTable[Text]):
    """A table given in several layouts, widest first, that shows the first one that fits its width (the
    last when none does): a narrow screen leaves out or shortens columns rather than scroll sideways."""

    def __init__(self, layouts: Sequence[Layout], *, id: str) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id, show_cursor=False, zebra_stripes=True)
        self.layouts = layouts
        self.shown: Layout | None = None
        self._show(layouts[0])

    def _show(self, layout: Layout) -> None:
        if layout is self.shown:
            return
        self.shown = layout
        headers, rows = layout
        self.clear(columns=True)
        self.add_columns(*headers)
        self.add_rows(rows)

    def _width(self, layout: Layout) -> int:
        headers, rows = layout
        cells = [Text(h).cell_len for h in headers]
        for row in rows:
            cells = [max(w, cell.cell_len) for w, cell in zip(cells, row, strict=True)]
        return sum(cells) + 2 * self.cell_padding * len(headers)

    def on_resize(self) -> None:
        room = self.scrollable_content_region.width
        self._show(next((lay for lay in self.layouts if self._width(lay) <= room), self.layouts[-1]))


class StatsScreen(GameScreen[None]):
    """How the player is doing on the pack."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="stats.close"),
    ]
    """Escape goes back; arrows and Page keys scroll."""

    def __init__(self, pack: Pack, figures: PlayerFigures | None, *, tz: tzinfo | None = None) -> None:
        """Args:
        pack: the pack on the title screen.
        figures: the player's figures for it; None when there is no saved player.
        tz: the zone for calendar days (None: the machine's).
        """
        super().__init__()
        self.pack = pack
        self.figures = figures
        self.tz = tz

    @property
    def pack_figures(self) -> PackFigures | None:
        if self.figures is None:
            return None
        return next((p for p in self.figures.packs if p.pack_id == self.pack.id), None)

    def compose(self) -> ComposeResult:
        figures = self.figures
        who = Content.assemble(("Stats: ", "bold"), (figures.player, "bold") if figures else "")
        yield Static(Content.assemble(who, "  ·  ", literal(self.pack.title)), id="stats-title")
        with VerticalScroll(id="stats-body"):
            pack = self.pack_figures
            if figures is None or pack is None:
                yield Static(
                    Content(
                        "Stats are kept for named players. Choose “Switch player” on the title screen, "
                        "then play a round."
                    ),
                    id="stats-none",
                )
            else:
                yield from self._figures(figures, pack)
        yield Footer()

    def _figures(self, figures: PlayerFigures, pack: PackFigures) -> ComposeResult:
        yield heading("Accuracy")
        if pack.days:
            last = pack.days[-1]
            yield Static(
                Content(
                    f"{percent(pack.right, pack.answered)}% right over {pack.answered} answers on "
                    f"{len(pack.days)} day{'s' if len(pack.days) != 1 else ''}; "
                    f"last day {percent(last.right, last.answered)}%"
                ),
                id="stats-accuracy",
            )
            yield Static(self._plot(pack), id="stats-plot")
        else:
            yield Static(Content("No answers yet on this pack."), id="stats-accuracy")
        yield Static(Content.assemble(("Streaks  ", "dim"), streak_text(figures.streaks)), id="stats-streaks")
        if pack.topics:
            yield heading("By topic")
            for topic in pack.topics:
                yield Static(topic_line(topic.title, topic.right, topic.answered), classes="stats-topic")
        if pack.endings:
            yield heading("Story endings")
            for ending in pack.endings:
                yield Static(
                    Content.assemble(literal(ending.title), ": ", endings_text(ending)),
                    classes="stats-ending",
                )
        yield heading("Review")
        yield Static(Content(f"{pack.due} due now, {pack.queued} in the queue"), id="stats-review")
        if pack.overrides:
            yield Static(Content(f"Overrides: {overrides_text(pack.overrides)}"), id="stats-overrides")
        for queued in pack.queue:
            # FSRS sets each question's next date; the prompt is content, shown literally.
            when = due_text(queued.due_at, figures.now, self.tz)
            yield Static(
                Content.assemble((f"{when}  ", "dim"), literal(shorten(queued.prompt, 54))),
                classes="stats-queued",
            )
        if pack.best:
            yield heading("Best scores")
            yield Static(
                Content(
                    "   ".join(
                        f"{b.mode} {score_text(b.score, b.max_score, b.bonus)} "
                        f"({local_day(b.finished_at, self.tz)})"
                        for b in pack.best
                    )
                ),
                id="stats-best",
            )
        if pack.history:
            yield heading("History")
            yield self._history(pack)

    def _history(self, pack: PackFigures) -> FittingTable:
        """The rounds played: day, mode, score, result, time; narrower, without the result, then with the
        day and score shortened (``10 Mar``, ``30/30 + 5``), then without the mode."""
        full: list[tuple[Text, ...]] = []
        short: list[tuple[Text, ...]] = []
        for row in pack.history:
            mode, time = Text(row.mode), Text(minutes(row.duration_s), justify="right")
            score = Text(score_text(row.score, row.max_score, row.bonus), justify="right")
            result = Text(result_text(row, pack.story_results.get(row.run_id)))
            full.append((Text(local_day(row.finished_at, self.tz)), mode, score, result, time))
            short.append(
                (
                    Text(local_day(row.finished_at, self.tz, short=True)),
                    mode,
                    Text(score_text(row.score, row.max_score, row.bonus, short=True), justify="right"),
                    time,
                )
            )
        return FittingTable(
            [
                (("Day", "Mode", "Score", "Result", "Time"), full),
                (("Day", "Mode", "Score", "Time"), [(d, m, s, t) for d, m, s, _r, t in full]),
                (("Day", "Mode", "Score", "Time"), short),
                (("Day", "Score", "Time"), [(d, s, t) for d, _m, s, t in short]),
            ],
            id="stats-history",
        )

    @staticmethod
    def _plot(pack: PackFigures) -> Content:
        """Share right per day as a small bar chart with a 0-100 % axis and the days it spans."""
        rows = plot_rows(pack.days)
        axis = ["100% ┤ ", *["     │ "] * (len(rows) - 2), "  0% ┤ "]
        first, last = pack.days[-SPARK_DAYS:][0].day, pack.days[-1].day
        span = f"{first:%d %b}" if first == last else f"{first:%d %b} → {last:%d %b}"
        lines: list[Content | str | tuple[str, str]] = []
        for label, row in zip(axis, rows, strict=True):
            lines += [(label, "dim"), (row, "$success"), "\n"]
        lines.append(("       " + span, "dim"))
        return Content.assemble(*lines)

    def on_mount(self) -> None:
        self.query_one("#stats-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
