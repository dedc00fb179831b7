"""Validation of pack folders, scenes folders and single content files, for ``quotebound validate``.

Validating is loading plus the story lint: a scenario with a dead end loads (the game refuses it
alone when it is opened) but fails validation, at its ``path:line:col``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from msgspec.structs import replace

from game.authoring.fairness import GIVEAWAY_OK
from game.authoring.fairness import report as fairness_report
from game.authoring.storylint import lint_into
from game.engine.content import loader
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.loader import PACK_FILE, ContentKinds, PackBuilder, content_files, display_path
from game.engine.content.pack import Pack
from game.engine.content.yamlsafe import YamlDoc
from game.engine.packs import KINDS, PackCache, find_packs
from game.engine.story.file import load_scenario_file


def _load_and_lint_scenario(builder: PackBuilder, doc: YamlDoc) -> None:
    before = len(builder.pack.scenarios)
    load_scenario_file(builder, doc)
    for scenario in builder.pack.scenarios[before:]:
        lint_into(builder, scenario)


LINTING_KINDS: ContentKinds = {**KINDS, "scenario": replace(KINDS["scenario"], load=_load_and_lint_scenario)}
"""The game's content kinds, with each scenario linted as it is read (its errors fail the load)."""


def load_linted_pack(folder: Path) -> Pack:
    """Load the pack in ``folder`` and lint its scenarios: what ``validate`` and ``new`` check.

    Raises:
        ContentError: with every load and lint error; warnings of both are on the returned pack.
    """
    return loader.load_pack(folder, LINTING_KINDS)


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)


def validate_pack(folder: Path, note: Callable[[str], None] = _to_stderr) -> list[Diagnostic]:
    """Every error and warning of one pack; ``note`` gets the pack's answer-is-longest figure."""
    # A file with a `giveaway-ok` comment is one the fairness checks always need parsed (to find the
    # comment's question): keep its parse from the load rather than parse it again. Only those: the
    # node trees of every file of a big pack, kept to the end of its load, would multiply its memory.
    excused: dict[str, YamlDoc] = {}

    def keeping(load: Callable[[PackBuilder, YamlDoc], None]) -> Callable[[PackBuilder, YamlDoc], None]:
        def load_and_keep(builder: PackBuilder, doc: YamlDoc) -> None:
            if GIVEAWAY_OK in doc.text:
                excused[doc.display] = doc
            load(builder, doc)

        return load_and_keep

    kinds = {name: replace(kind, load=keeping(kind.load)) for name, kind in LINTING_KINDS.items()}
    try:
        pack = loader.load_pack(folder, kinds)
    except ContentError as exc:
        return exc.diagnostics
    return sorted(pack.warnings + fairness_report(pack, note, excused))


def validate_pack_cached(
    folder: Path, cache: PackCache, note: Callable[[str], None] = _to_stderr
) -> list[Diagnostic]:
    """:func:`validate_pack`, or what it gave last time (its diagnostics, and its notes handed to
    ``note`` again) when none of the files it read changed since, with this code (see
    :meth:`PackCache.get_verdict`): in a folder of packs, editing one re-validates that one alone."""
    found = cache.get_verdict(folder)
    if found is not None:
        diagnostics, notes = found
        for line in notes:
            note(line)
        return diagnostics
    keys = cache.verdict_keys(folder)
    kept: list[str] = []

    def keep(line: str) -> None:
        kept.append(line)
        note(line)

    diagnostics = validate_pack(folder, keep)
    cache.put_verdict(folder, keys, diagnostics, kept)
    return diagnostics


def _file_count(folder: Path) -> int:
    return 1 + len(content_files(folder))


def validate_paths(paths: list[Path], cache: PackCache | None = None) -> tuple[list[Diagnostic], int]:
    """Validate what the user named.

    Args:
        paths: pack folders, folders of packs, or YAML files inside a pack.
        cache: keep each pack's verdict here, and take it from here for a pack none of whose files
            changed (see :func:`validate_pack_cached`); None validates every pack.

    Returns:
        The diagnostics, and how many files were checked.
    """
    diagnostics: list[Diagnostic] = []
    files = 0
    done: set[Path] = set()
    for path in paths:
        if path.is_file():
            folder = path.parent
            if not (folder / PACK_FILE).is_file():
                diagnostics.append(Diagnostic(display_path(path), 1, 1, f"no {PACK_FILE} beside this file"))
                files += 1
                continue
            if path.name != PACK_FILE and path.resolve() not in {f.resolve() for f in content_files(folder)}:
                # Checking the pack alone would pass while this file is never read (e.g. `quiz.yml`).
                message = "the game does not read this file: a pack's content files end in .yaml"
                diagnostics.append(Diagnostic(display_path(path), 1, 1, message))
                files += 1
                continue
            packs = [folder]
        elif path.is_dir():
            packs = find_packs(path)
            if not packs:
                diagnostics.append(
                    Diagnostic(display_path(path), 1, 1, f"no pack here (no {PACK_FILE} found)")
                )
                continue
        else:
            diagnostics.append(Diagnostic(display_path(path), 1, 1, "no such file or folder"))
            continue
        for folder in packs:
            if folder.resolve() in done:
                continue
            done.add(folder.resolve())
            files += _file_count(folder)
            diagnostics.extend(
                validate_pack(folder) if cache is None else validate_pack_cached(folder, cache)
            )
    return diagnostics, files


__all__ = [
    "LINTING_KINDS",
    "PackBuilder",
    "load_linted_pack",
    "validate_pack",
    "validate_pack_cached",
    "validate_paths",
]
