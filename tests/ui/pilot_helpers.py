"""Helpers for the Pilot tests: keys that answer, the text on screen, packs written on the fly.

A plain module (not ``conftest``) so test files import it by a name no other folder uses."""

from __future__ import annotations

import asyncio
from itertools import permutations
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from game.engine.content.pack import Pack
from game.engine.quiz import types as qtypes
from game.engine.quiz.run import Presented, Response, judge

UI_PACK = Path(__file__).resolve().parent.parent / "snapshots" / "pack"
"""One question of each type, with its own short article (shared with the snapshot tests)."""

KEY_TIMEOUT = 10.0
"""Seconds a key press may take before the test fails instead of hanging (see HAZARDS.md)."""


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, failing fast rather than hanging if the app has died."""
    await asyncio.wait_for(pilot.press(*keys), timeout=KEY_TIMEOUT + 0.5 * len(keys))


def screen_text(app: App[None]) -> str:
    """The characters on the terminal now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def right_response(shown: Presented, pack: Pack) -> Response:
    """The response the engine scores fully right, found by asking the engine."""
    question = shown.question
    if isinstance(question, qtypes.ShortQuestion):
        return question.answers[0]
    perm = _perm(shown)
    n = len(shown.choices)
    candidates: list[Response]
    if isinstance(question, qtypes.OrderQuestion):
        candidates = [list(p) for p in permutations(range(n))]
    elif isinstance(question, qtypes.MultiQuestion):
        candidates = [[i for i in range(n) if mask >> i & 1] for mask in range(1, 2**n)]
    else:
        candidates = list(range(n))
    for response in candidates:
        if judge(question, shown.choices, perm, response, pack).correct:
            return response
    raise AssertionError(f"no right response for {question.id}")


def wrong_response(shown: Presented, pack: Pack) -> Response:
    """A response the engine scores as not fully right."""
    question = shown.question
    if isinstance(question, qtypes.ShortQuestion):
        return "not the answer"
    n = len(shown.choices)
    right = right_response(shown, pack)
    if isinstance(question, qtypes.OrderQuestion):
        assert isinstance(right, list)
        return list(reversed(right))
    if isinstance(question, qtypes.MultiQuestion):
        assert isinstance(right, list)
        return [i for i in range(n) if i not in right]
    assert isinstance(right, int)
    return (right + 1) % n


def _perm(shown: Presented) -> list[int]:
    """The shown → written order of a question's options, rebuilt from the shown texts."""
    question = shown.question
    if isinstance(question, qtypes.OrderQuestion):
        return [question.items.index(text) for text in shown.choices]
    options = getattr(question, "options", None)
    if options is None:
        return list(range(len(shown.choices)))
    texts = [qtypes.option_text(o) for o in options]
    return [texts.index(text) for text in shown.choices]


def keys_for(shown: Presented, response: Response) -> list[str]:
    """The keys a player presses to give ``response`` to the question on show."""
    kind = shown.kind
    if kind == "short":
        assert isinstance(response, str)
        return [*(_key(ch) for ch in response), "enter"]
    if kind in ("multi", "order"):
        assert isinstance(response, list)
        return [*(str(i + 1) for i in response), "enter"]
    assert isinstance(response, int)
    return [str(response + 1)]


def _key(ch: str) -> str:
    return {" ": "space", ",": "comma", ".": "full_stop", "-": "minus"}.get(ch, ch)


ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Source link
"""

PACK_YAML = """\
id: {id}
title: {title}
description: A pack for tests.
article: article.txt
boilerplate_starts: Source link
topics:
  - id: facts
    title: Facts
"""


def write_small_pack(folder: Path, quiz: str, *, title: str = "Tiny pack") -> Path:
    """A pack folder with the one-paragraph article above and ``quiz`` as its quiz file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK_YAML.format(id=folder.name, title=title), encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(quiz, encoding="utf-8")
    return folder
