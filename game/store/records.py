"""The store's errors, the plain records it returns, and its timestamp format.

The records are frozen msgspec Structs, not dataclasses: defining a dataclass generates and compiles its
methods, and these eleven cost the game's start ~4% of a minimal Textual app's (the store is opened before
the first screen).

Every timestamp a record carries is a UTC ISO 8601 string (`2025-01-31T18:04:05.123456+00:00`); `parse_ts`
turns one back into an aware `datetime`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from msgspec import Struct

Mode = Literal["quiz", "story", "review"]
RunStatus = Literal["active", "finished", "abandoned"]
MODES: tuple[Mode, ...] = ("quiz", "story", "review")


class StoreError(Exception):
    """The progress database cannot be used; the message is written for the player."""


class StoreLockedError(StoreError):
    """Another process (usually a second copy of the game) holds the database's write lock."""


class NewerSchemaError(StoreError):
    """The database was written by a newer quotebound; this one leaves it untouched."""


def to_ts(moment: datetime | None) -> str:
    """Format `moment` (default: now) as the store's UTC timestamp text.

    Raises:
        ValueError: `moment` is naive; guessing its zone would silently shift days in the stats.
    """
    if moment is None:
        moment = datetime.now(UTC)
    elif moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment!r} has no time zone; pass an aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_ts(text: str) -> datetime:
    """Read a timestamp written by `to_ts` (aware, UTC)."""
    return datetime.fromisoformat(text)


class Player(Struct, frozen=True):
    """A player profile. `name` keeps the case it was first typed with."""

    id: int
    name: str


class RunInfo(Struct, frozen=True):
    """One quiz round, story run or review session, as resume and history screens need it."""

    id: int
    player_id: int
    pack_id: str
    mode: Mode
    seed: int | None
    status: RunStatus
    total: int
    """Items the run was planned with (questions in a round); story runs may pass 0."""
    n_answered: int
    score: int | None
    max_score: int | None
    started_at: str
    updated_at: str
    """When the last answer (or the start) was saved."""
    finished_at: str | None


class AnswerRecord(Struct, frozen=True):
    """One recorded answer; `seq` counts 1, 2, 3 ... within its run."""

    run_id: int
    seq: int
    item_id: str
    topic: str | None
    response_json: str
    correct: bool
    credit: float
    points: int
    elapsed_s: float
    answered_at: str


class HistoryRow(Struct, frozen=True):
    """A finished run for the history table."""

    run_id: int
    pack_id: str
    mode: Mode
    started_at: str
    finished_at: str
    score: int
    max_score: int
    duration_s: float
    """Sum of the answers' `elapsed_s`: time spent answering, or for a story, on its scenes up to the last
    choice (a run resumed next week is not a week long)."""
    n_right: int
    n_answered: int
    bonus: int = 0
    """The streak bonus, on top of ``score`` (which never exceeds ``max_score``)."""
    state_json: str = ""
    """The run's saved state (a story's ending is read from it)."""


class BestScore(Struct, frozen=True):
    """The best finished run for one (pack, mode): highest score, then the earliest to reach it."""

    pack_id: str
    mode: Mode
    score: int
    max_score: int
    run_id: int
    finished_at: str
    bonus: int = 0
    """The streak bonus, on top of ``score``."""


class ReviewEntry(Struct, frozen=True):
    """A question in the spaced-review queue."""

    question_id: str
    due_at: str
    last_seen_at: str
    lapses: int
    """Misses since it last entered the queue (graduating resets it); a high count marks a question worth
    rewording or re-reading."""
    card_json: str
    """The scheduler's state for it (see `game.progress.schedule`); the store only keeps it."""


class LoggedAnswer(Struct, frozen=True):
    """One quiz or review answer from the log, for replaying the review schedule."""

    player_id: int
    pack_id: str
    item_id: str
    correct: bool
    answered_at: str


class DayStat(Struct, frozen=True):
    """Answers given on one calendar day (in the zone the caller asked for)."""

    day: date
    answered: int
    right: int


class TopicStat(Struct, frozen=True):
    """Answers per topic; `topic` is None for answers recorded without one."""

    topic: str | None
    answered: int
    right: int


class Streaks(Struct, frozen=True):
    """Day streaks count calendar days with an answer; answer streaks count consecutive right answers."""

    current_days: int
    """Days in a row up to today, or up to yesterday if nothing was answered yet today (still alive)."""
    longest_days: int
    current_right: int
    longest_right: int
