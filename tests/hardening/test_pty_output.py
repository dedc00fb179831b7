"""Control sequences in content never reach the terminal, and content text is shown literally.

The fixture pack (``hardening_packs.write_escape_pack``) writes terminal control sequences as YAML escapes
in every kind of text a player sees: the pack title and a topic, prompts, options, option feedback,
explanations, context, and a story's title, role, intro, scene text, choice label, feedback, ending title
and debrief; the article has them as raw bytes in a paragraph that is never quoted. The sequences are an
OSC 52 clipboard write, an OSC 0 window title ``pwned``, a CSI screen clear, a C1 CSI (U+009B), a bidi
override (U+202E) and an OSC 8 hyperlink to ``http://x``.

The full-screen game runs as a real process (``python -m game play``) on a pseudo-terminal of 80×24 with
``TERM=xterm-256color``; keys are written to it, and everything it writes is read and fed to a small
terminal emulator (:class:`Screen`) so the tests can also say what the player saw. Plain mode runs with
piped answers and its stdout bytes are checked the same way, and must contain no escape byte at all.

What each test asserts: none of the injected sequences appears in the bytes written (each is followed by
a marker word, so a sequence Textual emits for its own drawing, such as a screen clear, is not confused
with an injected one); the visible remainder of each (``]0;pwnedtitle``, ``eviltxt``…) is on screen; and
markup (``[bold]x[/]``, ``[@click=app.quit]``, ``[link=http://x]y[/link]``) is shown as those characters.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import unicodedata
from pathlib import Path

import pytest
from hardening_packs import INJECTIONS, LITERAL_MARKUP, write_escape_pack

ROOT = Path(__file__).resolve().parents[2]
COLS, ROWS = 80, 24

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Screen:
    """Just enough of a VT100 to know which characters are where: cursor moves, clears, text.

    Colours, modes and every other sequence are parsed and ignored; wide characters take two cells.
    """

    _CSI = re.compile(r"\x1b\[([0-9;?<=>!]*)([ -/]*)([@-~])")

    def __init__(self, cols: int = COLS, rows: int = ROWS) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self._pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\x1b":
                end = self._escape(text, i)
                if end is None:  # incomplete: wait for more bytes
                    self._pending = text[i:]
                    return
                i = end
                continue
            if ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row = min(self.row + 1, self.rows - 1)
            elif ch == "\b":
                self.col = max(self.col - 1, 0)
            elif ch >= " " and ch != "\x7f" and not "\x80" <= ch <= "\x9f":
                self._put(ch)
            i += 1

    def _put(self, ch: str) -> None:
        if unicodedata.combining(ch):
            return
        width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if self.col + width > self.cols:
            return
        if 0 <= self.row < self.rows:
            self.grid[self.row][self.col] = ch
            if width == 2 and self.col + 1 < self.cols:
                self.grid[self.row][self.col + 1] = ""
        self.col += width

    def _escape(self, text: str, i: int) -> int | None:
        """Apply the escape sequence at ``i``; return where it ends, or None if it is incomplete."""
        if i + 1 >= len(text):
            return None
        kind = text[i + 1]
        if kind == "[":
            match = self._CSI.match(text, i)
            if match is None:
                # Either incomplete, or malformed: skip the ESC [ only if something follows it.
                return None if len(text) - i < 64 else i + 2
            self._csi(match.group(1), match.group(3))
            return match.end()
        if kind in "]P_^X":  # OSC, DCS, APC, PM, SOS: up to BEL or ST
            for j in range(i + 2, len(text)):
                if text[j] == "\x07":
                    return j + 1
                if text[j] == "\x1b" and j + 1 < len(text) and text[j + 1] == "\\":
                    return j + 2
            return None
        if kind in "()*+#%":  # character set designation and friends: one more character
            return i + 3 if i + 2 < len(text) else None
        return i + 2

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(k: int, default: int) -> int:
            return numbers[k] if len(numbers) > k and numbers[k] else default

        if final in "Hf":
            self.row = min(max(arg(0, 1) - 1, 0), self.rows - 1)
            self.col = min(max(arg(1, 1) - 1, 0), self.cols - 1)
        elif final == "A":
            self.row = max(self.row - arg(0, 1), 0)
        elif final == "B":
            self.row = min(self.row + arg(0, 1), self.rows - 1)
        elif final == "C":
            self.col = min(self.col + arg(0, 1), self.cols - 1)
        elif final == "D":
            self.col = max(self.col - arg(0, 1), 0)
        elif final == "G":
            self.col = min(max(arg(0, 1) - 1, 0), self.cols - 1)
        elif final == "d":
            self.row = min(max(arg(0, 1) - 1, 0), self.rows - 1)
        elif final == "J" and arg(0, 0) in (2, 3):
            self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            mode = arg(0, 0)
            line = self.grid[self.row]
            span = (
                range(self.col, self.cols)
                if mode == 0
                else range(0, self.col + 1)
                if mode == 1
                else range(self.cols)
            )
            for c in span:
                line[c] = " "

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.grid)


class PtyGame:
    """``python -m game`` on a pseudo-terminal: write keys, read and keep everything it writes."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.raw = bytearray()
        self.screen = Screen()
        self.seen: list[str] = []
        """Every screen text waited for, so assertions can look at all of what was shown."""

    def read(self, seconds: float) -> None:
        """Read whatever arrives within ``seconds``."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            self.raw += chunk
            self.screen.feed(chunk)

    def expect(self, text: str, timeout: float = 20.0) -> str:
        """Read until ``text`` is on screen (then let the paint settle); fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while text not in self.screen.text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                tail = bytes(self.raw[-3000:]).decode("utf-8", "replace")
                raise AssertionError(
                    f"{text!r} never showed (exit {self.proc.poll()}); screen:\n{self.screen.text()}\n"
                    f"last output: {tail!r}"
                )
            self.read(0.1)
        self.read(0.3)
        shown = self.screen.text()
        self.seen.append(shown)
        return shown

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> int | None:
        """Quit with ctrl+q; kill if it does not go. Returns the exit code."""
        if self.proc.poll() is None:
            self.press(b"\x11")  # ctrl+q
            deadline = time.monotonic() + 10
            while self.proc.poll() is None and time.monotonic() < deadline:
                self.read(0.1)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        code = self.proc.wait(timeout=10)
        self.read(0.2)
        os.close(self.master)
        return code


def assert_no_injection(output: bytes) -> str:
    """No injected sequence is in ``output``; returns it decoded (lone bytes kept as surrogates)."""
    text = output.decode("utf-8", "surrogateescape")
    for name, _, raw, _ in INJECTIONS:
        assert raw not in text, f"{name}: {raw!r} reached the terminal"
    assert "\x1b]52" not in text, "an OSC 52 clipboard write reached the terminal"
    assert "pwned\x07" not in text and "\x1b]0;pwned" not in text, "the window title was set"
    assert "\x1b]8;;http://x" not in text, "a hyperlink to the injected URL reached the terminal"
    assert "\x9b" not in text and "\udc9b" not in text, "a C1 CSI reached the terminal"
    assert "\u202e" not in text, "a bidi override reached the terminal"
    return text


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "COLUMNS", "LINES", "NO_COLOR"))
    }
    env.update(TERM="xterm-256color", QUOTEBOUND_DATA=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    return env


@pytest.fixture
def escape_pack(tmp_path: Path) -> Path:
    return write_escape_pack(tmp_path / "escapes")


def _menu_number(screen: str, label: str) -> bytes:
    """The number key of the title menu entry ``label``, read off the screen."""
    match = re.search(rf"(\d) {re.escape(label)}", screen)
    assert match, f"no {label!r} in the menu:\n{screen}"
    return match.group(1).encode()


def test_the_full_screen_game_never_writes_injected_sequences(escape_pack: Path, tmp_path: Path) -> None:
    game = PtyGame(
        ["play", "--scenes", str(escape_pack), "--seed", "1", "--player", "Eve", "--no-streak-bonus"],
        _env(tmp_path),
    )
    try:
        title = game.expect("Read the article")
        assert "Escapes ]0;pwnedtitle pack" in title  # the pack title, cleaned and literal
        game.press(_menu_number(title, "Quiz"))
        game.expect("Question 1 of 2")
        for n in (1, 2):
            game.press(b"1")
            game.expect("Right answer:")
            game.press(b"\r")
            game.expect("Question 2 of 2" if n == 1 else "Round over")
        game.press(b"\x1b")  # the summary's Escape: back to the title
        # "Switch player", not "Read the article": the summary offers that too, and under load the wait
        # returned on the summary before the Escape was handled.
        title = game.expect("Switch player")
        game.press(_menu_number(title, "Story"))
        game.expect("Pick a scenario")
        game.press(b"1")
        game.expect("Scene text")
        game.press(b"1")
        game.expect("Story feedback")
        game.press(b"\r")
        game.expect("Debrief")
        game.press(b"\x1b")
        title = game.expect("Switch player")
        game.press(_menu_number(title, "Read the article"))
        game.expect("raw bytes")
    finally:
        code = game.close()
    assert code == 0, bytes(game.raw[-2000:]).decode("utf-8", "replace")

    assert_no_injection(bytes(game.raw))
    shown = "\n".join(game.seen)
    for name, _, _, visible in INJECTIONS:
        assert visible in shown, f"{name}: the text {visible!r} was not shown literally"
    for markup in LITERAL_MARKUP:
        assert markup in shown, f"{markup!r} was not shown literally"
    # The article's own raw bytes: the reader shows the words around them, never the bytes.
    assert "]0;pwned title" in shown and "]52;c;SGVsbG8= clip" in shown


def _plain(args: list[str], answers: str, tmp_path: Path) -> tuple[bytes, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", *args],
        input=answers.encode(),
        capture_output=True,
        env=_env(tmp_path),
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout, done.stderr


@pytest.mark.parametrize("mode", ["quiz", "story"])
def test_plain_mode_never_writes_a_control_byte(escape_pack: Path, tmp_path: Path, mode: str) -> None:
    answers = "1\n1\n" if mode == "quiz" else "1\n"
    out, err = _plain(
        ["--scenes", str(escape_pack), "--seed", "1", "--player", "Eve\x1b]0;pwned\x07", "--mode", mode],
        answers,
        tmp_path,
    )
    for stream in (out, err):
        assert_no_injection(stream)
        # Plain mode never colours or moves the cursor: no escape, no bell, no C0 but tab and newline.
        assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", stream), stream
    text = out.decode("utf-8")
    for name, _, _, visible in INJECTIONS:
        assert visible in text, f"{name}: {visible!r} missing from plain output"
    markup_field = "[bold]x[/] and [@click=app.quit] and [link=http://x]y[/link]"
    if mode == "quiz":
        assert markup_field in text  # exactly as written
        assert "Markup [bold]x[/] [@click=app.quit] [link=http://x]y[/link]" in text
    else:
        assert "[bold]x[/] [@click=app.quit] [link=http://x]y[/link]" in text
