"""``quotebound play`` (the default command): the game in the terminal, full-screen or as plain lines.

Class play: a teacher gives every student the same ``--seed`` (same questions, order and options) and a
``--results`` folder. A round with ``--results`` is class play, and class play turns the streak bonus off
unless ``--streak-bonus`` asks for it: a bonus for runs of right answers widens the gap between stronger and
weaker students, which is not what a class quiz is for. Outside class play the bonus is on unless
``--no-streak-bonus``.

The Textual app is imported only when it is about to run, so ``play --plain`` never loads textual or rich.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from game.commands.argtypes import positive_int, seconds
from game.engine.content.pack import Pack
from game.engine.packs import PackShelf
from game.engine.quiz import DEFAULT_ROUND_SIZE
from game.startup import resume_gc

if TYPE_CHECKING:
    import argparse

    from game.plain.console import Console

    PlayArgs = argparse.Namespace | SimpleNamespace
    """What argparse parsed, or what the fast start (:func:`fast_play_args`) made of the same line."""


class PlayOption:
    """One flag of ``play`` (most of them ``serve``'s too): :data:`PLAY_OPTIONS` is the one definition that
    both argparse (:func:`add_play_arguments`) and the fast start (:func:`fast_play_args`) read."""

    __slots__ = ("flag", "served", "kwargs")

    def __init__(self, flag: str, *, served: bool = True, **kwargs: Any) -> None:
        self.flag = flag
        self.served = served
        """Whether ``serve`` offers it too (not ``--plain``: a browser needs the full-screen app; not
        ``--player``: every browser would play under the same name)."""
        self.kwargs = kwargs
        """``add_argument``'s keywords (``action=BOOLEAN_OPTIONAL``: argparse.BooleanOptionalAction)."""

    @property
    def dest(self) -> str:
        """The attribute argparse stores it in (``--time-limit`` → ``time_limit``)."""
        return self.flag.removeprefix("--").replace("-", "_")

    @property
    def default(self) -> Any:
        """Its value when not given, as argparse sets it: ``default=``, else False (store_true) or None."""
        if "default" in self.kwargs:
            return self.kwargs["default"]
        return False if self.kwargs.get("action") == "store_true" else None


BOOLEAN_OPTIONAL = "boolean_optional"
"""``--flag`` / ``--no-flag`` (argparse.BooleanOptionalAction, named so this table needs no argparse)."""

PLAY_OPTIONS: tuple[PlayOption, ...] = (
    PlayOption(
        "--player",
        served=False,
        metavar="NAME",
        help="who is playing: progress is saved under this name (and results carry it)",
    ),
    PlayOption("--seed", type=int, help="the same seed deals the same round on every machine"),
    PlayOption(
        "--questions",
        type=positive_int,
        metavar="N",
        help=f"questions per round (default: {DEFAULT_ROUND_SIZE}, or all when the pack has fewer)",
    ),
    PlayOption(
        "--time-limit",
        type=seconds,
        metavar="SECONDS",
        help="time per question; a time-out counts as wrong",
    ),
    PlayOption("--mode", choices=["quiz", "story"], default="quiz", help="what to play (default: quiz)"),
    PlayOption(
        "--plain", served=False, action="store_true", help="plain lines on stdin/stdout, no full-screen UI"
    ),
    PlayOption(
        "--results", metavar="DIR", help="write each round's results file here (class play: streak bonus off)"
    ),
    PlayOption(
        "--streak-bonus",
        action=BOOLEAN_OPTIONAL,
        default=None,
        help="bonus points for runs of right answers (default: on, but off with --results)",
    ),
    PlayOption("--pack", help="the pack to play, by id"),
    PlayOption("--scenes", metavar="DIR", help="folder of packs (default: the bundled packs)"),
    PlayOption("--data-dir", metavar="DIR", help="where progress is kept (default: the user data folder)"),
)
"""The flags that shape a round, in help order."""


def add_play_arguments(parser: argparse.ArgumentParser, *, served: bool = False) -> None:
    """Add the flags that shape a round (:data:`PLAY_OPTIONS`); ``serve`` reuses them.

    Args:
        parser: the ``play`` or ``serve`` parser.
        served: leave out the flags ``serve`` does not offer (see :attr:`PlayOption.served`).
    """
    import argparse  # here, not at the top: the fast start (fast_play_args) never imports argparse

    for option in PLAY_OPTIONS:
        if served and not option.served:
            continue
        kwargs = dict(option.kwargs)
        if kwargs.get("action") == BOOLEAN_OPTIONAL:
            kwargs["action"] = argparse.BooleanOptionalAction
        parser.add_argument(option.flag, **kwargs)


def fast_play_args(argv: list[str]) -> SimpleNamespace | None:
    """What argparse makes of ``play``'s arguments ``argv``, without argparse, for the two ways a player
    starts the game: no arguments, and ``--player NAME`` (or ``--player=NAME``); None for anything else,
    which argparse then parses (every other flag, ``--help``, every error).

    Importing argparse and building the ``play`` parser is ~11M instructions, 1% of the first screen.
    The values come from :data:`PLAY_OPTIONS`, the table argparse reads; tests/cli/test_fast_start.py
    checks that argparse gives the same namespace for every form accepted here.
    """
    if not argv:
        player = None
    elif len(argv) == 2 and argv[0] == "--player" and not argv[1].startswith("-"):
        # argparse reads a value starting with "-" as an option (or a negative number): left to it.
        player = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--player="):
        player = argv[0].removeprefix("--player=")
    else:
        return None
    values = {option.dest: option.default for option in PLAY_OPTIONS}
    values["player"] = player
    return SimpleNamespace(command="play", **values, func=run)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``play`` subcommand."""
    parser = subparsers.add_parser(
        "play",
        help="play the game (the default command)",
        description="Play the game. With --results DIR it is class play: the streak bonus is off unless "
        "--streak-bonus, and each round writes a results file to DIR for `quotebound report`.",
    )
    add_play_arguments(parser)
    parser.set_defaults(func=run)


def streak_bonus_for(args: PlayArgs) -> bool:
    """The class-play rule: an explicit flag wins; otherwise off with ``--results``, on without."""
    if args.streak_bonus is not None:
        return bool(args.streak_bonus)
    return args.results is None


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def run(args: PlayArgs) -> int:
    """Load the packs, then play in plain lines or hand over to the Textual app (imported only now)."""
    from game.commands.common import open_command_shelf

    # Only each pack.yaml is read here; a pack's content loads when it is opened (the first now).
    opened = open_command_shelf(args.scenes, args.pack)
    if opened is None:
        return 1
    shelf, first = opened
    if args.results and not results_folder_ready(args.results):
        return 2
    if getattr(args, "plain", False):
        resume_gc()  # paused by game.cli for the start; plain lines have no first frame to wait for
        return _run_plain(args, shelf, first)
    return _run_tui(args, shelf, first)


def results_folder_ready(results: str) -> bool:
    """Check the ``--results`` folder can be written before anyone plays: a round whose results cannot
    be saved is lost without anyone noticing. False (with one line on stderr) when it cannot."""
    from game.store.results import prepare_folder

    try:
        prepare_folder(results)
    except OSError as exc:
        print(f"quotebound: cannot write results to {results}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _round_size(args: PlayArgs) -> int:
    # One default for the TUI and plain mode, so a seed deals the same round in both.
    return args.questions if args.questions is not None else DEFAULT_ROUND_SIZE


def _run_tui(args: PlayArgs, shelf: PackShelf, first: int) -> int:
    from game.ui.app import make_app

    options = {
        "packs": shelf,
        "pack_index": first,
        "seed": args.seed,
        "count": _round_size(args),
        "time_limit": args.time_limit,
        "streak_bonus": streak_bonus_for(args),
        "player": getattr(args, "player", None),
        "data_dir": _path(args.data_dir),
        "results_dir": _path(args.results),
    }
    app = make_app(**options, mode=args.mode)
    app.run()
    # Textual's run() returns normally after an unhandled exception; its return code tells.
    return app.return_code or 0


def _run_plain(args: PlayArgs, shelf: PackShelf, first: int) -> int:
    from game.plain.console import Console

    for stream in (sys.stdout, sys.stderr):
        # A dumb terminal or a Windows console may not encode “ ¶ →: print a ? rather than crash mid-round.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    console = Console(sys.stdin, sys.stdout, sys.stderr)
    # The first pack, or the one --pack names, as the full-screen game opens it (opened already).
    pack = shelf.open(first)
    if args.mode == "story":
        return _run_plain_story(args, pack, console)
    from game.plain.play_quiz import QuizSettings, play_quiz

    settings = QuizSettings(
        seed=args.seed,
        count=_round_size(args),
        time_limit=args.time_limit,
        streak_bonus=streak_bonus_for(args),
        player=args.player,
        results_dir=_path(args.results),
        data_dir=_path(args.data_dir),
    )
    return play_quiz(pack, console, settings)


def _run_plain_story(args: PlayArgs, pack: Pack, console: Console) -> int:
    try:
        from game.plain.play_story import play_story
    except ImportError:
        print("quotebound: story mode is not available in plain mode yet.", file=sys.stderr)
        return 2
    return play_story(pack, console, args)
