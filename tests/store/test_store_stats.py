"""History, best scores, accuracy, endings and streaks, all with a controlled clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from game.store.db import Player, ProgressStore
from game.store.records import DayStat, Streaks, TopicStat

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _play(
    store: ProgressStore,
    me: Player,
    results: list[bool],
    *,
    start: datetime,
    pack: str = "pk",
    mode: str = "quiz",
    topics: list[str | None] | None = None,
    finish: int | None = None,
) -> int:
    """One run answering `results` a minute apart; finished with score `finish` out of 10 per answer."""
    run = store.start_run(me, pack, mode, 1, "{}", len(results), now=start)  # type: ignore[arg-type]
    for i, correct in enumerate(results):
        topic = topics[i] if topics else None
        store.record_answer(
            run, f"q{i}", "{}", correct, float(correct), 10 * correct, 2.5, "{}", topic=topic,
            now=start + timedelta(minutes=i + 1),
        )  # fmt: skip
    if finish is not None:
        store.finish_run(
            run, finish, 10 * len(results), "{}", now=start + timedelta(minutes=len(results) + 1)
        )
    return run


def test_history_lists_finished_runs_newest_first(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    first = _play(store, me, [True, False, True], start=T0, finish=20)
    _play(store, me, [True], start=T0 + DAY)  # unfinished: not history
    second = _play(store, me, [False, False], start=T0 + 2 * DAY, pack="other", finish=0)

    rows = store.history(me)
    assert [r.run_id for r in rows] == [second, first]
    row = rows[1]
    assert (row.pack_id, row.mode, row.score, row.max_score) == ("pk", "quiz", 20, 30)
    assert (row.n_right, row.n_answered, row.duration_s) == (2, 3, 7.5)
    assert row.started_at == "2025-03-10T12:00:00.000000+00:00"
    assert row.finished_at == "2025-03-10T12:04:00.000000+00:00"
    assert [r.run_id for r in store.history(me, "pk")] == [first]
    assert len(store.history(me, limit=1)) == 1
    assert store.history(store.ensure_player("Bo")) == []


def test_played_packs_are_the_packs_of_the_history(store: ProgressStore) -> None:
    """The statistics list a pack no longer installed from this: the packs its history names."""
    me = store.ensure_player("Ana")
    _play(store, me, [True], start=T0, finish=10)
    _play(store, me, [True], start=T0 + DAY, pack="unfinished")
    _play(store, me, [False], start=T0 + 2 * DAY, pack="other", finish=0)
    _play(store, store.ensure_player("Bo"), [True], start=T0, pack="bo's", finish=10)
    assert store.played_packs(me) == {row.pack_id for row in store.history(me)} == {"pk", "other"}


def test_best_scores_per_pack_and_mode(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    _play(store, me, [True], start=T0, finish=5)
    early_best = _play(store, me, [True], start=T0 + DAY, finish=9)
    _play(store, me, [True], start=T0 + 2 * DAY, finish=9)  # ties the best later: the first one stands
    story = _play(store, me, [True], start=T0, mode="story", finish=3)
    _play(store, me, [True], start=T0 + 3 * DAY, finish=None)  # unfinished runs never count

    best = {(b.pack_id, b.mode): (b.run_id, b.score, b.max_score) for b in store.best_scores(me)}
    assert best == {("pk", "quiz"): (early_best, 9, 10), ("pk", "story"): (story, 3, 10)}


def test_accuracy_over_time_and_per_topic(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    _play(store, me, [True, False], start=T0, topics=["who", "when"], finish=10)
    abandoned = _play(store, me, [True, True, False], start=T0 + 2 * DAY, topics=["who", None, "who"])
    store.abandon_run(abandoned)  # answers given still count
    _play(store, me, [False], start=T0, pack="other", topics=["who"])

    assert store.accuracy_over_time(me, "pk", tz=UTC) == [
        DayStat(date(2025, 3, 10), 2, 1),
        DayStat(date(2025, 3, 12), 3, 2),
    ]
    assert store.accuracy_over_time(me, tz=UTC)[0] == DayStat(date(2025, 3, 10), 3, 1)
    assert store.accuracy_per_topic(me, "pk") == [
        TopicStat("when", 1, 0),
        TopicStat("who", 3, 2),
        TopicStat(None, 1, 1),
    ]


def test_days_are_counted_in_the_players_zone(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    _play(store, me, [True], start=datetime(2025, 3, 10, 22, 30, tzinfo=UTC))  # 00:31 on the 11th at UTC+2
    plus2 = timezone(timedelta(hours=2))
    assert [d.day for d in store.accuracy_over_time(me, tz=UTC)] == [date(2025, 3, 10)]
    assert [d.day for d in store.accuracy_over_time(me, tz=plus2)] == [date(2025, 3, 11)]


def test_endings_found(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    assert store.endings_found(me, "pk") == {}
    assert store.record_ending(me, "pk", "escape", "north", now=T0) is True
    assert store.record_ending(me, "pk", "escape", "north", now=T0 + DAY) is False
    store.record_ending(me, "pk", "escape", "caught")
    store.record_ending(me, "pk", "talks", "deal")
    store.record_ending(me, "other", "escape", "south")
    assert store.endings_found(me, "pk") == {"escape": {"north", "caught"}, "talks": {"deal"}}
    assert store.endings_found(store.ensure_player("Bo"), "pk") == {}


def test_streaks(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    assert store.streaks(me, now=T0, tz=UTC) == Streaks(0, 0, 0, 0)
    # Days 0, 1, 2 played, day 3 skipped, days 4, 5 played.
    answers = {0: [True, True], 1: [False, True, True, True], 2: [True], 4: [True, False], 5: [True]}
    for day, results in answers.items():
        _play(store, me, results, start=T0 + day * DAY)

    # Right answers in a row: T T | F T T T | T | T F | T -> longest 5 (days 1 to 4), current 1.
    assert store.streaks(me, now=T0 + 5 * DAY, tz=UTC) == Streaks(2, 3, 1, 5)
    # Not played yet on day 6: yesterday's streak is still alive; gone once day 6 has passed.
    assert store.streaks(me, now=T0 + 6 * DAY, tz=UTC).current_days == 2
    assert store.streaks(me, now=T0 + 7 * DAY, tz=UTC).current_days == 0
    assert store.streaks(me, now=T0 + 2 * DAY, tz=UTC).longest_days == 3
