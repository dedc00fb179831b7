"""``quotebound export``: a pack as GIFT, Aiken, TSV flashcards, a Markdown sheet or key, or JSON.

Writes to stdout, or atomically to ``-o FILE``; notes (such as questions a format cannot hold) go to stderr.
Imports no UI.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from game.commands.argtypes import positive_int
from game.commands.fastargs import Arg, add_arguments, fast_parse
from game.export import FORMATS

if TYPE_CHECKING:  # a plain `export` line is read without argparse (fast_args)
    import argparse


ARGS = (
    Arg("--format", required=True, choices=FORMATS, help="the export format"),
    Arg("--pack", help="the pack id (needed when there are several)"),
    Arg("--seed", type=int, help="deal as `play --seed S` (default: 1)"),
    Arg("--questions", type=positive_int, metavar="N", help="only the first N dealt questions"),
    Arg("--answers", action="store_true", help="markdown: the answer key instead of the sheet"),
    Arg(
        "--flavor",
        choices=["anki", "quizlet"],
        default="anki",
        help="tsv: Anki (HTML, headers) or Quizlet (plain)",
    ),
    Arg("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout; - is stdout"),
    Arg("--scenes", metavar="DIR", help="folder of packs (default: the bundled packs)"),
)
"""``export``'s arguments: what argparse registers and what :func:`fast_args` reads."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="export a pack: GIFT (Moodle), Aiken, TSV (Anki/Quizlet), Markdown sheet/key, JSON",
        description="Export a pack's questions. Questions are dealt as `play --seed S --questions N` deals "
        "them (seed 1 unless given), so a sheet matches a class round and its key; json exports the whole "
        "pack as written.",
    )
    add_arguments(parser, ARGS)
    parser.set_defaults(func=run)


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """``export``'s arguments as argparse reads them, for a plain line (see :func:`fast_parse`)."""
    return fast_parse("export", ARGS, {"func": run}, argv)


def run(args: argparse.Namespace | SimpleNamespace) -> int:
    """Render the chosen format and write it."""
    from game.commands.common import load_command_pack_refs, pick_pack
    from game.engine.content.diagnostics import ContentError
    from game.export.common import DEFAULT_SEED, deal

    # Only the pack exported is decoded from the cache (the others are known to load, unchanged).
    refs = load_command_pack_refs(args.scenes, strict=False)
    if refs is None:
        return 1
    chosen = pick_pack(refs, args.pack)
    if chosen is None:
        return 1
    try:
        pack = chosen.open()
    except ContentError as exc:  # a damaged cache entry, and files that no longer load (PackRef.open)
        for problem in exc.diagnostics:
            print(problem, file=sys.stderr)
        print("quotebound: fix the problems above (see `quotebound validate`).", file=sys.stderr)
        return 1
    if args.answers and args.format != "markdown":
        print(
            "quotebound: note: --answers applies to --format markdown only; the others hold the answers.",
            file=sys.stderr,
        )
    module = importlib.import_module(f"game.export.{args.format}")
    if args.format == "json":
        rendered = module.render(pack)
    else:
        seed = DEFAULT_SEED if args.seed is None else args.seed
        items = deal(pack, seed=seed, count=args.questions)
        extra = {"answers": args.answers} if args.format == "markdown" else {}
        if args.format == "tsv":
            extra = {"flavor": args.flavor}
        rendered = module.render(pack, items, seed=seed, **extra)
    for note in rendered.notes:
        print(f"quotebound: note: {note}", file=sys.stderr)
    return write_output(rendered.text, args.output)


def write_output(text: str, output: str | None) -> int:
    """Write ``text`` as UTF-8 to ``output`` or to stdout (``None`` or ``-``); 2 (a setup error) on failure.

    A regular file is replaced atomically; a device, FIFO or symlink is written through, never replaced.
    """
    if output and output != "-":
        from game.store.atomic import write_output as write_file

        try:
            write_file(Path(output).expanduser(), text.encode("utf-8"))
        except OSError as exc:
            print(f"quotebound: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        return 0
    # UTF-8 whatever the locale: a GIFT or CSV file must not depend on the console's code page.
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    return 0
