"""``quotebound report RESULTS...``: a class report from results files and live-class folders.

Takes results files and folders (read recursively). Prints a plain-text table by default, or CSV, Markdown or
HTML; ``-o FILE`` writes it atomically. Unreadable files are named on stderr and skipped. Imports no UI.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from game.commands.fastargs import Arg, add_arguments, fast_parse

if TYPE_CHECKING:  # a plain `report` line is read without argparse (fast_args)
    import argparse


ARGS = (
    Arg("paths", nargs="+", metavar="RESULTS", help="results files or folders"),
    Arg(
        "--csv", group="style", dest="style", action="store_const", const="csv", help="CSV for a spreadsheet"
    ),
    Arg("--markdown", group="style", dest="style", action="store_const", const="markdown", help="Markdown"),
    Arg(
        "--html",
        group="style",
        dest="style",
        action="store_const",
        const="html",
        help="a standalone HTML page",
    ),
    Arg("--top", type=int, default=5, metavar="N", help="how many most-missed questions (default 5)"),
    Arg("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout; - is stdout"),
    Arg("--scenes", metavar="DIR", help="folder of packs, for the quotes (default: bundled packs)"),
)
"""``report``'s arguments: what argparse registers and what :func:`fast_args` reads."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="class report from results files: scores, questions, most missed with quotes",
        description="Read results files (and folders of them) written by `play --results DIR` and report "
        "each student's score, each question's share right and most chosen wrong answer, and the questions "
        "missed most, with their quotes.",
    )
    add_arguments(parser, ARGS)
    parser.set_defaults(func=run, style="text")


def fast_args(argv: list[str]) -> SimpleNamespace | None:
    """``report``'s arguments as argparse reads them, for a plain line (see :func:`fast_parse`)."""
    return fast_parse("report", ARGS, {"func": run, "style": "text"}, argv)


def run(args: argparse.Namespace | SimpleNamespace) -> int:
    """Read the results, compute the report, write it in the chosen style."""
    from game.commands.common import load_command_pack_refs
    from game.commands.export import write_output
    from game.engine.packs import PacksById
    from game.export import class_gains, report_formats
    from game.export.report import build_report
    from game.store.results import collect

    collected = collect(args.paths)
    for problem in collected.problems:
        print(f"quotebound: skipped {problem}", file=sys.stderr)
    # A live-class folder also holds a class store: its pre/post gains follow the report.
    classes = class_gains.class_folders(args.paths)
    if not collected.results and not classes:
        print("quotebound: no results files found.", file=sys.stderr)
        return 1
    # A pack is decoded from the cache only when a result names it (see PacksById).
    packs = PacksById(load_command_pack_refs(args.scenes, strict=False) or [])
    gains = [class_gains.load_gains(folder, packs) for folder in classes]
    for problem in (g for g in gains if isinstance(g, str)):
        print(f"quotebound: skipped {problem}", file=sys.stderr)
    extra = [g for g in gains if isinstance(g, class_gains.GainsReport)]
    if not collected.results:
        only = "".join(_gains_text(g, args.style) for g in extra)
        return write_output(only or "No answers yet.\n", args.output)
    report = build_report(collected.results, packs, top=max(0, args.top))
    if args.style == "csv":
        # The byte-order mark is how Excel knows a CSV file is UTF-8 (else “ and ¶ come out garbled).
        text = "\ufeff" + report_formats.to_csv(report)
    elif args.style == "markdown":
        text = report_formats.to_markdown(report)
    elif args.style == "html":
        text = report_formats.to_html(report)
    else:
        to_terminal = sys.stdout.isatty() and args.output in (None, "-")
        width = 100
        if to_terminal:
            import shutil  # only here: with bz2, lzma and fnmatch it is ~1.5 ms

            width = shutil.get_terminal_size((100, 24)).columns
        text = report_formats.to_text(report, width=max(60, width))
    section = "".join(_gains_text(g, args.style) for g in extra)
    text = text.replace("</body>", section + "</body>") if args.style == "html" else text + section
    return write_output(text, args.output)


def _gains_text(gains: object, style: str) -> str:
    from game.export import class_gains

    assert isinstance(gains, class_gains.GainsReport)
    render = {"csv": class_gains.to_csv, "markdown": class_gains.to_markdown, "html": class_gains.to_html}
    return render.get(style, class_gains.to_text)(gains)
