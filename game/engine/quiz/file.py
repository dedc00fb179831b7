"""Loading and checking ``kind: quiz`` files: schema, ids, topics, quotes, then each type's own checks."""

from __future__ import annotations

from typing import Any

from game.engine.content.loader import PackBuilder
from game.engine.content.yamldoc import Path_, YamlDoc
from game.engine.quiz import types

_HEAD = {"kind", "questions"}

FIELD_NAMES = frozenset(types.field_names())
"""Every key a quiz file accepts, for the loader's "did you mean" hints (see game.engine.packs)."""
VALUE_HINTS = {"type": "a question type is one of " + ", ".join(types.TYPES)}
"""What a fixed-set key may hold, for the loader's messages about a wrong value."""


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
        question = builder.convert(doc, path, raw, types.Question)
        if question is None:
            continue
        builder.claim_id(doc, path, question.id, "question")
        check_question(builder, doc, path, question)
        builder.pack.questions.append(question)


def check_question(builder: PackBuilder, doc: YamlDoc, path: Path_, question: Any) -> None:
    """The checks a schema cannot express: the topic and quotes, then the type's own."""
    topics = builder.pack.topics
    if topics and question.topic not in topics:
        builder.error(
            doc, (*path, "topic"), f"unknown topic {question.topic!r}; the pack's topics: {', '.join(topics)}"
        )
    builder.check_quotes(doc, (*path, "quotes"), question.quotes)
    types.type_of(question).check(builder, doc, path, question)
