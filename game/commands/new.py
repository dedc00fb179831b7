"""``quotebound new ARTICLE.txt [--name NAME] [--root DIR]``: start a pack from an article.

Copies the article to ``seeds/NAME.txt`` and writes ``scenes/NAME/`` with a ``pack.yaml``, a sample
quiz holding one question of every type and a small sample scenario, all quoting the article and all
valid as written. Needs no screen: never imports textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine.content.loader import display_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``new`` subcommand."""
    parser = subparsers.add_parser(
        "new",
        help="start a pack from an article: seed, pack.yaml, a sample quiz and a sample scenario",
        description="Copy ARTICLE.txt to seeds/NAME.txt and write scenes/NAME/ with a pack.yaml, a sample "
        "quiz (one question of every type) and a sample scenario, all quoting the article and all valid. "
        "Replace every TODO, then run `quotebound validate`. Nothing existing is overwritten.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE.txt", help="the article, as UTF-8 plain text")
    parser.add_argument("--name", help="the pack name (default: made from the article's file name)")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the folder that holds seeds/ and scenes/ (default: the current folder)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Create the pack and say what was written; 1 with a message when it cannot."""
    from game.authoring.scaffold import QUIZ_FILE, STORY_FILE, ScaffoldError, create_pack

    try:
        created = create_pack(args.article, args.root, args.name)
    except ScaffoldError as exc:
        print(f"quotebound new: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"quotebound new: cannot write the pack: {exc}", file=sys.stderr)
        return 2
    name = created.name
    folder = display_path(created.files[0].parent)
    scenes = display_path(created.files[0].parent.parent)
    what = {
        "pack.yaml": "title, description, topics",
        QUIZ_FILE: "one sample question of every type",
        STORY_FILE: "a sample scenario: 3 scenes, 2 endings",
    }
    seed_note = "the article, byte for byte" if created.seed_copied else "the article (already there)"
    rows = [(display_path(created.seed), seed_note)]
    rows += [(display_path(path), what.get(path.name, "")) for path in created.files]
    if created.schemas:
        rows.append((display_path(created.schemas[0].parent) + "/", "JSON Schema, for editors"))
    width = max(len(path) for path, _note in rows)
    print(f"New pack {name!r}:")
    for path, note in rows:
        print(f"  {path:<{width}}  {note}")
    print()
    print("Next: replace every TODO in the pack's files, then check your work:")
    print(f"  quotebound validate {folder}")
    print(f"  quotebound coverage {folder}")
    print(f"  quotebound playtest {name}/{name}-story --scenes {scenes}")
    print(f"  quotebound play --scenes {scenes} --pack {name}")
    return 0
