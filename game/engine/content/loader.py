"""Loading packs: ``pack.yaml``, the article, and every content file, validated as they are read.

A pack is a folder with ``pack.yaml`` and other ``*.yaml`` files, each naming its ``kind``. Loading
never raises anything but :class:`ContentError`, whose diagnostics say ``path:line:col`` for every
problem; warnings travel on the loaded :class:`Pack`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct, field

from game.engine.content import model
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.quotes import Article, Span, normalize
from game.engine.content.yamlsafe import Path_, YamlDoc, gc_paused, load_yaml

PACK_FILE = "pack.yaml"


def display_path(path: Path) -> str:
    """``path`` relative to the working folder where that is shorter, as users typed it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel if not rel.startswith("..") else str(path)


# Structs rather than dataclasses (same fields, equality and defaults): this module is imported by
# every command, each dataclass took ~0.4 ms to create, and now `validate` never imports dataclasses.
class QuoteRef(Struct, frozen=True):
    """A quote as it stands in the article, with where it stands."""

    text: str
    span: Span

    @property
    def paragraph(self) -> int:
        return self.span.paragraph


class Pack(Struct):
    """A loaded, validated pack."""

    meta: model.PackFile
    folder: Path
    article: Article
    questions: list[Any] = field(default_factory=list)
    """Quiz questions (structs of game.engine.quiz.types; content does not know the types)."""
    scenarios: list[Any] = field(default_factory=list)
    """Story scenarios (see game.engine.story.run)."""
    spans: dict[str, Span] = field(default_factory=dict)
    """Verified quotes by their normalised text."""
    warnings: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Where each question and scenario id was defined: (file, line)."""

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def topics(self) -> dict[str, str]:
        return {topic.id: topic.title for topic in self.meta.topics}

    def question(self, question_id: str) -> Any:
        """The question with this id (KeyError if none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def quote(self, text: str) -> QuoteRef:
        """A verified quote as it stands in the article."""
        span = self.spans[_quote_key(text)]
        return QuoteRef(self.article.text[span.start : span.end], span)

    def quotes_of(self, texts: list[str]) -> list[QuoteRef]:
        """Verified quotes for a list of quote texts from content."""
        return [self.quote(text) for text in texts]


def _quote_key(text: str) -> str:
    return normalize(text)


# --- turning msgspec's messages into positioned diagnostics -------------------------------------

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[(['\"])(.*?)\3\]")
_FIELD_NAMES = model.field_names()
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
    for name, index, _quote, key in _STEP.findall(text or ""):
        steps.append(int(index) if index else (name or key))
    return tuple(steps)


def schema_diagnostic(doc: YamlDoc, base: Path_, error: msgspec.ValidationError) -> Diagnostic:
    """A msgspec validation error at ``base`` in ``doc`` as a positioned, readable diagnostic."""
    match = _AT.match(str(error))
    assert match is not None  # the pattern matches any string
    message, path = match["message"], (*base, *_parse_path(match["path"] or ""))
    # fullmatch with DOTALL: a key may be empty or hold a line break (msgspec echoes it raw).
    unknown = re.fullmatch(r"Object contains unknown field `(.*)`", message, re.S)
    if unknown:
        import difflib  # only on this error path: difflib is a slow import

        name = unknown.group(1)
        hint = difflib.get_close_matches(name, sorted(_FIELD_NAMES), n=1)
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
    return doc.diag(path, message[0].lower() + message[1:])


# --- content kinds ----------------------------------------------------------------------------

ContentLoader = Callable[["PackBuilder", YamlDoc], None]
CONTENT_KINDS: dict[str, ContentLoader] = {}


def content_kind(name: str) -> Callable[[ContentLoader], ContentLoader]:
    """Register the loader of one ``kind:`` of content file."""

    def register(loader: ContentLoader) -> ContentLoader:
        CONTENT_KINDS[name] = loader
        return loader

    return register


class PackBuilder(Struct):
    """State shared by the loaders of one pack's files while they are read."""

    pack: Pack
    errors: list[Diagnostic] = field(default_factory=list)
    ids: dict[str, tuple[str, int]] = field(default_factory=dict)

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
            self.errors.append(schema_diagnostic(doc, path, exc))
            return None


# --- packs ------------------------------------------------------------------------------------


def _read_pack_file(folder: Path) -> tuple[model.PackFile, YamlDoc]:
    doc = load_yaml(folder / PACK_FILE, display_path(folder / PACK_FILE))
    if not isinstance(doc.data, dict):
        raise ContentError([doc.diag((), "pack.yaml must be a mapping of keys to values")])
    try:
        meta = msgspec.convert(doc.data, model.PackFile, strict=True)
    except msgspec.ValidationError as exc:
        raise ContentError([schema_diagnostic(doc, (), exc)]) from None
    return meta, doc


def _read_article(meta: model.PackFile, doc: YamlDoc, folder: Path) -> Article:
    path = (folder / meta.article).resolve()
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


def content_files(folder: Path) -> list[Path]:
    """The content files of a pack folder, in a stable order."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != PACK_FILE and p.is_file())


def load_pack(folder: Path) -> Pack:
    """Load and validate the pack in ``folder``.

    Raises:
        ContentError: with every error found; warnings are on the returned pack.
    """
    # The whole load, not only each parse: checking a big pack allocates as much again as parsing it.
    with gc_paused():
        return _load_pack(folder)


def _load_pack(folder: Path) -> Pack:
    meta, pack_doc = _read_pack_file(folder)
    article = _read_article(meta, pack_doc, folder)
    pack = Pack(meta, folder, article)
    builder = PackBuilder(pack)
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
        load_content_doc(builder, doc)
    if not pack.questions and not pack.scenarios and not builder.errors:
        builder.error(pack_doc, (), "the pack has no questions and no scenarios")
    if builder.errors:
        raise ContentError(builder.errors + pack.warnings)
    return pack


def load_content_doc(builder: PackBuilder, doc: YamlDoc) -> None:
    """Dispatch one parsed content file to the loader of its ``kind``."""
    if not isinstance(doc.data, dict):
        builder.error(doc, (), "a content file must be a mapping with a 'kind' key")
        return
    kind = doc.data.get("kind")
    loader = CONTENT_KINDS.get(kind) if isinstance(kind, str) else None
    if loader is None:
        known = ", ".join(sorted(CONTENT_KINDS))
        where: Path_ = ("kind",) if "kind" in doc.data else ()
        builder.error(doc, where, f"'kind' must be one of: {known}")
        return
    loader(builder, doc)


def find_packs(root: Path) -> list[Path]:
    """Pack folders at or directly below ``root``, sorted by name."""
    if (root / PACK_FILE).is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file())


def load_packs(root: Path) -> tuple[list[Pack], list[Diagnostic]]:
    """Every pack under ``root`` that loads, and the diagnostics of those that do not."""
    packs: list[Pack] = []
    problems: list[Diagnostic] = []
    for folder in find_packs(root):
        try:
            packs.append(load_pack(folder))
        except ContentError as exc:
            problems.extend(exc.diagnostics)
    return packs, problems


# Register the built-in content kinds.
from game.engine.quiz import file as _quizfile  # noqa: E402,F401  (registers "quiz")
from game.engine.story import file as _storyfile  # noqa: E402,F401  (registers "scenario")
