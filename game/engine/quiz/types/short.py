"""``short``: a typed answer (type text), matched leniently against the accepted answers.

A near miss counts as right unless the question says ``exact: true`` (see :func:`scoring.match_short`).
"""

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
    exact: bool = False
    """Accept only the answers as written (after folding case, accents and punctuation): no typo
    tolerance, for a question where two names differ by a letter."""


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
        match = scoring.match_short(response, question.answers, exact=question.exact)
        note = f'Accepted — spelled "{match.spelled}"' if match.spelled is not None else None
        return Judged(match.credit, question.answers[0], response.strip(), note=note)

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        return str(question.answers[0])

    def accepted(self, question: Any) -> list[str]:
        return list(question.answers)

    def fold_given(self, given: str) -> str:
        # Typed answers differ in case and punctuation; group them as the game's own matching would.
        return scoring.normalize_answer(given) or given


SHORT = Short()
