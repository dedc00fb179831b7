"""Loading and checking ``kind: quiz`` files: schema, ids, topics, quotes, then each type's own checks."""

from __future__ import annotations

import re
from typing import Any

import msgspec
from msgspec import structs

from game.engine.content.diagnostics import Diagnostic
from game.engine.content.loader import PackBuilder, content_kind, schema_diagnostic
from game.engine.content.yamlsafe import Path_, YamlDoc
from game.engine.quiz import types

_HEAD = {"kind", "questions"}
_UNKNOWN = re.compile(r"Object contains unknown field `(.*)`(?: - at `\$(?P<path>[^`]*)`)?", re.S)


@content_kind("quiz")
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
        try:
            question = msgspec.convert(raw, types.Question, strict=True)
        except msgspec.ValidationError as exc:
            builder.errors.append(question_diagnostic(doc, path, exc))
            continue
        builder.claim_id(doc, path, question.id, "question")
        check_question(builder, doc, path, question)
        builder.pack.questions.append(question)


def question_diagnostic(doc: YamlDoc, path: Path_, error: msgspec.ValidationError) -> Diagnostic:
    """The content loader's diagnostic, with the hints only the quiz side knows: question keys and types."""
    diagnostic = schema_diagnostic(doc, path, error)
    unknown = _UNKNOWN.fullmatch(str(error))
    if unknown and "did you mean" not in diagnostic.message:
        import difflib  # only on this error path: difflib is a slow import

        name = unknown.group(1)
        hint = difflib.get_close_matches(name, sorted(types.field_names()), n=1)
        if hint:
            return structs.replace(diagnostic, message=f"{diagnostic.message}; did you mean {hint[0]!r}?")
    if diagnostic.message.startswith("invalid value") and str(error).endswith(".type`"):
        kinds = ", ".join(types.TYPES)
        return structs.replace(diagnostic, message=f"{diagnostic.message}: a question type is one of {kinds}")
    return diagnostic


def check_question(builder: PackBuilder, doc: YamlDoc, path: Path_, question: Any) -> None:
    """The checks a schema cannot express: the topic and quotes, then the type's own."""
    topics = builder.pack.topics
    if topics and question.topic not in topics:
        builder.error(
            doc, (*path, "topic"), f"unknown topic {question.topic!r}; the pack's topics: {', '.join(topics)}"
        )
    builder.check_quotes(doc, (*path, "quotes"), question.quotes)
    types.type_of(question).check(builder, doc, path, question)
