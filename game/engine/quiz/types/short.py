"""``short``: a typed answer (type text), matched leniently against the accepted answers."""

from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta

from game.engine.content.model import Text
from game.engine.quiz import scoring
from game.engine.quiz.types.base import AnswerShape, Judged, QuestionBase, QuestionType

if TYPE_CHECKING:
    from game.engine.content.loader import Pack, PackBuilder
    from game.engine.content.yamlsafe import Path_, YamlDoc


class ShortQuestion(QuestionBase, tag="short"):
    """A typed answer, matched leniently against the accepted answers."""

    answers: Annotated[list[Text], Meta(min_length=1)]


class Short(QuestionType):
    name = "short"
    label = "Short answer"
    struct = ShortQuestion
    shape = AnswerShape.TYPE_TEXT

    def check(self, builder: "PackBuilder", doc: "YamlDoc", path: "Path_", question: Any) -> None:
        for i, answer in enumerate(question.answers):
            if not scoring.normalize_answer(answer):
                builder.error(doc, (*path, "answers", i), "an accepted answer must hold letters or digits")

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        if not isinstance(response, str):
            raise ValueError("a short answer is text")
        credit = scoring.short_answer_credit(response, question.answers)
        return Judged(credit, question.answers[0], response.strip())

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        return str(question.answers[0])

    def accepted(self, question: Any) -> list[str]:
        return list(question.answers)

    def fold_given(self, given: str) -> str:
        # Typed answers differ in case and punctuation; group them as the game's own matching would.
        return scoring.normalize_answer(given) or given


SHORT = Short()
