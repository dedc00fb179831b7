"""Loading packs: the tiny and the bundled pack load; every semantic error is one line at the right place.

Quote verification is tested here too: typographic variants are accepted, the footer is refused, and the
recorded span is exactly the article's own text at the paragraph the reader will scroll to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.pack import Pack
from game.engine.content.quotes import Article, normalize
from game.engine.packs import find_packs, load_pack, load_packs
from game.engine.quiz import types as qtypes

WritePack = Callable[..., Path]

# Line numbers below refer to this question as it stands in a file after `kind: quiz` and `questions:`.
PROMPT = "By how much did the river rise?"
OPTIONS = '[three metres, one metre, "1,000 metres"]'
OPTIONS_LINE = f"    options: {OPTIONS}\n"
ANSWER = "answer: three metres"
EXPLANATION = "explanation: The mayor gave the figure."
RIVER = "The river rose by three metres on Monday"
QUOTES = f'quotes: ["{RIVER}"]'
QUESTION = f"""\
  - id: {{id}}
    type: single
    topic: facts
    prompt: {PROMPT}
{OPTIONS_LINE}    {ANSWER}
    {EXPLANATION}
    {QUOTES}
"""
HEAD = "kind: quiz\nquestions:\n"


def quiz(*questions: str) -> str:
    return HEAD + "".join(questions)


def q(*replace: tuple[str, str], ident: str = "river") -> str:
    """QUESTION with some of its text replaced by ``(old, new)`` pairs."""
    text = QUESTION.format(id=ident)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def errors_of(folder: Path) -> list[Diagnostic]:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    for diagnostic in info.value.diagnostics:
        assert "\n" not in str(diagnostic)
    return info.value.diagnostics


def only(diagnostics: list[Diagnostic]) -> Diagnostic:
    errors = [d for d in diagnostics if d.severity == "error"]
    assert len(errors) == 1, [str(d) for d in diagnostics]
    return errors[0]


# --- packs that load ------------------------------------------------------------------------------


def test_tiny_pack_loads(tiny_pack_dir: Path) -> None:
    pack = load_pack(tiny_pack_dir)
    assert pack.id == "tiny"
    assert pack.topics == {"facts": "Facts"}
    assert [q.id for q in pack.questions] == ["river"]
    assert pack.warnings == []
    where, line = pack.sources["river"]
    assert where.endswith("quiz.yaml") and line == 3
    (ref,) = pack.quotes_of(pack.questions[0].quotes)
    assert ref.text == "The river rose by three metres on Monday"
    assert ref.paragraph == 2
    assert pack.article.text[ref.span.start : ref.span.end] == ref.text


def test_bundled_pack_loads(panjshir: Pack) -> None:
    assert panjshir.id == "panjshir"
    assert panjshir.warnings == []
    assert len(panjshir.questions) >= 40
    kinds = {q.__struct_config__.tag for q in panjshir.questions}
    assert kinds == set(qtypes.QUESTION_TYPES)
    assert len({q.id for q in panjshir.questions}) == len(panjshir.questions)
    assert set(panjshir.topics) >= {q.topic for q in panjshir.questions}
    article = panjshir.article
    for question in panjshir.questions:
        for text in question.quotes:
            ref = panjshir.quote(text)
            assert article.text[ref.span.start : ref.span.end] == ref.text
            assert normalize(ref.text) == normalize(text)
            paragraph = article.paragraphs[ref.paragraph - 1]
            assert paragraph.start <= ref.span.start < paragraph.end
            assert not paragraph.boilerplate


def test_bundled_article_paragraphs(panjshir: Pack) -> None:
    paragraphs = panjshir.article.paragraphs
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert paragraphs[0].text.startswith("Meet The Anti-Taliban Fighters")
    footer = [p for p in paragraphs if p.boilerplate]
    assert footer and footer[0].text == "Source link"
    assert all(p.boilerplate for p in paragraphs[paragraphs.index(footer[0]) :])
    for paragraph in paragraphs:
        assert panjshir.article.text[paragraph.start : paragraph.end] == paragraph.text


def test_find_packs(tmp_path: Path, write_pack: WritePack, tiny_pack_dir: Path) -> None:
    assert find_packs(tiny_pack_dir) == [tiny_pack_dir]
    assert find_packs(tiny_pack_dir.parent) == [tiny_pack_dir]
    assert find_packs(tmp_path / "nothing") == []
    (tmp_path / "scenes").mkdir()
    b = write_pack(tmp_path / "scenes" / "b", {"quiz.yaml": quiz(q())})
    a = write_pack(
        tmp_path / "scenes" / "a", {"quiz.yaml": quiz(q((ANSWER, "answer: nope")))}, pack=_pack("a")
    )
    (tmp_path / "scenes" / "not-a-pack").mkdir()
    assert find_packs(tmp_path / "scenes") == [a, b]
    packs, problems = load_packs(tmp_path / "scenes")
    assert [p.folder for p in packs] == [b]
    assert [d.line for d in problems if d.severity == "error"] == [8]


def _pack(ident: str = "tiny", extra: str = "") -> str:
    return (
        f"id: {ident}\ntitle: Tiny pack\ndescription: A pack for tests.\narticle: article.txt\n"
        f"boilerplate_starts: Source link\ntopics:\n  - id: facts\n    title: Facts\n{extra}"
    )


def test_pack_id_differing_from_folder_is_a_warning(tmp_path: Path, write_pack: WritePack) -> None:
    pack = load_pack(write_pack(tmp_path / "other", {"quiz.yaml": quiz(q())}))
    (warning,) = pack.warnings
    assert (
        warning.severity == "warning"
        and warning.line == 1
        and "differs from its folder name" in warning.message
    )


# --- one error at one line ----------------------------------------------------------------------

# (id, quiz file text, line, col or None, fragment)
# fmt: off
QUIZ_ERRORS = [
    ("unknown-key", quiz(q(("    prompt:", "    promt:"))), 6, 5,
     "unknown key 'promt'; did you mean 'prompt'?"),
    ("unknown-key-last", quiz(q() + "    explanaton: x\n"), 11, 5, "did you mean 'explanation'?"),
    ("unknown-key-no-hint", quiz(q() + "    colour: red\n"), 11, 5, "unknown key 'colour'"),
    ("unknown-key-in-option", quiz(q(('"1,000 metres"', "{text: x, feedbak: y}"))), 7, None,
     "unknown key 'feedbak'; did you mean 'feedback'?"),
    ("unknown-key-in-file", "kind: quiz\ntitle: x\nquestions:\n" + q(), 2, 1,
     "unknown key 'title' in a quiz file"),
    ("missing-key", quiz(q((f"    {EXPLANATION}\n", ""))), 3, 5, "missing required key 'explanation'"),
    ("missing-type", quiz(q(("    type: single\n", ""))), 3, 5, "missing required key 'type'"),
    ("missing-quotes", quiz(q((f"    {QUOTES}\n", ""))), 3, 5, "missing required key 'quotes'"),
    ("wrong-type-options", quiz(q((OPTIONS, "three metres"))), 7, 14, "expected array, got str"),
    ("wrong-type-points", quiz(q() + "    points: ten\n"), 11, 13, "expected int"),
    ("points-out-of-range", quiz(q() + "    points: 0\n"), 11, 13, ">= 1"),
    ("wrong-type-true-false",
     quiz(q(("single", "true_false"), (ANSWER, 'answer: "yes"'), (OPTIONS_LINE, ""))),
     7, 13, "expected bool, got str"),
    ("question-not-mapping", quiz("  - just text\n"), 3, 5, "expected object, got str"),
    ("bad-id", quiz(q(ident="River Rise")), 3, 9, "matching regex"),
    ("empty-prompt", quiz(q((PROMPT, '""'))), 6, 13, "length >= 1"),
    ("huge-prompt", quiz(q((PROMPT, "x" * 4001))), 6, 13, "length <= 4000"),
    ("too-few-options", quiz(q((OPTIONS, "[three metres]"))), 7, 14, "length >= 2"),
    ("unknown-question-type", quiz(q(("type: single", "type: essay"))), 4, 11,
     "invalid value 'essay': a question type is one of single, attribution"),
    ("answer-not-an-option", quiz(q((ANSWER, "answer: two metres"))), 8, 13,
     "answer 'two metres' is not one of the options"),
    ("answer-case-differs", quiz(q((ANSWER, "answer: Three metres"))), 8, 13, "is not one of the options"),
    ("multi-answer-not-an-option",
     quiz(q(("single", "multi"), (ANSWER, "answers: [three metres, four metres]"))),
     8, 29, "answer 'four metres' is not one of the options"),
    ("multi-all-right",
     quiz(q(("single", "multi"), (ANSWER, "answers: [three metres, one metre, '1,000 metres']"))),
     8, 14, "every option is right"),
    ("duplicate-option", quiz(q(("one metre", "Three  metres"))), 7, 29,
     "option 'Three  metres' is listed twice"),
    ("duplicate-order-item", quiz(q(("single", "order"), (OPTIONS_LINE, ""), (ANSWER, "items: [a, b, A]"))),
     7, 19, "item 'A' is listed twice"),
    ("short-answer-without-letters",
     quiz(q(("single", "short"), (OPTIONS_LINE, ""), (ANSWER, 'answers: ["3 metres", "?!"]'))),
     7, 27, "must hold letters or digits"),
    ("unknown-topic", quiz(q(("topic: facts", "topic: fact"))), 5, 12,
     "unknown topic 'fact'; the pack's topics: facts"),
    ("quote-not-in-article", quiz(q((RIVER, "The river rose by four metres"))), 10, 14,
     "quote not found in the article article.txt: 'The river rose by four metres'"),
    ("quote-case-differs", quiz(q((RIVER, "the river rose by three metres"))), 10, 14, "quote not found"),
    ("quote-from-footer", quiz(q((RIVER, "Source link"))), 10, 14, "page footer"),
    ("quote-running-into-footer", quiz(q((RIVER, "said Ana Ruiz.\\n\\nSource link"))), 10, 14, "page footer"),
    ("second-quote-bad", quiz(q((QUOTES, 'quotes:\n      - "The river rose"\n      - "nowhere"'))), 12, 9,
     "quote not found"),
    ("quote-too-short", quiz(q((RIVER, "Th"))), 10, 14, "length >= 3"),
    ("list-document", "- kind: quiz\n- questions: []\n", 1, 1,
     "a content file must be a mapping with a 'kind' key"),
    ("scalar-document", "just some words\n", 1, 1, "must be a mapping"),
    ("unknown-kind", "kind: quizz\nquestions: []\n", 1, 7, "'kind' must be one of:"),
    ("kind-not-text", "kind: [quiz]\n", 1, 7, "'kind' must be one of:"),
    ("no-kind", "questions: []\n", 1, 1, "'kind' must be one of:"),
    ("no-questions", "kind: quiz\n", 1, 1, "a quiz file needs a list of questions"),
    ("empty-questions", "kind: quiz\nquestions: []\n", 2, 12, "a quiz file needs a list of questions"),
    ("questions-not-a-list", "kind: quiz\nquestions: 3\n", 2, 12, "a quiz file needs a list of questions"),
    ("yaml-syntax", quiz(q((PROMPT, "Question: how much?"))), 6, 21,
     "YAML syntax: mapping values are not allowed"),
    ("empty-file", "", 1, 1, "the file is empty"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"), [c[1:] for c in QUIZ_ERRORS], ids=[c[0] for c in QUIZ_ERRORS]
)
def test_quiz_error_is_reported_at_its_line(
    tmp_path: Path, write_pack: WritePack, text: str, line: int, col: int | None, fragment: str
) -> None:
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": text})
    error = only(errors_of(folder))
    assert error.path.endswith("quiz.yaml")
    assert fragment in error.message
    assert error.line == line
    if col is not None:
        assert error.col == col


def test_duplicate_ids_across_files(tmp_path: Path, write_pack: WritePack) -> None:
    folder = write_pack(tmp_path / "tiny", {"a.yaml": quiz(q()), "b.yaml": quiz(q(ident="other"), q())})
    error = only(errors_of(folder))
    assert error.path.endswith("b.yaml")
    assert (error.line, error.col) == (11, 9)
    assert "question id 'river' is already used at" in error.message
    assert error.message.endswith("a.yaml:3")


def test_duplicate_ids_in_one_file(tmp_path: Path, write_pack: WritePack) -> None:
    error = only(errors_of(write_pack(tmp_path / "tiny", {"quiz.yaml": quiz(q(), q())})))
    assert error.line == 11 and "already used" in error.message and error.message.endswith("quiz.yaml:3")


def test_several_errors_in_one_file_are_all_reported(tmp_path: Path, write_pack: WritePack) -> None:
    """One bad question must not hide the next: each gets its own line."""
    text = quiz(
        q(("    prompt:", "    promt:"), ident="a"),
        q((ANSWER, "answer: 3"), ident="b"),
        q(("topic: facts", "topic: nope"), ident="c"),
        q(("type: single", "type: essay"), ident="d"),
        q(ident="e"),
        q((RIVER, "The sea rose"), ident="f"),
    )
    errors = errors_of(write_pack(tmp_path / "tiny", {"quiz.yaml": text}))
    assert [(d.line, d.message.split(";")[0].split(":")[0]) for d in errors] == [
        (6, "unknown key 'promt'"),
        (16, "expected text, but YAML read '3' as a number"),
        (21, "unknown topic 'nope'"),
        (28, "invalid value 'essay'"),
        (50, "quote not found in the article article.txt"),
    ]


def test_errors_of_every_file_are_reported(tmp_path: Path, write_pack: WritePack) -> None:
    folder = write_pack(
        tmp_path / "tiny",
        {
            "a.yaml": "kind: quiz\nquestions: [\n",
            "b.yaml": quiz(q(("topic: facts", "topic: nope"))),
            "c.yaml": quiz(q(ident="c")),
        },
    )
    errors = errors_of(folder)
    assert [(Path(d.path).name, d.line) for d in errors] == [("a.yaml", 3), ("b.yaml", 5)]


def test_pack_without_questions(tmp_path: Path, write_pack: WritePack) -> None:
    error = only(errors_of(write_pack(tmp_path / "tiny", {})))
    assert error.path.endswith("pack.yaml") and "no questions" in error.message


# --- pack.yaml and the article --------------------------------------------------------------------

PACK_ERRORS = [
    (
        "missing-article",
        _pack().replace("article.txt", "nope.txt"),
        4,
        10,
        "cannot read the article 'nope.txt'",
    ),
    ("article-is-a-folder", _pack().replace("article.txt", "."), 4, 10, "cannot read the article '.'"),
    ("unknown-key", _pack().replace("title:", "titel:"), 2, 1, "unknown key 'titel'; did you mean 'title'?"),
    (
        "missing-key",
        _pack().replace("description: A pack for tests.\n", ""),
        1,
        1,
        "missing required key 'description'",
    ),
    ("yaml-11-title", _pack().replace("title: Tiny pack", "title: no"), 2, 8, 'put it in quotes: "no"'),
    (
        "duplicate-topic",
        _pack(extra="  - id: facts\n    title: Again\n"),
        9,
        9,
        "topic id 'facts' is listed twice",
    ),
    ("list-document", "- id: tiny\n", 1, 1, "pack.yaml must be a mapping"),
    ("empty", "", 1, 1, "the file is empty"),
    (
        "sha256-mismatch",
        _pack(extra='article_sha256: "' + "0" * 64 + '"\n'),
        9,
        17,
        "the article has changed since its quotes were checked",
    ),
]


@pytest.mark.parametrize(
    ("pack_yaml", "line", "col", "fragment"), [c[1:] for c in PACK_ERRORS], ids=[c[0] for c in PACK_ERRORS]
)
def test_pack_file_error(
    tmp_path: Path, write_pack: WritePack, pack_yaml: str, line: int, col: int, fragment: str
) -> None:
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": quiz(q())}, pack=pack_yaml)
    error = only(errors_of(folder))
    assert error.path.endswith("pack.yaml")
    assert fragment in error.message
    assert (error.line, error.col) == (line, col)


def test_sha256_match_loads(tmp_path: Path, write_pack: WritePack, tiny_article: str) -> None:
    digest = hashlib.sha256(tiny_article.encode()).hexdigest()
    folder = write_pack(
        tmp_path / "tiny", {"quiz.yaml": quiz(q())}, pack=_pack(extra=f'article_sha256: "{digest}"\n')
    )
    assert load_pack(folder).article.sha256 == digest


@pytest.mark.parametrize(
    ("article", "fragment"),
    [
        pytest.param("", "has no text", id="empty"),
        pytest.param("Source link\n\nAbout Author\n", "has no text", id="only-footer"),
    ],
)
def test_unusable_article(tmp_path: Path, write_pack: WritePack, article: str, fragment: str) -> None:
    error = only(errors_of(write_pack(tmp_path / "tiny", {"quiz.yaml": quiz(q())}, article=article)))
    assert error.path.endswith("pack.yaml") and error.line == 4 and fragment in error.message


def test_article_not_utf8(tmp_path: Path, write_pack: WritePack) -> None:
    folder = write_pack(tmp_path / "tiny", {"quiz.yaml": quiz(q())})
    (folder / "article.txt").write_bytes(b"caf\xe9\n")
    error = only(errors_of(folder))
    assert error.line == 4 and "not UTF-8" in error.message


# --- quotes: typographic variants, spans, paragraphs ---------------------------------------------

ARTICLE = """Headline: A “Quoted” Title

Afghanistan’s valley held out between 1979–1989 — they said.
It was   “impenetrable,” a commander claimed.

Nazary's straight apostrophe and "straight quotes" - with a hyphen.

Source link

About Author
"""


@pytest.mark.parametrize(
    ("quote", "expected", "paragraph"),
    [
        ("Afghanistan's valley", "Afghanistan’s valley", 2),
        ("between 1979-1989 - they said", "between 1979–1989 — they said", 2),
        ('It was "impenetrable," a commander', "It was   “impenetrable,” a commander", 2),
        ("they said. It was", "they said.\nIt was", 2),
        ("  held   out\n between  ", "held out between", 2),
        (
            "Nazary’s straight apostrophe and “straight quotes” – with",
            'Nazary\'s straight apostrophe and "straight quotes" - with',
            3,
        ),
        ("A ‘Quoted’ Title".replace("‘", "“").replace("’", "”"), "A “Quoted” Title", 1),
        ("Afghanistan\u2032s valley", "Afghanistan’s valley", 2),  # a prime typed for an apostrophe
        ("between\u00a01979\u20121989", "between 1979–1989", 2),  # no-break space and figure dash
    ],
)
def test_typographic_variants_are_accepted_and_span_is_the_articles_text(
    tmp_path: Path, quote: str, expected: str, paragraph: int
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = Article.from_file(path, "Source link")
    span = article.find(quote)
    assert span is not None
    assert article.text[span.start : span.end] == expected
    assert span.paragraph == paragraph
    assert not article.in_boilerplate(span)


@pytest.mark.parametrize("quote", ["valley held in", "AFGHANISTAN’S", "", "   ", "Source links"])
def test_quotes_that_are_not_in_the_article(tmp_path: Path, quote: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert Article.from_file(path, "Source link").find(quote) is None


def test_footer_is_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = Article.from_file(path, "Source link")
    assert [p.boilerplate for p in article.paragraphs] == [False, False, False, True, True]
    assert [p.number for p in article.body] == [1, 2, 3]
    span = article.find("About Author")
    assert span is not None and article.in_boilerplate(span)


def test_crlf_and_bom_article(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    raw = ("\ufeff" + ARTICLE).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(raw)
    article = Article.from_file(path, "Source link")
    assert article.sha256 == hashlib.sha256(raw).hexdigest()  # the bytes on disk, as pack.yaml records them
    span = article.find("they said. It was")
    assert span is not None and article.text[span.start : span.end] == "they said.\nIt was"
    assert article.paragraphs[0].text == "Headline: A “Quoted” Title"


def test_loaded_quote_refs_point_at_the_article(tmp_path: Path, write_pack: WritePack) -> None:
    # ASCII quotes for the article's curly ones, extra spaces and a line break: still the same words.
    quotes = 'quotes:\n      - "1,000 homes were safe. \\"We are ready,\\"   said\\n Ana Ruiz"\n'
    quotes += '      - "the mayor said"'
    pack = load_pack(write_pack(tmp_path / "tiny", {"quiz.yaml": quiz(q((QUOTES, quotes)))}))
    refs = pack.quotes_of(pack.questions[0].quotes)
    assert [r.text for r in refs] == [
        "1,000 homes were safe. “We are ready,” said Ana Ruiz",
        "the mayor said",
    ]
    assert [r.paragraph for r in refs] == [3, 2]
    for ref in refs:
        assert pack.article.text[ref.span.start : ref.span.end] == ref.text


# --- the registry of content kinds ----------------------------------------------------------------


def test_content_loads_the_kinds_it_is_given(tmp_path: Path, write_pack: WritePack) -> None:
    """Content knows no kind itself: a pack read with a table of one kind refuses the other."""
    from game.engine.content import loader
    from game.engine.packs import KINDS

    folder = write_pack(tmp_path / "tiny", {"q.yaml": quiz(q())})
    only_stories = {"scenario": KINDS["scenario"]}
    with pytest.raises(ContentError) as caught:
        loader.load_pack(folder, only_stories)
    assert "'kind' must be one of: scenario" in str(caught.value)
    assert [question.id for question in loader.load_pack(folder, KINDS).questions] == ["river"]


def test_a_key_of_another_struct_is_not_suggested_as_itself(tmp_path: Path, write_pack: WritePack) -> None:
    """``text:`` belongs in a scene, not an ending: "did you mean 'text'?" would be no help there."""
    folder = write_pack(tmp_path / "tiny", {"s.yaml": STORY.replace("debrief:", "text:")})
    error = only([d for d in errors_of(folder) if "unknown key" in d.message])
    assert error.message == "unknown key 'text'; did you mean 'context'?"


STORY = f"""\
kind: scenario
id: s
title: S
role: A reader.
intro: You read.
start: a
scenes:
  - id: a
    text: A.
    choices:
      - label: Go
        target: end
endings:
  - id: end
    title: End
    kind: good
    debrief: Done.
    quotes: ["{RIVER}"]
"""


def test_normalize_folds_as_the_translation_table_does() -> None:
    """normalize replaces the folded characters one by one; the result must be the table's."""
    import random

    from game.engine.content.quotes import _FOLD

    alphabet = [chr(code) for code in _FOLD] + list("ab '\"-`\n\t") + ["\u00e9", "\u3000", "\u2028"]
    rng = random.Random(15)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 20))) for _ in range(3000)]
    for text in [*texts, "plain ascii", "back`tick", "Jazeera’s “Inside Story” — 1,000"]:
        assert normalize(text) == " ".join(text.translate(_FOLD).split()), repr(text)


def test_content_files_lists_what_glob_lists(tmp_path: Path) -> None:
    """content_files lists the folder itself; the files and their order must be glob's."""
    from game.engine.content.loader import PACK_FILE, content_files

    for name in ("b.yaml", "a.yaml", ".hidden.yaml", "Z.yaml", "x.YAML", "notes.yml", PACK_FILE, ".yaml"):
        (tmp_path / name).write_text("kind: quiz\n", encoding="utf-8")
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "dirlink.yaml").symlink_to(tmp_path / "dir.yaml")
    by_glob = sorted(p for p in tmp_path.glob("*.yaml") if p.name != PACK_FILE and p.is_file())
    assert content_files(tmp_path) == by_glob
    assert [p.name for p in by_glob] == [".hidden.yaml", ".yaml", "Z.yaml", "a.yaml", "b.yaml", "link.yaml"]
    assert content_files(tmp_path / "no such folder") == []
