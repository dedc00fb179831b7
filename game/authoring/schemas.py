"""JSON Schema for pack, quiz and scenario files, generated from the content model.

The schemas are never written by hand: they come from the same msgspec Structs that check files at
load, so an editor that completes and checks a file (through the ``# yaml-language-server: $schema=``
line at the top of each bundled file) agrees with ``quotebound validate``.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import msgspec

from game.engine.content import model
from game.engine.quiz.types import QuizFile
from game.engine.story import model as storymodel

SCHEMA_FILES = {
    "pack": ("pack.schema.json", model.PackFile, "A quotebound pack.yaml"),
    "quiz": ("quiz.schema.json", QuizFile, "A quotebound quiz file (kind: quiz)"),
    "scenario": (
        "scenario.schema.json",
        storymodel.ScenarioFile,
        "A quotebound scenario file (kind: scenario)",
    ),
}
"""Schema name → (file name, struct, title)."""
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with a title and the 2020-12 dialect."""
    _file, struct, title = SCHEMA_FILES[name]
    schema: dict[str, Any] = _clean_descriptions(msgspec.json.schema(struct))
    return {"$schema": SCHEMA_DIALECT, "title": title, **schema}


def _clean_descriptions(node: Any) -> Any:
    """The schema with what differs between msgspec versions made canonical.

    msgspec copies Struct docstrings into descriptions, and how it indents their later lines changed
    between 0.22 and 0.23; the order of an ``anyOf`` (``X | None``) changed since 0.19. Descriptions
    go through :func:`inspect.cleandoc` and ``anyOf`` branches are sorted (their order means nothing),
    so the generated schema is the same on every allowed version of the library.
    """
    if isinstance(node, dict):
        cleaned: dict[str, Any] = {}
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                cleaned[key] = inspect.cleandoc(value)
            elif key == "anyOf" and isinstance(value, list):
                branches = [_clean_descriptions(item) for item in value]
                cleaned[key] = sorted(branches, key=lambda item: json.dumps(item, sort_keys=True))
            else:
                cleaned[key] = _clean_descriptions(value)
        return cleaned
    if isinstance(node, list):
        return [_clean_descriptions(item) for item in node]
    return node


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (file_name, _struct, _title) in SCHEMA_FILES.items():
        path = folder / file_name
        path.write_text(json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
