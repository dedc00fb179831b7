"""What the live class's student screen says, as :class:`Content`: headings, waits, the reveal's feedback.

Pure functions from the class session's figures and the engine's outcomes to Content (text from the pack
and from students is always literal), so the student screen only places them and tests read them plainly.
"""

from __future__ import annotations

from textual.content import Content

from game.classroom import rules
from game.classroom.lines import joined_reveal
from game.classroom.session import ClassSession
from game.engine.quiz.run import Outcome, Presented
from game.ui.screens.feedback_screen import verdict
from game.ui.texts import LABEL_STYLE, labelled, literal, quote_line

TEST_NAMES = {"pre": "Pre-test", "post": "Post-test"}
WAITING = "Waiting for the teacher…"


def heading(session: ClassSession, view: rules.View) -> str:
    """``Question 2 of 5`` in the round; ``Pre-test: item 2 of 5`` in a test."""
    total = session.round.total
    if view.phase in TEST_NAMES:
        return f"{TEST_NAMES[view.phase]}: item {view.index + 1} of {total}"
    return f"Question {view.index + 1} of {total}"


def score_text(session: ClassSession, key: str, view: rules.View) -> str:
    """``Score 20``: the round's points so far, without a teacher-paced question not revealed yet."""
    hidden = view.index if session.config.paced == "teacher" and view.kind in ("ask", "locked") else None
    return f"Score {session.score(key, hidden=hidden)}"


def summary_text(session: ClassSession, key: str, now: float) -> str:
    """``Your score: 20 (2 of 5 right).``, or "" when the student answered nothing in the round."""
    me = next((p for p in session.progress(now) if p.key == key), None)
    if me is None or not me.done.get("main"):
        return ""
    return f"Your score: {me.score} ({me.right} of {session.round.total} right)."


def message(session: ClassSession, view: rules.View, given: str | None = None) -> str:
    """The line shown when no question is being asked (or the answer is locked in)."""
    if view.kind == "wait":
        phase = session.state().phase
        if phase in TEST_NAMES:
            return f"You have finished the {TEST_NAMES[phase].lower()}. {WAITING}"
        return WAITING
    if view.kind == "paused":
        return "Paused by the teacher."
    if view.kind == "locked":
        answer = f": {given}" if given else ""
        return f"Your answer is locked in{answer}. Wait for the reveal."
    if view.kind == "done":
        return "You have finished."
    if view.kind == "ended":
        return "The teacher has ended the class."
    return ""


def missed_line(session: ClassSession, index: int, outcome: Outcome | None) -> str:
    """The line over the next question when the reveal of main question ``index`` was missed."""
    how = "you did not answer it" if outcome is None else verdict(outcome)[0].lower()
    return f"Question {index + 1} was revealed while you were away ({how}): F2 shows your feedback."


def feedback(
    outcome: Outcome | None, missed: Outcome, joined: Presented | None = None
) -> tuple[Content, str, list[tuple[Content, str]]]:
    """The student's own feedback: (verdict banner, its CSS class, the body's paragraphs with their class).

    Args:
        outcome: the judged answer the student gave, or None when they gave none.
        missed: the question judged with no answer (for its right answer, explanation and quotes).
        joined: the question, when the student joined during its reveal and so never saw it: it is shown
            with its answer instead of "You did not answer this one" (which would not be true).
    """
    shown = outcome or missed
    body: list[tuple[Content, str]] = []
    if joined is not None:
        banner, css_class = Content.styled(joined_reveal(joined.number, joined.total), "bold"), "-joined"
        body.append((literal(joined.question.prompt), "student-prompt"))
        if joined.statement:
            body.append((literal(joined.statement), "student-statement"))
    elif outcome is None:
        banner, css_class = Content.styled("– You did not answer this one", "bold"), "-wrong"
    else:
        word, symbol, css_class = verdict(outcome)
        points = f"+{outcome.points} point{'s' if outcome.points != 1 else ''}"
        banner = Content.assemble((f"{symbol} {word}", "bold"), "  ", points)
    if outcome is not None and not outcome.correct:
        body.append((labelled("Your answer:", outcome.given), ""))
    body.append((labelled("Right answer:", shown.right_answer), ""))
    if outcome is not None:
        body += [(labelled("About your choice:", text), "student-option") for text in outcome.option_feedback]
    body.append((labelled("Why:", shown.explanation), ""))
    body.append((Content.styled("From the article:", LABEL_STYLE), "student-heading"))
    body += [(quote_line(q), "student-quote") for q in shown.quotes]
    if shown.context:
        body.append((labelled("Context (not from the article):", shown.context), "student-context"))
    return banner, css_class, body
