"""The progress database's schema as an ordered list of migrations.

Rules for whoever adds migration N+1: append, never edit a released migration (a player's database already
ran it); keep each step something SQLite can do inside one transaction (`CREATE`, `ALTER TABLE ... ADD
COLUMN`, `INSERT ... SELECT` into a new table then `DROP`/`RENAME`); bump nothing else, `LATEST_VERSION`
follows the list.

Timestamps are stored as text, `datetime.isoformat(timespec="microseconds")` in UTC
(`2025-01-31T18:04:05.123456+00:00`): fixed width, so text order is time order and `<=` works in SQL.
"""

from __future__ import annotations

from msgspec import Struct


class Migration(Struct, frozen=True):
    """One schema step.

    Attributes:
        version: The schema version the database has after this step.
        description: What it does, for the `schema_version` table and for people.
        statements: SQL statements, run in order inside one transaction.
    """

    version: int
    description: str
    statements: tuple[str, ...]


# Created by the migration runner, not by a migration, so "which migrations ran" is always answerable.
SCHEMA_VERSION_DDL = """
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL
)
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "players, runs, answers, spaced-review queue, story endings",
        (
            """
            CREATE TABLE player (
                id         INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,          -- as first typed, trimmed, case kept
                name_key   TEXT NOT NULL UNIQUE,   -- casefolded: 'Ana' and 'ANA' are one player
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE run (
                id          INTEGER PRIMARY KEY,
                player_id   INTEGER NOT NULL REFERENCES player(id),
                pack_id     TEXT NOT NULL,
                mode        TEXT NOT NULL CHECK (mode IN ('quiz', 'story', 'review')),
                seed        TEXT,                  -- text: a seed may not fit SQLite's 64-bit integer
                status      TEXT NOT NULL DEFAULT 'active'
                                CHECK (status IN ('active', 'finished', 'abandoned')),
                total       INTEGER NOT NULL,
                score       INTEGER,
                max_score   INTEGER,
                state_json  TEXT NOT NULL,         -- the engine's latest saved state, for resume
                started_at  TEXT NOT NULL,
                updated_at  TEXT NOT NULL,
                finished_at TEXT
            )
            """,
            """
            CREATE TABLE answer (
                id            INTEGER PRIMARY KEY,
                run_id        INTEGER NOT NULL REFERENCES run(id),
                seq           INTEGER NOT NULL,    -- 1, 2, 3 ... within the run
                item_id       TEXT NOT NULL,
                topic         TEXT,
                response_json TEXT NOT NULL,
                correct       INTEGER NOT NULL CHECK (correct IN (0, 1)),
                credit        REAL NOT NULL,
                points        INTEGER NOT NULL,
                elapsed_s     REAL NOT NULL,
                answered_at   TEXT NOT NULL,
                UNIQUE (run_id, seq)
            )
            """,
            """
            CREATE TABLE review (
                player_id    INTEGER NOT NULL REFERENCES player(id),
                pack_id      TEXT NOT NULL,
                question_id  TEXT NOT NULL,        -- stable id, so rewording a question keeps its schedule
                box          INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
                due_at       TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                PRIMARY KEY (player_id, pack_id, question_id)
            )
            """,
            """
            CREATE TABLE ending (
                player_id   INTEGER NOT NULL REFERENCES player(id),
                pack_id     TEXT NOT NULL,
                scenario_id TEXT NOT NULL,
                ending_id   TEXT NOT NULL,
                found_at    TEXT NOT NULL,         -- first time only
                PRIMARY KEY (player_id, pack_id, scenario_id, ending_id)
            )
            """,
        ),
    ),
    Migration(
        2,
        "review.lapses (times missed, to spot leeches); indexes for resume, history and due",
        (
            "ALTER TABLE review ADD COLUMN lapses INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX run_by_player ON run (player_id, pack_id, status, started_at)",
            "CREATE INDEX review_due ON review (player_id, pack_id, due_at)",
        ),
    ),
    Migration(
        3,
        "review scheduled by FSRS: a card per queued question instead of a Leitner box; the queue is"
        " rebuilt by replaying the answer log",
        (
            # SQL cannot run the scheduler, so the queue is emptied here and `pending` asks the game to
            # replay every saved answer through it at the next open (game.progress.review.replay_log),
            # in one transaction with clearing the flag: no history is lost and a crash replays again.
            """
            CREATE TABLE review_card (
                player_id    INTEGER NOT NULL REFERENCES player(id),
                pack_id      TEXT NOT NULL,
                question_id  TEXT NOT NULL,        -- stable id, so rewording a question keeps its schedule
                due_at       TEXT NOT NULL,        -- when the question is offered again
                last_seen_at TEXT NOT NULL,
                lapses       INTEGER NOT NULL DEFAULT 0,
                card_json    TEXT NOT NULL,        -- the scheduler's card, as its own to_dict() gives it
                PRIMARY KEY (player_id, pack_id, question_id)
            )
            """,
            "DROP TABLE review",
            "ALTER TABLE review_card RENAME TO review",
            "CREATE INDEX review_due ON review (player_id, pack_id, due_at)",
            "CREATE TABLE pending (what TEXT PRIMARY KEY)",
            "INSERT INTO pending (what) VALUES ('replay-review')",
        ),
    ),
    Migration(
        4,
        "run.bonus (the streak bonus, kept apart from the score, which never exceeds max_score);"
        " answer.overridden (a wrong typed answer the player counted as right)",
        (
            "ALTER TABLE run ADD COLUMN bonus INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE answer ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0"
            " CHECK (overridden IN (0, 1))",
            # A quiz run's score held its streak bonus until now. The engine's saved state keeps each
            # answer's bonus, so the bonus is taken out of the score exactly, not guessed.
            """
            UPDATE run SET bonus = coalesce((
                SELECT sum(coalesce(json_extract(rec.value, '$.bonus'), 0))
                FROM json_each(run.state_json, '$.records') AS rec), 0)
            WHERE mode IN ('quiz', 'review') AND json_valid(state_json)
                AND json_type(state_json, '$.records') = 'array'
            """,
            "UPDATE run SET score = score - bonus WHERE score IS NOT NULL AND bonus > 0",
        ),
    ),
    Migration(
        5,
        "story choices timed: a choice saved untimed takes the time since the choice before it (or the"
        " story's start), at most 10 minutes, so a story's time in stats is not 0:00",
        (
            # Until now a story choice was saved with elapsed_s = 0. Each choice's answered_at and the run's
            # started_at are kept, so the time a scene was on screen is their difference, exact for a story
            # played in one sitting. A story left and resumed days later shows the days in that one gap,
            # which nothing saved can tell from reading time: a gap is counted up to 10 minutes (reading a
            # scene and its feedback takes far less). Choices saved from now on are timed by the game and
            # never need this. An unreadable time counts as 0 rather than failing the upgrade.
            """
            UPDATE answer SET elapsed_s = coalesce(min(600.0, max(0.0, round(86400.0 * (
                julianday(answered_at) - julianday(coalesce(
                    (SELECT prev.answered_at FROM answer AS prev
                     WHERE prev.run_id = answer.run_id AND prev.seq < answer.seq
                     ORDER BY prev.seq DESC LIMIT 1),
                    (SELECT run.started_at FROM run WHERE run.id = answer.run_id)))), 2))), 0.0)
            WHERE elapsed_s = 0 AND run_id IN (SELECT id FROM run WHERE mode = 'story')
            """,
        ),
    ),
)

REPLAY_REVIEW = "replay-review"
"""A `pending` row asking the game to rebuild the review queue from the answer log (see migration 3)."""

LATEST_VERSION = MIGRATIONS[-1].version

# A cheap guard against a botched append: versions must be 1, 2, 3 ... in order.
assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1)), "migrations out of order"
