"""Each bad-input file, validated alone, gives its expected message at its line; no exception escapes.

See ``tests/bad_inputs/README.md`` (beside the corpus) for the `# expect:` header every case starts with.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import msgspec
import pytest

from game.cli import main
from game.engine.content.text import has_unsafe
from game.engine.packs import load_pack

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs" / "pack"
CASES = sorted(p for p in CORPUS.glob("*.yaml") if p.name != "pack.yaml")
EXPECT = re.compile(rb"^(?:\xef\xbb\xbf)?# expect: (?:(?P<ok>ok)|(?P<line>\d+): (?P<fragment>.+?))\r?$", re.M)
KEEPS = re.compile(rb"^# keeps: (?P<text>.+?)\r?$", re.M)
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def expectation(case: Path) -> tuple[int | None, str | None, str | None]:
    """(line, fragment) for an error case, or (None, None, keeps) for a file that must load."""
    raw = case.read_bytes()
    found = EXPECT.match(raw)
    assert found, f"{case.name}: the first line must be '# expect: LINE: fragment' or '# expect: ok'"
    keeps = KEEPS.search(raw)
    keep = keeps["text"].decode() if keeps else None
    if found["ok"]:
        return None, None, keep
    return int(found["line"]), found["fragment"].decode(), keep


def alone(case: Path, tmp_path: Path) -> Path:
    """A copy of the corpus pack holding only this case."""
    folder = tmp_path / CORPUS.name
    folder.mkdir()
    shutil.copyfile(CORPUS / "pack.yaml", folder / "pack.yaml")
    shutil.copyfile(CORPUS / "article.txt", folder / "article.txt")
    shutil.copyfile(case, folder / case.name)
    return folder / case.name


def texts(value: object) -> list[str]:
    """Every string inside a loaded question."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [t for item in value for t in texts(item)]
    if isinstance(value, msgspec.Struct):
        return [t for name in value.__struct_fields__ for t in texts(getattr(value, name))]
    return []


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name[:2] for c in CASES}) == len(CASES), "case numbers must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, fragment, keep = expectation(case)
    copy = alone(case, tmp_path)
    started = time.perf_counter()
    status = main(["validate", str(copy)])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert elapsed < 1.0, f"{case.name} took {elapsed:.2f} s"
    assert "Traceback" not in out + err
    problems = [LINE.match(text) for text in out.splitlines()]
    assert all(problems), out
    if line is None:
        assert (status, out) == (0, ""), out
        pack = load_pack(copy.parent)
        strings = [t for q in pack.questions for t in texts(q)]
        assert not any(has_unsafe(t) for t in strings)
        if keep is not None:
            assert any(keep in t for t in strings), f"{keep!r} not kept literally"
        return
    assert status == 1
    ours = [p for p in problems if p and Path(p["path"]).name == case.name]
    assert any(int(p["line"]) == line and fragment in p["message"] for p in ours), (
        f"expected line {line}: {fragment!r}; got:\n{out}"
    )
