"""Article-change detection: pack.yaml's ``article_sha256`` against the article on disk.

When the article changes, validate reports it at the ``article_sha256`` line of pack.yaml and lists,
each at its own line, the quotes that no longer match; quotes that still match are not listed. An
unchanged article validates clean.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from game.authoring.validate import validate_paths
from game.cli import main
from game.engine.content.diagnostics import Diagnostic

ARTICLE = """\
Harbour council approves new ferry

The harbour council voted 5 to 2 on Monday to buy a second ferry.

The ferry will cost £2 million, the treasurer said. Services start in May.

Share this story
"""

QUIZ = """\
kind: quiz
questions:
  - id: vote
    type: short
    topic: facts
    prompt: How many councillors voted for the ferry?
    answers: ["5"]
    explanation: The vote was 5 to 2.
    quotes:
      - "voted 5 to 2 on Monday"
  - id: cost
    type: true_false
    topic: facts
    prompt: "True or false: the ferry will cost £2 million."
    answer: true
    explanation: The treasurer gave the figure.
    quotes:
      - "The ferry will cost £2 million, the treasurer said."
      - "The harbour council voted 5 to 2"
"""

STORY = """\
kind: scenario
id: ferry
title: The ferry
role: A reporter.
intro: The council meets.
start: meeting
scenes:
  - id: meeting
    text: The vote is taken.
    quotes:
      - "Services start in May."
    choices:
      - label: Report the cost
        target: done
        feedback: The treasurer gave it.
        quotes:
          - "The ferry will cost £2 million"
endings:
  - id: done
    title: Done
    kind: good
    debrief: You reported it.
    quotes:
      - "buy a second ferry"
"""


def _pack_yaml(sha: str | None) -> str:
    line = f"article_sha256: {sha}\n" if sha else ""
    return (
        textwrap.dedent(
            """\
        # yaml-language-server: $schema=../../schemas/pack.schema.json
        id: harbour
        title: Harbour
        description: A ferry vote.
        article: ../../seeds/harbour.txt
        boilerplate_starts: "Share this story"
        """
        )
        + line
        + "topics:\n  - id: facts\n    title: Facts\n"
    )


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A pack whose article_sha256 is the article's: scenes/harbour beside seeds/harbour.txt."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "scenes" / "harbour"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        _pack_yaml(hashlib.sha256(ARTICLE.encode()).hexdigest()), encoding="utf-8"
    )
    (folder / "quiz.yaml").write_text(QUIZ, encoding="utf-8")
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    return folder


def _edit(pack: Path, old: str, new: str) -> None:
    article = pack.parent.parent / "seeds" / "harbour.txt"
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(path: Path, needle: str) -> list[int]:
    """1-based numbers of the lines of ``path`` that contain ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i + 1 for i, line in enumerate(lines) if needle in line]


def _where(diagnostics: list[Diagnostic]) -> set[tuple[str, int]]:
    return {(Path(d.path).name, d.line) for d in diagnostics}


def test_an_unchanged_article_is_clean(pack: Path) -> None:
    assert validate_paths([pack]) == ([], 3)


def test_a_changed_sentence_is_reported_with_every_quote_it_breaks(pack: Path) -> None:
    _edit(pack, "£2 million", "£3 million")
    diagnostics, _files = validate_paths([pack])
    assert all(d.severity == "error" for d in diagnostics)
    (changed,) = [d for d in diagnostics if "the article has changed" in d.message]
    assert (changed.line, changed.col) == (_line_of(pack / "pack.yaml", "article_sha256:")[0], 17)
    assert Path(changed.path).name == "pack.yaml" and "update article_sha256" in changed.message
    broken = [d for d in diagnostics if d is not changed]
    assert all("quote not found in the article" in d.message for d in broken)
    # Exactly the quotes holding the edited words, each at its own line, in both kinds of file.
    assert _where(broken) == {
        ("quiz.yaml", _line_of(pack / "quiz.yaml", '"The ferry will cost £2 million, the treasurer')[0]),
        ("story.yaml", _line_of(pack / "story.yaml", '"The ferry will cost £2 million"')[0]),
    }


def test_validate_prints_the_change_and_each_broken_quote(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(pack, "voted 5 to 2", "voted 6 to 1")
    assert main(["validate", str(pack)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    sha_line = _line_of(pack / "pack.yaml", "article_sha256:")[0]
    assert lines[0].endswith(
        f"pack.yaml:{sha_line}:17: error: the article has changed since its quotes were "
        f"checked (sha256 {_sha(pack)[:12]}…); review the quotes reported below, then "
        "update article_sha256"
    )
    quiz_lines = _line_of(pack / "quiz.yaml", "voted 5 to 2")
    assert [line.split(": error")[0].rsplit(":", 2)[-2] for line in lines[1:]] == [str(n) for n in quiz_lines]
    assert "3 files checked: 3 errors, 0 warnings" in err


def _sha(pack: Path) -> str:
    return hashlib.sha256((pack.parent.parent / "seeds" / "harbour.txt").read_bytes()).hexdigest()


def test_a_change_no_quote_uses_is_still_reported(pack: Path) -> None:
    _edit(pack, "Harbour council approves", "Harbour council backs")
    diagnostics, _files = validate_paths([pack])
    assert [(Path(d.path).name, d.line) for d in diagnostics] == [
        ("pack.yaml", _line_of(pack / "pack.yaml", "article_sha256:")[0])
    ]


def test_line_endings_count_as_a_change(pack: Path) -> None:
    """Quotes ignore \\r\\n, but the fingerprint is of the bytes: a re-saved file is worth a look."""
    article = pack.parent.parent / "seeds" / "harbour.txt"
    article.write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    diagnostics, _files = validate_paths([pack])
    assert len(diagnostics) == 1 and "the article has changed" in diagnostics[0].message


def test_updating_the_fingerprint_after_review_makes_it_clean(pack: Path) -> None:
    _edit(pack, "Services start in May.", "Services start in May. Fares are unchanged.")
    assert len(validate_paths([pack])[0]) == 1
    (pack / "pack.yaml").write_text(_pack_yaml(_sha(pack)), encoding="utf-8")
    assert validate_paths([pack]) == ([], 3)


def test_without_a_fingerprint_only_the_quotes_are_reported(pack: Path) -> None:
    (pack / "pack.yaml").write_text(_pack_yaml(None), encoding="utf-8")
    assert validate_paths([pack]) == ([], 3)
    _edit(pack, "£2 million", "£3 million")
    diagnostics, _files = validate_paths([pack])
    assert len(diagnostics) == 2 and all("quote not found" in d.message for d in diagnostics)
