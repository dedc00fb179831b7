"""Line input and output for plain mode: prompts, answers with an optional time limit, and nothing else.

Plain mode is for screen readers, dumb terminals and scripts, so output is plain lines with no colour and no
cursor movement at all (``NO_COLOR`` is honoured by never colouring). Every line printed is passed through
``clean_text`` once more: content was cleaned at load, but a player's name and echoed
input come from elsewhere.
"""

from __future__ import annotations

import queue
import shutil
import textwrap
import threading
import time
from collections.abc import Callable
from typing import TextIO

from game.engine.content.text import clean_text


class _TimedOut:
    """The answer that never came (a singleton: :data:`TIMED_OUT`)."""

    def __repr__(self) -> str:
        return "TIMED_OUT"


TIMED_OUT = _TimedOut()


class Console:
    """Prints lines and reads answers, one line at a time.

    Args:
        stdin: where answers come from.
        stdout: where the game is printed.
        stderr: where notes that are not the game go (such as where results were saved).
        clock: seconds, monotonic; tests pass a fake one.
    """

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        stderr: TextIO,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stdin = stdin
        self.out = stdout
        self.err = stderr
        self.clock = clock
        # Piped input is echoed so a transcript reads like a session; a terminal echoes by itself.
        self.echo = not _isatty(stdin)
        # Wrap only for a person at a terminal; pipes get one line per paragraph, the same everywhere.
        self.width = shutil.get_terminal_size((0, 0)).columns if _isatty(stdout) else 0
        self._lines: queue.Queue[str | None] | None = None
        self._eof = False

    def say(self, text: str = "", *, indent: str = "") -> None:
        """Print one paragraph (cleaned; wrapped to the terminal when there is one)."""
        text = clean_text(text)
        if self.width > 20 and len(indent) + len(text) > self.width:
            text = textwrap.fill(
                text, self.width - 1, initial_indent=indent, subsequent_indent=" " * len(indent)
            )
            self.out.write(text + "\n")
        else:
            self.out.write(indent + text + "\n")

    def note(self, text: str) -> None:
        """A line for the operator rather than the game (stderr)."""
        self.err.write(clean_text(text) + "\n")
        self.err.flush()

    def ask(self, prompt: str, timeout: float | None = None) -> str | None | _TimedOut:
        """Print ``prompt`` and read one line.

        Args:
            prompt: shown before the cursor.
            timeout: seconds to wait, or None to wait for ever.

        Returns:
            The line without its line ending; None at end of input; :data:`TIMED_OUT` when time ran out.
        """
        self.out.write(clean_text(prompt))
        self.out.flush()
        line: str | None | _TimedOut
        if self._eof:
            line = None
        elif timeout is None and self._lines is None:
            raw = self.stdin.readline()
            line = raw.rstrip("\r\n") if raw else None
        else:
            line = self._timed_readline(timeout)
        if line is None:
            self._eof = True
        if isinstance(line, str):
            if self.echo:
                self.out.write(clean_text(line) + "\n")
        else:
            self.out.write("\n")  # end the prompt's line: time ran out or input ended
        return line

    def background_lines(self) -> queue.Queue[str | None]:
        """stdin's lines (None at its end), read by a daemon thread started on first use.

        select() does not work on Windows pipes or consoles, so a thread reads lines into a queue and the
        game waits on the queue. Once it exists every read goes through it (timed prompts here, the live
        class's :class:`~game.plain.class_lines.LineReader`), so no two readers race.
        """
        if self._lines is None:
            self._lines = queue.Queue()
            threading.Thread(target=self._pump, args=(self._lines,), name="plain-stdin", daemon=True).start()
        return self._lines

    def _timed_readline(self, timeout: float | None) -> str | None | _TimedOut:
        try:
            return self.background_lines().get(timeout=None if timeout is None else max(0.0, timeout))
        except queue.Empty:
            return TIMED_OUT

    def _pump(self, lines: queue.Queue[str | None]) -> None:
        while True:
            try:
                raw = self.stdin.readline()
            except (OSError, ValueError):
                raw = ""
            if not raw:
                lines.put(None)
                return
            lines.put(raw.rstrip("\r\n"))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
