"""Loading packs with the game's content kinds: the one place that knows both the quiz and the story.

:mod:`game.engine.content` loads a pack folder with whatever kinds it is given and imports neither
the quiz nor the story engine; this module gives it the two the game has. Everything that loads a
pack (the game, the commands, the tests) calls :func:`load_pack` or :func:`load_packs` from here.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.content import loader, model
from game.engine.content.diagnostics import Diagnostic
from game.engine.content.loader import ContentKind, ContentKinds, find_packs
from game.engine.content.pack import Pack
from game.engine.quiz import file as quiz_file
from game.engine.story.file import load_scenario_file
from game.engine.story.model import STORY_STRUCTS

KINDS: ContentKinds = {
    "quiz": ContentKind(
        quiz_file.load_quiz_file,
        frozenset(model.field_names()) | quiz_file.FIELD_NAMES,
        quiz_file.VALUE_HINTS,
    ),
    "scenario": ContentKind(
        load_scenario_file,
        frozenset(name for struct in STORY_STRUCTS for name in struct.__struct_encode_fields__),
    ),
}
"""The kinds of content file a pack may hold, by the ``kind:`` they name."""


def load_pack(folder: Path) -> Pack:
    """Load and validate the pack in ``folder`` (see :func:`game.engine.content.loader.load_pack`).

    Raises:
        ContentError: with every error found; warnings are on the returned pack.
    """
    return loader.load_pack(folder, KINDS)


def load_packs(root: Path) -> tuple[list[Pack], list[Diagnostic]]:
    """Every pack under ``root`` that loads, and the diagnostics of those that do not."""
    return loader.load_packs(root, KINDS)


__all__ = ["KINDS", "find_packs", "load_pack", "load_packs"]
