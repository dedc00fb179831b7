"""The typed content model: packs, topics and the text types every content file uses.

Question structs live with their types in ``game.engine.quiz.types``, scenarios in
``game.engine.story.model``.

msgspec Structs validate at load with strict types (a YAML ``no`` is a bool and is refused where text
is meant, never coerced), forbid unknown keys, and generate the JSON Schema editors use.
"""

# No `from __future__ import annotations` here: msgspec reads these annotations, and as strings
# each of them had to be compiled and evaluated on the first load (~100 compile() calls, 6-9 ms).
from typing import Annotated

import msgspec
from msgspec import Meta, Struct

Id = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
"""A stable identifier: lowercase letters, digits, ``-`` and ``_``. Progress is keyed by it."""
Text = Annotated[str, Meta(min_length=1, max_length=4000)]
"""Non-empty text shown to the player."""
Quote = Annotated[str, Meta(min_length=3, max_length=2000)]
"""Words that must occur verbatim in the article."""


class Topic(Struct, forbid_unknown_fields=True):
    """A topic questions are grouped by in the round summary."""

    id: Id
    title: Text


class PackFile(Struct, forbid_unknown_fields=True, kw_only=True):
    """``pack.yaml``: what a pack is and which article it teaches."""

    id: Id
    title: Text
    description: Text
    tagline: Text | None = None
    """One line under the game's name on the title screen, on what the pack is (e.g. "A quiz on a real
    news report…"); without it the title says neutrally what the pack offers, claiming nothing."""
    article: Text
    """Path of the article, relative to pack.yaml."""
    language: str = "en"
    boilerplate_starts: str | None = None
    """The first line of scraped page footer; it and everything after it is not article text."""
    article_sha256: str | None = None
    """SHA-256 of the article the quotes were checked against; validate reports a changed article."""
    topics: list[Topic] = []
    people: list[Text] = []
    """People and groups the article names; attribution options must be one of them or an outlet."""
    outlets: list[Text] = []
    """News outlets, papers and programmes the article names."""
    places: list[Text] = []
    """Places the article names; an option's kind (person, outlet, place) is read from these lists."""


def field_names() -> set[str]:
    """Every key a pack struct accepts, for "did you mean" hints (content kinds add their own)."""
    names: set[str] = {"type", "kind"}
    structs: tuple[type[Struct], ...] = (PackFile, Topic)
    for struct in structs:
        names.update(struct.__struct_fields__)
    return names


def schema(struct: type) -> dict[str, object]:
    """The JSON Schema of a content struct."""
    return msgspec.json.schema(struct)
