"""Input for the live class's plain host and students: typed lines read while the class store is polled.

A class game must notice the class moving on (a question released, a reveal, the end) while it waits for a
line, so it waits on the console's background lines (:meth:`Console.background_lines`) in short slices,
polling the store between them. A student's game the host can wake (:mod:`game.classroom.wakeup`) has its
wait cut short by :meth:`LineReader.wake` and, once woken, waits in longer slices.
"""

from __future__ import annotations

import queue
from collections import deque

from game.classroom import wakeup
from game.plain.console import TIMED_OUT, Console, _TimedOut

POLL_SECONDS = 0.1
"""How often a waiting game looks at the class store: well inside the 300 ms a released question may take."""
_WAKE = "\n"
"""Put in the lines' queue by a wake-up: no line read from stdin holds a line end."""


class LineReader:
    """Lines typed on the console's stdin, read in the background; echoed when piped (as by Console)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._lines = console.background_lines()
        self._held: deque[str | None] = deque()
        """Lines typed ahead while nothing was asked, kept for the next question."""
        self._eof = False
        self.woken = False
        """A wake-up has come: the host reaches this game."""

    @property
    def poll_seconds(self) -> float:
        """How long to wait for a line before looking at the store again."""
        return wakeup.WOKEN_POLL_SECONDS if self.woken else POLL_SECONDS

    def wake(self) -> None:
        """End the current wait now (from any thread): the class has moved on."""
        self.woken = True
        self._lines.put(_WAKE)

    def get(self, timeout: float) -> str | None | _TimedOut:
        """The next line; None at end of input; :data:`TIMED_OUT` when none came within ``timeout`` (or a
        wake-up came first)."""
        if self._eof:
            return None
        try:
            line = self._held.popleft() if self._held else self._lines.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return TIMED_OUT
        if line == _WAKE:
            return TIMED_OUT
        if line is None:
            self._eof = True
        elif self.console.echo:
            self.console.say(line)
        return line

    def typed_quit(self, timeout: float, words: set[str]) -> bool:
        """Wait up to ``timeout`` (or a wake-up) for a line typed ahead: True when it is one of ``words``.

        Any other line, and the end of input, is held for the next :meth:`get`: a script pipes its answers
        in before the questions come, and they must wait for them.
        """
        try:
            line = self._lines.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return False
        if line == _WAKE:
            return False
        if line is not None and line.strip().casefold() in words:
            if self.console.echo:
                self.console.say(line)
            return True
        self._held.append(line)
        return False

    def prompt(self, text: str) -> None:
        """Show a prompt (no line end), flushed so a person sees it before typing."""
        self.console.out.write(text)
        self.console.out.flush()
