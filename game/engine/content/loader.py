"""Loading packs: ``pack.yaml``, the article, and every content file, validated as they are read.

A pack is a folder with ``pack.yaml`` and other ``*.yaml`` files, each naming its ``kind``. Loading
never raises anything but :class:`ContentError`, whose diagnostics say ``path:line:col`` for every
problem; warnings travel on the loaded :class:`Pack`.

Content knows no kind of content file: the caller passes a table of :class:`ContentKind` (built in
:mod:`game.engine.packs` for the quiz and the scenario), so this module imports neither the quiz nor
the story engine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct, field

from game.engine.content import model
from game.engine.content.article_place import ArticlePlaceError, resolve_article
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.pack import Pack
from game.engine.content.quotes import Article, normalize
from game.engine.content.yamldoc import Path_, YamlDoc

# The YAML parser (game.engine.content.yamlsafe) is imported where a file is parsed, not here: a game
# started from the pack cache (game.engine.pack_cache) imports this module but never parses YAML.

PACK_FILE = "pack.yaml"


def display_path(path: Path) -> str:
    """``path`` relative to the working folder where that is shorter, as users typed it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel if not rel.startswith("..") else str(path)


# --- turning msgspec's messages into positioned diagnostics -------------------------------------

# Compiled on first use (re keeps them): only a pack that fails its schema needs them, not the start.
_AT = r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$"
_STEP = r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[(['\"])(.*?)\3\]"
# The keys of pack.yaml; each content kind adds the keys of its own files.
_PACK_FIELD_NAMES = frozenset({"kind", *model.PackFile.__struct_fields__, *model.Topic.__struct_fields__})
_YAML_WORDS = {
    "bool": "a yes/no value",
    "int": "a number",
    "float": "a number",
    "null": "nothing (null)",
    "date": "a date",
    "datetime": "a date and time",
}


def _parse_path(text: str) -> Path_:
    steps: list[str | int] = []
    for name, index, _quote, key in re.findall(_STEP, text or ""):
        steps.append(int(index) if index else (name or key))
    return tuple(steps)


def schema_diagnostic(
    doc: YamlDoc,
    base: Path_,
    error: msgspec.ValidationError,
    field_names: frozenset[str] = _PACK_FIELD_NAMES,
    value_hints: Mapping[str, str] | None = None,
) -> Diagnostic:
    """A msgspec validation error at ``base`` in ``doc`` as a positioned, readable diagnostic.

    Args:
        doc: the parsed file.
        base: where in ``doc`` the value that failed stands.
        error: msgspec's error.
        field_names: every key a content file accepts, for "did you mean" hints.
        value_hints: for a key whose value is not one of a fixed set, what the set is
            (``{"type": "a question type is one of single, …"}``).
    """
    match = re.match(_AT, str(error), re.S)
    assert match is not None  # the pattern matches any string
    message, path = match["message"], (*base, *_parse_path(match["path"] or ""))
    # fullmatch with DOTALL: a key may be empty or hold a line break (msgspec echoes it raw).
    unknown = re.fullmatch(r"Object contains unknown field `(.*)`", message, re.S)
    if unknown:
        import difflib  # only on this error path: difflib is a slow import

        name = unknown.group(1)
        hint = difflib.get_close_matches(name, sorted(field_names - {name}), n=1)
        tip = f"; did you mean {hint[0]!r}?" if hint else ""
        return doc.diag((*path, name), f"unknown key {name!r}{tip}", key=True)
    missing = re.match(r"Object missing required field `(.+)`", message)
    if missing:
        return doc.diag(path, f"missing required key {missing.group(1)!r}")
    expected = re.match(r"Expected `(.+?)`, got `(.+?)`", message)
    if expected:
        want, got = expected.groups()
        source = doc.scalar_source.get(path)
        # msgspec names an optional text "str | null" and an option "str | object".
        if source is not None and want in ("str", "str | null", "str | object"):
            return doc.diag(
                path,
                f"expected text, but YAML read {source!r} as {_YAML_WORDS.get(got, got)}; "
                f"put it in quotes: \"{source}\"",
            )
        return doc.diag(path, f"expected {want}, got {got}")
    if path and value_hints and message.startswith("Invalid value") and path[-1] in value_hints:
        return doc.diag(path, f"{message.lower()}: {value_hints[str(path[-1])]}")
    return doc.diag(path, message[0].lower() + message[1:])


# --- content kinds ----------------------------------------------------------------------------

ContentLoader = Callable[["PackBuilder", YamlDoc], None]


class ContentKind(Struct, frozen=True):
    """One ``kind:`` of content file: how to load it, and what its messages need to know."""

    load: ContentLoader
    """Reads one parsed file of this kind into the builder's pack, recording every problem."""
    field_names: frozenset[str] = frozenset()
    """Every key this kind's files accept, for "did you mean" hints on a misspelt key."""
    value_hints: Mapping[str, str] = field(default_factory=dict)
    """For a key whose value must be one of a fixed set, the set in words (see schema_diagnostic)."""


ContentKinds = Mapping[str, ContentKind]
"""The registry: kind name (the ``kind:`` a file names) to its :class:`ContentKind`."""


def known_field_names(kinds: ContentKinds) -> frozenset[str]:
    """Every key pack.yaml or a file of any of ``kinds`` accepts."""
    return _PACK_FIELD_NAMES.union(*(kind.field_names for kind in kinds.values()))


class PackBuilder(Struct):
    """State shared by the loaders of one pack's files while they are read."""

    pack: Pack
    errors: list[Diagnostic] = field(default_factory=list)
    ids: dict[str, tuple[str, int]] = field(default_factory=dict)
    field_names: frozenset[str] = _PACK_FIELD_NAMES
    """Every key a file of the pack may hold (a misspelt key in a scenario may be a quiz key)."""
    kind: ContentKind | None = None
    """The kind of the file being read."""

    def error(self, doc: YamlDoc, path: Path_, message: str, *, key: bool = False) -> None:
        self.errors.append(doc.diag(path, message, key=key))

    def warn(self, doc: YamlDoc, path: Path_, message: str) -> None:
        self.pack.warnings.append(doc.diag(path, message, severity="warning"))

    def claim_id(self, doc: YamlDoc, path: Path_, ident: str, what: str) -> None:
        """Record an id; a second use anywhere in the pack is an error."""
        if ident in self.ids:
            where, line = self.ids[ident]
            self.error(doc, (*path, "id"), f"{what} id {ident!r} is already used at {where}:{line}")
            return
        line = doc.position((*path, "id"))[0]
        self.ids[ident] = (doc.display, line)
        self.pack.sources[ident] = (doc.display, line)

    def check_quotes(self, doc: YamlDoc, path: Path_, quotes: list[str]) -> None:
        """Each quote must stand in the article (not its footer); remember its span."""
        article = self.pack.article
        for i, text in enumerate(quotes):
            key = normalize(text)
            span = article.find_normalized(key)
            if span is None:
                self.error(
                    doc, (*path, i), f"quote not found in the article {article.path.name}: {text[:60]!r}"
                )
            elif article.in_boilerplate(span):
                self.error(doc, (*path, i), "quote is from the page footer, which is not article text")
            else:
                self.pack.spans[key] = span

    def convert(self, doc: YamlDoc, path: Path_, value: Any, kind: Any) -> Any:
        """Type-check one value; on failure record the error and return None."""
        try:
            return msgspec.convert(value, kind, strict=True)
        except msgspec.ValidationError as exc:
            hints = self.kind.value_hints if self.kind is not None else None
            self.errors.append(schema_diagnostic(doc, path, exc, self.field_names, hints))
            return None


# --- packs ------------------------------------------------------------------------------------


def _read_pack_file(folder: Path, field_names: frozenset[str]) -> tuple[model.PackFile, YamlDoc]:
    from game.engine.content.yamlsafe import load_yaml

    doc = load_yaml(folder / PACK_FILE, display_path(folder / PACK_FILE))
    if not isinstance(doc.data, dict):
        raise ContentError([doc.diag((), "pack.yaml must be a mapping of keys to values")])
    try:
        meta = msgspec.convert(doc.data, model.PackFile, strict=True)
    except msgspec.ValidationError as exc:
        raise ContentError([schema_diagnostic(doc, (), exc, field_names)]) from None
    return meta, doc


def _read_article(meta: model.PackFile, doc: YamlDoc, folder: Path) -> Article:
    try:
        path = resolve_article(folder, meta.article)
    except ArticlePlaceError as exc:
        raise ContentError([doc.diag(("article",), f"the article {meta.article!r} {exc}")]) from None
    try:
        article = Article.from_file(path, meta.boilerplate_starts)
    except OSError as exc:
        raise ContentError(
            [doc.diag(("article",), f"cannot read the article {meta.article!r}: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise ContentError(
            [doc.diag(("article",), f"the article {meta.article!r} is not UTF-8 text")]
        ) from None
    if not article.body:
        raise ContentError([doc.diag(("article",), f"the article {meta.article!r} has no text")])
    return article


def article_file(folder: Path) -> Path:
    """The article the ``pack.yaml`` in ``folder`` names, where it stands.

    Raises:
        ContentError: when pack.yaml does not read or the article is not where a pack may keep it.
        OSError, RuntimeError: when a path cannot be resolved.
    """
    meta, doc = _read_pack_file(folder, _PACK_FIELD_NAMES)
    try:
        return resolve_article(folder, meta.article)
    except ArticlePlaceError as exc:
        raise ContentError([doc.diag(("article",), f"the article {meta.article!r} {exc}")]) from None


def content_files(folder: Path) -> list[Path]:
    """The content files of a pack folder, in a stable order: every file (or link to one) whose name
    ends in ``.yaml``, hidden ones too, but ``pack.yaml``; none when the folder cannot be listed."""
    # os.scandir, not Path.glob("*.yaml"): the same files and order (glob matches case-blind where the
    # file system's paths are, as normcase does; a folder it cannot list gives nothing), at a twentieth
    # of the cost. Every command that reads a pack, or checks that its cached copy is current, lists it.
    try:
        with os.scandir(folder) as scan:
            names = [
                entry.name
                for entry in scan
                if os.path.normcase(entry.name).endswith(".yaml")
                and entry.name != PACK_FILE
                and _is_file(entry)
            ]
    except OSError:
        return []
    return [folder / name for name in sorted(names, key=os.path.normcase)]


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # follows a symbolic link, as Path.is_file does
    except OSError:  # as Path.is_file: a file that cannot be looked at is not one
        return False


def load_pack(folder: Path, kinds: ContentKinds) -> Pack:
    """Load and validate the pack in ``folder``, reading each content file with its kind's loader.

    Most callers want :func:`game.engine.packs.load_pack`, which passes the game's kinds.

    Raises:
        ContentError: with every error found; warnings are on the returned pack.
    """
    from game.engine.content.yamlsafe import gc_paused

    # The whole load, not only each parse: checking a big pack allocates as much again as parsing it.
    with gc_paused():
        try:
            return _load_pack(folder, kinds)
        except (OSError, RuntimeError) as exc:
            # Anything else that goes wrong resolving or reading this pack's files (RuntimeError is
            # Path.resolve()'s "Symlink loop") is this pack's error: the other packs still load.
            shown = display_path(folder / PACK_FILE)
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ContentError([Diagnostic(shown, 1, 1, f"cannot read this pack: {reason}")]) from None


def _load_pack(folder: Path, kinds: ContentKinds) -> Pack:
    from game.engine.content.yamlsafe import load_yaml

    names = known_field_names(kinds)
    meta, pack_doc = _read_pack_file(folder, names)
    article = _read_article(meta, pack_doc, folder)
    pack = Pack(meta, folder, article)
    builder = PackBuilder(pack, field_names=names)
    if meta.id != folder.name:
        builder.warn(pack_doc, ("id",), f"pack id {meta.id!r} differs from its folder name {folder.name!r}")
    if meta.article_sha256 and meta.article_sha256 != article.sha256:
        builder.error(
            pack_doc,
            ("article_sha256",),
            f"the article has changed since its quotes were checked (sha256 {article.sha256[:12]}…); "
            "review the quotes reported below, then update article_sha256",
        )
    seen_topics: set[str] = set()
    for i, topic in enumerate(meta.topics):
        if topic.id in seen_topics:
            builder.error(pack_doc, ("topics", i, "id"), f"topic id {topic.id!r} is listed twice")
        seen_topics.add(topic.id)
    files = content_files(folder)
    for file in files:
        try:
            doc = load_yaml(file, display_path(file))
        except ContentError as exc:
            builder.errors.extend(exc.diagnostics)
            continue
        load_content_doc(builder, doc, kinds)
    if not pack.questions and not pack.scenarios and not builder.errors:
        builder.error(pack_doc, (), "the pack has no questions and no scenarios")
    if builder.errors:
        raise ContentError(builder.errors + pack.warnings)
    return pack


def load_content_doc(builder: PackBuilder, doc: YamlDoc, kinds: ContentKinds) -> None:
    """Dispatch one parsed content file to the loader of its ``kind``."""
    if not isinstance(doc.data, dict):
        builder.error(doc, (), "a content file must be a mapping with a 'kind' key")
        return
    name = doc.data.get("kind")
    kind = kinds.get(name) if isinstance(name, str) else None
    if kind is None:
        known = ", ".join(sorted(kinds))
        where: Path_ = ("kind",) if "kind" in doc.data else ()
        builder.error(doc, where, f"'kind' must be one of: {known}")
        return
    builder.kind = kind
    try:
        kind.load(builder, doc)
    finally:
        builder.kind = None


def find_packs(root: Path) -> list[Path]:
    """Pack folders at or directly below ``root``, sorted by name."""
    if (root / PACK_FILE).is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file())


class PackInfo(Struct, frozen=True):
    """What the pack picker shows of a pack, read from its ``pack.yaml`` alone (its content is read
    when the pack is opened: see :class:`game.engine.packs.PackShelf`)."""

    folder: Path
    id: str
    title: str
    description: str


def read_pack_info(folder: Path) -> PackInfo:
    """The :class:`PackInfo` of the pack in ``folder``, from ``pack.yaml`` only (checked as a whole).

    Raises:
        ContentError: when ``pack.yaml`` cannot be read or is not a valid pack file.
    """
    try:
        meta, _doc = _read_pack_file(folder, _PACK_FIELD_NAMES)
    except (OSError, RuntimeError) as exc:
        shown = display_path(folder / PACK_FILE)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ContentError([Diagnostic(shown, 1, 1, f"cannot read this pack: {reason}")]) from None
    return PackInfo(folder, meta.id, meta.title, meta.description)


def read_pack_infos(root: Path) -> tuple[list[PackInfo], list[Diagnostic]]:
    """The :class:`PackInfo` of every pack under ``root`` whose ``pack.yaml`` reads, and the
    diagnostics of those whose ``pack.yaml`` does not."""
    infos: list[PackInfo] = []
    problems: list[Diagnostic] = []
    for folder in find_packs(root):
        try:
            infos.append(read_pack_info(folder))
        except ContentError as exc:
            problems.extend(exc.diagnostics)
    return infos, problems


def load_packs(root: Path, kinds: ContentKinds) -> tuple[list[Pack], list[Diagnostic]]:
    """Every pack under ``root`` that loads, and the diagnostics of those that do not."""
    packs: list[Pack] = []
    problems: list[Diagnostic] = []
    for folder in find_packs(root):
        try:
            packs.append(load_pack(folder, kinds))
        except ContentError as exc:
            problems.extend(exc.diagnostics)
    return packs, problems

