"""``normalize_with_map`` (a step per run of white space) gives what the character-by-character loop it
replaced gave, on every kind of white space and folded mark, and on the bundled articles."""

from __future__ import annotations

import random
import sys

import pytest

from game.engine.content.quotes import _FOLD, normalize_with_map
from game.paths import bundled_scenes


def loop(text: str) -> tuple[str, list[int]]:
    """The former implementation, one Python step per character."""
    folded = text.translate(_FOLD)
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
ALPHABET = [*SPACES, *(chr(c) for c in _FOLD), "a", "b", "Z", "é", ".", "'", "\u200b", "\u2028"]


def test_random_text_maps_as_the_loop_did() -> None:
    for seed in range(200):  # one test over many seeded texts: the seed is in the message
        rng = random.Random(seed)
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 60)))
        assert normalize_with_map(text) == loop(text), f"seed {seed}: {text!r}"


@pytest.mark.parametrize("text", ["", " ", "  a  ", "a", "a\n\n b\t", "\u00a0x\u2003y "])
def test_edges(text: str) -> None:
    assert normalize_with_map(text) == loop(text)


def test_the_bundled_articles() -> None:
    articles = list((bundled_scenes().parent / "seeds").glob("*.txt"))
    assert articles
    for path in articles:
        text = path.read_text(encoding="utf-8")
        assert normalize_with_map(text) == loop(text)
