"""Results files: one JSON file per finished (or abandoned) round, for the teacher's class report.

A class session points every game at one folder (``--results DIR``, often a shared folder). Each round writes
its own file there, so no two games ever write the same file:

    <player-slug>-<pack>-<UTC time>-<random>.json

The random part makes names unique even for two students with the same name finishing in the same second;
:func:`write_results` also refuses to replace a file that exists. Files are written atomically
(:mod:`game.store.atomic`). :func:`read_results` reads one back, typed and checked, with every string cleaned
of terminal control codes: a results file comes from a student's machine and is not trusted.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from game import __version__
from game.engine.content.text import clean_text
from game.engine.quiz.run import QuizRun
from game.store import atomic

FORMAT = "quotebound-results"
VERSION = 1
MAX_BYTES = 5_000_000
"""Larger files are refused unread: a real round is a few kilobytes."""


class AnswerResult(msgspec.Struct, kw_only=True):
    """One question of the round as it was asked and answered."""

    number: int
    """1-based position in the round."""
    id: str
    type: str
    topic: str = ""
    prompt: str
    statement: str | None = None
    choices: list[str] = []
    """Options (or ordering items) in the order this player saw them."""
    response: int | list[int] | str | None = None
    """The raw response: 0-based shown indices, typed text, or null for a time-out."""
    given: str
    """The answer given, as a reader reads it."""
    right_answer: str
    correct: bool
    credit: float
    points: int
    bonus: int = 0
    elapsed: float = 0.0
    """Seconds taken."""
    timed_out: bool = False


class Results(msgspec.Struct, kw_only=True):
    """A results file. Unknown keys are ignored, so newer files still read."""

    format: str = FORMAT
    version: int = VERSION
    game_version: str = ""
    player: str
    pack: str
    pack_title: str = ""
    article_sha256: str = ""
    mode: str = "quiz"
    seed: int
    streak_bonus: bool = True
    time_limit: float | None = None
    started: str
    """ISO 8601, UTC."""
    finished: str
    complete: bool = True
    """False when the player stopped (quit, end of input) before the last question."""
    score: int
    """Points for the answers; never more than ``max_score`` (files before issue 12 held the bonus too)."""
    max_score: int
    bonus: int = 0
    """Streak bonus points, on top of ``score``."""
    right: int
    answered: int
    total: int
    """Questions in the round, answered or not."""
    answers: list[AnswerResult] = []


class ResultsError(Exception):
    """A file that is not a readable results file."""


def utc_now() -> datetime:
    """The current time in UTC (tests monkeypatch this)."""
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time is taken as local time
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def build_results(
    run: QuizRun,
    *,
    player: str,
    started: datetime,
    finished: datetime | None = None,
    time_limit: float | None = None,
) -> Results:
    """The results of ``run`` so far (every answered question; elapsed times come from its records).

    Args:
        run: the round, finished or not.
        player: the player's name as typed.
        started: when the round began.
        finished: when it ended (now when None).
        time_limit: the per-question time limit in seconds, if there was one.
    """
    answers: list[AnswerResult] = []
    # Numbered by place in the round, not among the answers: a student who joined a live class at its
    # second question answered Q2 first.
    place = {qid: number for number, qid in enumerate(run.order, start=1)}
    for count, record in enumerate(run.records, start=1):
        number = place.get(record.question_id, count)
        question = run.pack.question(record.question_id)
        outcome = run.outcome_of(record)
        answers.append(
            AnswerResult(
                number=number,
                id=question.id,
                type=question.__struct_config__.tag,
                topic=question.topic,
                prompt=question.prompt,
                statement=getattr(question, "statement", None),
                choices=run.choices(question),
                response=record.response,
                given=outcome.given,
                right_answer=outcome.right_answer,
                correct=record.correct,
                credit=round(record.credit, 4),
                points=record.points,
                bonus=record.bonus,
                elapsed=round(record.elapsed, 2),
                timed_out=record.response is None,
            )
        )
    return Results(
        game_version=__version__,
        player=player,
        pack=run.pack.id,
        pack_title=run.pack.title,
        article_sha256=run.pack.article.sha256,
        seed=run.seed,
        streak_bonus=run.streak_bonus,
        time_limit=time_limit,
        started=_iso(started),
        finished=_iso(finished or utc_now()),
        complete=run.finished,
        score=run.score,
        max_score=run.max_score,
        bonus=run.bonus,
        right=sum(r.correct for r in run.records),
        answered=len(run.records),
        total=len(run.order),
        answers=answers,
    )


def slug(name: str, *, limit: int = 40) -> str:
    """A file-name-safe form of a player's name: letters of any script and digits kept, the rest ``-``."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w]+|_+", "-", text).strip("-")[:limit].strip("-")
    return text or "player"


def results_name(player: str, pack: str, moment: datetime) -> str:
    """A new, practically unique file name for a round's results."""
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{slug(player)}-{slug(pack)}-{stamp}-{os.urandom(3).hex()}.json"


def prepare_folder(results_dir: str | os.PathLike[str]) -> Path:
    """Create the results folder if needed, tidy crash leftovers, and prove it is writable.

    Called when a round starts, so a class finds out about a read-only or missing share before the
    students answer, not after.

    Raises:
        OSError: when the folder cannot be created or written.
    """
    folder = Path(results_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale_temps(folder)
    probe = atomic.temp_path_for(folder / "probe")
    probe.write_bytes(b"")
    probe.unlink()
    return folder


def encode(results: Results) -> bytes:
    """The JSON text of a results file, indented for people who open it."""
    return msgspec.json.format(msgspec.json.encode(results), indent=2) + b"\n"


def write_results(
    results_dir: str | os.PathLike[str],
    *,
    run: QuizRun,
    player: str,
    started: datetime,
    finished: datetime | None = None,
    time_limit: float | None = None,
) -> Path:
    """Write the results of ``run`` to a new file in ``results_dir``.

    Args:
        results_dir: the class's results folder (created if missing).
        run: the round; each record carries its elapsed time and a time-out is a None response.
        player: the player's name.
        started: when the round began.
        finished: when it ended (now when None).
        time_limit: the per-question limit in seconds, if any.

    Returns:
        The path of the file written.

    Raises:
        OSError: when the folder cannot be written; nothing partial is left behind.
    """
    finished = finished or utc_now()
    results = build_results(run, player=player, started=started, finished=finished, time_limit=time_limit)
    folder = Path(results_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    data = encode(results)
    for _ in range(8):
        target = folder / results_name(player, run.pack.id, finished)
        if not target.exists():  # the random part makes a clash all but impossible; never overwrite one
            return atomic.write_bytes(target, data)
    raise FileExistsError(f"could not find a free results file name in {folder}")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _all_printable(raw: bytes) -> bool:
    """Whether the JSON text has no escape and, line breaks aside, only printable characters: then its
    every string is printable, which :func:`clean_text` returns unchanged."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\\" not in text and text.replace("\n", "").isprintable()


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_BYTES`; never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ResultsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ResultsError(f"{path}: not a regular file")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                raise ResultsError(f"{path}: too large to be a results file")
    except OSError as exc:
        raise ResultsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_results(path: str | os.PathLike[str]) -> Results:
    """Read and check one results file.

    Raises:
        ResultsError: when it is unreadable, too large, not JSON, or not a quotebound results file.
    """
    path = Path(path)
    raw = _read_bytes(path)
    try:
        data = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        raise ResultsError(f"{path}: not JSON ({exc})") from None
    except RecursionError:  # msgspec raises this, not DecodeError, on JSON nested thousands deep
        raise ResultsError(f"{path}: nested too deeply to be a results file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ResultsError(f"{path}: not a quotebound results file")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise ResultsError(f"{path}: results version {data.get('version')!r} is newer than this game reads")
    if _all_printable(raw):
        # No string in the file can hold a character clean_text removes, so the walk would change
        # nothing (it was a sixth of `report`'s work). Anything convert refuses takes the walk below,
        # so every message stays as it was (a file nested too deeply for the walk says so).
        try:
            return msgspec.convert(data, Results)
        except (msgspec.ValidationError, RecursionError):
            pass
    try:
        return msgspec.convert(_clean(data), Results)
    except msgspec.ValidationError as exc:
        raise ResultsError(f"{path}: {exc}") from None
    except RecursionError:  # decoded, but too deep for _clean's walk (a few hundred levels)
        raise ResultsError(f"{path}: nested too deeply to be a results file") from None


class Collected(Struct):
    """Results read from the paths a teacher gave, and what could not be read."""

    results: list[tuple[Path, Results]]
    problems: list[str]


def collect(paths: Iterable[str | os.PathLike[str]]) -> Collected:
    """Read results files, and every ``*.json`` under folders (recursively), in a stable order.

    Hidden files (names starting with ``.``, such as temporary files of a write in progress) are skipped.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*.json")) if p.is_file() and not p.name.startswith(".")
            )
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    seen: set[Path] = set()
    results: list[tuple[Path, Results]] = []
    for file in files:
        key = file.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            results.append((file, read_results(file)))
        except ResultsError as exc:
            problems.append(" ".join(str(exc).split()))
        except Exception as exc:  # noqa: BLE001  one bad file, whatever is wrong with it, skips only itself
            problems.append(f"{file}: cannot be read ({type(exc).__name__}: {' '.join(str(exc).split())})")
    return Collected(results, problems)
