"""The numbers of the stats screen and of ``quotebound stats``, gathered once from the store.

:func:`gather` reads a player's figures for some packs; :func:`to_json` and :func:`text_lines` render them
for the command line; the TUI's stats screen lays out the same :class:`PlayerFigures`. Days are calendar days
in the zone given (the machine's by default), as in :mod:`game.store.stats`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from msgspec import Struct, field

from game.engine.content.pack import Pack
from game.engine.quiz import scoring
from game.progress.story_figures import StoryResult, ending_titles, result_text, story_result
from game.store.db import Player, ProgressStore
from game.store.records import BestScore, DayStat, HistoryRow, Streaks, parse_ts

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
"""Eight heights; a day's share right picks one, on a fixed 0-100 % scale (not scaled to the data)."""
SPARK_DAYS = 30
"""Days shown in the sparkline: the most recent days played."""
HISTORY_LIMIT = 20


class TopicFigure(Struct, frozen=True):
    """Answers on one topic; ``title`` is the pack's title for it (the id if the pack is not loaded)."""

    topic_id: str | None
    title: str
    answered: int
    right: int


class EndingsFigure(Struct, frozen=True):
    """Story endings found in one scenario; ``total`` is None when the pack is not loaded."""

    scenario_id: str
    title: str
    found: tuple[str, ...]
    total: int | None
    names: tuple[str, ...] = ()
    """The titles of the endings found (empty when the pack is not loaded: ids never reach a player)."""


class QueuedFigure(Struct, frozen=True):
    """A question in the review queue and when it is next due (``due_at``: a store timestamp)."""

    question_id: str
    prompt: str
    """The question's prompt (the id if the pack no longer has it)."""
    due_at: str


class PackFigures(Struct, frozen=True):
    """One pack's figures for one player."""

    pack_id: str
    title: str
    days: list[DayStat]
    topics: list[TopicFigure]
    endings: list[EndingsFigure]
    due: int
    queue: list[QueuedFigure]
    """Every queued question, soonest due first."""
    best: list[BestScore]
    history: list[HistoryRow]
    overrides: int = 0
    """Wrong typed answers the player counted as right ("I was right")."""
    story_results: dict[int, StoryResult] = field(default_factory=dict)
    """How each story run in ``history`` ended, by run id."""

    @property
    def answered(self) -> int:
        return sum(d.answered for d in self.days)

    @property
    def right(self) -> int:
        return sum(d.right for d in self.days)

    @property
    def queued(self) -> int:
        return len(self.queue)

    @property
    def empty(self) -> bool:
        return not (self.days or self.endings or self.queued or self.history)


class PlayerFigures(Struct, frozen=True):
    """Everything the stats screen shows for a player."""

    player: str
    streaks: Streaks
    packs: list[PackFigures]
    now: datetime
    """When they were gathered (what is due depends on it)."""


def percent(right: int, answered: int) -> int:
    return round(100 * right / answered) if answered else 0


def sparkline(days: Sequence[DayStat], width: int = SPARK_DAYS) -> str:
    """One block per day played (the last ``width``), its height the day's share right."""
    blocks = []
    for day in list(days)[-width:]:
        share = day.right / day.answered if day.answered else 0.0
        blocks.append(SPARK_BLOCKS[min(len(SPARK_BLOCKS) - 1, int(share * len(SPARK_BLOCKS)))])
    return "".join(blocks)


def plot_rows(days: Sequence[DayStat], height: int = 3, width: int = SPARK_DAYS) -> list[str]:
    """A small bar chart of the share right per day played (the last ``width``), top row first.

    Each day is a column two characters wide, filled in eighths of a row on a fixed 0-100 % scale; a day
    with nothing right still shows a sliver, so every day played has a bar.
    """
    shown = list(days)[-width:]
    eighths = height * len(SPARK_BLOCKS)
    levels = [max(1, round(eighths * d.right / d.answered)) if d.answered else 1 for d in shown]
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * len(SPARK_BLOCKS)
        cells = []
        for level in levels:
            fill = min(len(SPARK_BLOCKS), level - floor)
            cells.append(SPARK_BLOCKS[fill - 1] * 2 if fill > 0 else "  ")
        rows.append(" ".join(cells))
    return rows


def pack_figures(
    store: ProgressStore,
    player: Player,
    pack_id: str,
    pack: Pack | None,
    *,
    now: datetime,
    tz: tzinfo | None,
    history_limit: int = HISTORY_LIMIT,
) -> PackFigures:
    """One pack's figures; ``pack`` (when loaded) gives topic and scenario titles and ending counts."""
    titles = pack.topics if pack is not None else {}
    topics = [
        TopicFigure(t.topic, titles.get(t.topic, t.topic) if t.topic else "(no topic)", t.answered, t.right)
        for t in store.accuracy_per_topic(player, pack_id)
    ]
    found = store.endings_found(player, pack_id)
    endings: list[EndingsFigure] = []
    scenarios = list(pack.scenarios) if pack is not None else []
    for scenario in scenarios:
        # Endings listed in the scenario's own order, so the text reads the same every time.
        reached = tuple(e for e in scenario.endings if e in found.get(scenario.id, set()))
        endings.append(
            EndingsFigure(
                scenario.id, scenario.title, reached, len(scenario.endings), ending_titles(scenario, reached)
            )
        )
    questions = {q.id: q.prompt for q in pack.questions} if pack is not None else {}
    queue = [
        QueuedFigure(e.question_id, questions.get(e.question_id, e.question_id), e.due_at)
        for e in store.review_queue(player, pack_id)
    ]
    known = {s.id for s in scenarios}
    for scenario_id in sorted(set(found) - known):
        endings.append(EndingsFigure(scenario_id, scenario_id, tuple(sorted(found[scenario_id])), None))
    history = store.history(player, pack_id, limit=history_limit)
    return PackFigures(
        pack_id=pack_id,
        title=pack.title if pack is not None else pack_id,
        days=store.accuracy_over_time(player, pack_id, tz=tz),
        topics=topics,
        endings=endings,
        due=store.due_count(player, pack_id, now=now),
        queue=queue,
        best=[b for b in store.best_scores(player) if b.pack_id == pack_id],
        history=history,
        overrides=store.overrides(player, pack_id),
        story_results={h.run_id: story_result(h, pack) for h in history if h.mode == "story"},
    )


def gather(
    store: ProgressStore,
    player: Player,
    packs: Iterable[Pack],
    *,
    now: datetime,
    tz: tzinfo | None = None,
    only: str | None = None,
    keep_empty: bool = False,
) -> PlayerFigures:
    """A player's figures for each loaded pack (and any pack id found in their history).

    Args:
        store: the open store.
        player: whose figures.
        packs: the loaded packs (titles, topics, scenarios).
        now: the clock (streaks and what is due depend on it).
        tz: zone for calendar days (None: the machine's).
        only: a pack id to limit the figures to.
        keep_empty: keep packs the player has no data for (the stats screen shows its pack regardless).
    """
    by_id = {p.id: p for p in packs}
    ids = list(by_id)
    for pack_id in sorted(store.played_packs(player) - set(ids)):
        ids.append(pack_id)
    if only is not None:
        ids = [only]
    figures = [pack_figures(store, player, pid, by_id.get(pid), now=now, tz=tz) for pid in ids]
    return PlayerFigures(
        player=player.name,
        streaks=store.streaks(player, now=now, tz=tz),
        packs=[f for f in figures if keep_empty or not f.empty],
        now=now,
    )


# --- rendering for the command line -----------------------------------------------------------------


def local_day(ts: str, tz: tzinfo | None, *, short: bool = False) -> str:
    """A store timestamp as the calendar day it was (``2025-03-10``; short, ``10 Mar``) in ``tz`` (None:
    the machine's)."""
    moment = parse_ts(ts)
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    return local.strftime("%d %b" if short else "%Y-%m-%d")


def minutes(seconds: float) -> str:
    """``2:05`` for 125 seconds."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def score_text(score: int, max_score: int, bonus: int = 0, *, short: bool = False) -> str:
    """``80/100``, or ``30/30 + 5 streak bonus`` (short, ``30/30 + 5``); a story (no maximum) is just its
    score."""
    if max_score <= 0:
        return str(score)
    if short:
        return f"{score}/{max_score}" + (f" + {bonus}" if bonus else "")
    return scoring.score_text(score, max_score, bonus, sep="/")


def overrides_text(count: int) -> str:
    """``2 answers counted right on your word ("I was right")``."""
    return f'{count} answer{"s" if count != 1 else ""} counted right on your word ("I was right")'


def to_json(figures: Sequence[PlayerFigures], tz: tzinfo | None = None) -> dict[str, Any]:
    """The figures as plain JSON data (``quotebound stats --json``)."""
    return {
        "players": [
            {
                "player": f.player,
                "streaks": {
                    "current_days": f.streaks.current_days,
                    "longest_days": f.streaks.longest_days,
                    "current_right": f.streaks.current_right,
                    "longest_right": f.streaks.longest_right,
                },
                "packs": [_pack_json(p, tz) for p in f.packs],
            }
            for f in figures
        ]
    }


def _pack_json(p: PackFigures, tz: tzinfo | None) -> dict[str, Any]:
    return {
        "pack": p.pack_id,
        "title": p.title,
        "answered": p.answered,
        "right": p.right,
        "percent": percent(p.right, p.answered),
        "accuracy_by_day": [
            {"day": d.day.isoformat(), "answered": d.answered, "right": d.right} for d in p.days
        ],
        "topics": [
            {"topic": t.topic_id, "title": t.title, "answered": t.answered, "right": t.right}
            for t in p.topics
        ],
        "endings": [
            {"scenario": e.scenario_id, "title": e.title, "found": list(e.found), "total": e.total}
            for e in p.endings
        ],
        "review": {
            "due": p.due,
            "queued": p.queued,
            "queue": [{"question": q.question_id, "due": q.due_at} for q in p.queue],
        },
        "overrides": p.overrides,
        "best": [
            {
                "mode": b.mode,
                "score": b.score,
                "max_score": b.max_score,
                "bonus": b.bonus,
                "finished": b.finished_at,
            }
            for b in p.best
        ],
        "history": [
            {
                "mode": h.mode,
                "started": h.started_at,
                "finished": h.finished_at,
                "day": local_day(h.finished_at, tz),
                "score": h.score,
                "max_score": h.max_score,
                "bonus": h.bonus,
                "right": h.n_right,
                "answered": h.n_answered,
                "seconds": round(h.duration_s, 1),
            }
            for h in p.history
        ],
    }


def due_text(due_at: str, now: datetime, tz: tzinfo | None) -> str:
    """``due now`` or ``due 2025-03-12`` (the calendar day in ``tz``), padded to one width."""
    if parse_ts(due_at) <= now:
        return "due now       "
    return f"due {local_day(due_at, tz)}"


def shorten(text: str, width: int = 56) -> str:
    """One line of at most ``width`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def streak_text(s: Streaks) -> str:
    days = f"{s.current_days} day{'s' if s.current_days != 1 else ''} in a row (longest {s.longest_days})"
    right = f"{s.current_right} right answer{'s' if s.current_right != 1 else ''} in a row"
    return f"{days}; {right} (longest {s.longest_right})"


def endings_text(e: EndingsFigure) -> str:
    """``2 of 4 endings found (Safe in the north, Caught)``: ending titles, never ids."""
    of = f" of {e.total}" if e.total is not None else ""
    names = f" ({', '.join(e.names)})" if e.names else ""
    return f"{len(e.found)}{of} ending{'s' if (e.total or len(e.found)) != 1 else ''} found{names}"


def text_lines(figures: Sequence[PlayerFigures], tz: tzinfo | None = None) -> list[str]:
    """The figures as plain lines (``quotebound stats``)."""
    lines: list[str] = []
    for f in figures:
        if lines:
            lines.append("")
        lines.append(f"Player: {f.player}")
        lines.append(f"  Streaks: {streak_text(f.streaks)}")
        if not f.packs:
            lines.append("  Nothing played yet.")
        for p in f.packs:
            lines.append(f"  Pack: {p.title} ({p.pack_id})")
            if p.days:
                first, last = p.days[0], p.days[-1]
                lines.append(
                    f"    Accuracy: {percent(p.right, p.answered)}% of {p.answered} answers on "
                    f"{len(p.days)} day{'s' if len(p.days) != 1 else ''}; last day "
                    f"{percent(last.right, last.answered)}%"
                )
                lines.append(
                    f"    By day: {sparkline(p.days)}  ({first.day.isoformat()} to {last.day.isoformat()})"
                )
            for t in p.topics:
                lines.append(
                    f"    Topic {t.title}: {t.right}/{t.answered} right ({percent(t.right, t.answered)}%)"
                )
            for e in p.endings:
                lines.append(f"    Story {e.title}: {endings_text(e)}")
            lines.append(f"    Review: {p.due} due now, {p.queued} in the queue")
            if p.overrides:
                lines.append(f"    Overrides: {overrides_text(p.overrides)}")
            for q in p.queue:
                lines.append(f"      {due_text(q.due_at, f.now, tz)}  {shorten(q.prompt)}")
            for b in p.best:
                lines.append(
                    f"    Best {b.mode}: {score_text(b.score, b.max_score, b.bonus)} "
                    f"({local_day(b.finished_at, tz)})"
                )
            if p.history:
                lines.append("    History (newest first):")
                for h in p.history:
                    lines.append(
                        f"      {local_day(h.finished_at, tz)}  {h.mode:<6}  "
                        f"{score_text(h.score, h.max_score, h.bonus):>9}  "
                        f"{result_text(h, p.story_results.get(h.run_id))}  {minutes(h.duration_s)}"
                    )
    return lines
