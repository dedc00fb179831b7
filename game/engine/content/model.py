"""The typed content model: packs, quiz questions of every type, and the files that hold them.

msgspec Structs validate at load with strict types (a YAML ``no`` is a bool and is refused where text
is meant, never coerced), forbid unknown keys, and generate the JSON Schema editors use.
"""

# No `from __future__ import annotations` here: msgspec reads these annotations, and as strings
# each of them had to be compiled and evaluated on the first load (~100 compile() calls, 6-9 ms).
from typing import Annotated, Literal

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


class Option(Struct, forbid_unknown_fields=True):
    """An answer option, with feedback shown when a player picks it."""

    text: Text
    feedback: Text | None = None


OptionSpec = Text | Option
"""An option is plain text or ``{text, feedback}``."""


class QuestionBase(Struct, forbid_unknown_fields=True, kw_only=True, tag_field="type"):
    """Fields every question has."""

    id: Id
    topic: Id
    """One of the pack's topic ids."""
    prompt: Text
    explanation: Text
    """Teaches why the answer is right; shown after every answer."""
    quotes: Annotated[list[Quote], Meta(min_length=1)]
    """Verbatim quotes from the article that prove the answer."""
    context: Text | None = None
    """Background that is not in the article, labelled as such."""
    points: Annotated[int, Meta(ge=1, le=100)] = 10


class SingleQuestion(QuestionBase, tag="single"):
    """One right option among several."""

    options: Annotated[list[OptionSpec], Meta(min_length=2, max_length=6)]
    answer: Text


class AttributionQuestion(QuestionBase, tag="attribution"):
    """Who said (or reported) these words?"""

    statement: Text
    options: Annotated[list[OptionSpec], Meta(min_length=2, max_length=6)]
    answer: Text


class TrueFalseQuestion(QuestionBase, tag="true_false"):
    """A statement that is true or false according to the article."""

    answer: bool


class ClaimFactQuestion(QuestionBase, tag="claim_fact"):
    """Does the article report this in its own voice, or attribute it to someone?"""

    statement: Text
    answer: Literal["fact", "claim"]


class MultiQuestion(QuestionBase, tag="multi"):
    """Pick every right option; partial credit."""

    options: Annotated[list[OptionSpec], Meta(min_length=3, max_length=6)]
    answers: Annotated[list[Text], Meta(min_length=1)]


class ShortQuestion(QuestionBase, tag="short"):
    """A typed answer, matched leniently against the accepted answers."""

    answers: Annotated[list[Text], Meta(min_length=1)]


class OrderQuestion(QuestionBase, tag="order"):
    """Put 3-5 items in order; ``items`` are written in the right order."""

    items: Annotated[list[Text], Meta(min_length=3, max_length=5)]


Question = (
    SingleQuestion
    | AttributionQuestion
    | TrueFalseQuestion
    | ClaimFactQuestion
    | MultiQuestion
    | ShortQuestion
    | OrderQuestion
)
QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "single": SingleQuestion,
    "attribution": AttributionQuestion,
    "true_false": TrueFalseQuestion,
    "claim_fact": ClaimFactQuestion,
    "multi": MultiQuestion,
    "short": ShortQuestion,
    "order": OrderQuestion,
}

TYPE_LABELS = {
    "single": "Single choice",
    "attribution": "Who said it?",
    "true_false": "True or false",
    "claim_fact": "Fact or claim?",
    "multi": "Select all that apply",
    "short": "Short answer",
    "order": "Put in order",
}


class QuizFile(Struct, forbid_unknown_fields=True):
    """A content file of ``kind: quiz``."""

    kind: Literal["quiz"]
    questions: Annotated[list[Question], Meta(min_length=1)]


def option_text(option: OptionSpec) -> str:
    """The text of an option written either way."""
    return option if isinstance(option, str) else option.text


def option_feedback(option: OptionSpec) -> str | None:
    """The feedback of an option, if it has any."""
    return None if isinstance(option, str) else option.feedback


def field_names() -> set[str]:
    """Every key any content struct accepts, for "did you mean" hints."""
    names: set[str] = {"type", "kind"}
    structs: tuple[type[Struct], ...] = (PackFile, Topic, Option, QuizFile, *QUESTION_TYPES.values())
    for struct in structs:
        names.update(struct.__struct_fields__)
    return names


def schema(struct: type) -> dict[str, object]:
    """The JSON Schema of a content struct."""
    return msgspec.json.schema(struct)
