"""What a class host shows, as lines: the question, the reveal with its bar chart, the leaderboard, the
dashboard. Pure functions from the session's figures to ``(indent, text)`` lines (as
:mod:`game.plain.quizview`'s), shared by the plain host and the host screen and tested without either.
Also the words both student front ends (plain and full screen) say to a student who joins during a reveal.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom import rules
from game.classroom.session import ClassSession
from game.engine.content.pack import QuoteRef
from game.engine.quiz.types import AnswerShape

Line = tuple[str, str]
"""(indent, text): one paragraph to show."""

BAR_WIDTH = 20
LEADERS = 5
NO_ANSWER = "(no answer: time-out)"
"""The reveal's row for answers that name no option, so the counts add up to the answers given."""


def quote_line(quote: QuoteRef) -> Line:
    """A quote with its paragraph number, as every feedback shows it."""
    return ("  ", f"¶{quote.paragraph}: “{quote.text}”")


def joined_reveal(number: int, total: int) -> str:
    """Over the reveal a student joined during: they never saw the question, so it is shown with its answer
    (saying "you did not answer" would not be true)."""
    return f"You joined during the reveal of question {number} of {total}:"


def after_joined_reveal(number: int, total: int) -> str:
    """What comes after the reveal a student joined during (``number`` counts from 1)."""
    if number < total:
        return "The next question comes when the teacher moves the class on."
    return "That was the last question; wait for the teacher."


def question_lines(session: ClassSession, index: int) -> list[Line]:
    """The released question as the host shows it: heading, prompt, statement, numbered choices."""
    shown = session.round.presented("main", index)
    lines: list[Line] = [("", f"Question {shown.number} of {shown.total} ({shown.label}), released.")]
    lines.append(("", shown.question.prompt))
    if shown.statement:
        lines.append(("  ", shown.statement))
    if shown.shape is AnswerShape.PICK_SENTENCE:
        lines.append(("  ", "(students pick a sentence of the article by its number)"))
    lines += [("  ", f"{i}. {choice}") for i, choice in enumerate(shown.choices, start=1)]
    return lines


def bar(count: int, most: int) -> str:
    """A text bar, ``BAR_WIDTH`` wide at the most-chosen answer (``#`` so a screen reader reads it short)."""
    return "#" * (round(BAR_WIDTH * count / most) if most else 0)


def reveal_verdict(right: int, answered: int) -> str:
    """``2 of 3 answers right``, or ``no one answered`` (not "0 of 0", which reads like a score); the
    plain host and the host screen both say it so."""
    if not answered:
        return "no one answered"
    return f"{right} of {answered} {'answer' if answered == 1 else 'answers'} right"


def reveal_lines(session: ClassSession, index: int) -> list[Line]:
    """The reveal: how many chose each answer as bars, the right answer, why, and the quotes with their ¶."""
    shown = session.round.presented("main", index)
    figures = session.reveal_figures(index)
    outcome = session.round.judge("main", index, None)
    verdict = reveal_verdict(figures.right, figures.answered)
    lines: list[Line] = [("", ""), ("", f"Reveal, question {shown.number} of {shown.total}: {verdict}.")]
    most = max((n for _a, n in figures.counts), default=0)
    width = max((len(a) for a, _n in figures.counts), default=0)
    for i, (answer, count) in enumerate(figures.counts, start=1):
        label = f"{i}. {answer}" if shown.shape is AnswerShape.PICK_ONE else answer
        lines.append(("  ", f"{label:<{width + 3}}  {count:>3}  {bar(count, most)}".rstrip()))
    if figures.blank:
        lines.append(("  ", f"{NO_ANSWER:<{width + 3}}  {figures.blank:>3}"))
    if not figures.counts:
        lines.append(("  ", "(no answers)"))
    lines.append(("", f"The right answer: {outcome.right_answer}"))
    lines.append(("", f"Why: {outcome.explanation}"))
    lines.append(("", "From the article:"))
    lines.extend(quote_line(q) for q in outcome.quotes)
    return lines


def leaders(session: ClassSession, now: float) -> list[tuple[int, str, int]]:
    """The top five by score in the round as (rank, name, score); equal scores share a rank (1, 1, 3).

    Never the bottom: the list stops after five, whatever the ties.
    """
    ranked = sorted(session.progress(now), key=lambda p: (-p.score, p.name.casefold()))[:LEADERS]
    out: list[tuple[int, str, int]] = []
    for i, p in enumerate(ranked, start=1):
        rank = out[-1][0] if out and out[-1][2] == p.score else i
        out.append((rank, p.name, p.score))
    return out


def leaderboard_lines(session: ClassSession, now: float) -> list[Line]:
    """The top five by score in the round (never the bottom)."""
    lines: list[Line] = [("", "Top five:")]
    lines += [("  ", f"{rank}. {name}: {score}") for rank, name, score in leaders(session, now)]
    return lines


@dataclass
class StudentFigures:
    """One student's row of the dashboard, for each front end to lay out in its own words."""

    name: str
    state: str
    """``finished``, ``playing``, ``away``, or ``unfinished`` once the class has ended."""
    done: dict[str, int]
    """Items answered in each phase the class has, in the class's order (``pre``, ``main``, ``post``)."""
    score: int


def student_figures(
    session: ClassSession, now: float, *, phase: str | None = None, ended: bool = False
) -> list[StudentFigures]:
    """Every student's figures, as they joined.

    Args:
        phase: the phase whose last item makes a student "finished" (default: the class's last phase).
        ended: the class has ended: a student who has not finished is "unfinished", present or not.
    """
    phases = rules.PHASES if session.config.pre_post else ("main",)
    last = phase or rules.last_phase(session.config)
    out = []
    for p in session.progress(now):
        if p.finished(last):
            state = "finished"
        else:
            state = "unfinished" if ended else "playing" if p.present else "away"
        out.append(StudentFigures(p.name, state, {ph: p.done.get(ph, 0) for ph in phases}, p.score))
    return out


PLAIN_PHASES = {"pre": "pre-test", "main": "round", "post": "post-test"}


def dashboard_lines(session: ClassSession, now: float) -> list[Line]:
    """Where everyone is: each student's progress and score, each question's share right and top wrong."""
    total = session.round.total
    phase = session.state().phase
    lines: list[Line] = [("", f"Status: {phase}.")]
    students = student_figures(session, now, ended=phase == "ended")
    if not students:
        lines.append(("  ", "No students yet."))
    for s in students:
        parts = [
            f"{PLAIN_PHASES[ph]} {count} of {total}" + (f", score {s.score}" if ph == "main" else "")
            for ph, count in s.done.items()
        ]
        lines.append(("  ", f"{s.name} ({s.state}): " + "; ".join(parts) + "."))
    lines.append(("", "Questions:"))
    for number, answered, right, most in session.question_figures():
        unanswered = "not answered" if phase == "ended" else "not answered yet"
        share = f"{round(100 * right / answered)}% right of {answered}" if answered else unanswered
        wrong = f"; most-chosen wrong: {most[0]} ({most[1]})" if most else ""
        lines.append(("  ", f"{number}. {share}{wrong}"))
    return lines
