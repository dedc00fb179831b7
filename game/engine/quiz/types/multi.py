"""``multi``: select all that apply (pick many), with partial credit."""

from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta

from game.engine.content.model import Text
from game.engine.quiz import scoring
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


class MultiQuestion(QuestionBase, tag="multi"):
    """Pick every right option; partial credit."""

    options: Annotated[list[OptionSpec], Meta(min_length=3, max_length=6)]
    answers: Annotated[list[Text], Meta(min_length=1)]


class Multi(QuestionType):
    name = "multi"
    label = "Select all that apply"
    struct = MultiQuestion
    shape = AnswerShape.PICK_MANY

    def check(self, builder: "PackBuilder", doc: "YamlDoc", path: "Path_", question: Any) -> None:
        check_options(builder, doc, path, question.options, question.answers, "answers", question.quotes)
        if len(set(question.answers)) >= len(question.options):
            builder.error(doc, (*path, "answers"), "every option is right: leave at least one wrong option")

    def deal(self, question: Any, rng: "random.Random") -> list[int]:
        return shuffled(len(question.options), rng)

    def choices(self, question: Any, perm: list[int]) -> list[str]:
        return [option_text(question.options[i]) for i in perm]

    def _right_set(self, question: Any) -> set[int]:
        return {i for i, o in enumerate(question.options) if option_text(o) in question.answers}

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        if not isinstance(response, list):
            raise ValueError("a multi-select answer is a list of option numbers")
        right_set = self._right_set(question)
        picked = {perm[check_index(i, len(choices))] for i in response}
        given = "; ".join(option_text(question.options[i]) for i in perm if i in picked) or "(none)"
        feedback = [
            text for i in sorted(picked - right_set) if (text := option_feedback(question.options[i]))
        ]
        return Judged(
            scoring.multi_credit(picked, right_set),
            self.right_text(question, choices, perm, pack),
            given,
            feedback,
        )

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        right_set = self._right_set(question)
        return "; ".join(option_text(question.options[i]) for i in perm if i in right_set)

    def right_choices(self, question: Any, choices: list[str], perm: list[int]) -> list[int]:
        return [i for i, text in enumerate(choices) if text in question.answers]

    def choice_feedback(self, question: Any, perm: list[int]) -> list[str | None]:
        return [option_feedback(question.options[j]) for j in perm]


MULTI = Multi()
