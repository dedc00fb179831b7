"""Loading packs with the game's content kinds: the one place that knows both the quiz and the story.

:mod:`game.engine.content` loads a pack folder with whatever kinds it is given and imports neither
the quiz nor the story engine; this module gives it the two the game has. Everything that loads a
pack (the game, the commands, the tests) calls :func:`load_pack` or :func:`load_packs` from here.

The game does not load every installed pack at start: :func:`pack_shelf` reads each ``pack.yaml``
alone (what the picker shows) and :class:`PackShelf` loads a pack's content when it is opened, then
keeps it. Memory grows with the packs opened, not the packs installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from game.engine.content import loader, model
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.loader import (
    ContentKind,
    ContentKinds,
    PackInfo,
    find_packs,
    read_pack_info,
    read_pack_infos,
)
from game.engine.content.pack import Pack
from game.engine.pack_cache import PackCache, file_key
from game.engine.quiz import file as quiz_file
from game.engine.story.file import load_scenario_file
from game.engine.story.model import STORY_STRUCTS

KINDS: ContentKinds = {
    "quiz": ContentKind(
        quiz_file.load_quiz_file,
        frozenset(model.field_names()) | quiz_file.FIELD_NAMES,
        quiz_file.VALUE_HINTS,
    ),
    "scenario": ContentKind(
        load_scenario_file,
        frozenset(name for struct in STORY_STRUCTS for name in struct.__struct_encode_fields__),
    ),
}
"""The kinds of content file a pack may hold, by the ``kind:`` they name."""


def load_pack(folder: Path, cache: PackCache | None = None) -> Pack:
    """Load and validate the pack in ``folder`` (see :func:`game.engine.content.loader.load_pack`).

    Args:
        folder: the pack folder.
        cache: take the pack from this cache when none of its files changed, and store it there when
            it loads from its files (see :mod:`game.engine.pack_cache`).

    Raises:
        ContentError: with every error found; warnings are on the returned pack.
    """
    if cache is None:
        return loader.load_pack(folder, KINDS)
    pack = cache.get(folder)
    if pack is not None:
        return pack
    keys = cache.keys_before_load(folder)
    pack = loader.load_pack(folder, KINDS)
    cache.put(pack, keys)
    return pack


def load_packs(root: Path, cache: PackCache | None = None) -> tuple[list[Pack], list[Diagnostic]]:
    """Every pack under ``root`` that loads, and the diagnostics of those that do not (with a
    ``cache``, see :func:`load_pack`)."""
    if cache is None:
        return loader.load_packs(root, KINDS)
    packs: list[Pack] = []
    problems: list[Diagnostic] = []
    for folder in find_packs(root):
        try:
            packs.append(load_pack(folder, cache))
        except ContentError as exc:
            problems.extend(exc.diagnostics)
    return packs, problems


class PackRef:
    """A pack of a scenes folder that loads: its id now, its content when :meth:`open` is first called.

    A pack the cache holds unchanged is decoded only when opened: ``export --pack`` and ``report`` use
    one or a few of the installed packs, and knowing that the others load needs no decoding.
    """

    __slots__ = ("folder", "id", "_pack", "_decode", "_cache")

    def __init__(
        self,
        folder: Path,
        pack_id: str,
        pack: Pack | None = None,
        decode: Callable[[], Pack | None] | None = None,
        cache: PackCache | None = None,
    ) -> None:
        self.folder = folder
        self.id = pack_id
        self._pack = pack
        self._decode = decode
        self._cache = cache

    def open(self) -> Pack:
        """The pack (decoded from the cache now if it was not yet; from its files if that fails).

        Raises:
            ContentError: only if the cache's payload was damaged and the files, which the cache had
                checked unchanged since they loaded, now fail to load.
        """
        if self._pack is None:
            pack = self._decode() if self._decode is not None else None
            self._pack = pack if pack is not None else load_pack(self.folder, self._cache)
        return self._pack


def load_pack_refs(root: Path, cache: PackCache | None = None) -> tuple[list[PackRef], list[Diagnostic]]:
    """What :func:`load_packs` gives, each pack as a :class:`PackRef`: those the cache holds unchanged
    are not decoded until opened."""
    if cache is None:
        packs, found_problems = load_packs(root)
        return [PackRef(pack.folder, pack.id, pack) for pack in packs], found_problems
    refs: list[PackRef] = []
    problems: list[Diagnostic] = []
    for folder in find_packs(root):
        found = cache.get_later(folder)
        if found is not None:
            refs.append(PackRef(folder, found[0], decode=found[1], cache=cache))
            continue
        try:
            pack = load_pack(folder, cache)
        except ContentError as exc:
            problems.extend(exc.diagnostics)
            continue
        refs.append(PackRef(folder, pack.id, pack))
    return refs, problems


class PacksById(Mapping[str, Pack]):
    """Packs by id, each opened when first looked up (``in`` opens none). As ``{p.id: p for p in packs}``,
    a later pack with the same id wins."""

    def __init__(self, refs: list[PackRef]) -> None:
        self._refs = {ref.id: ref for ref in refs}

    def __getitem__(self, pack_id: str) -> Pack:
        try:
            return self._refs[pack_id].open()
        except ContentError:
            # Only when a damaged cache payload sends it back to files that no longer load (see
            # PackRef.open): the pack is then as good as missing (``get`` gives None), never a crash.
            raise KeyError(pack_id) from None

    def __contains__(self, pack_id: object) -> bool:
        return pack_id in self._refs

    def __iter__(self) -> Iterator[str]:
        return iter(self._refs)

    def __len__(self) -> int:
        return len(self._refs)


def info_of(pack: Pack) -> PackInfo:
    """The :class:`PackInfo` of a loaded pack."""
    return PackInfo(pack.folder, pack.id, pack.title, pack.meta.description)


class PackShelf:
    """The installed packs: each one's :class:`PackInfo`, and its content loaded on first open.

    A pack whose content fails to load stays on the shelf (the picker shows it); opening it raises
    the :class:`ContentError` again, from memory.
    """

    def __init__(
        self, infos: list[PackInfo], loaded: list[Pack] | None = None, cache: PackCache | None = None
    ) -> None:
        self.infos = list(infos)
        self.cache = cache
        """Where validated packs are kept between runs (None: always load from the files)."""
        self._packs: dict[Path, Pack] = {pack.folder: pack for pack in loaded or []}
        self._errors: dict[Path, ContentError] = {}

    @classmethod
    def of(cls, packs: list[Pack]) -> PackShelf:
        """A shelf of packs loaded already (tests, and callers that loaded them)."""
        return cls([info_of(pack) for pack in packs], packs)

    def __len__(self) -> int:
        return len(self.infos)

    def __getitem__(self, index: int) -> PackInfo:
        return self.infos[index]

    def index_of(self, pack_id: str) -> int | None:
        """The index of the pack with ``pack_id``, or None."""
        return next((i for i, info in enumerate(self.infos) if info.id == pack_id), None)

    def open(self, index: int) -> Pack:
        """The pack at ``index``, loaded now if it was not yet.

        Raises:
            ContentError: when its content does not load (every later call raises the same).
        """
        folder = self.infos[index].folder
        pack = self._packs.get(folder)
        if pack is not None:
            return pack
        if folder in self._errors:
            raise self._errors[folder]
        try:
            pack = self._packs[folder] = load_pack(folder, self.cache)
        except ContentError as exc:
            self._errors[folder] = exc
            raise
        return pack

    def problem(self, index: int) -> str | None:
        """The first error of the pack at ``index`` if opening it failed, else None."""
        error = self._errors.get(self.infos[index].folder)
        if error is None:
            return None
        first = next((d for d in error.diagnostics if d.severity == "error"), error.diagnostics[0])
        return str(first)

    def opened(self) -> list[Pack]:
        """The packs loaded so far."""
        return list(self._packs.values())

    def first_openable(self, start: int = 0) -> int | None:
        """The index of the first pack from ``start`` on that opens (loading each tried), or None."""
        for index in range(start, len(self.infos)):
            try:
                self.open(index)
            except ContentError:
                continue
            return index
        return None

    def errors(self) -> list[Diagnostic]:
        """Every diagnostic of the packs that failed to open."""
        return [d for error in self._errors.values() for d in error.diagnostics]


def pack_shelf(root: Path, cache: PackCache | None = None) -> tuple[PackShelf, list[Diagnostic]]:
    """The packs under ``root`` on a shelf (only their ``pack.yaml`` read), and the diagnostics of
    those whose ``pack.yaml`` does not read; with a ``cache``, an unchanged ``pack.yaml`` is not read
    and each pack opened comes from the cache when its files are unchanged."""
    if cache is None:
        infos, problems = read_pack_infos(root)
        return PackShelf(infos), problems
    infos = []
    problems = []
    for folder in find_packs(root):
        info = cache.get_info(folder)
        if info is None:
            try:
                key = file_key(folder / loader.PACK_FILE)
            except OSError:
                key = None
            try:
                info = read_pack_info(folder)
            except ContentError as exc:
                problems.extend(exc.diagnostics)
                continue
            if key is not None:
                cache.put_info(info, key)
        infos.append(info)
    return PackShelf(infos, cache=cache), problems


__all__ = [
    "KINDS",
    "PackCache",
    "PackInfo",
    "PackRef",
    "PackShelf",
    "PacksById",
    "find_packs",
    "info_of",
    "load_pack",
    "load_pack_refs",
    "load_packs",
    "pack_shelf",
]
