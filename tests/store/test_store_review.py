"""Spaced review: Leitner boxes 1..5 with intervals 0, 1, 3, 7, 21 days, driven by a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from game.store.db import LEITNER_INTERVALS_DAYS, ProgressStore

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def test_intervals_are_the_documented_ones() -> None:
    assert LEITNER_INTERVALS_DAYS == (0, 1, 3, 7, 21)


def test_never_missed_questions_are_not_queued(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    assert store.review_result(me, "pk", "q1", correct=True, now=T0) is None
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


def test_leitner_walk(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    for offset, correct, box, due_offset in WALK:
        now = T0 + offset
        assert store.review_result(me, "pk", "q1", correct, now=now) == box, offset
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
    store.review_result(me, "pk", "q1", False, now=now)
    while store.review_queue(me, "pk")[0].box < box_before:
        now = datetime.fromisoformat(store.review_queue(me, "pk")[0].due_at)
        store.review_result(me, "pk", "q1", True, now=now)
    later = now + timedelta(minutes=1)  # not yet due: a miss still demotes at once
    assert store.review_result(me, "pk", "q1", False, now=later) == 1
    assert store.due(me, "pk", now=later) == ["q1"]


def test_due_order_count_and_isolation(store: ProgressStore) -> None:
    ana, bo = store.ensure_player("Ana"), store.ensure_player("Bo")
    store.review_result(ana, "pk", "late", False, now=T0 + timedelta(hours=2))
    store.review_result(ana, "pk", "early", False, now=T0)
    store.review_result(ana, "other", "x", False, now=T0)
    store.review_result(bo, "pk", "b", False, now=T0)
    assert store.due(ana, "pk", now=T0 + DAY) == ["early", "late"]
    assert store.due_count(ana, "pk", now=T0 + timedelta(hours=1)) == 1
    assert store.due_count(ana, "pk", now=T0 + DAY) == 2
    assert store.due(bo, "pk", now=T0 + DAY) == ["b"]
    assert store.due(ana, "other", now=T0) == ["x"]


def test_prune_drops_only_ids_the_pack_no_longer_has(store: ProgressStore) -> None:
    ana, bo = store.ensure_player("Ana"), store.ensure_player("Bo")
    for player in (ana, bo):
        for qid in ("keep", "gone"):
            store.review_result(player, "pk", qid, False, now=T0)
    store.review_result(ana, "other", "gone", False, now=T0)
    assert store.prune("pk", iter(["keep", "new-question"])) == 2
    assert store.due(ana, "pk", now=T0) == ["keep"]
    assert store.due(bo, "pk", now=T0) == ["keep"]
    assert store.due(ana, "other", now=T0) == ["gone"]  # another pack's ids are its own
    assert store.prune("pk", ["keep"]) == 0
