"""``quotebound new``'s engine: every drafted pack validates, on real and awkward articles alike.

Each article below is turned into a pack in a temporary root, which must then load with no error and
no warning, hold one question of every type and a small scenario, begin each file with its schema
line, pass the JSON Schema, and copy the article byte for byte. Refusals leave the root untouched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.authoring import scaffold
from game.authoring.scaffold import ScaffoldError, create_pack, pack_name, slugify, yq
from game.authoring.schemas import SCHEMA_FILES, schema_for
from game.engine.packs import load_pack
from game.engine.quiz.types import QUESTION_TYPES
from game.engine.story.explore import explore

ROOT = Path(__file__).resolve().parents[2]
TINY_ARTICLE = """A Tiny Article

The river rose by three metres on Monday, the mayor said.

Officials claimed that 1,000 homes were safe. “We are ready,” said Ana Ruiz.

Source link
"""

ARTICLES: dict[str, bytes] = {
    "panjshir": (ROOT / "seeds" / "panjshir-valley-resistance.txt").read_bytes(),
    "riverside": (ROOT / "seeds" / "riverside-bridge-vote.txt").read_bytes(),
    "tiny": TINY_ARTICLE.encode(),
    "one-sentence": b"Weather\n\nIt rained.\n",
    "headline-only": b"Council backs the new bridge plan\n",
    "no-blank-lines": b"Title line\nThe first sentence is here. The second one is there.\n",
    "yaml-hostile": (
        b'Yes: no #1 "quoted" \\ back\\slash\n\n'
        b"no: 1:30 on 2023-03-01 # not a comment. - Dash? & amp * star: {brace} [list] | pipe > gt.\n\n"
        b"'Single' quotes and %percent @at `tick` !bang stay text.\n"
    ),
    "long-sentence": ("Headline\n\n" + " ".join(["word"] * 30 + ["alpha beta"] * 200) + ".\n").encode(),
    "crlf-and-bom": "\ufeffTitle\r\n\r\nThe river rose. It fell again.\r\n".encode(),
    "accents": "Über\n\nÄrger in München: „Wir sind bereit“, sagte Ana. Die Zahl war 1.000 Euro.\n".encode(),
    "control-characters": "Head\n\nA bidi\u200e mark hides here. This sentence is clean.\n".encode(),
    "numbers-only": b"2024\n\n1,000 and 2,000. 3 4 5.\n",
}


def _make(tmp_path: Path, name: str, raw: bytes) -> scaffold.Created:
    tmp_path.mkdir(parents=True, exist_ok=True)
    article = tmp_path / f"{name}.txt"
    article.write_bytes(raw)
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    return create_pack(article, root)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_drafted_pack_validates_with_nothing_to_fix(tmp_path: Path, name: str) -> None:
    created = _make(tmp_path, name, ARTICLES[name])
    pack = load_pack(created.files[0].parent)  # raises ContentError on any error
    assert pack.warnings == []
    assert sorted(type(q).__struct_config__.tag for q in pack.questions) == sorted(QUESTION_TYPES)
    (scenario,) = pack.scenarios
    assert len(scenario.scenes) == 3 and len(scenario.endings) == 2
    assert len(scenario.variables) == 1 and len(scenario.conditions) == 1
    walk = explore(scenario)
    assert walk.complete and walk.stuck == [] and set(walk.endings) == set(scenario.endings)
    # The seed is the article byte for byte, and pack.yaml records its fingerprint.
    assert created.seed.read_bytes() == ARTICLES[name]
    assert pack.meta.article_sha256 == hashlib.sha256(ARTICLES[name]).hexdigest()


@pytest.mark.parametrize("name", ["riverside", "tiny", "yaml-hostile"])
def test_every_file_starts_with_its_schema_line_and_passes_the_schema(tmp_path: Path, name: str) -> None:
    created = _make(tmp_path, name, ARTICLES[name])
    kinds = {"pack.yaml": "pack", scaffold.QUIZ_FILE: "quiz", scaffold.STORY_FILE: "scenario"}
    assert sorted(p.name for p in created.files) == sorted(kinds)
    for path in created.files:
        kind = kinds[path.name]
        text = path.read_text(encoding="utf-8")
        assert (
            text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{SCHEMA_FILES[kind][0]}"
        )
        # The line points at real files: the root had no schemas, so they were written.
        assert (path.parent / "../../schemas" / SCHEMA_FILES[kind][0]).resolve().is_file()
        jsonschema.validate(yaml.safe_load(text), schema_for(kind))
        assert "# TODO:" in text


def test_the_title_is_the_first_line_and_boilerplate_is_explained(tmp_path: Path) -> None:
    created = _make(tmp_path, "riverside-bridge-vote", ARTICLES["riverside"])
    pack = load_pack(created.files[0].parent)
    assert pack.title == "Alderford council votes to replace century-old Wend Street footbridge"
    assert pack.id == "riverside-bridge-vote" and pack.meta.boilerplate_starts is None
    text = created.files[0].read_text(encoding="utf-8")
    assert '# boilerplate_starts: "' in text and "footer" in text
    assert "article: ../../seeds/riverside-bridge-vote.txt" in text


def test_quotes_come_from_the_start_of_the_article(tmp_path: Path) -> None:
    created = _make(tmp_path, "riverside", ARTICLES["riverside"])
    pack = load_pack(created.files[0].parent)
    paragraphs = {ref.paragraph for q in pack.questions for ref in pack.quotes_of(q.quotes)}
    assert paragraphs and max(paragraphs) <= 5  # the first body paragraphs, never the footer


def test_claim_or_fact_is_guessed_from_the_sentence(tmp_path: Path) -> None:
    said = b"Head\n\nOne. Two. Three. \xe2\x80\x9cWe are ready,\xe2\x80\x9d said Ana.\n"
    plain = b"Head\n\nOne. Two. Three. The river rose.\n"
    for raw, verdict in ((said, "claim"), (plain, "fact")):
        created = _make(tmp_path / verdict, "a", raw)
        pack = load_pack(created.files[0].parent)
        assert pack.question("sample-claim-fact").answer == verdict  # type: ignore[union-attr]


def test_a_short_article_reuses_its_sentences(tmp_path: Path) -> None:
    created = _make(tmp_path, "one", ARTICLES["one-sentence"])
    pack = load_pack(created.files[0].parent)
    assert {q for question in pack.questions for q in question.quotes} == {"It rained."}


def test_schemas_already_there_are_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "schemas").mkdir(parents=True)
    for file_name, _struct, _title in SCHEMA_FILES.values():
        (root / "schemas" / file_name).write_text("{}", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_bytes(ARTICLES["tiny"])
    created = create_pack(article, root)
    assert created.schemas == []
    assert all(p.read_text() == "{}" for p in (root / "schemas").iterdir())


def test_an_article_already_in_seeds_is_used_in_place(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "seeds").mkdir(parents=True)
    seed = root / "seeds" / "vote.txt"
    seed.write_bytes(ARTICLES["tiny"])
    created = create_pack(seed, root)
    assert created.seed == seed and not created.seed_copied
    assert seed.read_bytes() == ARTICLES["tiny"]
    load_pack(root / "scenes" / "vote")


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "has no text"),
        (b"\n\n   \n", "has no text"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"!!\n\n?? --\n", "no sentence to quote"),
    ],
    ids=["empty", "blank", "not-utf8", "no-words"],
)
def test_an_unusable_article_is_refused(tmp_path: Path, raw: bytes, message: str) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(raw)
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(ScaffoldError, match=message):
        create_pack(article, root)
    assert _tree(root) == {}


def test_nothing_is_overwritten(tmp_path: Path) -> None:
    article = tmp_path / "vote.txt"
    article.write_bytes(ARTICLES["tiny"])
    root = tmp_path / "root"
    root.mkdir()
    create_pack(article, root)
    before = _tree(root)
    article.write_bytes(ARTICLES["riverside"])
    with pytest.raises(ScaffoldError, match=r"seeds/vote\.txt already exists"):
        create_pack(article, root)
    (root / "seeds" / "vote.txt").unlink()
    with pytest.raises(ScaffoldError, match=r"scenes/vote already exists"):
        create_pack(article, root)
    del before["seeds/vote.txt"]
    assert _tree(root) == before


def test_a_missing_article_or_root_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match="no article file"):
        create_pack(tmp_path / "nope.txt", tmp_path)
    with pytest.raises(ScaffoldError, match="no folder"):
        create_pack(tmp_path / "nope.txt", tmp_path / "missing")


def test_a_draft_that_does_not_validate_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = scaffold.draft_pack

    def broken(article, name):  # type: ignore[no-untyped-def]
        draft = real(article, name)
        quiz = f"scenes/{name}/{scaffold.QUIZ_FILE}"
        draft.files[quiz] = draft.files[quiz].replace("answer: true", "answer: maybe", 1)
        return draft

    monkeypatch.setattr(scaffold, "draft_pack", broken)
    article = tmp_path / "a.txt"
    article.write_bytes(ARTICLES["tiny"])
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(ScaffoldError, match="does not validate"):
        create_pack(article, root)
    assert _tree(root) == {}


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("riverside-bridge-vote", "riverside-bridge-vote"),
        ("My Article (final) v2", "my-article-final-v2"),
        ("Über München", "uber-munchen"),
        ("__x__", "x"),
        ("日本語", ""),
        ("a" * 60, "a" * 40),
        ("a" * 39 + " b", "a" * 39),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_pack_names() -> None:
    assert pack_name(Path("Bridge Vote.txt"), None) == "bridge-vote"
    assert pack_name(Path("x.txt"), "my_pack-2") == "my_pack-2"
    with pytest.raises(ScaffoldError, match="give one with --name"):
        pack_name(Path("日本語.txt"), None)
    with pytest.raises(ScaffoldError, match="for example 'my-pack'"):
        pack_name(Path("x.txt"), "My Pack")
    with pytest.raises(ScaffoldError, match="at most 40"):
        pack_name(Path("x.txt"), "a" * 41)


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "1:30",
        "2023-03-01",
        "# x",
        "a: b",
        "a\\b",
        'say "hi"',
        "’“”",
        "tab\there",
        "line\u2028sep",
        "😀",
        "\x85",
    ],
)
def test_yaml_quoting_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"key: {yq(text)}") == {"key": text}
