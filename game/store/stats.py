"""History, best scores, story endings found, and statistics, as the `StatsMixin` part of `ProgressStore`.

Every quiz or review answer recorded counts, whatever became of its run (finished, abandoned or still
active): an answer given is practice done. Story choices are recorded as answers too (for resume), but a
choice is not right or wrong, so accuracy and right-answer streaks leave story runs out. History and best
scores list finished runs only.

Calendar days (accuracy per day, day streaks) are taken in the zone `tz`, by default the machine's local zone,
so a session at 23:30 counts for the day the player lived it; tests pass `tz=UTC`.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta, tzinfo

from game.store.connection import StoreBase
from game.store.records import BestScore, DayStat, HistoryRow, Player, Streaks, TopicStat, parse_ts, to_ts


def _day(ts: str, tz: tzinfo | None) -> date:
    moment = parse_ts(ts)
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


class StatsMixin(StoreBase):
    """Read-mostly views over runs and answers, plus the story-endings log."""

    def history(self, player: Player, pack_id: str | None = None, limit: int = 50) -> list[HistoryRow]:
        """Finished runs, most recently finished first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT r.id, r.pack_id, r.mode, r.started_at, r.finished_at, r.score, r.max_score, r.bonus,"
                " coalesce(sum(a.elapsed_s), 0.0), coalesce(sum(a.correct), 0), count(a.id), r.state_json"
                " FROM run r LEFT JOIN answer a ON a.run_id = r.id"
                " WHERE r.player_id = ? AND r.status = 'finished' AND (? IS NULL OR r.pack_id = ?)"
                " GROUP BY r.id ORDER BY r.finished_at DESC, r.id DESC LIMIT ?",
                (player.id, pack_id, pack_id, limit),
            ).fetchall()
        return [
            HistoryRow(
                rid,
                pack,
                mode,
                started,
                finished,
                score,
                max_score,
                float(dur),
                int(right),
                int(n),
                bonus,
                state,
            )
            for rid, pack, mode, started, finished, score, max_score, bonus, dur, right, n, state in rows
        ]

    def played_packs(self, player: Player) -> set[str]:
        """The packs of the player's finished runs: what :meth:`history` would name, without its sums
        over every answer (the statistics ask only which packs to show)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT DISTINCT pack_id FROM run WHERE player_id = ? AND status = 'finished'", (player.id,)
            ).fetchall()
        return {pack_id for (pack_id,) in rows}

    def best_scores(self, player: Player) -> list[BestScore]:
        """The best finished run per (pack, mode), sorted by pack then mode.

        Best = highest score; ties go to the run that got there first.
        """
        with self._read() as conn:
            rows = conn.execute(
                "SELECT pack_id, mode, score, max_score, id, finished_at, bonus FROM ("
                "  SELECT *, row_number() OVER ("
                "    PARTITION BY pack_id, mode ORDER BY score DESC, bonus DESC, finished_at, id) AS rank"
                "  FROM run WHERE player_id = ? AND status = 'finished')"
                " WHERE rank = 1 ORDER BY pack_id, mode",
                (player.id,),
            ).fetchall()
        return [BestScore(*row) for row in rows]

    def accuracy_over_time(
        self, player: Player, pack_id: str | None = None, tz: tzinfo | None = None
    ) -> list[DayStat]:
        """Answers and right answers per calendar day (days without answers are left out), oldest first."""
        answered: Counter[date] = Counter()
        right: Counter[date] = Counter()
        for ts, correct in self._answer_times(player, pack_id):
            day = _day(ts, tz)
            answered[day] += 1
            right[day] += correct
        return [DayStat(day, answered[day], right[day]) for day in sorted(answered)]

    def accuracy_per_topic(self, player: Player, pack_id: str) -> list[TopicStat]:
        """Answers and right answers per topic id, sorted; answers with no topic come last as None."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT a.topic, count(*), sum(a.correct) FROM answer a JOIN run r ON r.id = a.run_id"
                " WHERE r.player_id = ? AND r.pack_id = ? AND r.mode != 'story' GROUP BY a.topic"
                " ORDER BY a.topic IS NULL, a.topic",
                (player.id, pack_id),
            ).fetchall()
        return [TopicStat(topic, int(n), int(k)) for topic, n, k in rows]

    def record_ending(
        self, player: Player, pack_id: str, scenario_id: str, ending_id: str, now: datetime | None = None
    ) -> bool:
        """Note that the player reached a story ending.

        Returns:
            True the first time this ending is found, False if it was already known (the first date is kept).
        """
        with self._write() as conn:
            added = conn.execute(
                "INSERT OR IGNORE INTO ending (player_id, pack_id, scenario_id, ending_id, found_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (player.id, pack_id, scenario_id, ending_id, to_ts(now)),
            ).rowcount
        return added == 1

    def endings_found(self, player: Player, pack_id: str) -> dict[str, set[str]]:
        """Ending ids found so far, per scenario id."""
        found: dict[str, set[str]] = {}
        with self._read() as conn:
            for scenario, ending in conn.execute(
                "SELECT scenario_id, ending_id FROM ending WHERE player_id = ? AND pack_id = ?",
                (player.id, pack_id),
            ):
                found.setdefault(str(scenario), set()).add(str(ending))
        return found

    def streaks(self, player: Player, now: datetime | None = None, tz: tzinfo | None = None) -> Streaks:
        """Day streaks (consecutive calendar days with an answer) and right-answer streaks, all packs."""
        days: set[date] = set()
        current_right = longest_right = 0
        for ts, correct in self._answer_times(player, None):
            days.add(_day(ts, tz))
            current_right = current_right + 1 if correct else 0
            longest_right = max(longest_right, current_right)

        longest_days = run = 0
        previous: date | None = None
        for day in sorted(days):
            run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
            longest_days = max(longest_days, run)
            previous = day

        today = _day(to_ts(now or datetime.now(UTC)), tz)
        # Not having played yet today does not break the streak until the day is over.
        cursor = today if today in days else today - timedelta(days=1)
        current_days = 0
        while cursor in days:
            current_days += 1
            cursor -= timedelta(days=1)
        return Streaks(current_days, longest_days, current_right, longest_right)

    def _answer_times(self, player: Player, pack_id: str | None) -> list[tuple[str, int]]:
        """(answered_at, correct) for the player's answers in the order given."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT a.answered_at, a.correct FROM answer a JOIN run r ON r.id = a.run_id"
                " WHERE r.player_id = ? AND r.mode != 'story' AND (? IS NULL OR r.pack_id = ?)"
                " ORDER BY a.answered_at, a.id",
                (player.id, pack_id, pack_id),
            ).fetchall()
        return [(str(ts), int(c)) for ts, c in rows]
