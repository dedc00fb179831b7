"""The whole pack as JSON: its metadata, every question and every story scenario, as the model holds them.

Encoded with msgspec straight from the model, so the JSON has the same keys and the same ``type`` tags as the
YAML an author writes, decodes back into the same model (``msgspec.json.decode(..., type=...)``), and follows
the JSON Schema of ``game.engine.content.model``. Questions keep the pack's order and their written
options: a data export, unlike a quiz sheet, is not dealt.
"""

from __future__ import annotations

from typing import Any

import msgspec

from game import __version__
from game.engine.content.pack import Pack
from game.engine.story.model import Scenario, ScenarioFile, VariableSpec
from game.export.common import Rendered

FORMAT = "quotebound-pack"


def scenario_file(scenario: Scenario) -> ScenarioFile:
    """A loaded scenario back in the shape of its file (the runtime form holds compiled conditions)."""
    variables: dict[str, VariableSpec] = {
        name: VariableSpec(
            type=var.type, start=var.start, min=var.min, max=var.max, label=var.display, show=var.show
        )
        for name, var in scenario.variables.items()
    }
    head = msgspec.structs.asdict(scenario.head)
    return ScenarioFile(
        **head,
        variables=variables,
        scenes=list(scenario.scenes.values()),
        endings=list(scenario.endings.values()),
    )


def document(pack: Pack) -> dict[str, Any]:
    """The JSON document as a dict of model objects."""
    return {
        "format": FORMAT,
        "game_version": __version__,
        "pack": pack.meta,
        "article_sha256": pack.article.sha256,
        "questions": pack.questions,
        "scenarios": [scenario_file(s) for s in pack.scenarios],
    }


def render(pack: Pack) -> Rendered:
    """The pack as indented JSON text."""
    encoded = msgspec.json.encode(document(pack))
    return Rendered(msgspec.json.format(encoded, indent=2).decode("utf-8") + "\n")
