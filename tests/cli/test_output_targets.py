"""``export -o`` and ``report -o`` never replace what is not a regular file (issue 13, item 3).

The atomic write (temp file, then ``os.replace``) once turned a FIFO, a device node and a symlink into
regular files; as root, ``-o /dev/stdout`` replaced the system's ``/dev/stdout``. Now a symlink stays a
symlink (the file it leads to is written), a FIFO or device is written through, a folder or a symlink to
nothing is refused with one line and exit 2 (a setup error), and ``-o -`` is standard output.

These tests use FIFOs and symlinks in a temporary folder: never the machine's own ``/dev`` nodes, which
the old code would have replaced when run as root.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")

EXPORT = ["export", "--format", "json", "--pack", "panjshir"]


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    """Open ``path`` for reading now (so a writer finds a reader), and read it to the end in a thread."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)

    def reader() -> None:
        data = b""
        deadline = time.monotonic() + 20
        try:
            while time.monotonic() < deadline:
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:  # a writer, no data yet
                    time.sleep(0.005)
                    continue
                if chunk:
                    data += chunk
                elif data:  # the writer has closed
                    break
                else:  # no writer yet
                    time.sleep(0.005)
        finally:
            os.close(fd)
            into.append(data)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _read_fifo(fifo, got)
    assert main([*EXPORT, "-o", str(fifo)]) == 0
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert got and got[0].startswith(b"{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_fifo_nobody_reads_is_an_error_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main([*EXPORT, "-o", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"quotebound: cannot write {fifo}: ") and err.count("\n") == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_stays_a_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real" / "export.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main([*EXPORT, "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in real.parent.iterdir()] == ["export.json"]


def test_a_symlink_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    """The /dev/stdout case: a symlink to something that is not a file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    got: list[bytes] = []
    thread = _read_fifo(link, got)
    assert main([*EXPORT, "-o", str(link)]) == 0
    thread.join(timeout=10)
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"{")


def test_a_symlink_to_nothing_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    assert main([*EXPORT, "-o", str(link)]) == 2
    assert "symlink to something that cannot be opened" in capsys.readouterr().err
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*EXPORT, "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"quotebound: cannot write {tmp_path}: it is a folder\n"


def test_dash_means_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*EXPORT, "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{")
    assert list(tmp_path.iterdir()) == []


def test_report_keeps_a_symlink(panjshir: Pack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from game.engine.quiz.run import QuizRun
    from game.store.results import write_results

    run = QuizRun(panjshir, seed=1, question_ids=[panjshir.questions[0].id])
    run.answer(None, 3.0)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    write_results(tmp_path / "class", run=run, player="Ana", started=when, finished=when)
    real = tmp_path / "report.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert main(["report", str(tmp_path / "class"), "-o", str(link)]) == 0
    assert link.is_symlink() and "Ana" in real.read_text(encoding="utf-8")
