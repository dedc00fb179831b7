"""Spaced review with FSRS: the pure rule as a table and a walk, and the stored queue it drives."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from progress_helpers import review_result

from game.progress.schedule import GRADUATE_AFTER, after_answer
from game.store.db import ProgressStore
from game.store.records import ReviewEntry, to_ts

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def missed(at: datetime = T0) -> ReviewEntry:
    entry = after_answer(None, "q", False, at)
    assert entry is not None
    return entry


def spaced() -> ReviewEntry:
    """Missed at T0, then right at once: due again in days."""
    entry = after_answer(missed(), "q", True, T0)
    assert entry is not None
    return entry


# (state before, answer given how long after T0, right?, queued after?, due at once after?, lapses after)
RULES = [
    pytest.param(lambda: None, timedelta(0), False, True, True, 1, id="not queued, miss: enters, due now"),
    pytest.param(lambda: None, timedelta(0), True, False, False, 0, id="not queued, right: stays out"),
    pytest.param(missed, timedelta(0), True, True, False, 1, id="due, right: spaced out by days"),
    pytest.param(missed, timedelta(0), False, True, True, 2, id="due, miss: due now, one more lapse"),
    pytest.param(spaced, timedelta(hours=1), True, True, False, 1, id="not yet due, right: no cramming"),
    pytest.param(spaced, timedelta(hours=1), False, True, True, 2, id="not yet due, miss: due now"),
]


@pytest.mark.parametrize(("before", "after", "correct", "queued", "due_now", "lapses"), RULES)
def test_the_rule_table(
    before: Callable[[], ReviewEntry | None],
    after: timedelta,
    correct: bool,
    queued: bool,
    due_now: bool,
    lapses: int,
) -> None:
    previous = before()
    now = T0 + after
    entry = after_answer(previous, "q", correct, now)
    assert (entry is not None) == queued
    if entry is None:
        return
    assert entry.lapses == lapses and entry.last_seen_at == to_ts(now)
    assert (entry.due_at == to_ts(now)) == due_now
    if not due_now and previous is not None and previous.due_at > to_ts(now):
        assert (entry.due_at, entry.card_json) == (previous.due_at, previous.card_json)  # untouched
    elif not due_now:
        assert DAY <= datetime.fromisoformat(entry.due_at) - now <= GRADUATE_AFTER


def test_a_walk_of_right_answers_when_due_spaces_out_then_graduates() -> None:
    """Miss once, then answer right whenever due: intervals grow (FSRS, no fuzz) until past 21 days."""
    entry: ReviewEntry | None = missed()
    now = T0
    gaps = []
    while entry is not None:
        now = datetime.fromisoformat(entry.due_at)
        entry = after_answer(entry, "q", True, now)
        if entry is not None:
            gaps.append((datetime.fromisoformat(entry.due_at) - now).days)
    assert gaps == sorted(gaps) and len(set(gaps)) == len(gaps)  # strictly growing
    assert gaps[0] >= 1 and gaps[-1] <= GRADUATE_AFTER.days
    assert 2 <= len(gaps) <= 6  # it is finished in a handful of reviews


def test_no_fuzz_means_the_same_schedule_every_time() -> None:
    a = after_answer(missed(), "q", True, T0 + DAY)
    b = after_answer(missed(), "q", True, T0 + DAY)
    assert a == b


def test_the_card_is_fsrs_own() -> None:
    card = json.loads(missed().card_json)
    assert {"stability", "difficulty", "state", "due", "last_review"} <= set(card)


def test_never_missed_questions_are_not_queued(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    assert review_result(store, me, "pk", "q1", True, T0) is None
    assert store.due(me, "pk", now=T0 + 100 * DAY) == []
    assert store.review_queue(me, "pk") == []


def test_the_stored_queue_follows_the_rule(store: ProgressStore) -> None:
    me = store.ensure_player("Ana")
    review_result(store, me, "pk", "q1", False, T0)
    assert store.due(me, "pk", now=T0) == ["q1"]
    entry = review_result(store, me, "pk", "q1", True, T0)
    assert entry is not None
    due = datetime.fromisoformat(entry.due_at)
    assert store.due(me, "pk", now=due - timedelta(seconds=1)) == []
    assert store.due(me, "pk", now=due) == ["q1"]
    assert store.review_queue(me, "pk") == [entry]
    later = due + timedelta(minutes=1)
    assert review_result(store, me, "pk", "q1", False, later) is not None
    assert store.due(me, "pk", now=later) == ["q1"]
    assert store.review_queue(me, "pk")[0].lapses == 2


@pytest.mark.parametrize("rights", [0, 1, 2])
def test_a_miss_from_any_interval_is_due_at_once(store: ProgressStore, rights: int) -> None:
    me = store.ensure_player("Ana")
    now = T0
    review_result(store, me, "pk", "q1", False, now)
    for _ in range(rights):
        now = datetime.fromisoformat(store.review_queue(me, "pk")[0].due_at)
        review_result(store, me, "pk", "q1", True, now)
    later = now + timedelta(minutes=1)  # not yet due: a miss still brings it back at once
    entry = review_result(store, me, "pk", "q1", False, later)
    assert entry is not None and entry.due_at == to_ts(later)
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
