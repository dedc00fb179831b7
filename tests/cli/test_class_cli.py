"""`quotebound class` end to end: a scripted plain host and plain students as separate processes on one class
store; every answer recorded, the reveal figures right, results files written, the report's gains right; and
the setup errors (exit 2, one line)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from class_procs import free_port, join_argv, run, spawn, start_argv, wait_for_class

from game.classroom.session import ClassRound, ClassSession
from game.engine.content.pack import Pack
from game.store.classdb import CLASS_FILENAME, ClassStore

SEED = 10
"""Seed 10 deals the Panjshir pack's first questions as pick-one questions (2 to 4 options)."""
QUESTIONS = 3
STEP_LIMIT = 120


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=STEP_LIMIT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"timed out:\n{out}\n{err}")
    return proc.returncode, out, err


def _create(folder: Path) -> None:
    """A teacher-paced class of the pack with seed 3, created and left at once."""
    created = run(start_argv(folder, "--no-serve", seed=3), "quit\n")
    assert created.returncode == 0, created.stderr


def _right_index(rnd: ClassRound, phase: str, index: int) -> int:
    shown = rnd.presented(phase, index)
    return next(i for i in range(len(shown.choices)) if rnd.judge(phase, index, i).correct)


def _wrong_index(rnd: ClassRound, phase: str, index: int) -> int:
    return (_right_index(rnd, phase, index) + 1) % len(rnd.presented(phase, index).choices)


def teacher_paced_class(tmp_path: Path, panjshir: Pack, students: int) -> None:
    """Host and ``students`` students, teacher-paced: checks answers, reveal counts, results files."""
    folder = tmp_path / "class"
    script = [f"wait joined {students}", "start"]
    for _ in range(QUESTIONS):
        script += ["wait reveal", "next"]
    options = ["--questions", str(QUESTIONS), "--no-serve", "--leaderboard"]
    host = spawn(start_argv(folder, *options, seed=SEED), "\n".join(script) + "\n")
    wait_for_class(folder, host)
    # Student i picks option 1 + i % 2 on every question (each has at least two options).
    procs = [spawn(join_argv(folder, f"Student {i}"), f"{1 + i % 2}\n" * QUESTIONS) for i in range(students)]
    code, out, err = _finish(host)
    assert code == 0, err
    for proc in procs:
        s_code, s_out, s_err = _finish(proc)
        assert s_code == 0, s_err
        assert "Waiting for the teacher…" in s_out
        # Each reveal shows the student their own feedback once, even when the host moved straight on.
        assert s_out.count("From the article:") == QUESTIONS, s_out
    with ClassStore.open(folder) as store:
        answers = store.answers(phase="main")
        assert len(answers) == students * QUESTIONS
        session = ClassSession(store, panjshir)
        for index in range(QUESTIONS):
            counts = [n for _c, n in session.reveal_figures(index).counts]
            assert counts[:2] == [(students + 1) // 2, students // 2]
            right = _right_index(session.round, "main", index)
            expected_right = [(students + 1) // 2, students // 2][right] if right < 2 else 0
            verdict = f"{expected_right} of {students} answers right"
            assert f"Reveal, question {index + 1} of {QUESTIONS}: {verdict}." in out
    assert "Top five:" in out and f"Results files written to {folder / 'results'}: {students}." in out
    assert len(list((folder / "results").glob("*.json"))) == students


def test_teacher_paced_five_students(tmp_path: Path, panjshir: Pack) -> None:
    """Five students, three questions: every answer recorded, the reveal counted right, results written."""
    teacher_paced_class(tmp_path, panjshir, 5)


@pytest.mark.slow
def test_teacher_paced_thirty_students(tmp_path: Path, panjshir: Pack) -> None:
    teacher_paced_class(tmp_path, panjshir, 30)


def pre_post_class(tmp_path: Path, panjshir: Pack, students: int) -> None:
    """Self-paced with pre/post: student 0 is right on every pre-test item (at the maximum, counted apart);
    the others are wrong on every pre-test item and right on the first min(i, N) post-test items."""
    folder = tmp_path / "class"
    options = ["--questions", str(QUESTIONS), "--no-serve", "--paced", "self", "--pre-post"]
    host = spawn(start_argv(folder, *options, seed=SEED), f"wait joined {students}\nstart\nwait done\nend\n")
    wait_for_class(folder, host)
    with ClassStore.open(folder) as store:  # the store appears only once whole
        rnd = ClassRound(panjshir, store.config())
    procs = []
    for i in range(students):
        pre = [
            _right_index(rnd, "pre", q) if i == 0 else _wrong_index(rnd, "pre", q) for q in range(QUESTIONS)
        ]
        main = [_right_index(rnd, "main", q) for q in range(QUESTIONS)]
        post = [
            _right_index(rnd, "post", q) if q < i else _wrong_index(rnd, "post", q) for q in range(QUESTIONS)
        ]
        lines = "".join(f"{n + 1}\n" for n in pre + main + post)
        procs.append(spawn(join_argv(folder, f"S{i}"), lines))
    code, out, err = _finish(host)
    assert code == 0, err
    for proc in procs:
        s_code, s_out, s_err = _finish(proc)
        assert s_code == 0, s_err
        assert "Pre-test: item 1 of 3" in s_out and "You have finished." in s_out
    report = run(["report", str(folder)], "")
    assert report.returncode == 0, report.stderr
    # 1..N-1 students: pre 0, post min(i, 3) of 3 → g = min(i, 3) / 3; student 0 is counted apart.
    gains = [min(i, QUESTIONS) / QUESTIONS for i in range(1, students)]
    mean = sum(gains) / len(gains)
    assert (
        f"Class mean normalized gain: {mean:.2f} over {students - 1} students; "
        "1 at the maximum in the pre-test, counted apart." in report.stdout
    ), report.stdout
    assert "at max in pre-test" in report.stdout
    assert f"{students} rounds by {students} players" in report.stdout


def test_pre_post_gains_five_students(tmp_path: Path, panjshir: Pack) -> None:
    pre_post_class(tmp_path, panjshir, 5)


@pytest.mark.slow
def test_pre_post_gains_thirty_students(tmp_path: Path, panjshir: Pack) -> None:
    pre_post_class(tmp_path, panjshir, 30)


def test_a_killed_student_rejoins_with_answers_kept(tmp_path: Path) -> None:
    """Killed mid-round, a student joining again under the same name continues at the next question."""
    folder = tmp_path / "class"
    options = ["--questions", str(QUESTIONS), "--no-serve", "--paced", "self"]
    host = spawn(start_argv(folder, *options, seed=SEED), "start\nwait done\nend\n")
    wait_for_class(folder, host)
    first = spawn(join_argv(folder, "Ana"), None)
    assert first.stdin is not None
    first.stdin.write("1\n")
    first.stdin.flush()
    with ClassStore.open(folder) as store:
        deadline = time.monotonic() + STEP_LIMIT
        while not store.answers(student="ana") and time.monotonic() < deadline:
            time.sleep(0.05)
        first.kill()
        first.wait()
        # The heartbeat is still fresh: the name is taken for up to ten seconds; age it as a dead game's.
        with store._write() as conn:
            conn.execute("UPDATE students SET heartbeat = heartbeat - 60")
    again = spawn(join_argv(folder, "ana"), "2\n2\n")
    code, out, _err = _finish(again)
    assert code == 0
    assert "Welcome back" in out and "Question 2 of 3" in out and "Question 1 of 3" not in out
    assert _finish(host)[0] == 0
    with ClassStore.open(folder) as store:
        assert len(store.answers(student="ana", phase="main")) == QUESTIONS


def test_a_name_in_use_is_refused(tmp_path: Path) -> None:
    """A second game asking for a name whose heartbeat is fresh is asked for another."""
    folder = tmp_path / "class"
    _create(folder)
    with ClassStore.open(folder) as store:
        store.claim("Ana", time.time(), 10.0)
    joined = run(join_argv(folder, "ANA"), "Bo\nquit\n")
    assert joined.returncode == 0
    assert "The name 'ANA' is in use" in joined.stdout and "Joined the class as Bo" in joined.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["join", "{dir}", "--player", "A", "--plain"], "is not a class"),
        (["start", "{dir}", "--pack", "riverside", "--plain", "--no-serve"], "is a class with pack panjshir"),
        (["start", "{dir}", "--seed", "4", "--plain", "--no-serve"], "is a class with seed 3, not 4"),
        (
            ["start", "{dir}", "--questions", "5", "--plain", "--no-serve"],
            "is a class with 12 questions, not 5;",
        ),
        (
            ["start", "{dir}", "--paced", "self", "--plain", "--no-serve"],
            "is a class with --paced teacher, not self;",
        ),
        (
            ["start", "{dir}", "--time-limit", "30", "--plain", "--no-serve"],
            "is a class with no time limit, not --time-limit 30;",
        ),
        (
            ["start", "{dir}", "--pre-post", "--plain", "--no-serve"],
            "is a class with no pre-test and post-test (--pre-post);",
        ),
        (["start", "{new}", "--plain", "--no-serve"], "name its pack with --pack"),
    ],
)
def test_setup_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    folder = tmp_path / "class"
    if "is a class" in message:
        _create(folder)
    else:
        folder.mkdir()
    argv = [a.format(dir=folder, new=tmp_path / "new") for a in args]
    result = run(["class", *argv], "")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["start", "join"])
def test_an_empty_class_file_is_refused_with_what_to_do_and_kept(tmp_path: Path, command: str) -> None:
    """A 0-byte class.sqlite3 (an older version's creation cut short) was "not a class store" and no more."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / CLASS_FILENAME).write_bytes(b"")
    argv = start_argv(folder, "--no-serve", seed=3) if command == "start" else join_argv(folder, "Ana")
    result = run(argv, "quit\n")
    assert result.returncode == 2
    path = folder / CLASS_FILENAME
    what = "is empty, not a class store: remove it, or choose another folder"
    assert result.stderr.strip().splitlines() == [f"quotebound: {path} {what}"]
    assert sorted(p.name for p in folder.iterdir()) == [CLASS_FILENAME]
    assert path.read_bytes() == b""


def test_a_restarted_host_continues_at_the_current_question(tmp_path: Path) -> None:
    """The host closed (or killed) and started again on the same folder shows the question still open."""
    folder = tmp_path / "class"
    first = run(start_argv(folder, "--no-serve", seed=10), "start\nquit\n")
    assert first.returncode == 0 and "Question 1 of 12" in first.stdout
    again = run(["class", "start", str(folder), "--plain", "--no-serve"], "reveal\nnext\nquit\n")
    assert again.returncode == 0, again.stderr
    assert "Question 1 of 12 (Single choice), released." in again.stdout
    assert "Reveal, question 1 of 12: no one answered." in again.stdout and "Question 2 of 12" in again.stdout


KILLED_WHILE_CREATING = """
import os, signal, sys
from pathlib import Path
from game.store import classdb
config = classdb.ClassConfig("panjshir", 3, 4, None, "teacher", False, None, "sha")
def killed(self, config, now):
    with self._write() as conn:
        conn.execute("CREATE TABLE half (x)")
        os.kill(os.getpid(), signal.SIGKILL)
classdb.ClassStore._fill = killed
classdb.ClassStore.create(Path(sys.argv[1]), config, 1.0)
"""



@pytest.mark.skipif(os.name != "posix", reason="a creator's pid is asked about on POSIX only")
def test_a_host_killed_while_creating_leaves_a_build_the_next_start_removes(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_CREATING, str(folder)], capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = sorted(p.name for p in folder.iterdir())
    assert left and all(name.startswith(f".{CLASS_FILENAME}.") for name in left), left
    assert not ClassStore.exists(folder)

    started = run(start_argv(folder, "--no-serve", seed=3), "quit\n")
    assert started.returncode == 0, started.stderr
    assert sorted(p.name for p in folder.iterdir()) == [CLASS_FILENAME]


PROBE = """
import sys
from game.cli import main
status = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("game.ui"))
print("LOADED:" + ",".join(loaded), file=sys.stderr)
sys.exit(status)
"""


def test_the_plain_class_loads_no_ui(tmp_path: Path) -> None:
    """`class start --plain` (serving or not) and `class join --plain` import no textual, rich or game.ui:
    the server runs in a child process of its own."""
    folder = str(tmp_path / "class")
    port = str(free_port())
    for argv in (
        ["class", "start", folder, "--pack", "panjshir", "--plain", "--no-serve"],
        ["class", "start", folder, "--plain", "--port", port],
        ["class", "join", folder, "--player", "Ana", "--plain"],
    ):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *argv], input="quit\n", capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "LOADED:\n" in done.stderr + "\n", done.stderr


def test_self_paced_time_out_counts_as_wrong(tmp_path: Path) -> None:
    """Self-paced with a time limit, a student who types nothing has each question recorded as a time-out."""
    folder = tmp_path / "class"
    options = ["--questions", "2", "--time-limit", "1", "--paced", "self", "--no-serve"]
    host = spawn(start_argv(folder, *options, seed=10), "wait joined 1\nstart\nwait done\nend\n")
    wait_for_class(folder, host)
    silent = spawn(join_argv(folder, "Ana"), None)
    code, out, err = _finish(host)
    assert code == 0, err
    assert silent.stdin is not None
    silent.stdin.close()
    silent.stdin = None
    _s_code, s_out, _s_err = _finish(silent)
    assert "You have 1 seconds; a time-out counts as wrong." in s_out
    assert s_out.count("Time is up: this counts as wrong.") == 2
    with ClassStore.open(folder) as store:
        answers = store.answers(student="ana", phase="main")
        assert [(a.response, a.correct) for a in answers] == [(None, False), (None, False)]


def test_a_name_is_stored_without_control_codes(tmp_path: Path) -> None:
    """A name is shown to the whole class (host, leaderboard, report): terminal codes are stripped from it."""
    folder = tmp_path / "class"
    _create(folder)
    joined = run(join_argv(folder, "Ana\x1b[2J\x1b]0;owned\x07"), "quit\n")
    assert joined.returncode == 0
    with ClassStore.open(folder) as store:
        [student] = store.students()
    assert "\x1b" not in student.name and "\x07" not in student.name and student.name.startswith("Ana")
    assert "\x1b" not in joined.stdout


def test_a_host_killed_and_started_again_continues_at_its_question(tmp_path: Path, panjshir: Pack) -> None:
    """kill -9 on the host at question 2: started again (the same options given, or none), it shows
    question 2 still open, with the answers given so far kept; the class goes on to its end."""
    folder = tmp_path / "class"
    options = ["--questions", "3", "--paced", "teacher", "--time-limit", "600", "--plain", "--no-serve"]
    host = spawn(["class", "start", str(folder), "--pack", "panjshir", "--seed", str(SEED), *options], None)
    assert host.stdin is not None
    wait_for_class(folder, host)
    with ClassStore.open(folder) as store:
        session = ClassSession(store, panjshir)
        deadline = time.monotonic() + STEP_LIMIT

        def until(done: Callable[[], bool]) -> None:
            while not done():
                assert time.monotonic() < deadline and host.poll() is None
                time.sleep(0.05)

        store.claim("Ana", time.time(), 10.0)
        host.stdin.write("wait joined 1\nstart\n")
        host.stdin.flush()
        until(lambda: store.state().phase == "main")
        session.answer("ana", "main", 0, 0, 1.0, time.time())
        until(lambda: store.state().revealed)  # everyone present answered: revealed by itself
        host.stdin.write("next\n")
        host.stdin.flush()
        until(lambda: store.state().question == 1)
        host.kill()  # SIGKILL: no clean-up at all
        host.communicate()
        before = store.state()
        store.heartbeat("ana", time.time())
    again = run(["class", "start", str(folder), "--seed", str(SEED), *options], "status\nquit\n")
    assert again.returncode == 0, again.stderr
    assert "Question 2 of 3" in again.stdout and "Question 1 of 3" not in again.stdout
    assert "Answered 0 of 1." in again.stdout
    finish = run(["class", "start", str(folder), "--plain", "--no-serve"], "reveal\nnext\nreveal\nnext\n")
    assert finish.returncode == 0, finish.stderr
    assert "Reveal, question 2 of 3" in finish.stdout and "Results files written to" in finish.stdout
    with ClassStore.open(folder) as store:
        assert before.phase == "main" and before.question == 1 and not before.revealed
        assert store.state().phase == "ended"
        assert len(store.answers(student="ana")) == 1


def test_the_plain_host_gives_the_join_address_at_start_and_in_status(tmp_path: Path, panjshir: Pack) -> None:
    """Serving, the plain host prints the address students open (no QR art: screen readers), at start
    and again on `status`; not serving, the command they type."""
    import io

    from game.plain.class_host import run_host
    from game.plain.console import Console
    from game.store.classdb import ClassConfig

    config = ClassConfig("panjshir", SEED, QUESTIONS, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        for url, expected in [
            ("http://10.0.0.7:8000/", "Students join at http://10.0.0.7:8000/"),
            (None, f"Students join with: quotebound class join {tmp_path} --player NAME"),
        ]:
            out = io.StringIO()
            console = Console(io.StringIO("status\nquit\n"), out, io.StringIO())
            assert run_host(session, console, join_url=url) == 0
            assert out.getvalue().count(expected) == 2, out.getvalue()
            assert "█" not in out.getvalue()


def test_a_reveal_seen_as_the_class_moves_on_is_shown_once(tmp_path: Path, panjshir: Pack) -> None:
    """The student's game reads "question 1 revealed", and by the time it looks at the class the host has
    already released question 2: the reveal is shown once (by the view), not also as one it missed."""
    from game.classroom import rules
    from game.classroom.host import HostControl
    from game.store.classdb import ClassConfig

    config = ClassConfig("panjshir", SEED, QUESTIONS, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        control = HostControl(session)
        store.claim("Ana", 1.0, 10.0)
        for command in ("start", "reveal", "next"):
            control.apply(command, 2.0)
        locked = rules.View("locked", "main", 0)
        state = session.state()
        assert rules.missed_reveal(config, state, locked, rules.View("revealed", "main", 0)) is None
        assert rules.missed_reveal(config, state, locked, rules.View("ask", "main", 1)) == 0


def test_a_student_who_joins_during_a_reveal_is_not_told_they_did_not_answer(
    tmp_path: Path, panjshir: Pack
) -> None:
    """Late joins while question 1 is revealed: it never saw that question, so it is shown the question
    with its answer and told the class goes on with the teacher; Ana, who was asked it and let the time
    go by, is still told she did not answer it."""
    import io
    import threading

    from game.classroom.host import HostControl
    from game.plain.class_student import run_student
    from game.plain.console import Console
    from game.store.classdb import ClassConfig

    config = ClassConfig("panjshir", SEED, QUESTIONS, None, "teacher", False, None, panjshir.article.sha256)
    with ClassStore.create(tmp_path, config, 1.0) as store:
        session = ClassSession(store, panjshir)
        control = HostControl(session)
        prompt = session.round.presented("main", 0).question.prompt

        # Ana is asked question 1; once it is on her screen the host reveals it, and once the reveal is
        # on her screen she quits.
        typed_r, typed_w = os.pipe()
        ana_out = io.StringIO()

        def ana_clock() -> float:
            text = ana_out.getvalue()
            if "Question 1 of" in text and not session.state().revealed:
                control.apply("reveal", time.time())
            if "From the article:" in text:
                os.write(typed_w, b"quit\n")
            return time.time()

        control.apply("start", time.time())
        typed = open(typed_r, encoding="utf-8")  # closed after the writing end, below
        console = Console(typed, ana_out, io.StringIO())
        ana = threading.Thread(
            target=run_student, args=(session, console, "Ana"), kwargs={"clock": ana_clock}
        )
        ana.start()
        ana.join(STEP_LIMIT)
        # The writing end first: the console's reader thread then sees the end of input and lets go.
        os.close(typed_w)
        typed.close()
        assert not ana.is_alive()
        assert "You did not answer this one." in ana_out.getvalue(), ana_out.getvalue()
        assert "You joined during" not in ana_out.getvalue()

        late_out = io.StringIO()
        assert run_student(session, Console(io.StringIO("quit\n"), late_out, io.StringIO()), "Late") == 0
        # Question 2 (seed 10) is a fact-or-claim question: the statement judged is shown with it.
        control.apply("next", time.time())
        control.apply("reveal", time.time())
        statement = session.round.presented("main", 1).statement
        assert statement
        zed_out = io.StringIO()
        assert run_student(session, Console(io.StringIO("quit\n"), zed_out, io.StringIO()), "Zed") == 0
        assert f"You joined during the reveal of question 2 of {QUESTIONS}:" in zed_out.getvalue()
        assert f"\n  {statement}\nThe right answer: " in zed_out.getvalue(), zed_out.getvalue()
    out = late_out.getvalue()
    assert "You did not answer this one." not in out, out
    assert f"You joined during the reveal of question 1 of {QUESTIONS}:\n{prompt}\nThe right answer: " in out
    assert "The next question comes when the teacher moves the class on." in out
