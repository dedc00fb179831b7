"""Every ``context`` in the bundled packs reads well after the label the front ends put before it.

Every front end and export writes "Context (not from the article):" before a context (tests/cli/
test_context_label.py, tests/ui/test_context_label_flow.py). A text that says "Not from the article:"
itself was read twice, so each is a plain sentence: it starts with a capital, ends like a sentence, and
does not say where it comes from again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.engine.content.pack import Pack
from game.engine.packs import load_packs
from game.paths import bundled_scenes

PACKS, PROBLEMS = load_packs(bundled_scenes())


def contexts(pack: Pack) -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every context in ``pack``: questions, scenarios, scenes, choices, endings."""
    for question in pack.questions:
        if question.context:
            yield f"question {question.id}", question.context
    for scenario in pack.scenarios:
        if scenario.context:
            yield f"scenario {scenario.id}", scenario.context
        for scene in scenario.scenes.values():
            if scene.context:
                yield f"{scenario.id}/{scene.id}", scene.context
            for i, choice in enumerate(scene.choices, start=1):
                if choice.context:
                    yield f"{scenario.id}/{scene.id} choice {i}", choice.context
        for ending in scenario.endings.values():
            if ending.context:
                yield f"{scenario.id} ending {ending.id}", ending.context


CONTEXTS = [(f"{pack.id}: {where}", text) for pack in PACKS for where, text in contexts(pack)]


def test_the_bundled_packs_have_contexts_to_check() -> None:
    assert PROBLEMS == []
    assert len(CONTEXTS) >= 20


@pytest.mark.parametrize(("where", "text"), CONTEXTS, ids=[w for w, _ in CONTEXTS])
def test_a_context_is_a_sentence_that_does_not_repeat_the_label(where: str, text: str) -> None:
    head = text[:60].casefold()
    assert "not from the article" not in head and not head.startswith(("background", "context")), where
    assert text[0].isupper() or text[0].isdigit(), where
    assert text.rstrip("”\"'").endswith((".", "!", "?")), where
