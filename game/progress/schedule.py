"""When a missed question comes back: the review schedule's rules, as pure functions of one answer.

Rules (per player, per pack, per question id), a Leitner system with five boxes:

* A question enters the queue only when it is missed; questions never missed are never in it.
* A miss, in any mode, puts it in box 1, due at once (and counts a lapse).
* A right answer *when it is due* moves it up one box and schedules it ``LEITNER_INTERVALS_DAYS[box - 1]``
  days later: box 1 → 0 days, 2 → 1, 3 → 3, 4 → 7, 5 → 21.
* A right answer *before* it is due changes nothing but the time last seen: answering twice in one sitting
  is not spacing, and promoting on it would let cramming empty the queue.
* A right answer in box 5 graduates the question: it leaves the queue (a later miss brings it back to box 1).
  Chosen over "stay in box 5 forever" so "Review mistakes" can be finished, which is what a player expects.

Nothing here reads or writes: :meth:`game.store.db.ProgressStore.update_review` applies :func:`after_answer`
inside one transaction. Ids are stable keys, so rewording a question keeps its schedule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from game.store.records import ReviewEntry, parse_ts, to_ts

LEITNER_INTERVALS_DAYS: tuple[int, ...] = (0, 1, 3, 7, 21)
"""Days until due after landing in box 1..5."""
TOP_BOX = len(LEITNER_INTERVALS_DAYS)


def after_answer(
    entry: ReviewEntry | None, question_id: str, correct: bool, now: datetime
) -> ReviewEntry | None:
    """The question's place in the queue after one answer given at ``now``.

    Args:
        entry: Its place before (None: not in the queue).
        question_id: The question answered.
        correct: Whether the answer was right.
        now: When it was given (aware).

    Returns:
        Its place afterwards, or None when it is not (or no longer) in the queue.
    """
    ts = to_ts(now)
    if not correct:
        lapses = entry.lapses + 1 if entry is not None else 1
        return ReviewEntry(question_id, 1, ts, ts, lapses)
    if entry is None:
        return None
    if parse_ts(entry.due_at) > now:
        return replace(entry, last_seen_at=ts)
    if entry.box >= TOP_BOX:
        return None
    box = entry.box + 1
    due = to_ts(now + timedelta(days=LEITNER_INTERVALS_DAYS[box - 1]))
    return replace(entry, box=box, due_at=due, last_seen_at=ts)
