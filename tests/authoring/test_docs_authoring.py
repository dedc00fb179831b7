"""Every YAML example in docs/authoring.md is real: it validates, or fails exactly as the guide says.

Each ```yaml block in the guide is preceded by a marker saying what it is:

- ``<!-- check: quiz -->`` / ``<!-- check: scenario -->``: a whole content file, loaded into a copy of
  the bundled Riverside pack (whose article the examples quote); no error, no warning.
- ``<!-- check: pack -->``: a whole pack.yaml, loaded with the first quiz example; no error, no warning.
- ``<!-- check: fragment -->``: part of a file; it must parse.
- ``<!-- check: wrong -->`` / ``<!-- check: right -->``: a YAML pitfall and its fix. The wrong one must
  be refused or read as something other than text; the right one must read as text.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from game.authoring.schemas import schema_for
from game.authoring.storylint import LINT_MAX_STATES
from game.engine.content import quotes, yamlsafe
from game.engine.content.diagnostics import ContentError
from game.engine.content.pack import Pack
from game.engine.content.yamlsafe import parse_yaml
from game.engine.packs import load_pack
from game.engine.quiz.types import QUESTION_TYPES
from game.engine.story import conditions
from game.engine.story.explore import explore

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")
BLOCK = re.compile(r"<!-- check: (\w+) -->\n```yaml\n(.*?)```", re.S)
EXAMPLES = [(kind, body) for kind, body in BLOCK.findall(TEXT)]
KINDS = {"quiz", "scenario", "pack", "fragment", "wrong", "right"}


def _of(kind: str) -> list[str]:
    return [body for k, body in EXAMPLES if k == kind]


def _ids(kind: str) -> list[str]:
    return [f"{kind}{i + 1}" for i in range(len(_of(kind)))]


def test_every_yaml_block_is_marked() -> None:
    assert TEXT.count("```yaml") == len(EXAMPLES)
    assert {kind for kind, _ in EXAMPLES} == KINDS


def _riverside(root: Path, files: dict[str, str], pack_yaml: str | None = None) -> Pack:
    """A pack on the bundled Riverside article with ``files`` as its only content."""
    (root / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "riverside-bridge-vote.txt", root / "seeds")
    pack_text = pack_yaml or (ROOT / "scenes" / "riverside" / "pack.yaml").read_text(encoding="utf-8")
    folder = root / "scenes" / yaml.safe_load(pack_text)["id"]
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(pack_text, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    try:
        return load_pack(folder)
    except ContentError as exc:
        pytest.fail(f"the guide's example does not validate:\n{exc}")


@pytest.mark.parametrize("body", _of("quiz"), ids=_ids("quiz"))
def test_quiz_examples_validate(tmp_path: Path, body: str) -> None:
    pack = _riverside(tmp_path, {"example.yaml": body})
    assert pack.warnings == []
    jsonschema.validate(yaml.safe_load(body), schema_for("quiz"))


def test_there_is_an_example_of_every_question_type() -> None:
    types = [q["type"] for body in _of("quiz") for q in yaml.safe_load(body)["questions"]]
    assert sorted(types) == sorted(QUESTION_TYPES)


@pytest.mark.parametrize("body", _of("scenario"), ids=_ids("scenario"))
def test_scenario_examples_validate_and_play_through(tmp_path: Path, body: str) -> None:
    pack = _riverside(tmp_path, {"story.yaml": body})
    assert pack.warnings == []
    jsonschema.validate(yaml.safe_load(body), schema_for("scenario"))
    (scenario,) = pack.scenarios
    walk = explore(scenario)
    assert walk.complete and walk.stuck == []
    assert set(walk.endings) == set(scenario.endings)
    assert len(walk.choices) == sum(len(scene.choices) for scene in scenario.scenes.values())


def test_the_scenario_example_shows_every_story_feature() -> None:
    (body,) = _of("scenario")
    data = yaml.safe_load(body)
    variables = data["variables"].values()
    # The short form (`facts: 0`) is gone: every variable has a label players see instead of its name.
    assert all(isinstance(v, dict) and v.get("label") for v in variables)
    assert {type(v["start"]) for v in variables} == {bool, int}
    choices = [c for scene in data["scenes"] for c in scene.get("choices", [])]
    conds = " ".join(c.get("if", "") for c in choices)
    assert "visited(" in conds and "visits(" in conds and "not " in conds
    assert any("closed" in c for c in choices)
    assert any("set" in c.get("effects", {}) for c in choices) and any(
        "add" in c.get("effects", {}) for c in choices
    )
    assert {e["kind"] for e in data["endings"]} == {"good", "mixed", "bad"}
    assert "context" in data and any("context" in e for e in data["endings"])


@pytest.mark.parametrize("body", _of("pack"), ids=_ids("pack"))
def test_pack_examples_validate(tmp_path: Path, body: str) -> None:
    pack = _riverside(tmp_path, {"quiz.yaml": _of("quiz")[0]}, pack_yaml=body)
    assert pack.warnings == []
    assert pack.meta.article_sha256 == pack.article.sha256 and pack.meta.boilerplate_starts
    jsonschema.validate(yaml.safe_load(body), schema_for("pack"))


@pytest.mark.parametrize("body", _of("fragment") + _of("right"), ids=_ids("fragment") + _ids("right"))
def test_fragments_parse(body: str) -> None:
    parse_yaml(body.encode(), "guide")


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


@pytest.mark.parametrize("body", _of("wrong"), ids=_ids("wrong"))
def test_pitfalls_are_not_read_as_text(body: str) -> None:
    try:
        doc = parse_yaml(body.encode(), "guide")
    except ContentError:
        return
    assert any(isinstance(leaf, bool | int | float | date) for leaf in _leaves(doc.data)), body


@pytest.mark.parametrize("body", _of("right"), ids=_ids("right"))
def test_pitfall_fixes_read_as_text(body: str) -> None:
    assert all(isinstance(leaf, str) for leaf in _leaves(parse_yaml(body.encode(), "guide").data))


@pytest.mark.parametrize(
    "figure",
    [
        f"{yamlsafe.MAX_FILE_BYTES:,}",
        f"{quotes.MAX_ARTICLE_BYTES:,}",
        f"{yamlsafe.MAX_DEPTH} levels",
        f"{LINT_MAX_STATES:,} states",
        f"{conditions.MAX_LENGTH} characters",
    ],
)
def test_the_limits_table_matches_the_code(figure: str) -> None:
    assert figure in TEXT


def test_the_readme_links_the_guide() -> None:
    assert "(docs/authoring.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- command output shown in the guide ------------------------------------------------------------

BUNDLED_RUNS = [
    "validate scenes/riverside",
    "coverage riverside",
    "playtest riverside-newsletter --random 200 --seed 4",
    "export --pack riverside --format markdown --questions 2",
]
STORY_RUNS = ["graph bridge-walk --scenes scenes", "playtest bridge-walk --scenes scenes --paths"]


def _shown(command: str) -> str:
    match = re.search(rf"```text\n\$ quotebound {re.escape(command)}\n(.*?)```", TEXT, re.S)
    assert match, f"the guide shows no output of `quotebound {command}`"
    return match.group(1)


def _check_output(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    main(command.split())
    out, err = capsys.readouterr()
    shown = _shown(command)
    if shown.endswith("...\n"):  # the guide shows the start
        assert (out + err).startswith(shown.removesuffix("...\n"))
    else:
        assert out + err == shown


@pytest.mark.parametrize("command", BUNDLED_RUNS)
def test_output_shown_for_the_bundled_pack_is_real(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _check_output(command, capsys)


@pytest.mark.parametrize("command", STORY_RUNS)
def test_output_shown_for_the_example_story_is_real(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (body,) = _of("scenario")
    _riverside(tmp_path, {"story-walk.yaml": body})
    monkeypatch.chdir(tmp_path)
    _check_output(command, capsys)
