"""The live class's host as plain lines (``class start --plain``): typed commands in, what happens out.

Commands: ``start``, ``reveal``, ``next``, ``pause`` (again to resume), ``end``, ``status``, ``help``,
``quit`` (leave the host; the class goes on and a host started again continues it). For scripts:
``wait joined N``, ``wait reveal``, ``wait done``, ``sleep SEC``. The host polls the class store, printing
students joining and leaving, "answered k of n", and the reveal; teacher-paced, it reveals by itself when
every student present has answered or the time is up. When the class ends it writes each student's results
file to ``DIR/results`` (once: a host started again on an ended class does not write them twice).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from game.classroom import rules
from game.classroom.host import COMMANDS, HostControl
from game.classroom.lines import dashboard_lines, leaderboard_lines, reveal_lines
from game.classroom.session import ClassSession
from game.plain import quizview
from game.plain.class_lines import POLL_SECONDS, LineReader
from game.plain.console import TIMED_OUT, Console

HELP = [
    "start: open the class (the pre-test first, with --pre-post); reveal: show the answer; next: the next "
    "question; pause: pause or resume; end: end the class; status: where everyone is; quit: leave the host "
    "(the class goes on; start the host again to continue).",
    "For scripts: wait joined N, wait reveal, wait done, sleep SEC.",
]
WAIT_LIMIT = 600.0
"""A scripted wait gives up after this long (a student who never answers must not hang a script forever)."""


class Host:
    """The host's loop: commands from the reader, events from polling the store."""

    def __init__(
        self,
        session: ClassSession,
        console: Console,
        *,
        leaderboard: bool,
        clock: Callable[[], float],
        join_url: str | None = None,
    ) -> None:
        self.session = session
        self.join_url = join_url
        self.console = console
        self.leaderboard = leaderboard
        self.clock = clock
        self.config = session.config
        self.control = HostControl(session)
        self.present: set[str] = set()
        self.shown: tuple[object, ...] = ()
        self.counts: tuple[object, ...] = ()

    def say(self, text: str = "", indent: str = "") -> None:
        self.console.say(text, indent=indent)

    # --- events --------------------------------------------------------------------------------

    def poll(self) -> None:
        """Print what changed since the last look, and reveal by itself when the rules say so."""
        now = self.clock()
        students = {s.key: s.name for s in self.session.present(now)}
        for key in sorted(students.keys() - self.present):
            self.say(f"Joined: {students[key]} ({len(students)} present).")
        for key in sorted(self.present - students.keys()):
            self.say(f"Left: {self._name(key)}.")
        self.present = set(students)
        self.control.auto_reveal(now)
        state = self.session.state()
        seen = (state.phase, state.question, state.revealed, state.paused_at is not None)
        if seen != self.shown:
            self.shown = seen
            self._show_state()
        self._show_counts()
        self.console.out.flush()

    def join_line(self) -> str:
        """Where students join: the served address, or (not serving) the command to type."""
        if self.join_url:
            return f"Students join at {self.join_url}"
        return f"Students join with: quotebound class join {self.session.store.folder} --player NAME"

    def _name(self, key: str) -> str:
        return next((s.name for s in self.session.store.students() if s.key == key), key)

    def _show_state(self) -> None:
        state = self.session.state()
        total = self.session.round.total
        if state.paused_at is not None:
            self.say("Paused. Type pause to resume.")
        elif state.phase == "lobby":
            self.say("Waiting for students. Type start when ready.")
        elif state.phase in ("pre", "post"):
            test = "Pre-test" if state.phase == "pre" else "Post-test"
            self.say(
                f"{test}: every student answers the round's {total} items at their own pace "
                "(no feedback, no score). Type next when they are done."
            )
        elif state.phase == "main" and self.config.paced == "self":
            self.say(
                f"The round is open: students play its {total} questions at their own pace. "
                "Type status for the dashboard, end to end the class."
            )
        elif state.phase == "main" and not state.revealed:
            shown = self.session.round.presented("main", state.question)
            self.say()
            self.say(f"Question {shown.number} of {shown.total} ({shown.label}), released.")
            for indent, text in quizview.question_lines(shown, 0, self.session.pack)[1:]:
                self.say(text, indent)
            limit = rules.time_left(state, self.config, self.clock())
            if limit is not None:
                self.say(f"{round(limit)} seconds to answer.")
        elif state.phase == "main":
            self._show_reveal(state.question)
        elif state.phase == "ended":
            self.say("The class has ended.")
        self.counts = ()

    def _show_reveal(self, index: int) -> None:
        for indent, text in reveal_lines(self.session, index):
            self.say(text, indent)
        if self.leaderboard:
            for indent, text in leaderboard_lines(self.session, self.clock()):
                self.say(text, indent)
        last = index + 1 >= self.session.round.total
        self.say(
            "Type next for "
            + (
                "the post-test."
                if last and self.config.pre_post
                else "the end of the class."
                if last
                else "the next question."
            )
        )

    def _show_counts(self) -> None:
        """Answered k of n (teacher-paced), or finished k of n (tests and self-paced), when it changes."""
        st = self.session.state()
        if st.phase not in ("pre", "main", "post") or st.paused_at is not None or st.revealed:
            return
        if st.phase == "main" and self.config.paced == "teacher":
            answered, of = self.control.answered_of(self.clock())
            counts: tuple[object, ...] = (st.phase, st.question, answered, of)
            line = f"Answered {answered} of {of}."
        else:
            target = st.phase
            if self.config.paced == "self":
                target = rules.last_phase(self.config)
            done, everyone = self.control.finished(target, self.clock())
            counts = (st.phase, done, everyone)
            what = {"pre": "the pre-test", "post": "the post-test"}.get(target, "the round")
            line = f"Finished {what}: {done} of {everyone} students."
        if counts != self.counts:
            self.counts = counts
            self.say(line)

    # --- commands ------------------------------------------------------------------------------

    def command(self, line: str, reader: LineReader) -> bool:
        """Carry out one typed command; False to leave the host."""
        words = line.strip().casefold().split()
        if not words:
            return True
        word, rest = words[0], words[1:]
        now = self.clock()
        try:
            if word in COMMANDS:
                self.control.apply(word, now)
            elif word == "status":
                self.say(self.join_line())
                for indent, text in dashboard_lines(self.session, now):
                    self.say(text, indent)
            elif word in ("help", "?"):
                for text in HELP:
                    self.say(text)
            elif word in ("quit", "exit"):
                return False
            elif word == "wait":
                self._wait(rest)
            elif word == "sleep" and len(rest) == 1:
                time.sleep(min(WAIT_LIMIT, float(rest[0])))
            else:
                self.say(f"Unknown command {line.strip()!r}; type help.")
        except rules.RuleError as exc:
            self.say(f"Not now: {exc}.")
        except ValueError:
            self.say(f"Unknown command {line.strip()!r}; type help.")
        return True

    def _wait(self, rest: list[str]) -> None:
        """Block (polling) until the condition holds, or :data:`WAIT_LIMIT` passes."""
        deadline = self.clock() + WAIT_LIMIT
        while self.clock() < deadline:
            self.poll()
            state = self.session.state()
            if state.phase == "ended":
                return
            if rest[:1] == ["joined"] and len(self.present) >= int(rest[1]):
                return
            if rest == ["reveal"] and (state.phase != "main" or state.revealed):
                return
            if rest == ["done"] and self._all_done(state.phase):
                return
            time.sleep(POLL_SECONDS)
        self.say("Gave up waiting.")

    def _all_done(self, phase: str) -> bool:
        if self.config.paced == "self":
            phase = rules.last_phase(self.config)
        return self.control.all_done(phase, self.clock())

    # --- the end -------------------------------------------------------------------------------

    def finish(self) -> None:
        """The class has ended: the dashboard, and each student's results file (written once)."""
        for indent, text in dashboard_lines(self.session, self.clock()):
            self.say(text, indent)
        try:
            written = self.control.write_results()
        except OSError as exc:
            self.console.note(f"quotebound: cannot write results files: {exc.strerror or exc}")
            return
        if written is not None:
            self.say(f"Results files written to {written[0]}: {written[1]}.")


def run_host(
    session: ClassSession,
    console: Console,
    *,
    leaderboard: bool = False,
    join_url: str | None = None,
    clock: Callable[[], float] = time.time,
) -> int:
    """Run the host until the class ends, ``quit``, or the end of input; returns the exit status (0).

    ``join_url`` is the address browsers join at (None when not serving: the join command is shown).
    """
    host = Host(session, console, leaderboard=leaderboard, clock=clock, join_url=join_url)
    config = session.config
    console.say(
        f"Live class in {session.store.folder}: pack {config.pack}, seed {config.seed}, "
        f"{session.round.total} questions, {config.paced}-paced"
        + (", pre-test and post-test" if config.pre_post else "")
        + (f", {config.time_limit:g} s a question" if config.time_limit else "")
        + "."
    )
    console.say(host.join_line())
    console.say("Type help for the commands.")
    reader = LineReader(console)
    while True:
        host.poll()
        if session.state().phase == "ended":
            host.finish()
            return 0
        line = reader.get(POLL_SECONDS)
        if line is TIMED_OUT:
            continue
        if line is None or not host.command(str(line), reader):
            console.say(
                "Host closed; the class goes on. Start the host again on the same folder to continue."
            )
            return 0
