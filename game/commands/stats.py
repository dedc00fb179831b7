"""``quotebound stats``: a player's progress without the TUI: accuracy by day and topic, streaks, story
endings found, the review queue, best scores and history, as text or ``--json``.

The figures are those of the stats screen (:mod:`game.progress.figures`). Nothing here imports textual or
rich, and nothing is written: a player name that is not in the database is an error, not a new player, and a
data folder without a database reports that there is no progress yet.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` subcommand."""
    parser = subparsers.add_parser(
        "stats",
        help="a player's progress: accuracy, topics, streaks, story endings, review, history",
        description="Print the figures of the stats screen: accuracy by day and per topic, streaks, story "
        "endings found, questions due for review, best scores and recent rounds. Without --player, every "
        "player on this computer.",
    )
    parser.add_argument("--player", metavar="NAME", help="only this player (case does not matter)")
    parser.add_argument("--pack", metavar="ID", help="only this pack")
    parser.add_argument("--json", action="store_true", help="JSON instead of text")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="where progress is kept (default: the user data folder)"
    )
    parser.add_argument(
        "--scenes", metavar="DIR", help="folder of packs, for topic and story titles (default: bundled packs)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures; 1 (with a message on stderr) when the database or the player cannot be read."""
    from game.commands.common import pack_cache
    from game.engine.packs import load_packs
    from game.paths import data_dir, scenes_dir
    from game.progress.figures import gather, text_lines, to_json
    from game.progress.review import replay_if_pending
    from game.store.connection import DB_FILENAME
    from game.store.db import ProgressStore, StoreError

    try:
        folder = data_dir(args.data_dir)
    except OSError as exc:
        print(f"quotebound: cannot use the data folder: {exc}", file=sys.stderr)
        return 2
    if not (folder / DB_FILENAME).exists():
        if args.player:
            print(f"quotebound: no progress saved yet in {folder}", file=sys.stderr)
            return 1
        _emit(args, {"players": []}, [f"No progress saved yet in {folder}."])
        return 0
    try:
        store = ProgressStore(folder)
    except StoreError as exc:
        print(f"quotebound: {exc}", file=sys.stderr)
        return 2
    with store:
        replay_if_pending(store)  # a database upgraded to FSRS review rebuilds its queue first
        if store.recovered_from is not None:
            print(
                f"quotebound: the progress file was damaged ({store.recovery_reason}); it was moved to "
                f"{store.recovered_from} and a fresh one started.",
                file=sys.stderr,
            )
        players = store.list_players()
        if args.player:
            key = " ".join(args.player.split()).casefold()
            players = [p for p in players if p.name.casefold() == key]
            if not players:
                known = ", ".join(p.name for p in store.list_players()) or "none yet"
                print(f"quotebound: no player {args.player!r}; players: {known}", file=sys.stderr)
                return 1
        # Titles only: a broken pack is no reason to fail. Unchanged packs come from the cache of
        # validated packs, not parsed and checked again.
        packs, _problems = load_packs(scenes_dir(args.scenes), pack_cache())
        now = datetime.now(UTC)
        try:
            figures = [gather(store, p, packs, now=now, only=args.pack) for p in players]
        except StoreError as exc:
            print(f"quotebound: {exc}", file=sys.stderr)
            return 1
    _emit(args, to_json(figures), text_lines(figures) or ["No players yet."])
    return 0


def _emit(args: argparse.Namespace, data: dict[str, object], lines: list[str]) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))
