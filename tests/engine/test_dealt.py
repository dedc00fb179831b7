"""A question's type facts (type, shape, kind, label, statement) have one definition, shared by the quiz
run's ``Presented`` and the exports' ``Item``, so the game and a printed sheet never describe one question
two ways."""

from __future__ import annotations

from pathlib import Path

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz import types
from game.engine.quiz.dealt import TypeFacts
from game.engine.quiz.run import Presented, QuizRun
from game.export.common import Item, deal

EVIDENCE_PACK = Path(__file__).resolve().parents[1] / "snapshots" / "evidence_pack"
FACTS = ("type", "shape", "kind", "label", "statement")


def test_one_definition_serves_both() -> None:
    for name in FACTS:
        assert getattr(Presented, name) is getattr(TypeFacts, name) is getattr(Item, name), name


def test_the_game_and_an_export_say_the_same_of_every_question(all_types_pack: Pack) -> None:
    seen = set()
    for pack in (all_types_pack, load_pack(EVIDENCE_PACK)):  # the every-type pack has no evidence question
        run = QuizRun(pack, seed=3)
        items = {item.question.id: item for item in deal(pack, seed=3)}
        while (shown := run.current) is not None:
            item = items[shown.question.id]
            for name in FACTS:
                assert getattr(shown, name) == getattr(item, name), (shown.question.id, name)
            assert shown.type is types.type_of(shown.question)
            seen.add(shown.kind)
            run.answer(None)
    assert seen == set(types.TYPES)  # every type compared


def test_presented_stays_a_plain_struct(all_types_pack: Pack) -> None:
    """The mixin adds no fields and no ``__dict__``: a Presented is its four fields, compared by them."""
    assert Presented.__struct_fields__ == ("question", "number", "total", "choices")
    shown = QuizRun(all_types_pack, seed=3).current
    assert shown is not None and not hasattr(shown, "__dict__")
    again = QuizRun(all_types_pack, seed=3).current
    assert shown == again
