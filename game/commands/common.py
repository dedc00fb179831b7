"""Helpers the screenless commands share: loading packs for a command, choosing a pack or scenarios."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TypeVar

from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.pack import Pack
from game.engine.packs import (
    PackCache,
    PackRef,
    PackShelf,
    load_pack_refs,
    load_packs,
    pack_shelf,
)
from game.engine.story.model import Scenario
from game.paths import cache_dir, scenes_dir


def pack_cache() -> PackCache | None:
    """The cache of validated packs (see :mod:`game.engine.pack_cache`), or None when it is off."""
    folder = cache_dir()
    return None if folder is None else PackCache(folder)


def load_command_packs(scenes: str | None, *, strict: bool) -> list[Pack] | None:
    """Load the packs of the scenes folder, printing problems on stderr.

    Args:
        scenes: the ``--scenes`` value (None: ``QUOTEBOUND_SCENES`` or the bundled packs).
        strict: fail when any pack has a problem (play does: a broken pack is a broken game); otherwise
            the problems are one note and the packs that loaded are used.

    Returns:
        The packs, or None when the command should stop with status 1.
    """
    refs = load_command_pack_refs(scenes, strict=strict)
    return None if refs is None else [ref.open() for ref in refs]


def load_command_pack_refs(scenes: str | None, *, strict: bool) -> list[PackRef] | None:
    """What :func:`load_command_packs` gives (and prints), each pack opened only when the command asks:
    a pack the cache holds unchanged is known to load without being decoded."""
    folder = scenes_dir(scenes)
    refs, problems = load_pack_refs(folder, pack_cache())
    if problems and strict:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("quotebound: fix the problems above (see `quotebound validate`).", file=sys.stderr)
        return None
    if problems:
        print(
            f"quotebound: note: {len(problems)} problem(s) in {folder}; see `quotebound validate`.",
            file=sys.stderr,
        )
    if not refs and strict:
        print(f"quotebound: no packs found in {folder}", file=sys.stderr)
        return None
    return refs


def _fix_these(problems: list[Diagnostic]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print("quotebound: fix the problems above (see `quotebound validate`).", file=sys.stderr)


def open_command_shelf(scenes: str | None, pack_id: str | None) -> tuple[PackShelf, int] | None:
    """The packs of the scenes folder for the game, with only ``pack.yaml`` read, and the pack to offer
    first (``pack_id``'s, else the first that opens), which is opened now.

    A pack whose content fails stays on the shelf (the picker says why it cannot open) as long as
    another pack opens; with none that opens, or when ``pack_id``'s does not, every problem is printed
    and the result is None (the command stops with status 1). A ``pack.yaml`` that does not read
    leaves its pack out, with a note.
    """
    folder = scenes_dir(scenes)
    shelf, problems = pack_shelf(folder, pack_cache())
    if not len(shelf) and not problems:
        print(f"quotebound: no packs found in {folder}", file=sys.stderr)
        return None
    if pack_id:
        index = shelf.index_of(pack_id)
        if index is None:
            known = ", ".join(info.id for info in shelf.infos) or "none"
            print(f"quotebound: no pack {pack_id!r}; packs: {known}", file=sys.stderr)
            return None
        try:
            shelf.open(index)
        except ContentError as exc:
            _fix_these(exc.diagnostics)
            return None
    else:
        found = shelf.first_openable()
        if found is None:
            _fix_these(problems + shelf.errors())
            return None
        index = found
    if problems:
        print(
            f"quotebound: note: {len(problems)} problem(s) in {folder}; see `quotebound validate`.",
            file=sys.stderr,
        )
    return shelf, index


_Named = TypeVar("_Named", Pack, PackRef)


def pick_pack(packs: list[_Named], pack_id: str | None) -> _Named | None:
    """The pack with ``pack_id``, or the only pack when none is named; None (with a message) otherwise."""
    if pack_id:
        for pack in packs:
            if pack.id == pack_id:
                return pack
        known = ", ".join(p.id for p in packs) or "none"
        print(f"quotebound: no pack {pack_id!r}; packs: {known}", file=sys.stderr)
        return None
    if len(packs) == 1:
        return packs[0]
    if not packs:
        print("quotebound: no packs found", file=sys.stderr)
        return None
    print(
        f"quotebound: several packs ({', '.join(p.id for p in packs)}); choose one with --pack",
        file=sys.stderr,
    )
    return None


def select_scenarios(name: str | None, scenes: str | None) -> list[tuple[Pack, Scenario]] | None:
    """The scenarios ``name`` means: an id, ``pack/id``, a scenario file, a pack folder, or all (None).

    Prints what went wrong and returns None when packs do not load or nothing matches.
    """
    root = scenes_dir(scenes)
    path = Path(name) if name else None
    if path is not None and (path.is_file() or path.is_dir()):
        root = path.parent if path.is_file() else path
    packs, problems = load_packs(root)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("quotebound: fix the problems above (see `quotebound validate`).", file=sys.stderr)
        return None
    every = [(pack, scenario) for pack in packs for scenario in pack.scenarios]
    if name is None or (path is not None and path.is_dir()):
        chosen = every
    elif path is not None and path.is_file():
        chosen = [(p, s) for p, s in every if s.path == path.resolve()]
    else:
        pack_id, _, scenario_id = name.rpartition("/")
        chosen = [(p, s) for p, s in every if s.id == scenario_id and pack_id in ("", p.id)]
    if not chosen:
        known = ", ".join(f"{p.id}/{s.id}" for p, s in every) or "none"
        what = f"no scenario {name!r}" if name else f"no scenarios in {root}"
        print(f"quotebound: {what}; scenarios: {known}", file=sys.stderr)
        return None
    return chosen
