"""``single``: one right option among several (pick one)."""

from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta

from game.engine.content.model import Text
from game.engine.quiz.types.base import (
    AnswerShape,
    Judged,
    OptionSpec,
    QuestionBase,
    QuestionType,
    check_index,
    option_feedback,
    option_text,
)
from game.engine.quiz.types.options import check_options, shuffled

if TYPE_CHECKING:
    import random

    from game.engine.content.loader import Pack, PackBuilder
    from game.engine.content.yamlsafe import Path_, YamlDoc


class SingleQuestion(QuestionBase, tag="single"):
    """One right option among several."""

    options: Annotated[list[OptionSpec], Meta(min_length=2, max_length=6)]
    answer: Text


class OptionsType(QuestionType):
    """A pick-one type whose options and one ``answer`` are written in YAML (single, attribution)."""

    shape = AnswerShape.PICK_ONE

    def check(self, builder: "PackBuilder", doc: "YamlDoc", path: "Path_", question: Any) -> None:
        check_options(builder, doc, path, question.options, [question.answer], "answer", question.quotes)

    def deal(self, question: Any, rng: "random.Random") -> list[int]:
        return shuffled(len(question.options), rng)

    def choices(self, question: Any, perm: list[int]) -> list[str]:
        return [option_text(question.options[i]) for i in perm]

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        picked = question.options[perm[check_index(response, len(choices))]]
        given = option_text(picked)
        right = given == question.answer
        feedback = option_feedback(picked)
        return Judged(
            1.0 if right else 0.0, question.answer, given, [feedback] if feedback and not right else []
        )

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        return str(question.answer)

    def right_choices(self, question: Any, choices: list[str], perm: list[int]) -> list[int]:
        return [i for i, text in enumerate(choices) if text == question.answer]

    def choice_feedback(self, question: Any, perm: list[int]) -> list[str | None]:
        return [option_feedback(question.options[j]) for j in perm]


class Single(OptionsType):
    name = "single"
    label = "Single choice"
    struct = SingleQuestion


SINGLE = Single()
