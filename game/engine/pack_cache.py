"""A cache of validated packs on disk, so a game whose packs have not changed starts without YAML.

Each pack folder has two entries in the cache folder (the caller chooses it: :func:`game.paths.cache_dir`):

* ``<key>.info``: the pack's :class:`PackInfo` (what the picker shows), keyed by ``pack.yaml`` alone;
* ``<key>.pack``: the whole loaded :class:`Pack`, keyed by every file it was read from (``pack.yaml``,
  each content file, the article).

An entry holds the game's version, the working folder (diagnostics name files relative to it), and for
each file its path, size, ``mtime_ns`` and a hash of its bytes. It is used only when all of them match
the files as they are now; anything else (no entry, a stale one, an unreadable or damaged one, another
version) is a miss, and the caller loads and validates the pack from its files as if there were no
cache. Only packs that loaded without errors are stored. The format is msgpack through msgspec's typed
decoder, which builds nothing but the structs named here: never pickle.

A scenario is stored without its parsed file and its compiled conditions: the conditions are compiled
again from their text (they were checked when the pack was validated), and the story lint parses the
file again when it needs positions (:func:`game.authoring.storylint.lint_scenario`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import msgspec
from msgspec import Struct

from game import code_stamp
from game.engine.content import model
from game.engine.content.article_place import resolve_article
from game.engine.content.diagnostics import Diagnostic
from game.engine.content.loader import PACK_FILE, PackInfo, content_files
from game.engine.content.pack import Pack
from game.engine.content.quotes import Article, Paragraph, Span
from game.engine.quiz.types import Question
from game.engine.story.conditions import parse_condition
from game.engine.story.model import Ending, Scenario, ScenarioHead, Scene, Variable

_STAMPS: list[str] = []


def _stamp() -> str:
    """The game's version and code fingerprint (computed once a process): a change of code is a miss."""
    if not _STAMPS:
        _STAMPS.append(code_stamp())
    return _STAMPS[0]


FileKey = tuple[str, int, int, str]
"""A file as it was read: (path, size, mtime_ns, hash of its bytes)."""


class _Header(Struct, array_like=True):
    version: str
    cwd: str
    folder: str
    files: list[FileKey]


class _CachedScenario(Struct, array_like=True):
    head: ScenarioHead
    variables: dict[str, Variable]
    scenes: dict[str, Scene]
    endings: dict[str, Ending]
    file: str
    path: str | None
    positions: dict[tuple[str | int, ...], tuple[int, int]]
    order: dict[str, int]


class _CachedPack(Struct, array_like=True):
    meta: model.PackFile
    article_path: str
    text: str
    paragraphs: list[Paragraph]
    sha256: str
    questions: list[Question]
    scenarios: list[_CachedScenario]
    spans: dict[str, Span]
    warnings: list[Diagnostic]
    sources: dict[str, tuple[str, int]]


class _InfoEntry(Struct, array_like=True):
    header: _Header
    id: str
    title: str
    description: str


class _PackEntry(Struct, array_like=True):
    header: _Header
    id: str
    """The pack's id: with the header, all a command that does not use this pack needs of it."""
    pack: bytes
    """A :class:`_CachedPack`, decoded only once the header matches the files (a stale entry of a big
    pack costs little) and the pack is used. Bytes (msgpack's bin), not msgspec.Raw: a Raw field is
    found by walking the whole payload (~0.4M instructions for panjshir), bytes by its length."""


class _VerdictEntry(Struct, array_like=True):
    header: _Header
    diagnostics: list[Diagnostic]
    notes: list[str]


_ContentEntry = TypeVar("_ContentEntry", _PackEntry, _VerdictEntry)
"""An entry keyed by every file of a pack and its article."""

_ENCODER = msgspec.msgpack.Encoder()
_VERDICT = msgspec.msgpack.Decoder(_VerdictEntry)
_INFO = msgspec.msgpack.Decoder(_InfoEntry)
_PACK_ENTRY = msgspec.msgpack.Decoder(_PackEntry)
_PACK = msgspec.msgpack.Decoder(_CachedPack)


try:
    # BLAKE2 from its own built-in module: `import hashlib` loads OpenSSL first (~2.5 ms, a tenth of a
    # warm `export`), and a hit needs no other hash.
    from _blake2 import blake2b
except ImportError:  # a Python built without it: hashlib's is the same function
    from hashlib import blake2b


def _hash(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def file_key(path: Path) -> FileKey:
    """The key of one file as it is now (OSError when it cannot be read)."""
    data = path.read_bytes()
    info = os.stat(path)
    return (str(path), info.st_size, info.st_mtime_ns, _hash(data))


def _same(keys: Iterable[FileKey]) -> bool:
    """Whether every file still has the size, mtime and bytes of its key."""
    for name, size, mtime, digest in keys:
        info = os.stat(name)
        if info.st_size != size or info.st_mtime_ns != mtime:
            return False
        if _hash(Path(name).read_bytes()) != digest:
            return False
    return True


class PackCache:
    """The cache folder; every method treats any doubt as a miss and any failure to write as nothing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, pack_folder: Path, suffix: str) -> Path:
        name = _hash(os.path.abspath(pack_folder).encode("utf-8", "surrogateescape"))
        return self.folder / f"{name}.{suffix}"

    def _header(self, pack_folder: Path, files: list[FileKey]) -> _Header:
        return _Header(_stamp(), os.getcwd(), os.path.abspath(pack_folder), files)

    def _matches(self, header: _Header, pack_folder: Path, names: list[str]) -> bool:
        return (
            header.version == _stamp()
            and header.cwd == os.getcwd()
            and header.folder == os.path.abspath(pack_folder)
            and [key[0] for key in header.files] == names
            and _same(header.files)
        )

    def _content_entry(
        self, pack_folder: Path, suffix: str, decoder: msgspec.msgpack.Decoder[_ContentEntry]
    ) -> _ContentEntry | None:
        """The entry ``suffix`` of ``pack_folder`` if it was made from the pack's files and article as
        they are now (same names, sizes, mtimes and hashes), with this code, from this working folder;
        None otherwise: a missing, stale, damaged or unreadable entry is a miss, whatever failed."""
        try:
            entry = decoder.decode(self._entry(pack_folder, suffix).read_bytes())
            names: list[str] = [str(path) for path in _pack_files(pack_folder)]
            article: str = entry.header.files[-1][0] if entry.header.files else ""  # the article is last
            if not self._matches(entry.header, pack_folder, [*names, article]):
                return None
        except Exception:  # noqa: BLE001 - any doubt is a miss
            return None
        return entry

    def _write(self, target: Path, data: bytes) -> None:
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, target)  # atomic: a reader sees the old entry or the new, never half
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:  # no folder to write in: nothing was left behind
                pass

    # --- pack.yaml alone -------------------------------------------------------------------------

    def get_info(self, pack_folder: Path) -> PackInfo | None:
        """The cached :class:`PackInfo` of ``pack_folder`` if its ``pack.yaml`` is unchanged."""
        try:
            entry = _INFO.decode(self._entry(pack_folder, "info").read_bytes())
            if not self._matches(entry.header, pack_folder, [str(pack_folder / PACK_FILE)]):
                return None
        except Exception:  # noqa: BLE001 - a damaged or unreadable entry is a miss, whatever failed
            return None
        return PackInfo(pack_folder, entry.id, entry.title, entry.description)

    def put_info(self, info: PackInfo, key: FileKey) -> None:
        """Store ``info``, read from the ``pack.yaml`` whose key (taken before reading it) is ``key``."""
        entry = _InfoEntry(self._header(info.folder, [key]), info.id, info.title, info.description)
        self._write(self._entry(info.folder, "info"), _ENCODER.encode(entry))

    # --- the whole pack --------------------------------------------------------------------------

    def get(self, pack_folder: Path) -> Pack | None:
        """The cached pack of ``pack_folder`` if none of its files changed since it was stored."""
        found = self.get_later(pack_folder)
        return None if found is None else found[1]()

    def get_later(self, pack_folder: Path) -> tuple[str, Callable[[], Pack | None]] | None:
        """The id of the cached pack of ``pack_folder`` if none of its files changed since it was stored,
        and a function that decodes the pack (None if that fails: a miss, as for :meth:`get`).

        A hit proves the pack loads (only packs that loaded without errors are stored): a command that
        needs one pack of several knows the others are sound without decoding them.
        """
        entry = self._content_entry(pack_folder, "pack", _PACK_ENTRY)
        if entry is None:
            return None
        raw = entry.pack

        def decode() -> Pack | None:
            try:
                return _pack_of(_PACK.decode(raw), pack_folder)
            except Exception:  # noqa: BLE001 - a damaged entry (or a condition no longer compiling) is a miss
                return None

        return entry.id, decode

    def keys_before_load(self, pack_folder: Path) -> list[FileKey] | None:
        """The keys of a pack's YAML files, taken before it is loaded (None when one cannot be read)."""
        try:
            return [file_key(path) for path in _pack_files(pack_folder)]
        except OSError:
            return None

    def put(self, pack: Pack, keys: list[FileKey] | None) -> None:
        """Store a pack that loaded without errors from files whose keys were ``keys`` before the load.

        Nothing is stored when a file changed while the pack was read (its size or mtime differs now),
        or the set of files did: the entry would pair old content with new keys.
        """
        if keys is None:
            return
        try:
            now = [str(path) for path in _pack_files(pack.folder)]
            if now != [key[0] for key in keys] or not _same(keys):
                return
            article = resolve_article(pack.folder, pack.meta.article)
            info = os.stat(article)
            raw = article.read_bytes()
            import hashlib  # only when storing: a hit needs no SHA-256

            if hashlib.sha256(raw).hexdigest() != pack.article.sha256:
                return  # the article changed since the pack was built from it
            article_key = (str(article), info.st_size, info.st_mtime_ns, _hash(raw))
            data = _ENCODER.encode(_cached(pack))
        except Exception:  # noqa: BLE001 - a pack that cannot be stored is simply not cached
            return
        header = self._header(pack.folder, [*keys, article_key])
        self._write(self._entry(pack.folder, "pack"), _ENCODER.encode(_PackEntry(header, pack.id, data)))

    # --- validate's verdict on one pack ------------------------------------------------------------

    def get_verdict(self, pack_folder: Path) -> tuple[list[Diagnostic], list[str]] | None:
        """What validating ``pack_folder`` gave (its diagnostics and its notes) if none of the files it
        read changed since, with this code, from this working folder; None otherwise."""
        entry = self._content_entry(pack_folder, "verdict", _VERDICT)
        return None if entry is None else (entry.diagnostics, entry.notes)

    def verdict_keys(self, pack_folder: Path) -> list[FileKey] | None:
        """The keys of the files validating ``pack_folder`` reads (its YAML files, then its article),
        taken before it is validated; None when one cannot be read or the article is not known (a
        ``pack.yaml`` that does not say where it is): such a verdict is not kept."""
        try:
            from game.engine.content.loader import article_file  # here: it reads pack.yaml with YAML

            return [
                *(file_key(path) for path in _pack_files(pack_folder)),
                file_key(article_file(pack_folder)),
            ]
        except Exception:  # noqa: BLE001 - files that cannot be keyed: no verdict kept
            return None

    def put_verdict(
        self, pack_folder: Path, keys: list[FileKey] | None, diagnostics: list[Diagnostic], notes: list[str]
    ) -> None:
        """Store what validating ``pack_folder`` gave, from files whose keys (:meth:`verdict_keys`) were
        ``keys`` before; nothing when a file changed meanwhile, or the set of files did."""
        if keys is None:
            return
        try:
            now = [str(path) for path in _pack_files(pack_folder)]
            if now != [key[0] for key in keys[:-1]] or not _same(keys):
                return
        except OSError:
            return
        entry = _VerdictEntry(self._header(pack_folder, keys), diagnostics, notes)
        self._write(self._entry(pack_folder, "verdict"), _ENCODER.encode(entry))


def _pack_files(folder: Path) -> list[Path]:
    return [folder / PACK_FILE, *content_files(folder)]


def _cached(pack: Pack) -> _CachedPack:
    scenarios = [
        _CachedScenario(
            s.head,
            s.variables,
            s.scenes,
            s.endings,
            s.file,
            None if s.path is None else str(s.path),
            s.positions,
            s.order,
        )
        for s in pack.scenarios
    ]
    article = pack.article
    return _CachedPack(
        pack.meta,
        str(article.path),
        article.text,
        article.paragraphs,
        article.sha256,
        pack.questions,
        scenarios,
        pack.spans,
        pack.warnings,
        pack.sources,
    )


def _scenario_of(cached: _CachedScenario) -> Scenario:
    scenario = Scenario(
        cached.head,
        cached.variables,
        cached.scenes,
        cached.endings,
        file=cached.file,
        path=None if cached.path is None else Path(cached.path),
        positions=cached.positions,
        order=cached.order,
    )
    types = {name: var.type for name, var in cached.variables.items()}
    for scene_id, scene in cached.scenes.items():
        for index, choice in enumerate(scene.choices):
            if choice.cond is not None:
                scenario.conditions[(scene_id, index)] = parse_condition(
                    choice.cond, types, set(cached.scenes), set(cached.endings)
                )
    return scenario


def _pack_of(cached: _CachedPack, folder: Path) -> Pack:
    article = Article(Path(cached.article_path), cached.text, cached.paragraphs, cached.sha256)
    # The spans are what the loader's searches found (by normalised quote), so the article starts
    # knowing them: a command that asks where a quote stands (export deals find-the-line answers)
    # then never normalises the whole article (a Python loop over every character, ~2 ms).
    article._found.update(cached.spans)
    return Pack(
        cached.meta,
        folder,
        article,
        questions=cached.questions,
        scenarios=[_scenario_of(s) for s in cached.scenarios],
        spans=cached.spans,
        warnings=cached.warnings,
        sources=cached.sources,
    )


__all__ = ["FileKey", "PackCache", "file_key"]
