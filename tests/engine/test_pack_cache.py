"""The cache of validated packs (issue 15 item 2): a hit gives the pack as loaded; a miss, a stale entry or
a damaged cache falls back to loading the files and never shows wrong content."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.authoring.storylint import lint_scenario
from game.engine import pack_cache
from game.engine.content import loader
from game.engine.content.diagnostics import ContentError
from game.engine.packs import PackCache, PacksById, load_pack, load_pack_refs, load_packs, pack_shelf
from game.paths import bundled_scenes
from tests.engine.test_pack_shelf import BAD_QUIZ, GOOD_QUIZ, scenes_with

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache(tmp_path: Path) -> PackCache:
    return PackCache(tmp_path / "cache")


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return scenes_with(tmp_path, bb=GOOD_QUIZ) / "bb"


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, loading from the files fails the test: what follows must come from the cache."""

    def refuse(*_args: object) -> None:
        raise AssertionError("loaded from the files")

    monkeypatch.setattr(loader, "load_pack", refuse)
    monkeypatch.setattr(loader, "read_pack_info", refuse)


def test_a_hit_is_the_pack_as_loaded(cache: PackCache, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled pack (questions of every type, scenarios with conditions) round-trips whole."""
    folder = bundled_scenes() / "panjshir"
    fresh = load_pack(folder, cache)
    no_loading(monkeypatch)
    cached = load_pack(folder, cache)
    assert cached is not fresh
    assert (cached.meta, cached.article, cached.questions) == (fresh.meta, fresh.article, fresh.questions)
    assert (cached.spans, cached.warnings, cached.sources) == (fresh.spans, fresh.warnings, fresh.sources)
    assert cached.scenarios and len(cached.scenarios) == len(fresh.scenarios)
    for new, old in zip(cached.scenarios, fresh.scenarios, strict=True):
        assert (new.head, new.variables) == (old.head, old.variables)
        assert (new.scenes, new.endings) == (old.scenes, old.endings)
        assert (new.positions, new.order, new.path) == (old.positions, old.order, old.path)
        assert new.conditions.keys() == old.conditions.keys()
        # The story lint parses the file again for a cached scenario and finds the same.
        assert lint_scenario(new) == lint_scenario(old)
    # Every quote is found where the load found it, without searching the article again.
    for key, span in fresh.spans.items():
        assert cached.article.find_normalized(key) == span
    assert cached.article._normal == ""


def test_a_hit_for_the_shelf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = scenes_with(tmp_path, bb=GOOD_QUIZ)
    cache = PackCache(tmp_path / "cache")
    shelf, _ = pack_shelf(root, cache)
    shelf.open(0)
    no_loading(monkeypatch)
    again, problems = pack_shelf(root, cache)
    assert problems == [] and again[0].title == "Pack bb"
    assert again.open(0).questions[0].prompt == "By how much did the river rise?"


def test_an_edited_file_is_read_again(pack_dir: Path, cache: PackCache) -> None:
    load_pack(pack_dir, cache)
    quiz = pack_dir / "quiz.yaml"
    quiz.write_text(GOOD_QUIZ.replace("By how much", "How far"), encoding="utf-8")
    assert load_pack(pack_dir, cache).questions[0].prompt == "How far did the river rise?"


def test_same_size_and_mtime_but_other_bytes_is_stale(pack_dir: Path, cache: PackCache) -> None:
    """The hash catches an edit that keeps the size and the mtime (a restored timestamp)."""
    load_pack(pack_dir, cache)
    quiz = pack_dir / "quiz.yaml"
    before = os.stat(quiz)
    quiz.write_text(GOOD_QUIZ.replace("By how much", "By how MUCH"), encoding="utf-8")
    os.utime(quiz, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(quiz).st_size == before.st_size
    assert load_pack(pack_dir, cache).questions[0].prompt == "By how MUCH did the river rise?"


def test_a_changed_article_is_validated_again(pack_dir: Path, cache: PackCache) -> None:
    load_pack(pack_dir, cache)
    article = pack_dir / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("three metres", "two metres"), "utf-8")
    with pytest.raises(ContentError, match="quote not found"):
        load_pack(pack_dir, cache)


def test_a_new_content_file_is_a_miss(pack_dir: Path, cache: PackCache) -> None:
    load_pack(pack_dir, cache)
    (pack_dir / "more.yaml").write_text(BAD_QUIZ.replace("id: river", "id: other"), encoding="utf-8")
    with pytest.raises(ContentError, match="quote not found"):
        load_pack(pack_dir, cache)


def test_an_edited_pack_yaml_gives_a_new_title(tmp_path: Path) -> None:
    root = scenes_with(tmp_path, bb=GOOD_QUIZ)
    cache = PackCache(tmp_path / "cache")
    pack_shelf(root, cache)
    pack_yaml = root / "bb" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8").replace("Pack bb", "Renamed"), "utf-8")
    assert pack_shelf(root, cache)[0][0].title == "Renamed"


@pytest.mark.parametrize("damage", [b"", b"\xc1garbage", b"\x92\x01", "truncate"])
def test_a_damaged_cache_falls_back_to_the_files(
    pack_dir: Path, cache: PackCache, damage: bytes | str
) -> None:
    load_pack(pack_dir, cache)
    pack_shelf(pack_dir.parent, cache)
    entries = sorted(cache.folder.iterdir())
    assert {p.suffix for p in entries} == {".info", ".pack"}
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)  # type: ignore[arg-type]
    assert load_pack(pack_dir, cache).questions[0].id == "river"
    assert pack_shelf(pack_dir.parent, cache)[0][0].title == "Pack bb"


@pytest.mark.parametrize("stamp", ["999+00000000", "0.1.0+deadbeef"], ids=["version", "code"])
def test_another_version_or_code_of_the_game_is_a_miss(
    pack_dir: Path, cache: PackCache, monkeypatch: pytest.MonkeyPatch, stamp: str
) -> None:
    """A new version, or the same version with other code (a checkout edited since), validates again."""
    load_pack(pack_dir, cache)
    monkeypatch.setattr(pack_cache, "_STAMPS", [stamp])  # the files are as they were stored
    calls: list[Path] = []
    real = loader.load_pack
    monkeypatch.setattr(loader, "load_pack", lambda f, kinds: calls.append(f) or real(f, kinds))
    load_pack(pack_dir, cache)
    assert calls == [pack_dir]


def test_a_broken_pack_is_never_stored(tmp_path: Path, cache: PackCache) -> None:
    folder = scenes_with(tmp_path, aa=BAD_QUIZ) / "aa"
    with pytest.raises(ContentError):
        load_pack(folder, cache)
    assert not cache.folder.exists() or not list(cache.folder.glob("*.pack"))


def test_an_unwritable_cache_is_no_cache(pack_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert load_pack(pack_dir, PackCache(blocker / "cache")).questions[0].id == "river"


def test_a_warm_cache_starts_the_game_without_a_yaml_parser(tmp_path: Path) -> None:
    """Issue 15: with a warm cache, the game's start path (packs, app, first screen) imports no YAML."""
    script = textwrap.dedent(
        """
        import asyncio, sys
        from game.commands.common import open_command_shelf
        from game.ui.app import QuoteboundApp, make_app

        shelf, first = open_command_shelf(None, None)
        QuoteboundApp.ASK_PLAYER = False
        app = make_app(packs=shelf, pack_index=first)

        async def run():
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                print(type(app.screen).__name__, app.pack.id)

        asyncio.run(run())
        print("yaml" in sys.modules)
        """
    )
    env = {**os.environ, "QUOTEBOUND_CACHE": str(tmp_path / "cache"), "QUOTEBOUND_DATA": str(tmp_path / "d")}

    def start() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert start()[-1] == "True"  # cold: the packs are read from their YAML files
    warm = start()
    assert warm[:2] == ["TitleScreen", "panjshir"] and warm[-1] == "False"


def test_the_code_stamp_changes_when_a_source_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game

    fake = tmp_path / "game"
    (fake / "engine").mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    module = fake / "engine" / "x.py"
    module.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(game, "__file__", str(fake / "__init__.py"))
    before = game.code_stamp()
    module.write_text("A = 22\n", encoding="utf-8")
    assert game.code_stamp() != before


def test_pack_refs_decode_only_the_packs_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a warm cache, every pack is known to load (and by its id) without being decoded; a pack is
    decoded when opened, and is then the pack a full load gives."""
    root = scenes_with(tmp_path, aa=GOOD_QUIZ, bb=GOOD_QUIZ, cc=BAD_QUIZ)
    cache = PackCache(tmp_path / "cache")
    packs, problems = load_packs(root, cache)
    decoded: list[str] = []
    real = pack_cache._pack_of
    monkeypatch.setattr(pack_cache, "_pack_of", lambda c, f: decoded.append(f.name) or real(c, f))
    no_loading_but_broken = loader.load_pack
    monkeypatch.setattr(
        loader,
        "load_pack",
        lambda f, kinds: no_loading_but_broken(f, kinds) if f.name == "cc" else pytest.fail("loaded"),
    )
    refs, again = load_pack_refs(root, cache)
    assert [ref.id for ref in refs] == [pack.id for pack in packs] == ["aa", "bb"]
    assert again == problems and problems  # the broken pack's problems, as load_packs gives them
    assert decoded == []
    by_id = PacksById(refs)
    assert "bb" in by_id and "zz" not in by_id and decoded == []
    assert by_id["bb"].questions == packs[1].questions and decoded == ["bb"]
    assert refs[1].open() is by_id["bb"] and decoded == ["bb"]


def test_a_pack_ref_with_a_damaged_payload_loads_from_the_files(
    pack_dir: Path, cache: PackCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A header that matches the files and a payload that does not decode: the pack comes from its
    files."""
    load_pack(pack_dir, cache)
    (entry,) = cache.folder.glob("*.pack")
    stored = pack_cache._PACK_ENTRY.decode(entry.read_bytes())
    damaged = pack_cache._PackEntry(stored.header, stored.id, stored.pack[:-40])
    entry.write_bytes(pack_cache._ENCODER.encode(damaged))
    refs, problems = load_pack_refs(pack_dir.parent, cache)
    assert problems == [] and [ref.id for ref in refs] == ["bb"]
    calls: list[Path] = []
    real = loader.load_pack
    monkeypatch.setattr(loader, "load_pack", lambda f, kinds: calls.append(f) or real(f, kinds))
    assert refs[0].open().questions[0].id == "river"
    assert calls == [pack_dir]


def test_a_pack_ref_whose_files_no_longer_load_is_missing_not_a_crash(
    pack_dir: Path, cache: PackCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The payload does not decode and the files, checked unchanged, fail to load all the same (say,
    an article made unreadable since): PacksById gives None for it, as for a pack not found."""
    load_pack(pack_dir, cache)
    refs, _ = load_pack_refs(pack_dir.parent, cache)

    def damaged(*_args: object) -> None:
        raise ValueError("a damaged payload")

    def refuse(folder: Path, kinds: object) -> None:
        raise ContentError([])

    monkeypatch.setattr(pack_cache, "_pack_of", damaged)
    monkeypatch.setattr(loader, "load_pack", refuse)
    by_id = PacksById(refs)
    assert "bb" in by_id and by_id.get("bb") is None
