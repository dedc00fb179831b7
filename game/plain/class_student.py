"""One student's game in a live class as plain lines (``class join DIR --player NAME --plain``).

The game polls the class store and shows what :func:`game.classroom.rules.student_view` says: "Waiting for the
teacher…", a question the moment it is released, the answer locked in, then at the reveal the student's own
feedback with the quote. Each answer is committed at once; a heartbeat every two seconds holds the name. A
game killed and joined again under the same name continues where it was (its answers are in the store).
Pre- and post-test items are answered with no feedback and no score.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from game.classroom import rules, wakeup
from game.classroom.lines import after_joined_reveal, joined_reveal
from game.classroom.session import ClassSession
from game.engine.content.text import clean_text
from game.plain import quizview
from game.plain.class_lines import LineReader
from game.plain.console import TIMED_OUT, Console

QUIT_WORDS = {"quit", "exit"}
TEST_NAMES = {"pre": "Pre-test", "post": "Post-test"}


class Student:
    """The student's loop: show the view, read an answer when one is asked for, keep the heartbeat."""

    def __init__(
        self, session: ClassSession, reader: LineReader, key: str, clock: Callable[[], float]
    ) -> None:
        self.session = session
        self.console = reader.console
        self.key = key
        self.clock = clock
        self.reader = reader
        self.beat = clock()
        self.asked: set[int] = set()
        """The main questions this game has shown (one that joins during a reveal never saw that one)."""

    def say(self, text: str = "", indent: str = "") -> None:
        self.console.say(text, indent=indent)

    def tick(self) -> rules.View:
        """Refresh the heartbeat when due; the view now."""
        now = self.clock()
        if now - self.beat >= rules.HEARTBEAT_SECONDS:
            self.session.store.heartbeat(self.key, now)
            self.beat = now
        return self.session.view(self.key)

    def run(self) -> int:
        shown: rules.View | None = None
        while True:
            view = self.tick()
            if view != shown:
                # The teacher may reveal and move on between two looks at the store: a student still
                # gets the feedback on the question they were on before the next one.
                missed = rules.missed_reveal(self.session.config, self.session.state(), shown, view)
                if missed is not None:
                    self.reveal(missed)
                shown = view
                if view.kind == "ask":
                    if not self.ask(view):
                        return 0
                    continue
                if not self.show(view):
                    return 0
            if self.reader.typed_quit(self.reader.poll_seconds, QUIT_WORDS):
                self.say("Leaving the class; join again with the same name to continue.")
                return 0

    def show(self, view: rules.View) -> bool:
        """Print a view that asks nothing; False when the game is over for this student."""
        if view.kind == "wait":
            self.say("Waiting for the teacher…")
        elif view.kind == "paused":
            self.say("Paused by the teacher.")
        elif view.kind == "locked":
            self.say("Your answer is locked in. Wait for the reveal.")
        elif view.kind == "revealed":
            self.reveal(view.index)
        else:
            self.say("You have finished." if view.kind == "done" else "The teacher has ended the class.")
            self.summary()
            self.console.out.flush()
            return False
        self.console.out.flush()
        return True

    def reveal(self, index: int) -> None:
        outcome = self.session.outcome(self.key, "main", index)
        self.say()
        if outcome is not None:
            for indent, text in quizview.outcome_lines(outcome):
                self.say(text, indent)
            return
        class_round = self.session.round
        outcome = class_round.judge("main", index, None)
        # A game that joins during a reveal never showed the question: saying "you did not answer" was
        # not true, and the answer means little without the question.
        joined = index not in self.asked
        if joined:
            shown = class_round.presented("main", index)
            self.say(joined_reveal(shown.number, shown.total))
            self.say(shown.question.prompt)
            if shown.statement:
                self.say(shown.statement, "  ")
        else:
            self.say("You did not answer this one.")
        self.say(f"The right answer: {outcome.right_answer}")
        self.say(f"Why: {outcome.explanation}")
        self.say("From the article:")
        for indent, text in (quizview.quote_line(q) for q in outcome.quotes):
            self.say(text, indent)
        if joined:
            self.say(after_joined_reveal(index + 1, class_round.total))

    def ask(self, view: rules.View) -> bool:
        """Ask item ``view.index`` of ``view.phase`` until answered or the class moves on; False to stop."""
        session = self.session
        shown = session.round.presented(view.phase, view.index)
        self.say()
        if view.phase == "main":
            self.asked.add(view.index)
            # This student's answers only: the whole class's progress is every answer of every student,
            # read by thirty games at once at each release (issue 16).
            score = session.score(self.key)
            lines = quizview.question_lines(shown, score, session.pack)
        else:
            heading = f"{TEST_NAMES[view.phase]}: item {shown.number} of {shown.total} ({shown.label})."
            lines = [("", heading), *quizview.question_lines(shown, 0, session.pack)[1:]]
        for indent, text in lines:
            self.say(text, indent)
        started = self.clock()
        # Self-paced, each student's own clock; teacher-paced, the host's clock ends the question for all.
        limit = session.config.time_limit if session.config.paced == "self" and view.phase == "main" else None
        if limit is not None:
            self.say(f"You have {limit:g} seconds; a time-out counts as wrong.")
        elif view.phase == "main":
            left = rules.time_left(session.state(), session.config, self.clock())
            if left is not None:
                self.say(f"You have {round(left)} seconds.")
        self.reader.prompt(quizview.prompt_for(shown))
        while True:
            wait = self.reader.poll_seconds
            if limit is not None:  # the student's own time-out is not left to the next look
                wait = max(0.0, min(wait, started + limit - self.clock()))
            line = self.reader.get(wait)
            if line is TIMED_OUT:
                now = self.clock()
                now_view = self.tick()
                if now_view != view:
                    self.say()
                    if now_view.kind != "paused":  # paused, the same question is asked again after
                        self.say("(The class has moved on.)")
                    return True
                if limit is not None and now - started >= limit:
                    self.say()
                    self._commit(view, None, limit)
                    return True
                continue
            if line is None:
                self.say("(End of input: leaving the class; join again to continue.)")
                return False
            text = str(line)
            if text.strip().casefold() in QUIT_WORDS:
                self.say("Leaving the class; join again with the same name to continue.")
                return False
            try:
                response = quizview.parse_answer(shown, text, session.pack)
            except ValueError as exc:
                self.say(str(exc))
                self.reader.prompt(quizview.prompt_for(shown))
                continue
            if self.tick() != view:
                self.say("(Too late: the class has moved on.)")
                return True
            self._commit(view, response, self.clock() - started)
            return True

    def _commit(self, view: rules.View, response: object, elapsed: float) -> None:
        outcome = self.session.answer(self.key, view.phase, view.index, response, elapsed, self.clock())  # type: ignore[arg-type]
        if view.phase != "main":
            self.say("Saved.")
        elif self.session.config.paced == "teacher":
            self.say(f"Locked in: {outcome.given}.")
        else:
            for indent, text in quizview.outcome_lines(outcome):
                self.say(text, indent)
        self.console.out.flush()

    def summary(self) -> None:
        me = next((p for p in self.session.progress(self.clock()) if p.key == self.key), None)
        if me is not None and me.done.get("main"):
            self.say(f"Your score: {me.score} ({me.right} of {self.session.round.total} right).")


def claim_name(
    session: ClassSession, reader: LineReader, name: str, clock: Callable[[], float]
) -> str | None:
    """Take ``name`` (asking for another while it is in use); the student's key, or None to stop."""
    console = reader.console
    while True:
        # A name is shown to the whole class: no control codes in it (typed, or piped in by a script).
        name = " ".join(clean_text(name).split())
        if name:
            record = session.store.claim(name, clock(), rules.FRESH_SECONDS)
            if record is not None:
                return record.key
            console.say(
                f"The name {name!r} is in use by a running game in this class; choose another. (If that "
                f"was your game and it stopped, wait {rules.FRESH_SECONDS:g} seconds and join again.)"
            )
        reader.prompt("Your name: ")
        line = reader.get(3600.0)
        if line is None or line is TIMED_OUT:
            console.say("No name given; not joining.")
            return None
        name = str(line)


def run_student(
    session: ClassSession, console: Console, name: str, *, clock: Callable[[], float] = time.time
) -> int:
    """Join the class as ``name`` and play until done, the end of the class, ``quit`` or end of input."""
    reader = LineReader(console)
    key = claim_name(session, reader, name, clock)
    if key is None:
        return 0
    joined = next(s for s in session.store.students() if s.key == key)
    console.say(
        f"Joined the class as {joined.name}: pack {session.config.pack}, {session.round.total} questions."
    )
    if session.answered(key):
        console.say("Welcome back: your answers so far are kept.")
    listener = wakeup.Listener.open(session.store.path)
    if listener is not None:
        threading.Thread(target=_forward, args=(listener, reader), name="class-wakeup", daemon=True).start()
    try:
        return Student(session, reader, key, clock).run()
    finally:
        if listener is not None:
            listener.close()
        session.store.release(key)


def _forward(listener: wakeup.Listener, reader: LineReader) -> None:
    """Pass each wake-up from the host to the reader (a thread: stdin is waited on as a queue)."""
    while not listener.closed:
        if listener.wait(1.0) and listener.drain():
            reader.wake()
