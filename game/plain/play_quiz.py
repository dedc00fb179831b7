"""The plain-mode quiz: a round of questions asked and answered as lines, with feedback, summary and results.

It drives ``QuizRun`` exactly as the TUI does, so one seed gives the same questions,
order and options in both, and it writes the same results file at the end. With ``--player`` every answer is
also committed to the progress database as it is given, through the TUI's own
:class:`~game.progress.service.ProgressService`: a round stopped part-way (or killed) is offered for resume by
the full-screen game, and misses join the player's review queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.engine.content.pack import Pack
from game.engine.quiz.run import QuizRun
from game.plain import quizview
from game.plain.console import TIMED_OUT, Console
from game.progress.class_results import prepare_folder, save_results
from game.progress.service import ProgressService, utc_now

QUIT_WORDS = {"quit", "exit"}
HELP_WORDS = {"help", "?"}


@dataclass(frozen=True)
class QuizSettings:
    """How a plain round is played (the ``play`` flags)."""

    seed: int | None = None
    count: int | None = None
    time_limit: float | None = None
    """Seconds per question; a time-out counts as wrong."""
    streak_bonus: bool = True
    player: str | None = None
    results_dir: Path | None = None
    data_dir: Path | None = None
    """Where results go when the results folder fails mid-round (default: the player's data folder)."""


def play_quiz(pack: Pack, console: Console, settings: QuizSettings) -> int:
    """Play one round of ``pack`` on ``console``.

    End of input or ``quit`` ends the round early with a summary of what was answered; that is a normal
    end (status 0), and the answered questions are written to the results folder like a finished round,
    marked incomplete.

    Returns:
        The exit status: 0, or 2 (a setup error) when the results folder cannot be used at all.
    """
    player = settings.player
    if settings.results_dir is not None:
        try:
            prepare_folder(settings.results_dir)
        except OSError as exc:
            console.note(f"quotebound: cannot write results to {settings.results_dir}: {exc.strerror or exc}")
            return 2
        if not player:
            typed = console.ask("Your name (for the results file): ")
            if typed is None or typed is TIMED_OUT:
                console.say("No name given; nothing was played.")
                return 0
            player = str(typed).strip() or "anonymous"
    run = QuizRun(pack, seed=settings.seed, count=settings.count, streak_bonus=settings.streak_bonus)
    started = utc_now()
    progress = _open_progress(console, settings, pack)
    _intro(console, pack, run, settings)
    if progress is not None:
        progress.round_started(run, "quiz")
    try:
        stopped = _ask_all(console, run, settings.time_limit, progress)
        if progress is not None and not stopped:
            progress.round_finished(run)
    finally:
        if progress is not None:
            progress.close()
    console.say()
    for indent, text in quizview.summary_lines(run, pack, stopped=stopped):
        console.say(text, indent=indent)
    if settings.results_dir is not None and run.records:
        _save(console, run, settings, player or "anonymous", started)
    return 0


def _intro(console: Console, pack: Pack, run: QuizRun, settings: QuizSettings) -> None:
    console.say(pack.title)
    console.say(f"Quiz: {len(run.order)} questions. Seed {run.seed}: the same seed gives the same round.")
    rules = []
    if settings.time_limit:
        rules.append(f"You have {settings.time_limit:g} seconds per question; a time-out counts as wrong.")
    rules.append("Streak bonus: on." if run.streak_bonus else "Streak bonus: off.")
    console.say(" ".join(rules))
    console.say("Type 'help' for how to answer, 'quit' to stop.")


def _open_progress(console: Console, settings: QuizSettings, pack: Pack) -> ProgressService | None:
    """The progress service for ``--player`` (None without one); problems are notes, never a stop."""
    if not settings.player:
        return None
    progress = ProgressService.open(settings.data_dir, fuzz=settings.seed is None)
    progress.on_problem = lambda message: console.note(f"quotebound: {message}")
    if progress.store is not None:
        progress.prune(pack)
        progress.use_player(settings.player)
    for notice in progress.notices:
        console.note(f"quotebound: {notice.message}")
    progress.notices.clear()
    return progress


def _ask_all(
    console: Console, run: QuizRun, time_limit: float | None, progress: ProgressService | None = None
) -> bool:
    """Ask every question; True when the player stopped before the end.

    ``progress`` (with ``--player``) commits each answer before its feedback is printed."""
    while (shown := run.current) is not None:
        console.say()
        for indent, text in quizview.question_lines(shown, run.score, run.pack, bonus=run.bonus):
            console.say(text, indent=indent)
        started = console.clock()
        while True:
            remaining = None if time_limit is None else time_limit - (console.clock() - started)
            clock = "" if remaining is None else f"({max(0, round(remaining))} s left) "
            line = console.ask(clock + quizview.prompt_for(shown), timeout=remaining)
            if line is None:
                console.say("(End of input.)")
                return True
            if line is TIMED_OUT:
                outcome = run.answer(None, elapsed=float(time_limit or 0.0))
                break
            assert isinstance(line, str)
            word = line.strip().casefold()
            if word in QUIT_WORDS:
                return True
            if word in HELP_WORDS:
                for indent, text in quizview.HELP:
                    console.say(text, indent=indent)
                continue
            try:
                response = quizview.parse_answer(shown, line, run.pack)
            except ValueError as exc:
                console.say(str(exc))
                continue
            outcome = run.answer(response, elapsed=console.clock() - started)
            break
        if progress is not None:
            progress.answered(run)
        for indent, text in quizview.outcome_lines(outcome):
            console.say(text, indent=indent)
    return False


def _save(console: Console, run: QuizRun, settings: QuizSettings, player: str, started: datetime) -> None:
    assert settings.results_dir is not None
    # The share may have gone away mid-lesson: save_results then keeps the answers on this machine.
    saved = save_results(
        run,
        results_dir=settings.results_dir,
        player=player,
        started=started,
        time_limit=settings.time_limit,
        fallback_dir=settings.data_dir,
    )
    for notice in saved.notices:
        if notice.severity != "information":
            console.note(f"quotebound: {notice.message}")
    if saved.path is not None:
        console.note(f"Results saved to {saved.path}")
