"""``true_false`` and ``claim_fact``: a statement judged one of two fixed ways (pick one of two)."""

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from game.engine.content.model import Text
from game.engine.quiz.types.base import AnswerShape, Judged, QuestionBase, QuestionType, check_index

if TYPE_CHECKING:
    from game.engine.content.pack import Pack


class TrueFalseQuestion(QuestionBase, tag="true_false"):
    """A statement that is true or false according to the article."""

    answer: bool


class TwoWayType(QuestionType):
    """A pick-one type with two fixed choices, never shuffled."""

    shape = AnswerShape.PICK_ONE
    fixed_choices = True
    CHOICES: ClassVar[list[str]]
    WORDS: ClassVar[dict[str, int]]
    """Words plain mode accepts for each choice ("t", "false", ...)."""

    def right_index(self, question: Any) -> int:
        raise NotImplementedError

    def choices(self, question: Any, perm: list[int]) -> list[str]:
        return list(self.CHOICES)

    def answer_words(self, question: Any) -> dict[str, int]:
        return dict(self.WORDS)

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        picked = check_index(response, len(choices))
        right = self.right_index(question)
        return Judged(1.0 if picked == right else 0.0, choices[right], choices[picked])

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        return choices[self.right_index(question)]

    def right_choices(self, question: Any, choices: list[str], perm: list[int]) -> list[int]:
        return [self.right_index(question)]

    def choice_feedback(self, question: Any, perm: list[int]) -> list[str | None]:
        return [None] * len(self.CHOICES)


class TrueFalse(TwoWayType):
    name = "true_false"
    label = "True or false"
    struct = TrueFalseQuestion
    CHOICES = ["True", "False"]
    WORDS = {"t": 0, "true": 0, "f": 1, "false": 1}

    def right_index(self, question: Any) -> int:
        return 0 if question.answer else 1


class ClaimFactQuestion(QuestionBase, tag="claim_fact"):
    """Does the article report this in its own voice, or attribute it to someone?"""

    statement: Text
    answer: Literal["fact", "claim"]


class ClaimFact(TwoWayType):
    name = "claim_fact"
    label = "Fact or claim?"
    struct = ClaimFactQuestion
    CHOICES = ["Reported as fact by the article", "Attributed to someone as a claim"]
    WORDS = {"fact": 0, "claim": 1}

    def right_index(self, question: Any) -> int:
        return 0 if question.answer == "fact" else 1


TRUE_FALSE = TrueFalse()
CLAIM_FACT = ClaimFact()
