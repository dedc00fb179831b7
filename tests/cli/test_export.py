"""Every export format, read back by the rules of its importer, on a pack full of special characters.

GIFT and Aiken files are read back with small ports of Moodle's own readers (``qformat_gift`` and
``qformat_aiken``), the TSV by the rules of Anki's text import, the Markdown by a CommonMark renderer
(markdown-it-py, which rich already brings), and the JSON by the model itself. Each text must come back
exactly as the author wrote it.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from game.cli import main
from game.engine.content import model
from game.engine.content.pack import Pack
from game.engine.content.typography import quoted
from game.engine.packs import load_pack
from game.engine.quiz import types as qtypes
from game.export.common import deal

ARTICLE = """A Special Article

The fee rose to $5 & more on Monday {for now}: "a #1 rise", the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""
PACK = """\
id: special
title: "Special *chars* & <tags>: a {test}"
description: A pack whose texts are full of characters that formats treat specially.
article: article.txt
boilerplate_starts: Source link
topics:
  - id: facts
    title: Facts
"""
QUIZ = r"""
kind: quiz
questions:
  - id: sp-single
    type: single
    topic: facts
    prompt: >-
      Which is right: a~b, c=d, #e, {f}, g:h or back\slash? Also *stars*, _under_,
      [link](x), <b>tag</b>, a | pipe & `code`, ~~strike~~
    options:
      - 'a~b = {c}'
      - text: 'plain #2: x\y'
        feedback: 'Not this: ~ = # { } : \ all in feedback.'
      - '*bold* | [x] <i>'
    answer: 'a~b = {c}'
    explanation: 'Because {it} says so: #1 ~ = \n and a\\b.'
    context: 'Background with <script>alert(1)</script> & stuff: {x}'
    quotes: ['The fee rose to $5 & more on Monday {for now}: "a #1 rise"']
  - id: sp-multi
    type: multi
    topic: facts
    prompt: 'Pick the two = signs: {all} of them?'
    options: ['one = 1', 'two: 2', 'three # 3', 'four ~ 4']
    answers: ['one = 1', 'three # 3']
    explanation: Two are right.
    quotes: ["the mayor said"]
  - id: sp-short
    type: short
    topic: facts
    prompt: 'What is 5 * 2 {in words}?'
    answers: ['ten', '5 * 2', 'ten: 10']
    explanation: Simple.
    quotes: ["the mayor said"]
  - id: sp-tf
    type: true_false
    topic: facts
    prompt: '# Is this a heading? The fee rose by $5.'
    answer: true
    explanation: It did.
    quotes: ['The fee rose to $5 & more on Monday']
  - id: sp-cf
    type: claim_fact
    topic: facts
    prompt: '"Fact" or claim?'
    statement: '"1,000 homes were safe" | officials'
    answer: claim
    explanation: Officials claimed it.
    quotes: ["Officials claimed that 1,000 homes were safe."]
  - id: sp-order
    type: order
    topic: facts
    prompt: 'Order these -> events'
    items: ['first -> second', 'then = this', 'last {one}']
    explanation: In the article's order.
    quotes: ["the mayor said"]
  - id: sp-attr
    type: attribution
    topic: facts
    prompt: 'Who said this?'
    statement: '“We are ready,”'
    options: ['Ana Ruiz', 'The mayor']
    answer: 'Ana Ruiz'
    explanation: She said it.
    quotes: ['“We are ready,” said Ana Ruiz.']
  - id: sp-aiken-trap
    type: single
    topic: facts
    prompt: 'A. Looks like an option line'
    options: ['yes', 'no']
    answer: 'yes'
    explanation: Aiken cannot escape this.
    quotes: ["the mayor said"]
"""


@pytest.fixture
def special_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "special"
    folder.mkdir()
    for name, text in (("pack.yaml", PACK), ("article.txt", ARTICLE), ("quiz.yaml", QUIZ)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def special(special_dir: Path) -> Pack:
    return load_pack(special_dir)


def export(capsys: pytest.CaptureFixture[str], scenes: Path, *argv: str) -> tuple[str, str]:
    assert main(["export", "--scenes", str(scenes), "--pack", "special", *argv]) == 0
    return capsys.readouterr()


# --- GIFT: a port of Moodle's qformat_gift reader ------------------------------------------------

_ESC = {
    "\\:": "\x00058",
    "\\#": "\x00035",
    "\\=": "\x00061",
    "\\{": "\x00123",
    "\\}": "\x00125",
    "\\~": "\x00126",
    "\\n": "\x00010",
}
_UNESC = {
    "\x00058": ":",
    "\x00035": "#",
    "\x00061": "=",
    "\x00123": "{",
    "\x00125": "}",
    "\x00126": "~",
    "\x00010": "\n",
}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\x00092")
    for escaped, placeholder in _ESC.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\x00092", "\\")


def _post(text: str) -> str:
    for placeholder, char in _UNESC.items():
        text = text.replace(placeholder, char)
    return text


def _formatted(text: str, default: str = "moodle") -> tuple[str, str]:
    """(format, text as a reader sees it): HTML unescaped, <br> as a newline. Like Moodle, a text with no
    ``[format]`` of its own takes the question text's format."""
    fmt = default
    if text.startswith("["):
        fmt, text = text[1 : text.index("]")], text[text.index("]") + 1 :]
    text = _post(text).strip()
    if fmt == "html":
        text = html.unescape(text.replace("<br>", "\n"))
    return fmt, text


def _weight(answer: str) -> tuple[float | None, str]:
    match = _WEIGHT.match(answer)
    if not match:
        return None, answer
    end = answer.index("%", 1)
    return float(answer[1:end]) / 100, answer[end + 1 :]


def read_gift(text: str) -> list[dict[str, Any]]:
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks, current = [*blocks, current], []
    if current:
        blocks.append(current)
    questions = []
    for lines in blocks:
        body = "\n".join(" " if line.strip().startswith("//") else line for line in lines).strip()
        body = _pre(body)
        if body.startswith("$CATEGORY:"):
            questions.append({"category": body[10:].strip()})
            continue
        assert body.startswith("::")
        body = body[2:]
        name, body = _post(body[: body.index("::")]), body[body.index("::") + 2 :].strip()
        start, end = body.index("{"), body.index("}")
        assert body.endswith("}") and end == len(body) - 1, "the answers must close the question"
        answers = body[start + 1 : end].strip()
        feedback = ""
        if "####" in answers:
            cut = answers.rindex("####")
            answers, feedback = answers[:cut].strip(), answers[cut + 4 :]
        fmt, prompt = _formatted(body[:start])
        q: dict[str, Any] = {
            "name": name,
            "format": fmt,
            "text": prompt,
            "feedback": _formatted(feedback, fmt)[1],
        }
        if "~" in answers:
            q["type"] = "multichoice"
            q["single"] = "=" in answers
            parts = [p.strip() for p in answers.replace("=", "~=").split("~") if p.strip()]
            q["answers"] = []
            for part in parts:
                weight: float | None
                if part.startswith("="):
                    weight, part = 1.0, part[1:]
                else:
                    weight, part = _weight(part)
                option, _, option_feedback = part.partition("#")
                q["answers"].append(
                    (weight or 0.0, _formatted(option.strip(), fmt)[1], _formatted(option_feedback, fmt)[1])
                )
        elif "=" in answers and "->" in answers:
            q["type"] = "match"
            pairs = [p.strip() for p in answers.split("=") if p.strip()]
            q["pairs"] = [
                (_formatted(p[: p.index("->")], fmt)[1], _post(p[p.index("->") + 2 :]).strip()) for p in pairs
            ]
        elif answers.partition("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
            q["type"] = "truefalse"
            q["answer"] = answers.partition("#")[0].strip() in ("T", "TRUE")
        else:
            q["type"] = "shortanswer"
            q["answers"] = []
            for part in (p.strip() for p in answers.split("=") if p.strip()):
                weight, part = _weight(part)
                q["answers"].append(
                    (1.0 if weight is None else weight, _post(part.partition("#")[0]).strip())
                )
        questions.append(q)
    return questions


def test_gift_reads_back_exactly(
    special_dir: Path, special: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    out, err = export(capsys, special_dir, "--format", "gift", "--seed", "5")
    assert err == ""
    read = read_gift(out)
    assert read[0] == {"category": "quotebound/special"}
    dealt = deal(special, seed=5)
    # A question is named as the class report names it, by its number in the round and its prompt
    # (shortened when long), never by its id; the names read back exactly, special characters and all.
    names = [q["name"] for q in read[1:]]
    assert len(set(names)) == len(names) == len(dealt)
    for name, item in zip(names, dealt, strict=True):
        prompt = " ".join(item.question.prompt.split())
        assert name.startswith(f'Q{item.number} "') and name.endswith('"'), name
        shown = name[len(f'Q{item.number} "') : -1]
        assert shown == prompt or (shown.endswith("…") and prompt.startswith(shown[:-1])), name
        assert len(shown) <= 80 and item.question.id not in name
    by_name = {item.question.id: q for item, q in zip(dealt, read[1:], strict=True)}
    items = {item.question.id: item for item in dealt}
    multi, single = items["sp-multi"], items["sp-single"]
    assert by_name["sp-multi"]["name"] == f'Q{multi.number} "Pick the two = signs: {{all}} of them?"'
    assert by_name["sp-single"]["name"] == (
        f'Q{single.number} "Which is right: a~b, c=d, #e, {{f}}, g:h or back\\slash? Also *stars*, _under_…"'
    )
    for qid, q in by_name.items():
        item = items[qid]
        assert q["format"] == "html"
        assert q["text"].split("\n\n")[0] == item.question.prompt
        assert item.question.explanation in q["feedback"]
        for quote in item.quotes:
            assert f"¶{quote.paragraph}: {quoted(quote.text)}" in q["feedback"]
    single = by_name["sp-single"]
    assert single["type"] == "multichoice" and single["single"]
    assert [(w, t) for w, t, _ in single["answers"]] == [
        (1.0 if i in items["sp-single"].right else 0.0, c) for i, c in enumerate(items["sp-single"].choices)
    ]
    assert ("Not this: ~ = # { } : \\ all in feedback.") in [f for _, _, f in single["answers"]]
    assert (
        "Context (not from the article): Background with <script>alert(1)</script> & stuff: {x}"
        in single["feedback"]
    )
    multi = by_name["sp-multi"]
    assert multi["type"] == "multichoice" and not multi["single"]
    assert sorted(w for w, _, _ in multi["answers"]) == [-0.5, -0.5, 0.5, 0.5]
    assert {t for w, t, _ in multi["answers"] if w > 0} == {"one = 1", "three # 3"}
    short = by_name["sp-short"]
    assert short["type"] == "shortanswer"
    assert short["answers"] == [
        (1.0, "ten"),
        (1.0, "5 \\* 2"),
        (1.0, "ten: 10"),
    ]  # \* : a literal * in Moodle
    assert by_name["sp-tf"] == {**by_name["sp-tf"], "type": "truefalse", "answer": True}
    cf = by_name["sp-cf"]
    assert cf["text"] == '"Fact" or claim?\n\n"1,000 homes were safe" | officials'
    assert [(w, t) for w, t, _ in cf["answers"]] == [
        (0.0, "Reported as fact by the article"),
        (1.0, "Attributed to someone as a claim"),
    ]
    order = by_name["sp-order"]
    assert order["type"] == "match"
    assert order["pairs"] == [("first -> second", "1st"), ("then = this", "2nd"), ("last {one}", "3rd")]


# --- Aiken: a port of Moodle's qformat_aiken reader ----------------------------------------------


def read_aiken(text: str) -> list[dict[str, Any]]:
    questions, current = [], {"options": []}
    for raw in text.split("\n"):
        line = raw.strip()
        if len(line) < 2:
            continue
        if re.match(r"^[A-Z][).][ \t]", line):
            current["options"].append(line[2:].strip())
        elif line.startswith("ANSWER:"):
            current["answer"] = ord(line.split(":", 1)[1].strip()[0]) - ord("A")
            questions.append(current)
            current = {"options": []}
        else:
            current["text"] = line
    return questions


def test_aiken_holds_single_choice_only(
    special_dir: Path, special: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    out, err = export(capsys, special_dir, "--format", "aiken", "--seed", "5")
    read = read_aiken(out)
    expected = [
        i
        for i in deal(special, seed=5)
        if i.kind in ("single", "attribution", "true_false", "claim_fact")
        and i.question.id != "sp-aiken-trap"
    ]
    assert len(read) == len(expected)
    for got, item in zip(read, expected, strict=True):
        assert got["text"].startswith(item.question.prompt)
        assert got["options"] == item.choices and got["answer"] == item.right[0]
    assert "skipped 3 question(s) that are not single-choice" in err
    assert all(qid in err for qid in ("sp-multi", "sp-short", "sp-order", "sp-aiken-trap"))


# --- TSV: Anki's text import ---------------------------------------------------------------------


def test_tsv_for_anki(special_dir: Path, special: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = export(capsys, special_dir, "--format", "tsv", "--seed", "5")
    lines = out.rstrip("\n").split("\n")
    assert lines[:3] == ["#separator:tab", "#html:true", "#tags column:3"]
    cards = list(csv.reader(io.StringIO("\n".join(lines[3:])), delimiter="\t"))
    items = deal(special, seed=5)
    assert len(cards) == len(items) == len(lines) - 3
    for (front, back, tags), item, line in zip(cards, items, lines[3:], strict=True):
        assert line.split("\t") == [front, back, tags]  # no field was read as quoted: it holds what we wrote
        for field in (front, back):
            assert "\n" not in field and "\r" not in field and field[:1] not in ('"', "#")
        assert html.unescape(front.split("<br>")[0]) == item.question.prompt
        assert html.unescape(back.split("<br>")[0]) == f"Answer: {item.right_text()}"
        assert "<script>" not in back and "<b>" not in front
        assert tags == "quotebound special facts"
    tf = next(front for front, _, _ in cards if "heading" in front)
    assert tf.startswith("&#35; Is this a heading?")


def test_tsv_for_quizlet(special_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = export(capsys, special_dir, "--format", "tsv", "--flavor", "quizlet")
    lines = out.rstrip("\n").split("\n")
    assert not any(line.startswith("#separator") for line in lines)
    assert all(len(line.split("\t")) == 2 for line in lines) and "<br>" not in out and "&amp;" not in out
    assert any(line.startswith("Which is right: a~b, c=d, #e") for line in lines)


# --- Markdown: a CommonMark renderer must show every text as written ------------------------------


def _commonmark() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _as_rendered(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_markdown_sheet_and_key(special_dir: Path, special: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    sheet, _ = export(capsys, special_dir, "--format", "markdown", "--seed", "5")
    key, _ = export(capsys, special_dir, "--format", "markdown", "--seed", "5", "--answers")
    md = _commonmark()
    items = deal(special, seed=5)
    sheet_html, key_html = md.render(sheet), md.render(key)
    for item in items:
        heading = f"<h2>{item.number}. {_as_rendered(item.question.prompt)}</h2>"
        assert heading in sheet_html and heading in key_html
        for letter, choice in zip("ABCDEF", item.choices, strict=False):
            assert f"{letter}. {_as_rendered(choice)}</li>" in sheet_html
        assert _as_rendered(item.question.explanation.replace("\n", " ")) not in sheet_html
        assert _as_rendered(re.sub(r"\s+", " ", item.question.explanation)) in key_html
    for tag in ("<script", "<a ", "<code>", "<s>", "<b>", "<i>"):
        assert tag not in sheet_html and tag not in key_html
    assert "<em>stars</em>" not in sheet_html
    assert "Answer:" not in sheet.replace("Answer: ____", "") and "**Answer:" in key
    assert "# Special \\*chars\\* \\& \\<tags\\>: a {test} — quiz sheet" in sheet
    single = next(i for i in items if i.question.id == "sp-single")
    letter = "ABC"[single.right[0]]
    assert f"**Answer: {letter}: a\\~b = {{c}}**" in key
    assert "> ¶2: “The fee rose to $5 \\& more on Monday {for now}: ‘a \\#1 rise’”" in key


def test_markdown_default_seed_shuffles_and_is_reproducible(
    special_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _ = export(capsys, special_dir, "--format", "markdown")
    again, _ = export(capsys, special_dir, "--format", "markdown", "--seed", "1")
    other, _ = export(capsys, special_dir, "--format", "markdown", "--seed", "2")
    assert first == again != other and "Seed 1," in first


def test_export_deals_like_play(panjshir: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    from game.engine.quiz.run import QuizRun
    from game.export.markdown import escape

    assert (
        main(["export", "--format", "markdown", "--pack", "panjshir", "--seed", "77", "--questions", "6"])
        == 0
    )
    sheet = capsys.readouterr().out
    run = QuizRun(panjshir, seed=77, count=6)
    assert "## 7. " not in sheet
    for number, qid in enumerate(run.order, start=1):
        question = panjshir.question(qid)
        section = sheet.split(f"## {number}. {escape(question.prompt)}\n", 1)[1].split("\n## ", 1)[0]
        bullet = "( )" if question.__struct_config__.tag == "order" else "[ ]"
        lines = [
            f"- {bullet} {letter}. {escape(choice)}"
            for letter, choice in zip("ABCDEF", run.choices(question), strict=False)
        ]
        assert [line for line in section.split("\n") if line.startswith("- ")] == lines


# --- JSON: the model round-trips ------------------------------------------------------------------


def test_json_is_the_whole_pack(special_dir: Path, special: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = export(capsys, special_dir, "--format", "json")
    doc = msgspec.json.decode(out)
    assert doc["format"] == "quotebound-pack" and doc["article_sha256"] == special.article.sha256
    assert msgspec.convert(doc["pack"], model.PackFile) == special.meta
    assert msgspec.convert(doc["questions"], list[qtypes.Question]) == special.questions
    assert [q["id"] for q in doc["questions"]] == [q.id for q in special.questions]  # pack order, not dealt


def test_json_carries_story_scenarios(panjshir: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--pack", "panjshir"]) == 0
    doc = msgspec.json.decode(capsys.readouterr().out)
    assert len(doc["questions"]) == len(panjshir.questions)
    assert len(doc["scenarios"]) == len(panjshir.scenarios)


# --- the command ---------------------------------------------------------------------------------


def test_output_file_is_written_whole(
    special_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "quiz.gift.txt"
    target.parent.mkdir()
    assert main(["export", "--scenes", str(special_dir), "--format", "gift", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("// quotebound export of pack special")
    assert [p.name for p in target.parent.iterdir()] == ["quiz.gift.txt"]


def test_export_errors(special_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "gift", "--pack", "nope"]) == 1
    assert "no pack 'nope'" in capsys.readouterr().err
    assert (
        main(["export", "--scenes", str(special_dir), "--format", "gift", "-o", str(tmp_path / "no" / "f")])
        == 2
    )
    assert "cannot write" in capsys.readouterr().err
    assert main(["export", "--scenes", str(special_dir), "--format", "aiken", "--answers"]) == 0
    assert "--answers applies to --format markdown only" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--format", "docx"])
