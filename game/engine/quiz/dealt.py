"""What a dealt question's type says of it, in one place: its type, answer shape, kind, label and statement.

The quiz run's :class:`~game.engine.quiz.run.Presented` (what a player sees) and the exports' ``Item`` (what
a sheet or an LMS file holds) both carry a ``question`` and derive the same facts from it. They inherit
them from :class:`TypeFacts`, a mixin with no fields and empty ``__slots__``, which is the one kind of base
class a msgspec Struct (as well as a dataclass) accepts next to its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.quiz import types
from game.engine.quiz.types import AnswerShape, QuestionType

if TYPE_CHECKING:
    from game.engine.quiz.types import Question


class TypeFacts:
    """The facts of ``self.question`` that come from its type (the class using it has the field)."""

    __slots__ = ()

    if TYPE_CHECKING:
        # Declared for type checkers only: at run time the field belongs to the Struct or dataclass.
        @property
        def question(self) -> Question: ...

    @property
    def type(self) -> QuestionType:
        """The question's type (from the registry)."""
        return types.type_of(self.question)

    @property
    def shape(self) -> AnswerShape:
        """How the question is answered: front ends and formats show it by this, never by its type."""
        return self.type.shape

    @property
    def kind(self) -> str:
        """The type's YAML name (for records, messages and comments in exported files)."""
        return self.type.name

    @property
    def label(self) -> str:
        """The type's name as a player reads it."""
        return self.type.label

    @property
    def statement(self) -> str | None:
        """The claim or quote the question is about, for the types that have one."""
        return self.type.statement(self.question)
