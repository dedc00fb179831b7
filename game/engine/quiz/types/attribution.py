"""``attribution``: who said (or reported) these words? Pick one, like ``single``, about a statement."""

from typing import Annotated

from msgspec import Meta

from game.engine.content.model import Text
from game.engine.quiz.types.base import OptionSpec, QuestionBase
from game.engine.quiz.types.single import OptionsType


class AttributionQuestion(QuestionBase, tag="attribution"):
    """Who said (or reported) these words?"""

    statement: Text
    options: Annotated[list[OptionSpec], Meta(min_length=2, max_length=6)]
    answer: Text


class Attribution(OptionsType):
    name = "attribution"
    label = "Who said it?"
    struct = AttributionQuestion


ATTRIBUTION = Attribution()
