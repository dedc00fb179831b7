"""Hostile fixture packs for the hardening tests: markup everywhere, and terminal escapes as YAML escapes.

A plain module (not ``conftest``) so the test files import it by a name no other folder uses.

- :func:`write_markup_pack`: every question type and a story, every text field full of Textual markup
  (closing tags with nothing to close, live ``@click`` actions, links, theme variables, emoji codes), and
  an article whose quoted passages are markup too. The game must show all of it literally and never die.
- :func:`write_escape_pack`: the same shape, with terminal control sequences in prompts, options,
  feedback, explanations, context and story text, written as YAML double-quoted escapes the way an
  author (or an attacker) would write them, and raw control bytes in an unquoted article paragraph.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# --- markup -----------------------------------------------------------------------------------------

HOSTILE = [
    "[bold]x[/]",
    "[/]",
    "[/bold]",
    "[b]x[/i]",
    "[x]",
    "[@click=app.quit]q",
    "[@click=app.screenshot('f.svg','/tmp')]s",
    "[link=http://x]y[/link]",
    "[$accent]",
    "[[b]]",
    ":smile:",
    "\\[esc]",
    "[on red]",
    "$text",
    "[#ff0000]r",
    "[reverse]",
]
"""Markup that crashes (``[/]``, ``[b]x[/i]``), vanishes (``[x]``), runs (``@click``) or links if parsed."""


def hostile(n: int, prefix: str = "") -> str:
    """A short text with two hostile fragments, different for each ``n`` (so options stay distinct)."""
    return f"{prefix}{n} {HOSTILE[n % len(HOSTILE)]} {HOSTILE[(n * 7 + 3) % len(HOSTILE)]}"


MARKUP_ARTICLE = """A [bold]Marked[/] Article

The [bold]river[/] rose by three metres on Monday, the mayor said.

Officials claimed that [@click=app.quit]1,000 homes[/] were safe. \
“We are [link=http://x]ready[/link],” said Ana [/]Ruiz.

Engineers first surveyed the [$accent]harbour[/] in 2019. Building began in 2021.

Source link [b]x[/i]
"""

MARKUP_QUOTES = [
    "The [bold]river[/] rose by three metres on Monday",
    "Officials claimed that [@click=app.quit]1,000 homes[/] were safe",
    "“We are [link=http://x]ready[/link],” said Ana [/]Ruiz",
    "Engineers first surveyed the [$accent]harbour[/] in 2019.",
]


def _markup_quiz() -> dict[str, object]:
    opts = [hostile(i, "opt ") for i in range(1, 5)]
    items = [hostile(i, "item ") for i in range(5, 9)]
    common = {"topic": "facts", "quotes": MARKUP_QUOTES[:2]}
    return {
        "kind": "quiz",
        "questions": [
            {
                "id": "single",
                "type": "single",
                "prompt": hostile(10, "single "),
                "options": [opts[0], {"text": opts[1], "feedback": hostile(11, "fb ")}, *opts[2:]],
                "answer": opts[0],
                "explanation": hostile(12, "why "),
                "context": hostile(13, "ctx "),
                **common,
            },
            {
                "id": "tf",
                "type": "true_false",
                "prompt": hostile(14, "tf "),
                "answer": True,
                "explanation": hostile(15, "why "),
                **common,
            },
            {
                "id": "multi",
                "type": "multi",
                "prompt": hostile(16, "multi "),
                "options": [opts[0], opts[1], {"text": opts[2], "feedback": hostile(17, "fb ")}, opts[3]],
                "answers": [opts[0], opts[1]],
                "explanation": hostile(18, "why "),
                **common,
            },
            {
                "id": "short",
                "type": "short",
                "prompt": hostile(19, "short "),
                "answers": ["three", "[b]3[/i]"],
                "explanation": hostile(20, "why "),
                **common,
            },
            {
                "id": "order",
                "type": "order",
                "prompt": hostile(21, "order "),
                "items": items,
                "explanation": hostile(22, "why "),
                "topic": "voices",
                "quotes": MARKUP_QUOTES[2:],
            },
            {
                "id": "attr",
                "type": "attribution",
                "prompt": hostile(23, "attr "),
                "statement": hostile(24, "said "),
                "options": [opts[0], {"text": opts[1], "feedback": hostile(25, "fb ")}, opts[2]],
                "answer": opts[0],
                "explanation": hostile(26, "why "),
                "topic": "voices",
                "quotes": MARKUP_QUOTES[1:3],
            },
            {
                "id": "claim",
                "type": "claim_fact",
                "prompt": hostile(27, "claim "),
                "statement": hostile(28, "stmt "),
                "answer": "claim",
                "explanation": hostile(29, "why "),
                "context": hostile(30, "ctx "),
                "topic": "voices",
                "quotes": [MARKUP_QUOTES[1]],
            },
        ],
    }


def _markup_story() -> dict[str, object]:
    return {
        "kind": "scenario",
        "id": "hostile",
        "title": hostile(40, "story "),
        "description": hostile(41, "desc "),
        "role": hostile(42, "role "),
        "intro": hostile(43, "intro "),
        "context": hostile(44, "bg "),
        "variables": {
            "met": {"type": "bool", "start": False, "label": hostile(45, "met ")},
            "trust": {"type": "int", "start": 1, "min": 0, "max": 5, "label": hostile(46, "trust ")},
        },
        "start": "one",
        "scenes": [
            {
                "id": "one",
                "title": hostile(47, "scene "),
                "text": hostile(48, "text "),
                "quotes": [MARKUP_QUOTES[0]],
                "context": hostile(49, "ctx "),
                "choices": [
                    {
                        "label": hostile(50, "open "),
                        "target": "two",
                        "effects": {"set": {"met": True}, "add": {"trust": 1}},
                        "points": 10,
                        "feedback": hostile(51, "fb "),
                        "context": hostile(52, "ctx "),
                        "quotes": [MARKUP_QUOTES[1]],
                    },
                    {
                        "label": hostile(53, "shut "),
                        "if": "met",
                        "closed": hostile(54, "reason "),
                        "target": "two",
                    },
                    {"label": hostile(55, "plain "), "target": "two"},
                ],
            },
            {
                "id": "two",
                "text": hostile(56, "two "),
                "choices": [
                    {"label": hostile(57, "good "), "target": "good", "points": 5},
                    {"label": hostile(58, "bad "), "target": "bad", "effects": {"add": {"trust": -1}}},
                    {"label": hostile(59, "back "), "target": "one"},
                ],
            },
        ],
        "endings": [
            {
                "id": "good",
                "title": hostile(60, "end "),
                "kind": "good",
                "debrief": hostile(61, "debrief "),
                "context": hostile(62, "ctx "),
                "quotes": [MARKUP_QUOTES[3]],
            },
            {
                "id": "bad",
                "title": hostile(63, "end "),
                "kind": "bad",
                "debrief": hostile(64, "debrief "),
                "quotes": [MARKUP_QUOTES[2]],
            },
        ],
    }


class _NoAliasDumper(yaml.SafeDumper):
    """The loader refuses anchors and aliases; PyYAML writes them for repeated objects unless told not to."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000)


def write_markup_pack(folder: Path, pack_id: str = "markup") -> Path:
    """Write the markup-heavy pack to ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "id": pack_id,
        "title": hostile(1, "Title "),
        "description": hostile(2, "Desc "),
        "article": "article.txt",
        "boilerplate_starts": "Source link",
        "topics": [
            {"id": "facts", "title": hostile(3, "Facts ")},
            {"id": "voices", "title": hostile(4, "Voices ")},
        ],
    }
    (folder / "pack.yaml").write_text(_dump(meta), encoding="utf-8")
    (folder / "article.txt").write_text(MARKUP_ARTICLE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(_dump(_markup_quiz()), encoding="utf-8")
    (folder / "story-hostile.yaml").write_text(_dump(_markup_story()), encoding="utf-8")
    return folder


# --- terminal escapes -------------------------------------------------------------------------------

# Each injection: (YAML double-quoted escape text, the raw sequence that must never reach the terminal,
# the text that must show instead). A marker word follows each one so the raw form is unambiguous even
# where Textual emits the same control sequence for its own drawing (it clears the screen, for one).
INJECTIONS = [
    ("osc52", r"\e]52;c;SGVsbG8=\aclip", "\x1b]52;c;SGVsbG8=", "]52;c;SGVsbG8=clip"),
    ("osc0", r"\e]0;pwned\atitle", "\x1b]0;pwned", "]0;pwnedtitle"),
    ("csi2j", r"\e[2Jzap", "\x1b[2Jzap", "[2Jzap"),
    ("c1csi", r"\x9b31mred", "\x9b31mred", "31mred"),
    ("bidi", r"evil\u202etxt", "evil\u202etxt", "eviltxt"),
    ("osc8", r"\e]8;;http://x\e\\link", "\x1b]8;;http://x", "]8;;http://x\\link"),
]
"""(name, YAML escape, raw sequence, visible text after cleaning)."""

ALL_ESCAPES = " ".join(escaped for _, escaped, _, _ in INJECTIONS)
"""Every injection in one YAML double-quoted string body."""

LITERAL_MARKUP = ["[bold]x[/]", "[@click=app.quit]", "[link=http://x]y[/link]"]
"""Markup that must be shown exactly as written."""

ESCAPE_ARTICLE = (
    "The Escape Article\n\n"
    "The river rose by three metres on Monday, the mayor said.\n\n"
    "Officials claimed that 1,000 homes were safe.\n\n"
    # Raw control bytes in the article itself (never quoted): the reader must not pass them on.
    "A paragraph with raw bytes: \x1b]0;pwned\x07title and \x1b]52;c;SGVsbG8=\x07clip and \u202eevil.\n\n"
    "Source link\n"
)

ESCAPE_PACK = """\
id: escapes
title: "Escapes \\e]0;pwned\\atitle pack"
description: "A pack of hostile text. \\e[2Jzap"
article: article.txt
boilerplate_starts: Source link
topics:
  - id: facts
    title: "Facts \\x9b31mred"
"""

ESCAPE_QUIZ = f"""\
kind: quiz
questions:
  - id: one
    type: single
    topic: facts
    prompt: "One: {ALL_ESCAPES}"
    options:
      - "Three metres {INJECTIONS[0][1]}"
      - text: "One metre {INJECTIONS[1][1]}"
        feedback: "Feedback one {ALL_ESCAPES}"
      - text: "Ten metres {INJECTIONS[5][1]}"
        feedback: "Feedback ten {ALL_ESCAPES}"
    answer: "Three metres {INJECTIONS[0][1]}"
    explanation: "Explained {ALL_ESCAPES}"
    context: "Context {ALL_ESCAPES}"
    quotes: ["The river rose by three metres on Monday"]
  - id: two
    type: true_false
    topic: facts
    prompt: "Two: [bold]x[/] and [@click=app.quit] and [link=http://x]y[/link] {INJECTIONS[4][1]}"
    answer: false
    explanation: "Markup [bold]x[/] [@click=app.quit] [link=http://x]y[/link] {ALL_ESCAPES}"
    quotes: ["Officials claimed that 1,000 homes were safe"]
"""

ESCAPE_STORY = f"""\
kind: scenario
id: esc
title: "Story {INJECTIONS[1][1]}"
role: "Role {ALL_ESCAPES}"
intro: "Intro {ALL_ESCAPES}"
start: one
scenes:
  - id: one
    title: "Scene {INJECTIONS[3][1]}"
    text: "Scene text {ALL_ESCAPES} [bold]x[/] [@click=app.quit] [link=http://x]y[/link]"
    choices:
      - label: "Go {INJECTIONS[5][1]}"
        target: done
        points: 10
        feedback: "Story feedback {ALL_ESCAPES}"
        quotes: ["The river rose by three metres"]
endings:
  - id: done
    title: "Ending {INJECTIONS[0][1]}"
    kind: good
    debrief: "Debrief {ALL_ESCAPES}"
    quotes: ["Officials claimed that 1,000 homes were safe"]
"""


def write_escape_pack(folder: Path) -> Path:
    """Write the escape-sequence pack to ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(ESCAPE_PACK, encoding="utf-8")
    (folder / "article.txt").write_text(ESCAPE_ARTICLE, encoding="utf-8")
    (folder / "quiz.yaml").write_text(ESCAPE_QUIZ, encoding="utf-8")
    (folder / "story-esc.yaml").write_text(ESCAPE_STORY, encoding="utf-8")
    return folder
