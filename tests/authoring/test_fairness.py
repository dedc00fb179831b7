"""The fairness checks (issue 14): each giveaway warns, naming the question; its fair twin does not.

Questions are written as YAML into a small pack and checked the way `quotebound validate` checks them,
so these tests keep holding wherever the question structs live.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from game.authoring.fairness import check_pack, longest_answers
from game.authoring.fairness_rules import Names
from game.authoring.validate import validate_pack
from game.cli import main
from game.engine.content.diagnostics import Diagnostic
from game.engine.packs import load_pack
from game.paths import bundled_scenes

ARTICLE = """Flood Report

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

The old bridge opened in 1913 and was closed in 2023 after inspectors found rust in its beams.

Ana Ruiz told the Valley Times that the towns of Millbrook and Eastfield would recover soon.

Tom Berg, who runs a shop in Millbrook, said the water reached his door.

Source link
"""

PACK = """\
id: flood
title: Flood
description: A pack for the fairness tests.
article: article.txt
boilerplate_starts: Source link
people: [Ana Ruiz, Tom Berg]
outlets: [Valley Times]
places: [Millbrook, Eastfield]
"""

WritePack = Callable[..., Path]
ROOT = Path(__file__).resolve().parents[2]


def _question(body: str, qid: str = "q") -> str:
    """One question (its type-specific keys in ``body``) with the keys every question needs."""
    lines = textwrap.dedent(body).strip().splitlines()
    block = "\n".join(f"    {line}" for line in lines)
    return (
        f"  - id: {qid}\n    topic: facts\n{block}\n    explanation: Because.\n"
        '    quotes: ["The river rose by three metres on Monday"]\n'
    )


def _folder(write_pack: WritePack, tmp_path: Path, *questions: str, pack: str = PACK) -> Path:
    """A pack on :data:`ARTICLE` with ``questions`` (from :func:`_question`) in its quiz file."""
    quiz = "kind: quiz\nquestions:\n" + "".join(questions)
    return write_pack(tmp_path / "flood", {"quiz.yaml": quiz}, article=ARTICLE, pack=pack)


def _check(write_pack: WritePack, tmp_path: Path, *questions: str, pack: str = PACK) -> list[Diagnostic]:
    warnings, _longest = check_pack(load_pack(_folder(write_pack, tmp_path, *questions, pack=pack)))
    return warnings


def _in_quiz(warnings: list[Diagnostic]) -> list[str]:
    return [w.message for w in warnings if w.path.endswith("quiz.yaml")]


# (check, a giveaway question, its fair twin, what the warning says)
TABLE = [
    (
        "longest by a wide margin",
        """
        type: single
        prompt: By how much did the river rise?
        options: ["Three metres above its usual level", One metre, Ten metres]
        answer: "Three metres above its usual level"
        """,
        """
        type: single
        prompt: By how much did the river rise?
        options: [Three metres, One metre, Twelve metres]
        answer: Three metres
        """,
        "the right option is the longest by a wide margin (34 characters, the longest wrong one 10)",
    ),
    (
        "only one with a number",
        """
        type: single
        prompt: What did officials claim?
        options: ["That 1,000 homes were safe", "That the river would fall", "That the old bridge was safe"]
        answer: "That 1,000 homes were safe"
        """,
        """
        type: single
        prompt: What did officials claim?
        options: ["That 1,000 homes were safe", "That 100 homes were lost", "That 10,000 homes were safe"]
        answer: "That 1,000 homes were safe"
        """,
        "the right option is the only one with a number:",
    ),
    (
        "only one with a date",
        """
        type: single
        prompt: When did the river rise?
        options: [On Monday, After the rain, Before the bridge shut]
        answer: On Monday
        """,
        """
        type: single
        prompt: When did the river rise?
        options: [On Monday, On Tuesday, On Sunday]
        answer: On Monday
        """,
        "the right option is the only one with a date:",
    ),
    (
        "only one with a hedge",
        """
        type: single
        prompt: How does the article present the safety of the homes?
        options: [As what officials claimed, As a plain fact, As the mayor's finding]
        answer: As what officials claimed
        """,
        """
        type: single
        prompt: How does the article present the safety of the homes?
        options: [As a claim by officials, As a claim by the mayor, As a plain fact]
        answer: As a claim by officials
        """,
        "the only one with a hedge or qualifier ('claimed')",
    ),
    (
        "ordering items that carry their years",
        """
        type: order
        prompt: Put these in time order.
        items: [The bridge opens in 1913, The bridge shuts in 2023, The river rises]
        """,
        """
        type: order
        prompt: Put these in time order.
        items: [The bridge opens, Inspectors find rust, The bridge shuts]
        """,
        "the items carry figures that give the order away (1913, 2023)",
    ),
    (
        "true statement equal to a sentence",
        """
        type: true_false
        prompt: "True or false: Officials claimed that 1,000 homes were safe."
        answer: true
        """,
        """
        type: true_false
        prompt: "True or false: according to officials, the homes were not at risk."
        answer: true
        """,
        "the true statement is a sentence of the article",
    ),
    (
        "true statement copying 8 words in a row",
        """
        type: true_false
        prompt: "True or false: the report says the old bridge opened in 1913 and was closed later."
        answer: true
        """,
        """
        type: true_false
        prompt: "True or false: The river rose by three metres on Tuesday, the mayor said."
        answer: false
        """,
        "the true statement copies 8 or more words in a row from a sentence of the article",
    ),
    (
        "a person among places",
        """
        type: single
        prompt: Where does Tom Berg run a shop?
        options: [Millbrook, Eastfield, Ana Ruiz]
        answer: Millbrook
        """,
        """
        type: single
        prompt: Where does Tom Berg run a shop?
        options: [Millbrook, Eastfield, "In the town hall"]
        answer: Millbrook
        """,
        "wrong option 'Ana Ruiz' is a person, the answer a place",
    ),
    (
        "a number among names",
        """
        type: single
        prompt: Who said the water reached his door?
        options: [Tom Berg, Ana Ruiz, "1,000"]
        answer: Tom Berg
        """,
        """
        type: single
        prompt: Who said the water reached his door?
        options: [Tom Berg, Ana Ruiz, The mayor]
        answer: Tom Berg
        """,
        "wrong option '1,000' is a number, the answer a person",
    ),
    (
        "attribution options the article does not name",
        """
        type: attribution
        prompt: Who said this?
        statement: We are ready.
        options: [Ana Ruiz, Tom Berg, The mayor]
        answer: Ana Ruiz
        """,
        """
        type: attribution
        prompt: Who said this?
        statement: We are ready.
        options: [Ana Ruiz, Tom Berg, "The Valley Times"]
        answer: Ana Ruiz
        """,
        "attribution option 'The mayor' is not a person or outlet pack.yaml declares",
    ),
]
IDS = [row[0] for row in TABLE]


@pytest.mark.parametrize(("check", "giveaway", "fair", "says"), TABLE, ids=IDS)
def test_a_giveaway_warns_naming_the_question(
    pack_writer: WritePack, tmp_path: Path, check: str, giveaway: str, fair: str, says: str
) -> None:
    messages = _in_quiz(_check(pack_writer, tmp_path, _question(giveaway, "giveaway")))
    assert len(messages) == 1, messages
    assert messages[0].startswith("question 'giveaway': ")
    assert says in messages[0]


@pytest.mark.parametrize(("check", "giveaway", "fair", "says"), TABLE, ids=IDS)
def test_its_fair_twin_passes(
    pack_writer: WritePack, tmp_path: Path, check: str, giveaway: str, fair: str, says: str
) -> None:
    assert _check(pack_writer, tmp_path, _question(fair)) == []


def test_a_warning_points_at_the_option(pack_writer: WritePack, tmp_path: Path) -> None:
    giveaway = TABLE[7][1]  # 'Ana Ruiz' among places, the third option
    (warning,) = _check(pack_writer, tmp_path, _question(giveaway))
    assert (warning.path.endswith("quiz.yaml"), warning.line, warning.severity) == (True, 7, "warning")
    assert warning.col == len("    options: [Millbrook, Eastfield, ") + 1


LONGEST = """
type: single
prompt: By how much did the river rise?
options: {options}
answer: {answer}
"""


@pytest.mark.parametrize(
    ("questions", "expected", "warns"),
    [
        ([("[Three metres, One metre]", "Three metres")] * 2, "2 of 2", True),
        ([("[Three metres, One metre]", "Three metres"), ("[Three metres, One metre]", "One metre")],
         "1 of 2", False),  # chance is 1.0: 1/2 for each two-option question
        ([("[Three metres, Twelve metre]", "Three metres")] * 2, "0 of 2", False),  # a tie does not count
    ],
)  # fmt: skip
def test_answer_is_longest_share_against_chance(
    pack_writer: WritePack, tmp_path: Path, questions: list[tuple[str, str]], expected: str, warns: bool
) -> None:
    written = [_question(LONGEST.format(options=o, answer=a), f"q{i}") for i, (o, a) in enumerate(questions)]
    pack = load_pack(_folder(pack_writer, tmp_path, *written))
    line = longest_answers(pack).line()
    assert line == f"flood: answer is the longest option: {expected} single-choice and attribution " + (
        "questions (chance: 1.0)"
    )
    on_pack = [w for w in check_pack(pack)[0] if w.path.endswith("pack.yaml")]
    assert bool(on_pack) is warns
    if warns:
        assert on_pack[0].line == 1 and "above chance (1.0)" in on_pack[0].message


GIVEAWAY = """
type: attribution
prompt: Who said this?
statement: We are ready.
{comment}
options: [Ana Ruiz, Tom Berg, The mayor]
answer: Ana Ruiz
"""


def test_giveaway_ok_with_a_reason_silences_the_question(pack_writer: WritePack, tmp_path: Path) -> None:
    comment = "# giveaway-ok: the article calls him only 'the mayor'"
    assert _check(pack_writer, tmp_path, _question(GIVEAWAY.format(comment=comment))) == []


def test_giveaway_ok_without_a_reason_does_not_count(pack_writer: WritePack, tmp_path: Path) -> None:
    messages = _in_quiz(_check(pack_writer, tmp_path, _question(GIVEAWAY.format(comment="# giveaway-ok"))))
    assert len(messages) == 2
    assert "a giveaway-ok comment without a reason does not count" in messages[0]
    assert "'The mayor' is not a person or outlet" in messages[1]


def test_giveaway_ok_on_a_fair_question_is_reported(pack_writer: WritePack, tmp_path: Path) -> None:
    fair = GIVEAWAY.format(comment="# giveaway-ok: just in case").replace("The mayor", "Valley Times")
    messages = _in_quiz(_check(pack_writer, tmp_path, _question(fair)))
    assert messages == ["question 'q': giveaway-ok comment, but no fairness check fires here: remove it"]


def test_a_comment_belongs_to_its_own_question(pack_writer: WritePack, tmp_path: Path) -> None:
    """A giveaway-ok in one question does not silence the next one."""
    fair = _question(textwrap.dedent(TABLE[7][2]).strip() + "\n# giveaway-ok: not needed", "first")
    warnings = _in_quiz(_check(pack_writer, tmp_path, fair, _question(TABLE[7][1], "second")))
    assert len(warnings) == 2
    assert warnings[0].startswith("question 'first': giveaway-ok comment, but no")
    assert warnings[1].startswith("question 'second': wrong option 'Ana Ruiz'")


def test_a_declared_name_the_article_lacks_is_reported(pack_writer: WritePack, tmp_path: Path) -> None:
    pack = PACK.replace("outlets: [Valley Times]", "outlets: [Valley Times, Daily Post]")
    warnings = _check(pack_writer, tmp_path, _question(TABLE[0][2]), pack=pack)
    assert [(w.path.endswith("pack.yaml"), w.line, w.message) for w in warnings] == [
        (True, 7, "outlet 'Daily Post' is not named in the article")
    ]


@pytest.mark.parametrize(
    ("option", "kind"),
    [
        ("Ana Ruiz", "person"),
        ("Ana Ruiz, to the Valley Times", "person"),  # the name it starts with decides
        ("The Valley Times", "outlet"),
        ("Millbrook", "place"),
        ("The US", "place"),
        ("A shop in Millbrook", "other"),  # a phrase that mentions a place is not a place
        ("Tom Berg said the water came", "other"),  # nor is a statement about a person
        ("Let us go", "other"),  # an acronym matches only in capitals
        ("£1.4 million", "number"),
        ("More than 1,000", "number"),
        ("told the Valley Times 4 times", "other"),  # names a source: not a bare number
        ("Two of its four support beams were weak", "other"),  # a statement, not a figure
    ],
)
def test_the_kind_of_an_option(option: str, kind: str) -> None:
    names = Names.of(["Ana Ruiz", "Tom Berg"], ["Valley Times"], ["Millbrook", "US"])
    assert names.kind(option) == kind


def test_validate_prints_the_figure_and_warns(
    pack_writer: WritePack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(pack_writer, tmp_path, _question(TABLE[7][1]))
    assert main(["validate", str(folder)]) == 0  # warnings do not fail...
    out, err = capsys.readouterr()
    assert out.count(": warning: ") == 1 and "question 'q'" in out
    assert err.splitlines()[0].startswith("flood: answer is the longest option: 0 of 1 ")
    assert main(["validate", "--strict", str(folder)]) == 1  # ...unless strict


@pytest.mark.parametrize("name", ["panjshir", "riverside"])
def test_bundled_packs_are_fair(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    notes: list[str] = []
    assert validate_pack(bundled_scenes() / name, notes.append) == []
    longest = longest_answers(load_pack(bundled_scenes() / name))
    assert longest.longest <= longest.chance and notes == [longest.line()]
    assert main(["coverage", name]) == 0
    assert longest.line() in capsys.readouterr().out.splitlines()


GUIDE = ROOT / "docs" / "authoring.md"
GUIDE_EXAMPLES = re.findall(
    r"<!-- fair: (giveaway|fair) -->\n<!-- check: fragment -->\n```yaml\n(.*?)```",
    GUIDE.read_text(encoding="utf-8"),
    re.S,
)


def test_the_guide_shows_a_giveaway_and_a_fair_question_for_each_rule() -> None:
    verdicts = [verdict for verdict, _ in GUIDE_EXAMPLES]
    assert verdicts == ["giveaway", "fair"] * 6


@pytest.mark.parametrize(("verdict", "body"), GUIDE_EXAMPLES, ids=[v for v, _ in GUIDE_EXAMPLES])
def test_the_guide_examples_are_judged_as_it_says(tmp_path: Path, verdict: str, body: str) -> None:
    """Each example of "Fair questions" loads into a copy of the Riverside pack it quotes, and warns
    (or not) as the guide says."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "riverside-bridge-vote.txt", tmp_path / "seeds")
    folder = tmp_path / "scenes" / "riverside"
    folder.mkdir(parents=True)
    shutil.copy(bundled_scenes() / "riverside" / "pack.yaml", folder)
    quiz = "kind: quiz\nquestions:\n" + textwrap.indent(body, "  ")
    (folder / "quiz.yaml").write_text(quiz, encoding="utf-8")
    messages = _in_quiz(check_pack(load_pack(folder))[0])
    assert bool(messages) is (verdict == "giveaway"), messages


def test_validate_reads_a_file_with_giveaway_ok_once(
    pack_writer: WritePack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate hands the fairness checks the files it parsed that hold a giveaway-ok comment: the same
    warnings as parsing them again, with no second parse."""
    from game.authoring import fairness
    from game.authoring.validate import validate_pack

    questions = [
        _question(GIVEAWAY.format(comment="# giveaway-ok"), "bare"),
        _question(GIVEAWAY.format(comment="# giveaway-ok: the article says only 'the mayor'"), "excused"),
        _question(TABLE[7][1], "plain"),
    ]
    folder = _folder(pack_writer, tmp_path, *questions)
    again = check_pack(load_pack(folder))[0]
    assert len(_in_quiz(again)) == 3

    def no_second_parse(path: Path, display: str) -> object:
        raise AssertionError(f"{display} parsed again")

    monkeypatch.setattr(fairness, "_load_yaml", no_second_parse)
    assert validate_pack(folder, note=lambda _line: None) == sorted(again)


def test_contains_run_finds_what_a_walk_over_every_place_finds() -> None:
    """contains_run jumps between the places of the needle's first word (list.index); a walk over
    every place gives the same answer."""
    import random

    from game.authoring.fairness_rules import contains_run

    for seed in range(300):  # one test over many seeded cases: the seed is in the message
        rng = random.Random(seed)
        haystack = [rng.choice("abc") for _ in range(rng.randrange(0, 12))]
        needle = [rng.choice("abc") for _ in range(rng.randrange(0, 4))]
        walk = bool(needle) and any(
            haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
        )
        assert contains_run(haystack, needle) == walk, f"seed {seed}: {haystack} {needle}"
