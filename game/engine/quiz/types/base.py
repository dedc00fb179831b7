"""What every question type has: the common fields, options, answer shapes and the :class:`QuestionType` base.

A question type is one module in this package: its struct (a :class:`QuestionBase` subclass tagged with the
type's name), and a :class:`QuestionType` object saying how it is checked at load, dealt, judged and exported.
The UI, plain mode and exports never name a type: they ask the registry (``game.engine.quiz.types``) for the
type of a question and dispatch on its :class:`AnswerShape`.
"""

# No `from __future__ import annotations`: msgspec reads the struct annotations (see content/model.py).
import random
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from msgspec import Meta, Struct

from game.engine.content.model import Id, Quote, Text

if TYPE_CHECKING:
    from game.engine.content.loader import Pack, PackBuilder
    from game.engine.content.yamlsafe import Path_, YamlDoc
    from game.engine.quiz.sentences import Sentence


class AnswerShape(StrEnum):
    """How a player gives an answer; the UI has one widget and plain mode one prompt per shape."""

    PICK_ONE = "pick_one"
    """One of the listed choices."""
    PICK_MANY = "pick_many"
    """Every right one of the listed choices."""
    ORDER = "order"
    """All the listed choices, first to last."""
    TYPE_TEXT = "type_text"
    """Typed text."""
    PICK_SENTENCE = "pick_sentence"
    """One sentence of the article (see :mod:`game.engine.quiz.sentences`)."""


class Option(Struct, forbid_unknown_fields=True):
    """An answer option, with feedback shown when a player picks it."""

    text: Text
    feedback: Text | None = None


OptionSpec = Text | Option
"""An option is plain text or ``{text, feedback}``."""


def option_text(option: OptionSpec) -> str:
    """The text of an option written either way."""
    return option if isinstance(option, str) else option.text


def option_feedback(option: OptionSpec) -> str | None:
    """The feedback of an option, if it has any."""
    return None if isinstance(option, str) else option.feedback


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


class Judged(Struct, frozen=True):
    """What a type says about one response (the run adds points, bonus and quotes)."""

    credit: float
    right: str
    """The right answer, as a player reads it."""
    given: str
    """The player's answer, as a player reads it ("" for a time-out)."""
    feedback: list[str] = []
    """Feedback of the wrong options the player picked."""
    note: str | None = None
    """A word on how the answer was taken (``Accepted — spelled "Tajiks"`` for a near miss)."""


def check_index(value: Any, size: int) -> int:
    """``value`` as a 0-based choice index, or ValueError."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
        raise ValueError(f"an answer must be an option number from 1 to {size}")
    return value


class QuestionType:
    """One question type. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    """The ``type:`` written in YAML."""
    label: ClassVar[str]
    """How the game names the type to a player ("Select all that apply")."""
    struct: ClassVar[type[QuestionBase]]
    shape: ClassVar[AnswerShape]
    fixed_choices: ClassVar[bool] = False
    """The choices are the type's own (True/False), the same for every question, not written options."""

    # --- load -----------------------------------------------------------------------------------

    def check(self, builder: "PackBuilder", doc: "YamlDoc", path: "Path_", question: Any) -> None:
        """The checks a schema cannot express (quotes and topic are checked for every type)."""

    # --- play -----------------------------------------------------------------------------------

    def deal(self, question: Any, rng: random.Random) -> list[int]:
        """A permutation of the question's choices (shown position → written index); [] for none."""
        return []

    def choices(self, question: Any, perm: list[int]) -> list[str]:
        """The choices in the order dealt; [] for shapes without a list."""
        return []

    def answer_words(self, question: Any) -> dict[str, int]:
        """Words a player may type instead of a choice's number (``true``, ``claim``), in lower case."""
        return {}

    def statement(self, question: Any) -> str | None:
        """Text shown under the prompt (a statement or claim the question is about)."""
        statement = getattr(question, "statement", None)
        return statement if isinstance(statement, str) else None

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        """Judge ``response`` (never None: the run handles time-outs through :meth:`right_text`).

        Raises:
            ValueError: when the response does not fit the question's shape.
        """
        raise NotImplementedError

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        """The right answer as a player reads it."""
        raise NotImplementedError

    def right_sentence(self, question: Any, pack: "Pack") -> "Sentence | None":
        """The sentence that answers a pick-a-sentence question (None for other shapes)."""
        return None

    # --- export ---------------------------------------------------------------------------------

    def right_choices(self, question: Any, choices: list[str], perm: list[int]) -> list[int]:
        """Indices into ``choices``: the right one(s); for an ordering, the items in the right order."""
        return []

    def choice_feedback(self, question: Any, perm: list[int]) -> list[str | None]:
        """The feedback of each dealt choice."""
        return [None] * len(perm)

    def accepted(self, question: Any) -> list[str]:
        """Accepted typed answers (type-text shape)."""
        return []

    def fold_given(self, given: str) -> str:
        """A given answer folded so equal answers group together in the class report."""
        return given
