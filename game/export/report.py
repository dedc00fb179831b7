"""The class report: figures computed from results files (rendering is in :mod:`game.export.report_formats`).

For each round: the player's score. For each question asked: how many answered it, the share fully right,
the wrong answer chosen most often, and time-outs. Then the questions missed most, with the quotes that
answer them, loaded from the pack. A pack that cannot be found (or no longer has the question) only loses
the quotes: the report uses the prompt and right answer recorded in the results.

Every round counts: a student who played twice appears twice, and both rounds count in the question figures.

Questions are numbered as the students saw them: ``Q4`` is the fourth question of the round, the number each
results file records, which is also the number ``export --seed S`` gives it. When the rounds of a pack were
dealt differently (different seeds, a retake), no one number holds, and the questions keep the pack's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from statistics import median

from msgspec import Struct, field

from game.engine.content.pack import Pack
from game.engine.quiz import types
from game.export.common import question_label, quote_text
from game.store.results import Results

TOP_MISSED = 5


class StudentRow(Struct):
    """One round: who, how well, how long."""

    player: str
    pack: str
    seed: int
    score: int
    max_score: int
    right: int
    answered: int
    total: int
    complete: bool
    seconds: float
    started: str
    file: str
    unanswered: tuple[int, ...] = ()
    """Numbers in the round of the questions with no answer (a live class goes on without a student who
    is slow, away or joins late; a round stopped part-way leaves its last questions)."""

    @property
    def percent(self) -> int:
        """Score as a share of the round's maximum."""
        return round(100 * self.score / self.max_score) if self.max_score else 0


class QuestionStat(Struct):
    """How the class did on one question."""

    pack: str
    id: str
    prompt: str
    right_answer: str
    order: tuple[int, int]
    """Where the question stands: (pack index in the report, question index in the pack or first seen)."""
    asked: int = 0
    right: int = 0
    timed_out: int = 0
    wrong: Counter[str] = field(default_factory=Counter)
    """Wrong answers (grouped by their folded form) → times chosen."""
    shown: dict[str, str] = field(default_factory=dict)
    """Folded wrong answer → the form first seen, for display."""
    quotes: list[str] | None = None
    """Quotes with paragraph numbers; None when the pack (or the question) could not be found."""
    numbers: set[int] = field(default_factory=set)
    """Its positions in the rounds played (one when every round was dealt alike)."""
    number: int | None = None
    """Its position in the round, when every round of its pack agrees on it (``Q4``)."""

    @property
    def label(self) -> str:
        """``Q4``: the question's number in the round; "" when the rounds disagree."""
        return question_label(self.number) if self.number is not None else ""

    @property
    def missed(self) -> int:
        return self.asked - self.right

    @property
    def percent_right(self) -> int:
        return round(100 * self.right / self.asked) if self.asked else 0

    @property
    def most_wrong(self) -> tuple[str, int] | None:
        """The wrong answer chosen most often (ties: alphabetical), with its count."""
        if not self.wrong:
            return None
        key, count = min(self.wrong.items(), key=lambda kv: (-kv[1], kv[0]))
        return self.shown[key], count


class ClassReport(Struct):
    """Everything the report shows."""

    students: list[StudentRow]
    questions: list[QuestionStat]
    most_missed: list[QuestionStat]
    packs: list[str]
    seeds: list[int]
    notes: list[str]

    @property
    def mean_percent(self) -> float:
        """The students' mean percent to one decimal, as the median can be (two students at 33% and 0%:
        16.5% both; a whole number would be rounded to even, 16%, beside a median of 16.5%)."""
        return round(sum(s.percent for s in self.students) / len(self.students), 1) if self.students else 0

    @property
    def median_percent(self) -> float:
        return median(s.percent for s in self.students) if self.students else 0

    @property
    def anyone_missed(self) -> bool:
        """Whether any question was missed by anyone (the most-missed list may be cut to none)."""
        return any(q.missed for q in self.questions)

    @property
    def players(self) -> int:
        return len({s.player.casefold() for s in self.students})


def _fold(kind: str, given: str) -> str:
    # The type says which given answers are the same (typed answers differ in case and punctuation).
    question_type = types.TYPES.get(kind)  # a results file may name a type this version does not have
    return question_type.fold_given(given) if question_type is not None else given


def _unanswered(res: Results) -> tuple[int, ...]:
    given = {a.number for a in res.answers}
    return tuple(n for n in range(1, res.total + 1) if n not in given)


def build_report(
    results: list[tuple[Path, Results]], packs: Mapping[str, Pack], *, top: int = TOP_MISSED
) -> ClassReport:
    """Compute the class report.

    Args:
        results: (file, results) pairs, e.g. from :func:`game.store.results.collect`.
        packs: loaded packs by id; quotes come from here.
        top: how many most-missed questions to list.
    """
    students: list[StudentRow] = []
    stats: dict[tuple[str, str], QuestionStat] = {}
    pack_order: dict[str, int] = {}
    notes: list[str] = []
    # Each pack's questions by id, built once: the report places and quotes every question asked.
    indexes: dict[str, dict[str, int]] = {}
    for file, res in sorted(results, key=lambda fr: (fr[1].player.casefold(), fr[1].started, str(fr[0]))):
        pack_index = pack_order.setdefault(res.pack, len(pack_order))
        # Files written before the bonus had its own field held it inside `score`: take it out, so a
        # percentage never passes 100.
        bonus = sum(a.bonus for a in res.answers)
        score = res.score - bonus if bonus and not res.bonus else res.score
        students.append(
            StudentRow(
                res.player,
                res.pack,
                res.seed,
                score,
                res.max_score,
                res.right,
                res.answered,
                res.total,
                res.complete,
                sum(a.elapsed for a in res.answers),
                res.started,
                file.name,
                _unanswered(res),
            )
        )
        pack = packs.get(res.pack)
        if pack is not None and res.article_sha256 and res.article_sha256 != pack.article.sha256:
            note = f"pack {res.pack!r} has a different article now than when some rounds were played"
            if note not in notes:
                notes.append(note)
        index = indexes.get(res.pack)
        if index is None:
            index = indexes[res.pack] = _positions(pack)
        for answer in res.answers:
            stat = stats.get((res.pack, answer.id))
            if stat is None:
                stat = QuestionStat(res.pack, answer.id, answer.prompt, answer.right_answer, (pack_index, 0))
                stat.order = (pack_index, index.get(answer.id, 100_000 + len(stats)))
                stat.quotes = _quotes(pack, answer.id, index)
                stats[(res.pack, answer.id)] = stat
            stat.asked += 1
            stat.numbers.add(answer.number)
            if answer.correct:
                stat.right += 1
            elif answer.timed_out:
                stat.timed_out += 1
            else:
                key = _fold(answer.type, answer.given)
                stat.wrong[key] += 1
                stat.shown.setdefault(key, answer.given)
    for pack_id in pack_order:
        if pack_id not in packs:
            notes.append(f"pack {pack_id!r} not found: its quotes are left out (use --scenes to point at it)")
    for pack_id in pack_order:
        if not _number_as_played([s for s in stats.values() if s.pack == pack_id]):
            notes.append(
                f"pack {pack_id!r}: the rounds were dealt differently (seeds or retakes), so questions are"
                " listed in the pack's order, not numbered as a round"
            )
    questions = sorted(stats.values(), key=lambda s: s.order)
    missed = [s for s in questions if s.missed]
    missed.sort(key=lambda s: (-s.missed / s.asked, -s.asked, s.order))
    return ClassReport(
        students=students,
        questions=questions,
        most_missed=missed[:top],
        packs=list(pack_order),
        seeds=sorted({s.seed for s in students}),
        notes=notes,
    )


def _number_as_played(pack_stats: list[QuestionStat]) -> bool:
    """Number a pack's questions as the rounds showed them, if they agree; False when they do not."""
    numbers = [next(iter(s.numbers)) for s in pack_stats if len(s.numbers) == 1]
    if len(numbers) != len(pack_stats) or len(set(numbers)) != len(numbers):
        return False
    for stat in pack_stats:
        stat.number = next(iter(stat.numbers))
        stat.order = (stat.order[0], stat.number)
    return True


def _positions(pack: Pack | None) -> dict[str, int]:
    """Each question id of ``pack`` → its index (the first, should an id repeat); none without a pack.

    A question the pack does not have is placed at ``100_000`` plus the order it was first seen in, after
    the known ones."""
    if pack is None:
        return {}
    return {question.id: i for i, question in reversed(list(enumerate(pack.questions)))}


def _quotes(pack: Pack | None, question_id: str, positions: dict[str, int] | None = None) -> list[str] | None:
    """The quotes of a question of ``pack`` (found through ``positions``, from :func:`_positions`, when
    given); None without the pack or the question."""
    if pack is None:
        return None
    try:
        if positions is None:
            question = pack.question(question_id)
        else:
            question = pack.questions[positions[question_id]]
        return [quote_text(q) for q in pack.quotes_of(question.quotes)]
    except KeyError:
        return None


def duration(seconds: float) -> str:
    """``4m12s``-style time."""
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"
