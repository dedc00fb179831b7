"""The question types: one module each, registered in one table.

:data:`TYPES` maps a YAML ``type:`` to its :class:`~game.engine.quiz.types.base.QuestionType`;
:func:`type_of` gives the type of a loaded question. :data:`Question` is the union msgspec validates a
question against. Adding a type: write its module (struct + ``QuestionType``), add it to :data:`TYPES` and
to :data:`Question`, and test it; the UI, plain mode and exports take it by its answer shape.
"""

from typing import Annotated, Any, Literal

from msgspec import Meta, Struct

from game.engine.quiz.types.attribution import ATTRIBUTION, AttributionQuestion
from game.engine.quiz.types.base import (
    AnswerShape,
    Judged,
    Option,
    OptionSpec,
    QuestionBase,
    QuestionType,
    option_feedback,
    option_text,
)
from game.engine.quiz.types.evidence import EVIDENCE, EvidenceQuestion
from game.engine.quiz.types.multi import MULTI, MultiQuestion
from game.engine.quiz.types.order import ORDER, OrderQuestion
from game.engine.quiz.types.short import SHORT, ShortQuestion
from game.engine.quiz.types.single import SINGLE, SingleQuestion
from game.engine.quiz.types.true_false import CLAIM_FACT, TRUE_FALSE, ClaimFactQuestion, TrueFalseQuestion

TYPES: dict[str, QuestionType] = {
    t.name: t for t in (SINGLE, ATTRIBUTION, TRUE_FALSE, CLAIM_FACT, MULTI, SHORT, ORDER, EVIDENCE)
}
"""Every question type by its YAML name, in the order the docs list them."""

Question = (
    SingleQuestion
    | AttributionQuestion
    | TrueFalseQuestion
    | ClaimFactQuestion
    | MultiQuestion
    | ShortQuestion
    | OrderQuestion
    | EvidenceQuestion
)
QUESTION_TYPES: dict[str, type[QuestionBase]] = {name: t.struct for name, t in TYPES.items()}
TYPE_LABELS: dict[str, str] = {name: t.label for name, t in TYPES.items()}


class QuizFile(Struct, forbid_unknown_fields=True):
    """A content file of ``kind: quiz``."""

    kind: Literal["quiz"]
    questions: Annotated[list[Question], Meta(min_length=1)]


def type_of(question: Any) -> QuestionType:
    """The type of a loaded question."""
    return TYPES[question.__struct_config__.tag]


def field_names() -> set[str]:
    """Every key a quiz file or question accepts, for "did you mean" hints."""
    names: set[str] = {"type", "kind", "questions"}
    structs: tuple[type[Struct], ...] = (Option, *QUESTION_TYPES.values())
    for struct in structs:
        names.update(struct.__struct_fields__)
    return names


__all__ = [
    "TYPES",
    "AnswerShape",
    "AttributionQuestion",
    "ClaimFactQuestion",
    "EvidenceQuestion",
    "Judged",
    "MultiQuestion",
    "Option",
    "OptionSpec",
    "OrderQuestion",
    "Question",
    "QuestionBase",
    "QuestionType",
    "QuizFile",
    "ShortQuestion",
    "SingleQuestion",
    "TrueFalseQuestion",
    "QUESTION_TYPES",
    "TYPE_LABELS",
    "field_names",
    "option_feedback",
    "option_text",
    "type_of",
]
