"""``evidence`` ("find the line"): the prompt states a claim; the player picks the article's sentence
that proves it (or, with ``proves: contradicts``, the one that contradicts it). Answer shape: pick a sentence.

A pick is right when the chosen sentence holds one of the question's quotes, so every quote must lie inside
one sentence; that is checked at load. An answer is saved as the sentence's label (``"3.2"``).
"""

from typing import TYPE_CHECKING, Any, Literal

from game.engine.content.quotes import normalize
from game.engine.content.typography import quoted
from game.engine.quiz import sentences
from game.engine.quiz.types.base import AnswerShape, Judged, QuestionBase, QuestionType

if TYPE_CHECKING:
    from game.engine.content.loader import Pack, PackBuilder
    from game.engine.content.quotes import Article
    from game.engine.content.yamlsafe import Path_, YamlDoc


class EvidenceQuestion(QuestionBase, tag="evidence"):
    """Find the sentence of the article that supports (or contradicts) the claim in the prompt."""

    proves: Literal["supports", "contradicts"] = "supports"
    """Whether the right sentence supports the claim (the default) or contradicts it."""


def sentence_text(sentence: sentences.Sentence) -> str:
    """A sentence as feedback shows it: ``¶3.2 “…”``."""
    return f"¶{sentence.label} {quoted(' '.join(sentence.text.split()))}"


class Evidence(QuestionType):
    name = "evidence"
    label = "Find the line"
    struct = EvidenceQuestion
    shape = AnswerShape.PICK_SENTENCE

    def check(self, builder: "PackBuilder", doc: "YamlDoc", path: "Path_", question: Any) -> None:
        article = builder.pack.article
        for i, quote in enumerate(question.quotes):
            span = article.find_normalized(normalize(quote))
            if span is None:
                continue  # already reported as not found
            if sentences.holding(article, span) is None:
                builder.error(
                    doc,
                    (*path, "quotes", i),
                    "an evidence quote must lie inside one sentence of the article "
                    "(this one crosses a sentence end)",
                )

    def statement(self, question: Any) -> str | None:
        return f"Find the sentence in the article that {question.proves} this claim."

    def right_sentences(self, question: Any, article: "Article") -> list[sentences.Sentence]:
        """The sentences that hold one of the question's quotes, in reading order."""
        found: list[sentences.Sentence] = []
        for quote in question.quotes:
            span = article.find(quote)
            sentence = sentences.holding(article, span) if span is not None else None
            if sentence is not None and sentence not in found:
                found.append(sentence)
        return sorted(found, key=lambda s: s.start)

    def judge(
        self, question: Any, choices: list[str], perm: list[int], response: Any, pack: "Pack"
    ) -> Judged:
        label = sentences.parse_label(response) if isinstance(response, str) else None
        picked = sentences.by_label(pack.article, label) if label else None
        if picked is None:
            raise ValueError("a find-the-line answer is a sentence number such as 3.2")
        right = self.right_sentences(question, pack.article)
        credit = 1.0 if picked in right else 0.0
        return Judged(credit, self.right_text(question, choices, perm, pack), sentence_text(picked))

    def right_text(self, question: Any, choices: list[str], perm: list[int], pack: "Pack") -> str:
        right = self.right_sentence(question, pack)
        return sentence_text(right) if right else ""

    def right_sentence(self, question: Any, pack: "Pack") -> sentences.Sentence | None:
        right = self.right_sentences(question, pack.article)
        return right[0] if right else None


EVIDENCE = Evidence()
