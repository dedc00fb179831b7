"""The peer terminal quiz apps' first painted screen, timed as ours is: `python benchmarks/bench_peers.py`.

Each peer runs from its own venv, in a pseudo-terminal of 80x24 (:func:`harness.run_pty`), until a text
of its first screen shows, against the minimal Textual app in the same run (interleaved, medians):

- quizzical (a Textual trivia game; PyPI ``quizzical``): its first screen, "All Questions". It fetches
  its questions from the web after that, so only its first paint is timed (it paints without a network).
- mkdocs-quiz (a Rich and prompt_toolkit quiz runner; PyPI ``mkdocs-quiz``): ``quiz run FILE`` on a
  one-question quiz, until the question shows.

Where each peer lives: ``QUOTEBOUND_PEER_QUIZZICAL`` / ``QUOTEBOUND_PEER_MKDOCS_QUIZ`` (the command's
path), else ``/tmp/peer-quizzical/bin/quizzical`` and ``/tmp/peer-mkdocs-quiz/bin/quiz``. A peer that is
not installed is skipped with a note. To install them::

    python3 -m venv /tmp/peer-quizzical && /tmp/peer-quizzical/bin/pip install quizzical
    python3 -m venv /tmp/peer-mkdocs-quiz && /tmp/peer-mkdocs-quiz/bin/pip install mkdocs-quiz

``--with-ours`` adds our two first-screen rows (benchmarks/run.py has them already).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import compare_pty  # noqa: E402

QUIZ_MD = """# Panjshir

<quiz>
Who leads the resistance in the Panjshir valley?
- [x] Ahmad Massoud
- [ ] The Taliban
- [ ] Nobody
</quiz>
"""
"""mkdocs-quiz's format: one question, so its first screen is the question."""


def _peer(variable: str, default: str) -> Path | None:
    path = Path(os.environ.get(variable, default))
    return path if path.exists() else None


def main(repeat: int, *, with_ours: bool = False) -> list[str]:
    from run import MINIMAL_TERMINAL, core

    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="qb-bench-peers-") as scratch:
        # quizzical keeps its settings under XDG folders: a scratch home, never the real one.
        env = {"XDG_CONFIG_HOME": scratch, "XDG_DATA_HOME": scratch, "XDG_CACHE_HOME": scratch}
        quizzical = _peer("QUOTEBOUND_PEER_QUIZZICAL", "/tmp/peer-quizzical/bin/quizzical")
        if quizzical is None:
            rows.append("quizzical: not installed, skipped (see benchmarks/bench_peers.py)")
        else:
            rows += compare_pty(
                "peer quizzical, first painted screen",
                ([str(quizzical)], "All Questions"),
                MINIMAL_TERMINAL,
                repeat=repeat,
                env=env,
            ).rows(memory=True)
        mkdocs_quiz = _peer("QUOTEBOUND_PEER_MKDOCS_QUIZ", "/tmp/peer-mkdocs-quiz/bin/quiz")
        if mkdocs_quiz is None:
            rows.append("mkdocs-quiz: not installed, skipped (see benchmarks/bench_peers.py)")
        else:
            quiz = Path(scratch) / "quiz.md"
            quiz.write_text(QUIZ_MD, encoding="utf-8")
            rows += compare_pty(
                "peer mkdocs-quiz (quiz run FILE), first painted question",
                ([str(mkdocs_quiz), "run", str(quiz)], "Who leads the resistance"),
                MINIMAL_TERMINAL,
                repeat=repeat,
                env=env,
            ).rows(memory=True)
    if with_ours:
        rows = [row for row in core(repeat) if row.startswith("first painted")] + rows
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--with-ours", action="store_true", help="also time our first screens")
    args = parser.parse_args()
    for row in main(args.repeat, with_ours=args.with_ours):
        print(row)
