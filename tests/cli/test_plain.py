"""Plain mode end to end: a round driven through stdin, feedback with quotes, summary, results, time-outs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from game.cli import main
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.plain.console import TIMED_OUT, Console
from game.plain.play_quiz import QuizSettings, play_quiz
from game.plain.quizview import parse_answer
from game.store.results import read_results

ROOT = Path(__file__).resolve().parents[2]

EVIL_QUIZ = """\
kind: quiz
questions:
  - id: river
    type: single
    topic: facts
    prompt: "How far did the river rise?\\e]0;owned\\a\\e[2J\\u202e"
    options: ["three metres\\x9b31m", one metre]
    answer: "three metres\\x9b31m"
    explanation: "The mayor said so.\\e]52;c;ZXZpbA==\\a"
    quotes: ["The river rose by three metres on Monday"]
"""


def typed_right(run: QuizRun) -> str:
    """What a player types to answer the current question right."""
    shown = run.current
    assert shown is not None
    q = shown.question
    sentence = shown.type.right_sentence(q, run.pack)
    if sentence is not None:  # find the line: the sentence's number
        return sentence.label
    if shown.kind == "short":
        return q.answers[0]  # type: ignore[union-attr]
    if shown.kind == "true_false":
        return "1" if q.answer else "2"  # type: ignore[union-attr]
    if shown.kind == "claim_fact":
        return "1" if q.answer == "fact" else "2"  # type: ignore[union-attr]
    if shown.kind == "multi":
        return " ".join(str(i + 1) for i, c in enumerate(shown.choices) if c in q.answers)  # type: ignore[union-attr]
    if shown.kind == "order":
        return " ".join(str(shown.choices.index(item) + 1) for item in q.items)  # type: ignore[union-attr]
    return str(shown.choices.index(q.answer) + 1)  # type: ignore[union-attr]


def all_right(pack: Pack, seed: int, count: int) -> list[str]:
    """The lines that answer a whole round right (the engine is driven alongside to know the deal)."""
    run = QuizRun(pack, seed=seed, count=count)
    lines = []
    while run.current is not None:
        line = typed_right(run)
        lines.append(line)
        run.answer(parse_answer(run.current, line))
    return lines


def play(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["play", "--plain", "--pack", "panjshir", *argv])


def test_a_whole_round_through_stdin(
    panjshir: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = all_right(panjshir, 11, 8)
    status = play(
        monkeypatch,
        ["--seed", "11", "--questions", "8", "--results", str(tmp_path), "--player", "Ana"],
        "\n".join(lines) + "\n",
    )
    out, err = capsys.readouterr()
    assert status == 0
    assert out.count("Right!") == 8 and "Wrong." not in out
    assert "Question 8 of 8" in out and "Score: 80 of 80." in out and "Right: 8 of 8 answered (100%)." in out
    assert "Streak bonus: off." in out  # --results is class play
    assert "From the article:" in out and "¶" in out and "Why: " in out
    assert "No questions missed." in out
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1 and f"Results saved to {files[0]}" in err
    saved = read_results(files[0])
    assert (saved.player, saved.seed, saved.score, saved.complete, saved.streak_bonus) == (
        "Ana",
        11,
        80,
        True,
        False,
    )


def test_wrong_answers_show_the_right_one_and_the_quote(panjshir: Pack) -> None:
    run = QuizRun(panjshir, seed=2, question_ids=["nazary-role"])
    shown = run.current
    assert shown is not None
    wrong = next(i for i, c in enumerate(shown.choices) if c != shown.question.answer)  # type: ignore[union-attr]
    outcome = run.answer(wrong)
    # `question_ids` is not a flag; a one-question pack is dealt the same way by seed, so drive play_quiz.
    out = io.StringIO()
    console = Console(io.StringIO(f"{wrong + 1}\n"), out, io.StringIO())
    one = load_pack(ROOT / "scenes" / "panjshir")
    one.questions = [one.question("nazary-role")]
    play_quiz(one, console, QuizSettings(seed=2))
    text = out.getvalue()
    assert "Wrong. 0 points." in text
    assert f"The right answer: {outcome.right_answer}" in text
    assert f"About your choice: {outcome.option_feedback[0]}" in text
    assert "¶11: “The resistance’s head of foreign relations, Ali Nazary”" in text
    assert "Missed questions:" in text


def test_bad_input_asks_again(
    panjshir: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = next(s for s in range(1, 100) if QuizRun(panjshir, seed=s, count=1).current.kind == "single")  # type: ignore[union-attr]
    assert play(monkeypatch, ["--seed", str(seed), "--questions", "1"], "\n9\n1 2\nhelp\nbanana\n1\n") == 0
    out = capsys.readouterr().out
    assert out.count("Question 1 of 1") == 1 and out.count("Your answer (1-4): ") == 6
    assert out.count("Type one number from 1 to 4.") == 2  # the empty line and "1 2"
    assert "'9' is not an option number" in out and "'banana' is not an option number" in out
    assert "Type the number of your answer" in out  # help
    assert "Round over." in out


def test_end_of_input_ends_cleanly_with_a_summary(
    panjshir: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = all_right(panjshir, 4, 5)[:2]
    status = play(
        monkeypatch,
        ["--seed", "4", "--questions", "5", "--results", str(tmp_path), "--player", "Bo"],
        "\n".join(first),
    )  # no newline at the very end either
    out = capsys.readouterr().out
    assert status == 0
    assert "(End of input.)" in out and "Round stopped after 2 of 5 questions." in out
    assert "Score: 20 of 50." in out
    saved = read_results(next(tmp_path.glob("*.json")))
    assert (saved.complete, saved.answered, saved.total) == (False, 2, 5)


def test_quit_stops_and_nothing_answered_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert play(monkeypatch, ["--results", str(tmp_path), "--player", "Cy"], "quit\n") == 0
    assert "Round stopped after 0 of" in capsys.readouterr().out
    assert list(tmp_path.glob("*.json")) == []


def test_the_name_is_asked_for_in_class_play(
    panjshir: Pack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = all_right(panjshir, 8, 1)
    assert (
        play(monkeypatch, ["--seed", "8", "--questions", "1", "--results", str(tmp_path)], "Dee\n" + lines[0])
        == 0
    )
    assert "Your name (for the results file): Dee" in capsys.readouterr().out
    assert read_results(next(tmp_path.glob("*.json"))).player == "Dee"


def test_an_unwritable_results_folder_stops_before_the_round(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert play(monkeypatch, ["--results", str(blocker), "--player", "Ed"], "1\n") == 2
    out, err = capsys.readouterr()
    assert "cannot write results" in err and "Question 1" not in out


def test_time_out_counts_as_wrong_and_is_recorded(panjshir: Pack, tmp_path: Path) -> None:
    read_fd, write_fd = os.pipe()  # an open pipe nobody writes to: the player never answers
    stdin = os.fdopen(read_fd, "r")
    try:
        out = io.StringIO()
        console = Console(stdin, out, io.StringIO())
        settings = QuizSettings(seed=3, count=2, time_limit=0.2, player="Fay", results_dir=tmp_path)
        assert play_quiz(panjshir, console, settings) == 0
    finally:
        os.close(write_fd)
        stdin.close()
    text = out.getvalue()
    assert text.count("Time is up: this counts as wrong.") == 2
    assert "You have 0.2 seconds per question" in text and "Score: 0 of 20." in text
    saved = read_results(next(tmp_path.glob("*.json")))
    assert [a.timed_out for a in saved.answers] == [True, True]
    assert [a.correct for a in saved.answers] == [False, False] and saved.time_limit == 0.2


def test_answers_in_time_are_taken_with_a_time_limit(panjshir: Pack) -> None:
    read_fd, write_fd = os.pipe()
    lines = all_right(panjshir, 6, 2)
    writer = threading.Timer(0.05, lambda: os.write(write_fd, ("\n".join(lines) + "\n").encode()))
    writer.start()
    stdin = os.fdopen(read_fd, "r")
    try:
        out = io.StringIO()
        play_quiz(panjshir, Console(stdin, out, io.StringIO()), QuizSettings(seed=6, count=2, time_limit=20))
    finally:
        writer.join()
        os.close(write_fd)
        stdin.close()
    assert out.getvalue().count("Right!") == 2


def test_console_reports_end_and_time_out() -> None:
    console = Console(io.StringIO("one\n"), io.StringIO(), io.StringIO())
    assert console.ask("? ") == "one"
    assert console.ask("? ") is None and console.ask("? ") is None
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "r") as stdin:
        assert Console(stdin, io.StringIO(), io.StringIO()).ask("? ", timeout=0.05) is TIMED_OUT
        os.close(write_fd)


def test_control_codes_never_reach_the_terminal(
    tiny_pack_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tiny_pack_dir
    (folder / "quiz.yaml").write_text(EVIL_QUIZ, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n"))
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["play", "--plain", "--scenes", str(folder), "--player", "\x1b[31mEve", "--seed", "1"]) == 0
    out, err = capsys.readouterr()
    assert "How far did the river rise?" in out and "three metres" in out
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in out and bad not in err


def test_same_seed_same_round_across_processes(panjshir: Pack, tmp_path: Path) -> None:
    # Answers worked out in this process fit the deal in two others (with different hash seeds) only if
    # the seed alone fixes questions, order and options.
    answers = all_right(panjshir, 2024, 12)
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1"}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "game",
                "play",
                "--plain",
                "--pack",
                "panjshir",
                "--seed",
                "2024",
                "--questions",
                "12",
                "--no-streak-bonus",
            ],
            input="\n".join(answers) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert "Seed 2024" in outputs[0] and "Score: 120 of 120." in outputs[0]
    assert "\x1b" not in outputs[0]
    expected_first = QuizRun(panjshir, seed=2024, count=12).current
    assert expected_first is not None and expected_first.question.prompt in outputs[0]


def test_results_of_a_plain_round_are_json(panjshir: Pack, tmp_path: Path) -> None:
    lines = all_right(panjshir, 9, 3)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "--plain",
            "--pack",
            "panjshir",
            "--seed",
            "9",
            "--questions",
            "3",
            "--results",
            str(tmp_path / "r"),
            "--player",
            "Gus",
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(next((tmp_path / "r").glob("*.json")).read_text(encoding="utf-8"))
    assert data["player"] == "Gus" and data["score"] == data["max_score"] == 30


def test_plain_mode_accepts_a_near_miss_and_keeps_the_bonus_apart(panjshir: Pack) -> None:
    """Issue 12, items 1 and 19 in plain mode: "the Tadjiks" is accepted and the feedback shows the
    spelling; the summary's score never exceeds its maximum, the streak bonus is its own figure."""
    one = load_pack(ROOT / "scenes" / "panjshir")
    one.questions = [one.question("ahmad-shah-massoud-led-tajiks")]
    out = io.StringIO()
    play_quiz(one, Console(io.StringIO("the Tadjiks\n"), out, io.StringIO()), QuizSettings(seed=1))
    text = out.getvalue()
    assert "Right! +10 points." in text
    assert 'Accepted — spelled "the Tajiks"' in text
    assert "Score: 10 of 10." in text
    # Three right in a row earn a bonus: 30 of 30, plus the bonus; never 35 of 30.
    three = load_pack(ROOT / "scenes" / "panjshir")
    three.questions = [q for q in three.questions if q.__struct_config__.tag == "short"][:3]
    run = QuizRun(three, seed=4)
    typed = "\n".join(three.question(qid).answers[0] for qid in run.order) + "\n"  # type: ignore[union-attr]
    out = io.StringIO()
    play_quiz(three, Console(io.StringIO(typed), out, io.StringIO()), QuizSettings(seed=4))
    text = out.getvalue()
    assert "Score: 30 of 30, plus a streak bonus of 5." in text
    assert "Right! +10 points, +5 streak bonus." in text
    assert "Score so far: 20." in text and "35" not in text.split("Round over.")[1]


def test_plain_summary_shows_your_answer_beside_the_right_one(panjshir: Pack) -> None:
    one = load_pack(ROOT / "scenes" / "panjshir")
    one.questions = [one.question("ahmad-shah-massoud-led-tajiks")]
    out = io.StringIO()
    play_quiz(one, Console(io.StringIO("the Uzbeks\n"), out, io.StringIO()), QuizSettings(seed=1))
    summary = out.getvalue().split("Round over.")[1]
    assert "Your answer: the Uzbeks" in summary and "Right answer: the Tajiks" in summary
