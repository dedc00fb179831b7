"""``order``: put 3-5 items in order; ``items`` are written in the right order."""

from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta

from game.engine.content.model import Text
from game.engine.quiz import scoring
from game.engine.quiz.types.base import AnswerShape, Judged, QuestionBase, QuestionType, check_index
from game.engine.quiz.types.options import duplicates

if TYPE_CHECKING:
    import random

    from game.engine.content.loader import Pack, PackBuilder
    from game.engine.content.yamlsafe import Path_, YamlDoc


class OrderQuestion(QuestionBase, tag="order"):
    """Put 3-5 items in order; ``items`` are written in the right order."""

    items: Annotated[list[Text], Meta(min_length=3, max_length=5)]


class Order(QuestionType):
    name = "order"
    label = "Put in order"
    struct = OrderQuestion
    shape = AnswerShape.ORDER

    def check(self, builder: "PackBuilder", doc: "YamlDoc", path: "Path_", question: Any) -> None:
        for i in duplicates(question.items):
            builder.error(doc, (*path, "items", i), f"item {question.items[i]!r} is listed twice")

    def deal(self, question: Any, rng: "random.Random") -> list[int]:
        perm = list(range(len(question.items)))
        for _ in range(8):  # never show the items already in order
            rng.shuffle(perm)
            if perm != sorted(perm):
                break
        return perm

    def choices(self, question: Any, perm: list[int]) -> list[str]:
        return [question.items[i] for i in perm]

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        if not isinstance(response, list) or sorted(response) != list(range(len(choices))):
            raise ValueError("an ordering uses every item exactly once")
        arranged = [perm[check_index(i, len(choices))] for i in response]
        given = " → ".join(question.items[i] for i in arranged)
        return Judged(scoring.order_credit(arranged), self.right_text(question, choices, perm, pack), given)

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        return " → ".join(question.items)

    def right_choices(self, question: Any, choices: list[str], perm: list[int]) -> list[int]:
        return [perm.index(k) for k in range(len(question.items))]


ORDER = Order()
