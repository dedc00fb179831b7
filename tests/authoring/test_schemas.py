"""JSON Schema generated from the model: committed copies are current, and every bundled file passes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.authoring.schemas import SCHEMA_FILES, schema_for
from game.engine.packs import find_packs
from game.paths import bundled_scenes

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
BUNDLED_FILES = sorted(p for folder in find_packs(bundled_scenes()) for p in folder.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = json.loads((SCHEMAS / SCHEMA_FILES[name][0]).read_text(encoding="utf-8"))
    assert committed == schema_for(name), "run `quotebound schema --out schemas` and commit the result"


def _kind(path: Path, data: dict[str, object]) -> str:
    return "pack" if path.name == "pack.yaml" else str(data["kind"])


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bundled_file_passes_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    kind = _kind(path, data)
    jsonschema.validate(data, schema_for(kind))
    # Editors find the schema through the first line.
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{SCHEMA_FILES[kind][0]}"


def test_schema_rejects_a_misspelt_key() -> None:
    bad = {"kind": "quiz", "questions": [{"type": "true_false", "id": "a", "topic": "t", "promt": "x"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema_for("quiz"))


def test_schema_command_writes_every_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f for f, _s, _t in SCHEMA_FILES.values())


def test_schema_descriptions_and_unions_do_not_depend_on_the_msgspec_version() -> None:
    """msgspec 0.23 dedents docstrings that 0.22 kept indented; 0.19 orders ``X | None`` the other way."""
    from game.authoring.schemas import _clean_descriptions

    indented = {
        "description": "First line.\n\n    More, indented.",
        "anyOf": [{"type": "null"}, {"$ref": "#/a"}],
    }
    dedented = {"description": "First line.\n\nMore, indented.", "anyOf": [{"$ref": "#/a"}, {"type": "null"}]}
    assert _clean_descriptions(indented) == _clean_descriptions(dedented)
