"""Spaced review: the pure rule (Leitner boxes 1..5, intervals 0, 1, 3, 7, 21 days) as a table, and the
stored queue it drives, with a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from progress_helpers import review_result

from game.progress.schedule import LEITNER_INTERVALS_DAYS, after_answer
from game.store.db import ProgressStore
from game.store.records import ReviewEntry, to_ts

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def test_intervals_are_the_documented_ones() -> None:
    assert LEITNER_INTERVALS_DAYS == (0, 1, 3, 7, 21)


def test_never_missed_questions_are_not_queued(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    assert review_result(store, me, "pk", "q1", True, T0) is None
    assert store.due(me, "pk", now=T0 + 100 * DAY) == []
    assert store.review_queue(me, "pk") == []


# (offset from T0, correct, box afterwards, due offset afterwards or None when out of the queue)
WALK = [
    (timedelta(0), False, 1, timedelta(0)),  # miss: box 1, due at once
    (timedelta(0), True, 2, DAY),  # box 1 is due at once, so a right answer promotes
    (timedelta(hours=1), True, 2, DAY),  # right but not yet due: no cramming
    (DAY, True, 3, DAY + 3 * DAY),
    (4 * DAY, True, 4, 4 * DAY + 7 * DAY),
    (11 * DAY, True, 5, 11 * DAY + 21 * DAY),
    (32 * DAY, True, None, None),  # right in box 5: graduated
    (40 * DAY, True, None, None),  # graduated and right again: still out
    (41 * DAY, False, 1, 41 * DAY),  # a later miss brings it back
]


@pytest.mark.parametrize(("before", "correct", "after"), [
    # not queued: a miss enters box 1 due now; a right answer leaves it out
    (None, False, ReviewEntry("q", 1, to_ts(T0), to_ts(T0), 1)),
    (None, True, None),
    # queued and due: right moves up a box and schedules the box's interval; box 5 graduates
    (ReviewEntry("q", 1, to_ts(T0), to_ts(T0), 1), True, ReviewEntry("q", 2, to_ts(T0 + DAY), to_ts(T0), 1)),
    (ReviewEntry("q", 3, to_ts(T0), to_ts(T0), 2), True,
     ReviewEntry("q", 4, to_ts(T0 + 7 * DAY), to_ts(T0), 2)),
    (ReviewEntry("q", 5, to_ts(T0), to_ts(T0), 1), True, None),
    # queued, not yet due: right changes only the time seen; a miss still demotes and counts a lapse
    (ReviewEntry("q", 4, to_ts(T0 + DAY), "x", 1), True, ReviewEntry("q", 4, to_ts(T0 + DAY), to_ts(T0), 1)),
    (ReviewEntry("q", 4, to_ts(T0 + DAY), "x", 1), False, ReviewEntry("q", 1, to_ts(T0), to_ts(T0), 2)),
])  # fmt: skip
def test_rule_table(before: ReviewEntry | None, correct: bool, after: ReviewEntry | None) -> None:
    assert after_answer(before, "q", correct, T0) == after


def test_leitner_walk(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    for offset, correct, box, due_offset in WALK:
        now = T0 + offset
        assert review_result(store, me, "pk", "q1", correct, now) == box, offset
        queue = store.review_queue(me, "pk")
        if box is None:
            assert queue == []
            continue
        [entry] = queue
        assert entry.box == box
        assert due_offset is not None
        due_at = T0 + due_offset
        assert store.due(me, "pk", now=due_at) == ["q1"]
        assert store.due(me, "pk", now=due_at - timedelta(seconds=1)) == []
    assert store.review_queue(me, "pk")[0].lapses == 1  # counted since it last entered the queue


@pytest.mark.parametrize("box_before", [2, 3, 4, 5])
def test_a_miss_from_any_box_goes_back_to_box_1(store: ProgressStore, box_before: int) -> None:
    me = store.ensure_player("Ana")
    now = T0
    review_result(store, me, "pk", "q1", False, now)
    while store.review_queue(me, "pk")[0].box < box_before:
        now = datetime.fromisoformat(store.review_queue(me, "pk")[0].due_at)
        review_result(store, me, "pk", "q1", True, now)
    later = now + timedelta(minutes=1)  # not yet due: a miss still demotes at once
    assert review_result(store, me, "pk", "q1", False, later) == 1
    assert store.due(me, "pk", now=later) == ["q1"]


def test_due_order_count_and_isolation(store: ProgressStore) -> None:
    ana, bo = store.ensure_player("Ana"), store.ensure_player("Bo")
    review_result(store, ana, "pk", "late", False, T0 + timedelta(hours=2))
    review_result(store, ana, "pk", "early", False, T0)
    review_result(store, ana, "other", "x", False, T0)
    review_result(store, bo, "pk", "b", False, T0)
    assert store.due(ana, "pk", now=T0 + DAY) == ["early", "late"]
    assert store.due_count(ana, "pk", now=T0 + timedelta(hours=1)) == 1
    assert store.due_count(ana, "pk", now=T0 + DAY) == 2
    assert store.due(bo, "pk", now=T0 + DAY) == ["b"]
    assert store.due(ana, "other", now=T0) == ["x"]


def test_prune_drops_only_ids_the_pack_no_longer_has(store: ProgressStore) -> None:
    ana, bo = store.ensure_player("Ana"), store.ensure_player("Bo")
    for player in (ana, bo):
        for qid in ("keep", "gone"):
            review_result(store, player, "pk", qid, False, T0)
    review_result(store, ana, "other", "gone", False, T0)
    assert store.prune("pk", iter(["keep", "new-question"])) == 2
    assert store.due(ana, "pk", now=T0) == ["keep"]
    assert store.due(bo, "pk", now=T0) == ["keep"]
    assert store.due(ana, "other", now=T0) == ["gone"]  # another pack's ids are its own
    assert store.prune("pk", ["keep"]) == 0
