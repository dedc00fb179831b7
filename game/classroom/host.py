"""What any host front end does to a class (the plain host now, the host screen later): carry out the
teacher's commands, reveal by itself when the rules say so, and write the results files when the class ends.

Every state change is written with ``expect=`` the state it was computed from, so two hosts on one class
(or a command racing the automatic reveal) never both apply: the second finds the state changed and does
nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from game.classroom import rules, wakeup
from game.classroom.session import ClassSession
from game.store import results as results_store
from game.store.classdb import ClassState

COMMANDS = {"start": "start", "reveal": "reveal", "r": "reveal", "next": "next", "n": "next"}
COMMANDS |= {"pause": "pause", "end": "end"}
"""Typed word → the command it means (``r`` and ``n`` are the host's keys for reveal and next)."""


class HostControl:
    """The teacher's side of a class session."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.config = session.config

    def apply(self, command: str, now: float) -> ClassState:
        """Carry out ``start``, ``reveal``, ``next``, ``pause`` or ``end``.

        Raises:
            rules.RuleError: when the command does not apply now (the message says what to do).
            KeyError: for a word that is no command.
        """
        state = self.session.state()
        total = self.session.round.total
        new = {
            "start": lambda: rules.start(state, self.config, now),
            "reveal": lambda: rules.reveal(state, self.config),
            "next": lambda: rules.next_question(state, self.config, total, now),
            "pause": lambda: rules.pause(state, now),
            "end": lambda: rules.end(state),
        }[COMMANDS[command]]()
        self._write(new, expect=state)
        return new

    def _write(self, new: ClassState, expect: ClassState) -> bool:
        """Write the class state (only over ``expect``) and, when written, wake the students' games."""
        written = self.session.store.set_state(new, expect=expect)
        if written:
            # After the commit: a game woken looks at the store and must find the new state there.
            wakeup.wake_all(self.session.store.path)
        return written

    def _answered_keys(self) -> set[str]:
        """The students who have answered the released question (teacher-paced; empty otherwise)."""
        state = self.session.state()
        if state.phase != "main" or self.config.paced != "teacher":
            return set()
        qid = self.session.round.main.order[state.question]
        return {r.student for r in self.session.store.answers(phase="main") if r.question_id == qid}

    def answered_now(self) -> int:
        """How many have answered the released question (teacher-paced; 0 otherwise)."""
        return len(self._answered_keys())

    def answered_of(self, now: float) -> tuple[int, int]:
        """ "Answered k of n": n counts the students present and those who answered and left since, so k
        never exceeds n."""
        answered = self._answered_keys()
        present = {s.key for s in self.session.present(now)}
        return len(answered), len(answered | present)

    def auto_reveal(self, now: float) -> bool:
        """Reveal when everyone present has answered or the time is up; True when it did.

        Only the answers of students present count: one who answered and left must not stand in for one
        who is still thinking.
        """
        state = self.session.state()
        keys = {s.key for s in self.session.present(now)}
        answered = len(self._answered_keys() & keys)
        if not rules.should_reveal(state, self.config, answered=answered, present=len(keys), now=now):
            return False
        return self._write(rules.reveal(state, self.config), expect=state)

    def finished(self, phase: str, now: float) -> tuple[int, int]:
        """(students who have answered every item of ``phase``, students) — for "finished k of n"."""
        everyone = self.session.progress(now)
        return sum(p.finished(phase) for p in everyone), len(everyone)

    def all_done(self, phase: str, now: float) -> bool:
        """Every student has finished ``phase`` (one who left unfinished is not waited for)."""
        counted = [p.finished(phase) for p in self.session.progress(now) if p.present or p.finished(phase)]
        return bool(counted) and all(counted)

    def write_results(self) -> tuple[Path, int] | None:
        """Each student's results file in ``DIR/results``, once per class (None when already written).

        Raises:
            OSError: when the folder cannot be written.
        """
        state = self.session.state()
        if state.phase != "ended" or state.results_written:
            return None
        # Claimed before writing: a second host ending the class at the same moment writes nothing.
        claimed = replace(state, results_written=True)
        if not self._write(claimed, expect=state):
            return None
        folder = self.session.store.folder / "results"
        written = 0
        try:
            for student in self.session.store.students():
                run = self.session.student_run(student.key)
                if run.records:
                    results_store.write_results(
                        folder,
                        run=run,
                        player=student.name,
                        started=datetime.fromtimestamp(student.joined, UTC),
                        time_limit=self.config.time_limit,
                    )
                    written += 1
        except OSError:
            self._write(state, expect=claimed)  # a host started again tries again
            raise
        return folder, written
