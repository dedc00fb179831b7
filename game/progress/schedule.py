"""When a missed question comes back: the review schedule's rules, as pure functions of one answer.

Review is scheduled by FSRS (the ``fsrs`` package, the scheduler built into Anki since 23.10). Per player,
pack and question id:

* A question enters the queue only when it is missed; questions never missed are never in it.
* A miss, in any mode, is FSRS's *Again*: the question is due at once (and counts a lapse).
* A right answer *when it is due* is FSRS's *Good*, and the question is due again when FSRS says.
  Partial credit is not right: it counts as a miss.
* A right answer *before* it is due changes nothing but the time last seen: answering twice in one sitting
  is not spacing, and counting it would let cramming empty the queue.
* A question leaves the queue once FSRS's next interval passes :data:`GRADUATE_AFTER` (21 days), so
  "Review mistakes" can be finished; a later miss brings it back with its FSRS history.

No learning steps (minutes apart): a quiz is not a deck of flashcards, and intervals start at a day.
Fuzz (FSRS's small random spread of intervals) is on only when asked for (the game without ``--seed``);
tests, ``--seed`` and the migration's replay of old answers get the same schedule every time.

Nothing here reads or writes: :meth:`game.store.db.ProgressStore.update_review` applies :func:`after_answer`
inside one transaction. Ids are stable keys, so rewording a question keeps its schedule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import groupby

from fsrs import Card, Rating, Scheduler
from msgspec.structs import replace

from game.store.records import LoggedAnswer, ReviewEntry, parse_ts, to_ts

GRADUATE_AFTER = timedelta(days=21)
"""A question whose next FSRS interval is longer than this leaves the queue."""


@cache
def _scheduler(fuzz: bool) -> Scheduler:
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=fuzz)


def _card(entry: ReviewEntry | None, now: datetime) -> Card:
    if entry is None:
        # card_id given: without one, fsrs sleeps a millisecond to make ids unique, which we never use.
        return Card(card_id=0, due=now)
    return Card.from_dict(json.loads(entry.card_json))


def after_answer(
    entry: ReviewEntry | None, question_id: str, correct: bool, now: datetime, *, fuzz: bool = False
) -> ReviewEntry | None:
    """The question's place in the queue after one answer given at ``now``.

    Args:
        entry: Its place before (None: not in the queue).
        question_id: The question answered.
        correct: Whether the answer was right.
        now: When it was given (aware).
        fuzz: Spread intervals a little at random, as FSRS does by default.

    Returns:
        Its place afterwards, or None when it is not (or no longer) in the queue.
    """
    moment = now.astimezone(UTC)  # fsrs insists on UTC
    ts = to_ts(moment)
    if correct and entry is None:
        return None
    if correct and entry is not None and parse_ts(entry.due_at) > moment:
        return replace(entry, last_seen_at=ts)
    rating = Rating.Good if correct else Rating.Again
    card, _log = _scheduler(fuzz).review_card(_card(entry, moment), rating, moment)
    card_json = json.dumps(card.to_dict(), separators=(",", ":"))
    if not correct:
        lapses = entry.lapses + 1 if entry is not None else 1
        return ReviewEntry(question_id, ts, ts, lapses, card_json)
    assert entry is not None
    if card.due - moment > GRADUATE_AFTER:
        return None
    return replace(entry, due_at=to_ts(card.due), last_seen_at=ts, card_json=card_json)


def replay(log: Iterator[LoggedAnswer]) -> Iterable[tuple[int, str, ReviewEntry]]:
    """The queue a player would have now, from their answers (sorted by player, pack, question, time).

    Used once, when a database from before FSRS is upgraded: every saved answer goes through
    :func:`after_answer` in order, without fuzz, so no history is lost and the result is reproducible.
    """
    for (player_id, pack_id, question_id), answers in groupby(
        log, key=lambda a: (a.player_id, a.pack_id, a.item_id)
    ):
        entry: ReviewEntry | None = None
        for answer in answers:
            entry = after_answer(entry, question_id, answer.correct, parse_ts(answer.answered_at))
        if entry is not None:
            yield player_id, pack_id, entry
