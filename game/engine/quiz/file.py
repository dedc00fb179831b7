"""Loading and checking ``kind: quiz`` files: schema, ids, topics, answers and quotes."""

from __future__ import annotations

from typing import Any

from game.authoring.distractors import suspicious_options
from game.engine.content import model
from game.engine.content.loader import PackBuilder
from game.engine.content.quotes import normalize
from game.engine.content.yamlsafe import Path_, YamlDoc

_HEAD = {"kind", "questions"}


def load_quiz_file(builder: PackBuilder, doc: YamlDoc) -> None:
    """Type-check each question on its own, so one bad question does not hide the next."""
    data: dict[str, Any] = doc.data
    for key in data:
        if key not in _HEAD:
            builder.error(
                doc, (key,), f"unknown key {key!r} in a quiz file (expected: kind, questions)", key=True
            )
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        builder.error(
            doc, ("questions",) if "questions" in data else (), "a quiz file needs a list of questions"
        )
        return
    for i, raw in enumerate(questions):
        path: Path_ = ("questions", i)
        question = builder.convert(doc, path, raw, model.Question)
        if question is None:
            continue
        builder.claim_id(doc, path, question.id, "question")
        check_question(builder, doc, path, question)
        builder.pack.questions.append(question)


def _duplicates(texts: list[str]) -> list[int]:
    seen: set[str] = set()
    repeats = []
    for i, text in enumerate(texts):
        key = normalize(text).casefold()
        if key in seen:
            repeats.append(i)
        seen.add(key)
    return repeats


def check_question(builder: PackBuilder, doc: YamlDoc, path: Path_, question: model.Question) -> None:
    """The checks a schema cannot express."""
    topics = builder.pack.topics
    if topics and question.topic not in topics:
        builder.error(
            doc, (*path, "topic"), f"unknown topic {question.topic!r}; the pack's topics: {', '.join(topics)}"
        )
    builder.check_quotes(doc, (*path, "quotes"), question.quotes)
    if isinstance(question, model.SingleQuestion | model.AttributionQuestion | model.MultiQuestion):
        texts = [model.option_text(o) for o in question.options]
        for i in _duplicates(texts):
            builder.error(doc, (*path, "options", i), f"option {texts[i]!r} is listed twice")
        right = [question.answer] if not isinstance(question, model.MultiQuestion) else question.answers
        key = "answer" if not isinstance(question, model.MultiQuestion) else "answers"
        for i, answer in enumerate(right):
            if answer not in texts:
                where = (*path, key) if key == "answer" else (*path, key, i)
                builder.error(doc, where, f"answer {answer!r} is not one of the options")
        if isinstance(question, model.MultiQuestion) and len(set(right)) >= len(texts):
            builder.error(doc, (*path, "answers"), "every option is right: leave at least one wrong option")
        for i, reason in suspicious_options(question):
            builder.warn(doc, (*path, "options", i), reason)
    elif isinstance(question, model.OrderQuestion):
        for i in _duplicates(question.items):
            builder.error(doc, (*path, "items", i), f"item {question.items[i]!r} is listed twice")
    elif isinstance(question, model.ShortQuestion):
        from game.engine.quiz.scoring import normalize_answer

        for i, answer in enumerate(question.answers):
            if not normalize_answer(answer):
                builder.error(doc, (*path, "answers", i), "an accepted answer must hold letters or digits")
