"""A live class as the host and the students' games use it: the store, the round's deals, the figures.

The round is a :class:`~game.engine.quiz.run.QuizRun` with the class's seed and size, so its questions,
numbering and option order are the game's own (``play --seed S --questions N`` deals the same round). The
pre- and post-tests ask the same items in the same order with options dealt again from seeds derived from the
class's, so the post-test's options are reshuffled. Scores carry no streak bonus: a late joiner, or a
teacher pausing, would make a streak mean something else for each student.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom import rules
from game.engine.content.pack import Pack
from game.engine.quiz.run import AnswerRecord, Outcome, Presented, QuizRun, Response, judge
from game.engine.quiz.types import AnswerShape
from game.store.classdb import (
    AnswerRow,
    ClassConfig,
    ClassState,
    ClassStore,
    StudentRecord,
    network_filesystem,
)
from game.store.records import StoreError as StoreError  # the front ends catch it from here


def _derived_seed(seed: int, phase: str) -> int:
    # A string seed is hashed with SHA-512 by `random`: the same in every process (no hash randomisation).
    return random.Random(f"{seed}:{phase}").randrange(1, 2**31)


class ClassRound:
    """The round's three deals: ``pre``, ``main`` and ``post`` (one order, options dealt per phase)."""

    def __init__(self, pack: Pack, config: ClassConfig) -> None:
        self.pack = pack
        self.main = QuizRun(pack, seed=config.seed, count=config.questions, streak_bonus=False)
        self.runs = {"main": self.main}
        for phase in ("pre", "post"):
            run = QuizRun(
                pack, seed=_derived_seed(config.seed, phase), question_ids=self.main.order, streak_bonus=False
            )
            run.order = list(self.main.order)
            self.runs[phase] = run

    @property
    def total(self) -> int:
        return len(self.main.order)

    def presented(self, phase: str, index: int) -> Presented:
        run = self.runs[phase]
        question = self.pack.question(run.order[index])
        return Presented(question, index + 1, self.total, run.choices(question))

    def judge(self, phase: str, index: int, response: Response) -> Outcome:
        run = self.runs[phase]
        question = self.pack.question(run.order[index])
        return judge(question, run.choices(question), run.perms[question.id], response, self.pack)


@dataclass
class Reveal:
    """The class's answers to one released question."""

    counts: list[tuple[str, int]]
    """Each option (or each answer given, for typed and ordered answers) with how many chose it."""
    answered: int
    right: int
    correct: list[bool] = field(default_factory=list)
    """For each entry of :attr:`counts`: whether it is (or was judged) the right answer."""
    blank: int = 0
    """Answers that name no option (a time-out): counted in :attr:`answered`, in no bar."""


@dataclass
class StudentProgress:
    """One student on the self-paced dashboard."""

    key: str
    name: str
    present: bool
    total: int
    """Items in each phase (the round's questions)."""
    done: dict[str, int] = field(default_factory=dict)
    """Items answered, by phase."""
    score: int = 0
    right: int = 0

    def finished(self, phase: str) -> bool:
        """Whether the student has answered every item of ``phase``."""
        return self.done.get(phase, 0) >= self.total


class ClassSession:
    """One process's view of a class: the store, the pack and the round."""

    def __init__(self, store: ClassStore, pack: Pack) -> None:
        self.store = store
        self.pack = pack
        self.config = store.config()
        self.round = ClassRound(pack, self.config)

    @staticmethod
    def check_folder(folder: Path) -> None:
        """Refuse a folder on a network share (SQLite's WAL needs shared memory between processes)."""
        kind = network_filesystem(folder)
        if kind is not None:
            raise StoreError(
                f"{folder} is on a network file system ({kind}); a class needs a local folder "
                "(SQLite's WAL does not work on network shares)"
            )

    def close(self) -> None:
        self.store.close()

    # --- reading -------------------------------------------------------------------------------

    def state(self) -> ClassState:
        return self.store.state()

    def answered(self, student: str) -> dict[str, set[int]]:
        """The items ``student`` has answered, as round indices by phase."""
        index = {qid: i for i, qid in enumerate(self.round.main.order)}
        out: dict[str, set[int]] = {}
        for row in self.store.answers(student=student):
            if row.question_id in index:
                out.setdefault(row.phase, set()).add(index[row.question_id])
        return out

    def view(self, student: str) -> rules.View:
        return rules.student_view(self.config, self.state(), self.round.total, self.answered(student))

    def present(self, now: float) -> list[StudentRecord]:
        """Students whose game is running (a fresh heartbeat)."""
        return [s for s in self.store.students() if rules.name_in_use(s.heartbeat, now)]

    def outcome(self, student: str, phase: str, index: int) -> Outcome | None:
        """The feedback of the answer ``student`` gave (None when they gave none)."""
        qid = self.round.main.order[index]
        for row in self.store.answers(student=student, phase=phase):
            if row.question_id == qid:
                return self.round.judge(phase, index, row.response)
        return None

    def reveal_figures(self, index: int) -> Reveal:
        """How the class answered main question ``index``: per option for pick-one questions."""
        shown = self.round.presented("main", index)
        rows = [r for r in self.store.answers(phase="main") if r.question_id == shown.question.id]
        counter: Counter[str] = Counter()
        for row in rows:
            counter[row.given] += 1
        if shown.shape is AnswerShape.PICK_ONE:
            by_index = Counter(r.response for r in rows if isinstance(r.response, int))
            counts = [(choice, by_index[i]) for i, choice in enumerate(shown.choices)]
            correct = [self.round.judge("main", index, i).correct for i in range(len(shown.choices))]
            blank = len(rows) - sum(by_index.values())
        else:
            counts = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            right_given = {r.given for r in rows if r.correct}
            correct = [answer in right_given for answer, _n in counts]
            blank = 0
        return Reveal(counts, len(rows), sum(r.correct for r in rows), correct, blank)

    def progress(self, now: float) -> list[StudentProgress]:
        """Every student's progress: items done per phase, score and right answers in the round."""
        points = {q.id: q.points for q in self.pack.questions}
        by_key: dict[str, StudentProgress] = {
            s.key: StudentProgress(s.key, s.name, rules.name_in_use(s.heartbeat, now), self.round.total)
            for s in self.store.students()
        }
        for row in self.store.answers():
            student = by_key.get(row.student)
            if student is None:
                continue
            student.done[row.phase] = student.done.get(row.phase, 0) + 1
            if row.phase == "main":
                student.score += round(points.get(row.question_id, 0) * row.credit)
                student.right += row.correct
        return list(by_key.values())

    def score(self, student: str, *, hidden: int | None = None) -> int:
        """``student``'s points in the round, leaving out main question ``hidden`` (one not revealed yet:
        a score that moved on answering would give the answer away)."""
        points = {q.id: q.points for q in self.pack.questions}
        skip = self.round.main.order[hidden] if hidden is not None else None
        rows = self.store.answers(student=student, phase="main")
        return sum(round(points.get(r.question_id, 0) * r.credit) for r in rows if r.question_id != skip)

    def question_figures(self) -> list[tuple[int, int, int, tuple[str, int] | None]]:
        """Per main question: (number, answered, right, the most-chosen wrong answer and its count)."""
        rows = self.store.answers(phase="main")
        out = []
        for i, qid in enumerate(self.round.main.order):
            mine = [r for r in rows if r.question_id == qid]
            wrong = Counter(r.given for r in mine if not r.correct)
            most = min(wrong.items(), key=lambda kv: (-kv[1], kv[0])) if wrong else None
            out.append((i + 1, len(mine), sum(r.correct for r in mine), most))
        return out

    # --- writing -------------------------------------------------------------------------------

    def answer(
        self, student: str, phase: str, index: int, response: Response, elapsed: float, now: float
    ) -> Outcome:
        """Judge and commit one answer at once; an item already answered keeps its first answer."""
        outcome = self.round.judge(phase, index, response)
        row = AnswerRow(
            student,
            phase,
            self.round.main.order[index],
            response,
            outcome.given,
            outcome.credit,
            outcome.correct,
            elapsed,
            now,
        )
        self.store.record_answer(row)
        return outcome

    def student_run(self, student: str) -> QuizRun:
        """The student's main round as a :class:`QuizRun` with their answers, for the results file."""
        run = QuizRun(self.pack, seed=self.config.seed, count=self.config.questions, streak_bonus=False)
        given = {r.question_id: r for r in self.store.answers(student=student, phase="main")}
        for qid in run.order:
            row = given.get(qid)
            if row is None:
                continue
            question = self.pack.question(qid)
            outcome = judge(question, run.choices(question), run.perms[qid], row.response, self.pack)
            run.records.append(
                AnswerRecord(
                    qid, row.response, outcome.credit, outcome.points, 0, outcome.correct, row.elapsed
                )
            )
        return run
