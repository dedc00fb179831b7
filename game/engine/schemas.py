"""JSON Schema for pack, quiz and scenario files, generated from the content model.

The schemas are never written by hand: they come from the same msgspec Structs that check files at
load, so an editor that completes and checks a file (through the ``# yaml-language-server: $schema=``
line at the top of each bundled file) agrees with ``quotebound validate``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from game.engine import model, storymodel

SCHEMA_FILES = {
    "pack": ("pack.schema.json", model.PackFile, "A quotebound pack.yaml"),
    "quiz": ("quiz.schema.json", model.QuizFile, "A quotebound quiz file (kind: quiz)"),
    "scenario": ("scenario.schema.json", storymodel.ScenarioFile, "A quotebound scenario file (kind: scenario)"),
}
"""Schema name → (file name, struct, title)."""
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with a title and the 2020-12 dialect."""
    _file, struct, title = SCHEMA_FILES[name]
    schema: dict[str, Any] = msgspec.json.schema(struct)
    return {"$schema": SCHEMA_DIALECT, "title": title, **schema}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (file_name, _struct, _title) in SCHEMA_FILES.items():
        path = folder / file_name
        path.write_text(json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
