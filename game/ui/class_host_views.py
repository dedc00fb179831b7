"""What the live class's host screen shows in each phase, as :class:`Content` built for a width.

Pure functions from the session's figures (:mod:`game.classroom`) to styled text: the join panel's words,
the released question, the reveal's bar chart, the top five, the pre/post progress and the dashboard. Text
from the pack and from students goes in as plain strings (``Content.styled``, never markup). Meaning never
rests on colour: the right answer is marked ``✓`` and named in words, a finished student says "finished".
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from game.classroom import lines
from game.classroom.session import ClassSession, Reveal
from game.engine.quiz.types import AnswerShape

BAR = "█"
NO_ANSWER = "(no answer)"
PHASE_NAMES = {"pre": "Pre-test", "post": "Post-test"}


def _join(parts: Iterable[Content]) -> Content:
    return Content("\n").join(parts)


def _fit(text: str | Content, width: int) -> Content:
    """One line, cut with an ellipsis to ``width`` cells."""
    content = text if isinstance(text, Content) else Content(text)
    return content.truncate(max(1, width), ellipsis=True)


def _pad(text: str | Content, width: int) -> Content:
    """One line of exactly ``width`` cells (cut with an ellipsis, or padded)."""
    return _fit(text, width).truncate(max(1, width), pad=True)


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: cut after a whole word with ``…`` (inside a word when going back
    to the last space would lose more than a third of the room)."""
    content = Content(text)
    if content.cell_length <= width:
        return text
    kept = content.truncate(max(0, width - 1)).plain
    space = kept.rfind(" ")
    if space >= len(kept) * 2 // 3:
        kept = kept[:space]
    return kept.rstrip() + "…"


def class_summary(session: ClassSession, *, leaderboard: bool) -> str:
    """The class's settings in one line: pack, questions, pacing, time, pre/post, top five."""
    config = session.config
    parts = [f"{session.pack.title} (seed {config.seed})", f"{session.round.total} questions"]
    parts.append("teacher-paced" if config.paced == "teacher" else "self-paced")
    if config.time_limit:
        parts.append(f"{config.time_limit:g} s a question")
    if config.pre_post:
        parts.append("pre-test and post-test")
    if leaderboard:
        parts.append("top five after each reveal")
    return " · ".join(parts)


def join_words(session: ClassSession, join_url: str | None) -> Content:
    """Where students join: the served address in bold, or (not serving) the command they type."""
    if join_url:
        return _join([Content("Students join at"), Content.styled(join_url, "bold $accent")])
    command = f"quotebound class join {session.store.folder} --player NAME"
    return _join([Content("Students join on this machine with"), Content.styled(command, "bold $accent")])


def roster(names: list[str]) -> Content:
    """The students present, as they joined."""
    head = Content.styled(f"Joined ({len(names)}): ", "bold")
    return head + (Content(", ".join(names)) if names else Content.styled("nobody yet", "italic"))


# --- a released question -----------------------------------------------------------------------------


def question_prompt(session: ClassSession, index: int) -> Content:
    """The prompt in bold (and the statement to judge, when there is one), to read from the back row."""
    shown = session.round.presented("main", index)
    parts = [Content.styled(shown.question.prompt, "bold")]
    if shown.statement:
        parts.append(Content.styled(shown.statement, "italic"))
    return _join(parts)


def question_options(session: ClassSession, index: int, width: int, *, roomy: bool) -> Content:
    """The options, numbered as the students' screens number them, each wrapped under its own start; a
    blank line between them when ``roomy``."""
    shown = session.round.presented("main", index)
    if shown.shape is AnswerShape.PICK_SENTENCE:
        return Content("Students pick a sentence of the article by its number.")
    if shown.shape is AnswerShape.TYPE_TEXT or not shown.choices:
        return Content("Students type their answer.")
    rows = []
    for i, choice in enumerate(shown.choices, start=1):
        tag = f" {i} "
        wrapped = Content(choice).wrap(max(4, width - len(tag) - 2))
        rows.append(
            Content.styled(tag, "bold reverse $primary")
            + "  "
            + Content("\n" + " " * (len(tag) + 2)).join(wrapped)
        )
    if shown.shape is AnswerShape.ORDER:
        rows.insert(0, Content("Students put these in order:"))
    return Content("\n\n" if roomy else "\n").join(rows)


# --- the reveal -------------------------------------------------------------------------------------


def reveal_bars(session: ClassSession, index: int, width: int, *, missing: int = 0) -> Content:
    """How many chose each answer as bars, the right one marked ``✓``; one line each, a label too long for
    its column cut after a word with ``…`` (the right answer is written out in full under the bars, and every
    option was on the screen in full while the question was open).

    Time-outs and the ``missing`` students (present, but gave no answer) share a "(no answer)" row, so
    the bars add up to everyone in the class.
    """
    shown = session.round.presented("main", index)
    figures = session.reveal_figures(index)
    numbered = shown.shape is AnswerShape.PICK_ONE
    labels = [f"{i}. {a}" if numbered else a for i, (a, _n) in enumerate(figures.counts, start=1)]
    rows = list(zip(labels, (n for _a, n in figures.counts), figures.correct, strict=True))
    if figures.blank + missing:
        rows.append((NO_ANSWER, figures.blank + missing, False))
    if not rows:
        return Content.styled("No answers.", "italic")
    count_width = max(len(str(n)) for _l, n, _c in rows)
    room = max(8, width - 2 - 1 - count_width - 1)  # "✓ " label " " count " " bar
    # A row wrapped onto a second line parted the bars (a long option beside the top five, at 80 columns):
    # the label gives way, down to a bar of a fifth of the width.
    label_width = min(
        max(Content(label).cell_length for label, _n, _c in rows), max(6, room - max(6, width // 5))
    )
    bar_width = max(1, room - label_width)
    most = max(n for _l, n, _c in rows)
    out: list[Content] = []
    for label, count, right in rows:
        style = "bold $success" if right else ""
        length = round(bar_width * count / most) if most else 0
        bar = Content.styled(BAR * length, "$success" if right else "$secondary")
        mark = Content.styled("✓ " if right else "  ", "bold $success")
        out.append(
            mark
            + _pad(Content.styled(_cut(label, label_width), style), label_width)
            + Content(f" {count:>{count_width}} ")
            + bar
        )
    return _join(out)


def reveal_heading(figures: Reveal) -> Content:
    """``2 of 3 answers right`` (``No one answered`` when no one did)."""
    verdict = lines.reveal_verdict(figures.right, figures.answered)
    return Content.styled(verdict[:1].upper() + verdict[1:], "bold")


def reveal_text(session: ClassSession, index: int, width: int) -> Content:
    """The right answer, the article's words with their ¶ (each quote wrapped under its start), and why."""
    outcome = session.round.judge("main", index, None)
    parts = [
        Content.styled("The right answer: ", "bold") + Content.styled(outcome.right_answer, "bold $success"),
        Content.styled("From the article:", "bold"),
    ]
    for quote in outcome.quotes:
        indent, text = lines.quote_line(quote)
        wrapped = Content.styled(text, "italic").wrap(max(8, width - len(indent)))
        parts.append(Content("\n").join(Content(indent) + line for line in wrapped))
    # The article's own words first (they are the point of the game), then the explanation.
    parts.append(Content.styled("Why: ", "bold") + Content(outcome.explanation))
    return _join(parts)


def top_five(session: ClassSession, now: float, width: int) -> Content:
    """The top five (equal scores share a rank), never the bottom."""
    rows = [Content.styled("Top five", "bold")]
    for rank, name, score in lines.leaders(session, now):
        figure = f" {score}"
        name_width = max(4, min(width, 24) - len(figure))
        rows.append(_pad(f"{rank}. {name}", name_width) + Content.styled(figure, "bold"))
    if len(rows) == 1:
        rows.append(Content.styled("no students yet", "italic"))
    return _join(rows)


# --- pre/post tests and the dashboard ------------------------------------------------------------------


def _state_word(state: str) -> Content:
    if state == "finished":
        return Content.styled(state, "bold $success")
    return Content(state) if state == "playing" else Content.styled(state, "dim")


def test_progress(session: ClassSession, phase: str, now: float, width: int) -> Content:
    """Each student's progress through a pre- or post-test (no scores: the tests are not marked aloud)."""
    total = session.round.total
    students = lines.student_figures(session, now, phase=phase)
    done = sum(s.state == "finished" for s in students)
    rows = [Content.styled(f"Items answered, by student ({done} of {len(students)} finished):", "bold")]
    name_width = max(8, min(20, width - 24))
    for s in students:
        figure = Content(f" {s.done.get(phase, 0):>2} of {total}  ")
        rows.append(_pad(s.name, name_width) + figure + _state_word(s.state))
    if not students:
        rows.append(Content.styled("No students yet.", "italic"))
    return _join(rows)


SHORT_PHASES = {"pre": "pre", "main": "round", "post": "post"}


def dashboard(session: ClassSession, now: float, width: int, *, scores: bool, ended: bool = False) -> Content:
    """Each student's progress (k of N, score when ``scores``), then each question's share right and its
    most-chosen wrong answer."""
    total = session.round.total
    students = lines.student_figures(session, now, ended=ended)
    finished = sum(s.state == "finished" for s in students)
    rows = [Content.styled(f"Students: finished {finished} of {len(students)}", "bold")]
    figures = []
    for s in students:
        cells = []
        for phase, count in s.done.items():
            cells.append(f"{SHORT_PHASES[phase]} {count} of {total}")
            if phase == "main" and scores:
                cells.append(f"score {s.score:>3}")
        figures.append(" " + "  ".join(cells) + "  ")
    # The name gives way first (to 8 cells); where a row still does not fit, its figures go under it.
    longest = max((len(f) for f in figures), default=0)
    name_width = max(8, min(20, width - longest - len("unfinished")))
    one_line = name_width + longest + len("unfinished") <= width
    for s, figure in zip(students, figures, strict=True):
        state = _state_word(s.state)
        if one_line:
            rows.append(_pad(s.name, name_width) + Content(figure) + state)
        else:
            rows.append(_fit(s.name, width - len(" unfinished")) + " " + state)
            compact = " ".join(figure.replace(" of ", "/").split())
            rows.append(_fit("  " + compact, width))
    if not students:
        rows.append(Content.styled("No students yet.", "italic"))
    rows.append(Content(""))
    rows.append(Content.styled("Questions: right of answered, most-chosen wrong answer", "bold"))
    for number, answered, right, most in session.question_figures():
        if not answered:
            rows.append(Content(f"{number:>2}. not answered" + ("" if ended else " yet")))
            continue
        head = f"{number:>2}. {right} of {answered} right ({round(100 * right / answered)}%)"
        if most is not None:
            wrong = f"  wrong ({most[1]}): {most[0]}"
            rows.append(Content(head) + _fit(wrong, width - len(head)))
        else:
            rows.append(Content(head))
    return _join(rows)
