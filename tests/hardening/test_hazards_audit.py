"""Every item of ``shared/HAZARDS.md`` has a regression test: where each one is, and the missing ones.

Paths are relative to ``tests/``; ``[id]`` is a parametrize id; "here" is this module. ``yamlsafe`` is
``engine/test_yamlsafe.py``, ``hazard[...]`` its ``test_hazard_is_one_clean_diagnostic[...]``.

YAML
  safe_load raises ValueError (bad date):
      yamlsafe::hazard[bad-date, bad-date-line-3]
  ``!!int`` with no value → IndexError:
      yamlsafe::hazard[int-tag-empty]
  ``!!bool maybe`` → KeyError:
      yamlsafe::hazard[bool-tag-maybe]
  ``!!timestamp abc`` → AttributeError:
      yamlsafe::hazard[timestamp-tag-abc]
  5,000-digit integer → ValueError:
      yamlsafe::hazard[5000-digit-int]
  deep nesting → RecursionError / ScannerError:
      yamlsafe::hazard[deep-flow, deep-block, deep-beyond-libyaml],
      yamlsafe::test_pure_python_loader_recursion_is_a_diagnostic
  each one as ``path:line:col: error: …``:
      cli/test_validate_cli.py::test_hazardous_files_end_as_lines,
      here::test_every_yaml_hazard_prints_as_path_line_col_error
  ReaderError: a byte position, not a line:
      yamlsafe::hazard[bad-utf8, bad-utf8-after-multibyte, latin-1],
      fuzz/test_fuzz_load.py::test_position_of_a_byte_that_is_not_utf8
  aliases: billion laughs, ``a: &x [1, *x]``:
      yamlsafe::hazard[billion-laughs, alias-cycle, alias-once],
      yamlsafe::test_alias_bomb_reports_once (each under 1 s)
  duplicate mapping keys:
      yamlsafe::hazard[duplicate-key, duplicate-nested],
      yamlsafe::test_several_duplicate_keys_are_all_reported
  YAML 1.1: no/off/NO/on/yes, 1:30, 010, dates:
      yamlsafe::test_yaml_11_surprise_where_text_is_expected
  ``Answer #1 is right`` (a comment):
      yamlsafe::test_hash_comment_where_text_is_expected, hazard[glued-comment]
  ``Question: what?`` → a syntax error:
      yamlsafe::hazard[colon-in-text]
  a bool where a string is meant is refused:
      yamlsafe::test_yaml_11_surprise_where_text_is_expected
  size capped before parsing:
      yamlsafe::test_oversize_is_refused_before_parsing,
      fuzz/test_fuzz_load.py::test_size_cap_is_a_diagnostic,
      fuzz/test_fuzz_load.py::test_article_over_the_size_cap_is_refused
  CSafeLoader is used:
      here::test_the_libyaml_loader_is_used
  gc paused during a load:
      here::test_the_garbage_collector_is_paused_during_a_load

Text from content files is data
  widgets parse markup; MarkupError kills the app:
      ui/test_quiz_flow.py::test_markup_in_content_is_shown_literally_and_never_runs,
      ui/test_story_flow.py::test_story_content_is_shown_literally_never_as_markup,
      hardening/test_random_keys.py (markup pack, every screen),
      hardening/test_pty_output.py (a real terminal)
  ``[x]`` silently vanishes:
      engine/test_quiz.py::test_markup_in_content_is_kept_literally,
      hardening/test_random_keys.py (the markup pack has ``[x]``)
  ``@click`` actions are live, ``[link]`` links:
      ui/test_quiz_flow.py::test_markup_in_content_is_shown_literally_and_never_runs
      (clicks it), hardening/test_pty_output.py (no OSC 8 to http://x)
  toasts parse markup too (found here):
      here::test_notifications_never_parse_markup,
      here::test_a_data_folder_path_with_brackets_does_not_crash
  ``escape()`` is not a fix:
      here::test_markup_escape_is_never_used
  ``Markdown(..., open_links=False)``:
      ui/test_quiz_flow.py::test_f1_opens_help_and_escape_closes_it,
      here::test_markdown_never_opens_links
  ``Text(s)`` for DataTable cells:
      here::test_data_table_cells_are_text
  control sequences in quoted YAML strings:
      yamlsafe::test_control_characters_are_stripped_from_values_and_keys,
      yamlsafe::test_clean_text,
      cli/test_plain.py::test_control_codes_never_reach_the_terminal,
      hardening/test_pty_output.py (TUI and plain, on a pty)

Textual 8
  a crash ends the app but run() returns normally:
      ui/test_quiz_flow.py::test_a_crash_gives_a_non_zero_return_code,
      ui/test_quiz_flow.py::test_play_exits_non_zero_when_the_app_crashes,
      cli/test_play_args.py::test_a_crashed_app_exits_non_zero
  OptionList at 0 rows: PageUp/PageDown KeyError:
      ui/test_quiz_flow.py::test_page_keys_are_safe_when_the_choices_have_no_visible_rows,
      ui/test_quiz_flow.py::test_the_hazard_is_real_a_plain_option_list_dies_on_page_keys,
      here::test_the_game_never_uses_a_bare_option_list,
      here::test_every_option_list_class_in_the_ui_is_safe
  the same in the command palette (found here):
      here::test_page_keys_in_the_command_palette_do_not_crash
  OptionList at 0 columns (found here):
      here::test_option_lists_survive_being_squeezed_to_no_columns,
      here::test_the_keys_panel_at_40_columns_does_not_crash
  after such a crash pilot.press hangs:
      ui/pilot_helpers.py::press (wait_for),
      hardening/test_random_keys.py (wait_for around every run)
  pilot.press is slow: post events.Key:
      hardening/test_random_keys.py (keys posted, a pause every 6)
  renamed/removed APIs (renderable, Select.BLANK,
  App.dark, TextLog, app.query_one, await dismiss):
      here::test_no_api_removed_or_renamed_in_textual_8_is_used
  ctrl+c no longer quits, ctrl+q does:
      ui/test_quiz_flow.py::test_ctrl_q_quits_from_anywhere,
      here::test_ctrl_q_is_a_priority_binding_and_ctrl_c_does_not_quit
  snapshot plugin: pytest < 9, asyncio settings:
      here::test_the_test_setup_matches_what_the_snapshot_plugin_needs
  two selections before the first has navigated (found here):
      here::test_double_enter_on_the_title_menu_does_not_crash and the four
      tests after it

SQLite
  garbage file: connect succeeds, then NOTADB:
      store/test_db.py::test_garbage_file_is_moved_aside_with_siblings,
      ui/test_progress_flow.py::test_a_damaged_database_is_set_aside_and_the_player_told
  damaged pages: CORRUPT / failed quick_check:
      store/test_db.py::test_malformed_pages_are_detected_and_moved
  "locked" is a DatabaseError: never moved aside:
      store/test_db.py::test_open_while_locked_raises_and_does_not_move,
      store/test_db.py::test_write_while_another_process_holds_the_lock,
      store/test_progress_service.py::test_a_lock_taken_mid_session_stops_saving_once_and_play_goes_on,
      ui/test_progress_flow.py::test_a_locked_database_plays_on_without_saving
  -wal, -shm, -journal moved with it:
      store/test_db.py::test_garbage_file_is_moved_aside_with_siblings
  no commit on close: ``with conn:``:
      store/test_db.py::test_second_store_sees_writes_at_once,
      store/test_db.py::test_sigkill_loses_no_recorded_answer

Atomic writes
  temp beside it, flush, fsync, replace, fsync dir:
      store/test_results.py::test_atomic_write_replaces_whole,
      store/test_results.py::test_a_crash_mid_write_leaves_no_partial_file,
      here::test_atomic_write_fsyncs_then_replaces_then_fsyncs_the_folder
  stale temporary files removed at start:
      store/test_results.py::test_stale_temps_are_removed_but_fresh_ones_kept,
      store/test_results.py::test_prepare_folder_creates_tidies_and_refuses_a_file
  exports written whole:
      cli/test_export.py::test_output_file_is_written_whole

Tests named for a bug reproduce one found while hardening; each was a strict xfail until its fix landed.
"""

from __future__ import annotations

import ast
import asyncio
import gc
import os
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList

from game.engine.content import loader, yamlsafe
from game.engine.content.diagnostics import ContentError
from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.paths import bundled_scenes
from game.store import atomic
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.feedback_screen import FeedbackScreen
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.story_picker_screen import StoryPickerScreen
from game.ui.screens.story_scene_screen import StorySceneScreen
from game.ui.screens.title_screen import TitleScreen
from game.ui.widgets.safe_option_list import SafeOptionList

ROOT = Path(__file__).resolve().parents[2]
GAME = ROOT / "game"
UI = GAME / "ui"
KEY_TIMEOUT = 10.0


def _sources(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def _calls(tree: ast.AST, name: str) -> Iterator[ast.Call]:
    """Calls of ``name(...)`` or ``something.name(...)``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else None
            )
            if called == name:
                yield node


# --- YAML ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"title: 2024-13-45\n", "f.yaml:1:8: error: "),
        (b"a: 1\nb: !!int\n", "f.yaml:2:4: error: "),
        (b"a: !!bool maybe\n", "f.yaml:1:4: error: "),
        (b"a: !!timestamp abc\n", "f.yaml:1:4: error: "),
        (b"a: " + b"9" * 5000 + b"\n", "f.yaml:1:4: error: "),
        (b"a: &x [1, *x]\n", "f.yaml:1:"),
        (b"a: 1\na: 2\n", "f.yaml:2:1: error: "),
        (b"a: ok\nb: x\xff\n", "f.yaml:2:5: error: "),
    ],
    ids=["date", "int", "bool", "timestamp", "digits", "alias", "duplicate", "utf8"],
)
def test_every_yaml_hazard_prints_as_path_line_col_error(raw: bytes, where: str) -> None:
    """The form editors and CI annotate: one line, ``path:line:col: error: message``."""
    with pytest.raises(ContentError) as info:
        yamlsafe.parse_yaml(raw, "f.yaml")
    text = str(info.value.diagnostics[0])
    assert text.startswith(where) and "\n" not in text, text


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_the_libyaml_loader_is_used() -> None:
    """CSafeLoader is 5-12× faster; the pure loader is only the fallback where libyaml is missing."""
    # A subclass: it only resolves tags more cheaply (see yamlsafe._Loader); parsing is libyaml's.
    assert issubclass(yamlsafe._Loader, yaml.CSafeLoader)


def test_the_garbage_collector_is_paused_during_a_load(
    tiny_pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big load ran several times slower with the collector on; it is off for the load, and back after."""
    seen: list[bool] = []
    real_parse = yamlsafe.parse_yaml

    def parse(raw: bytes, display: str) -> yamlsafe.YamlDoc:
        seen.append(gc.isenabled())
        return real_parse(raw, display)

    monkeypatch.setattr(yamlsafe, "parse_yaml", parse)
    assert gc.isenabled()
    load_pack(tiny_pack_dir)
    assert seen and not any(seen), seen
    assert gc.isenabled()
    # Nested in a caller's own pause, the load leaves the collector off.
    gc.disable()
    try:
        load_pack(tiny_pack_dir)
        assert not gc.isenabled()
    finally:
        gc.enable()
    # And an exception on the way still turns it back on.
    monkeypatch.setattr(loader, "_load_pack", lambda folder, kinds: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        load_pack(tiny_pack_dir)
    assert gc.isenabled()


# --- text is data ---------------------------------------------------------------------------------------


def test_notifications_never_parse_markup() -> None:
    """Every ``notify`` in the game whose message is not a literal passes ``markup=False``.

    A toast renders its message as markup: a message holding ``[/y]`` (a folder path, an error text, a
    name) raises MarkupError and kills the app. Pilot tests never see it: ``run_test`` turns toasts off.
    """
    offenders = []
    for path, source in _sources(UI):
        for call in _calls(ast.parse(source), "notify"):
            if not call.args:
                continue
            message = call.args[0]
            if isinstance(message, ast.Constant):
                continue  # a fixed message: its author can see it holds no markup
            markup = next((k.value for k in call.keywords if k.arg == "markup"), None)
            if not (isinstance(markup, ast.Constant) and markup.value is False):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not offenders, "notify() of a variable message without markup=False: " + ", ".join(offenders)


async def test_a_data_folder_path_with_brackets_does_not_crash(tmp_path: Path, ui_pack_dir: Path) -> None:
    bad = tmp_path / "x[" / "y]z"
    bad.parent.mkdir()
    bad.write_text("a file where the data folder should be")  # the store cannot open: a notice says so
    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana", data_dir=bad)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause(0.2)
        assert app.is_running
        assert any("x[/y]z" in n.message for n in app._notifications)
    assert app.return_code in (None, 0)


def test_markup_escape_is_never_used() -> None:
    """``escape()`` still crashes on ``[/``, leaves ``[$accent]`` parsed and mangles ``[[b]]``."""
    offenders = []
    for path, source in _sources(GAME):
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("textual.markup", "rich.markup"):
                if any(alias.name == "escape" for alias in node.names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr == "escape":
                base = node.value
                if isinstance(base, ast.Name) and base.id == "markup":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_markdown_never_opens_links() -> None:
    for path, source in _sources(UI):
        for call in _calls(ast.parse(source), "Markdown"):
            flags = {k.arg: k.value for k in call.keywords}
            value = flags.get("open_links")
            assert isinstance(value, ast.Constant) and value.value is False, f"{path}:{call.lineno}"


def test_data_table_cells_are_text() -> None:
    """A DataTable parses str cells as markup; the game gives it ``Text`` objects."""
    for path, source in _sources(UI):
        for call in _calls(ast.parse(source), "add_row"):
            for arg in call.args:
                assert isinstance(arg, ast.Call) and getattr(arg.func, "id", None) == "Text", (
                    f"{path.relative_to(ROOT)}:{call.lineno}: a DataTable cell that is not Text(...)"
                )


# --- Textual 8 ------------------------------------------------------------------------------------------


def test_the_game_never_uses_a_bare_option_list() -> None:
    """Every list the game composes is a SafeOptionList (the page-key guard), never OptionList itself."""
    offenders = []
    for path, source in _sources(UI):
        for call in _calls(ast.parse(source), "OptionList"):
            offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not offenders, offenders
    from game.ui.widgets.choice_list import ChoiceList

    assert issubclass(ChoiceList, SafeOptionList)


class _Squeezed(App[None]):
    CSS = "SafeOptionList { width: 4; height: auto; }"

    def compose(self) -> ComposeResult:
        yield SafeOptionList("one two three", "four")


async def test_option_lists_survive_being_squeezed_to_no_columns() -> None:
    app = _Squeezed()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.is_running


async def test_the_keys_panel_at_40_columns_does_not_crash(ui_pack_dir: Path) -> None:
    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        app.action_show_help_panel()  # the command palette's "Keys" command
        await pilot.pause()
        await asyncio.wait_for(pilot.press("down"), KEY_TIMEOUT)
        assert app.is_running


async def test_page_keys_in_the_command_palette_do_not_crash(ui_pack_dir: Path) -> None:
    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, char in (("ctrl+p", None), ("t", "t"), ("pageup", None)):
            app.post_message(events.Key(key, char))
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running


REMOVED_APIS = {
    ".renderable": "Static.renderable is Static.content in Textual 8",
    "renderable=": "Label(renderable=...) is gone",
    "Select.BLANK": "Select.BLANK now means something else: Select.NULL",
    ".dark ": "App.dark is gone: set app.theme",
    ".dark=": "App.dark is gone: set app.theme",
    "TextLog": "TextLog is RichLog",
    "app.query_one(": "app.query_one searches the first screen: self.screen.query_one",
    "await self.dismiss(": "awaiting dismiss() in the screen's own handler raises ScreenError",
}


def test_no_api_removed_or_renamed_in_textual_8_is_used() -> None:
    offenders = []
    for path, source in _sources(GAME):
        for line_no, line in enumerate(source.splitlines(), 1):
            code = line.split("#", 1)[0]
            for needle, why in REMOVED_APIS.items():
                if needle in code:
                    offenders.append(f"{path.relative_to(ROOT)}:{line_no}: {why}")
    assert not offenders, "\n".join(offenders)


async def test_ctrl_q_is_a_priority_binding_and_ctrl_c_does_not_quit(ui_pack_dir: Path) -> None:
    quit_binding = next(b for b in QuoteboundApp.BINDINGS if isinstance(b, Binding) and b.key == "ctrl+q")
    assert quit_binding.action == "quit" and quit_binding.priority
    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.wait_for(pilot.press("ctrl+c"), KEY_TIMEOUT)
        assert app.is_running  # Textual 8: ctrl+c copies; the game says ctrl+q everywhere
        assert "^q Quit" in "\n".join(s.text for s in app.screen._compositor.render_strips())
        await asyncio.wait_for(pilot.press("ctrl+q"), KEY_TIMEOUT)
    assert app.return_code == 0


def test_the_test_setup_matches_what_the_snapshot_plugin_needs() -> None:
    import pytest as installed

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ini = config["tool"]["pytest"]["ini_options"]
    assert ini["asyncio_mode"] == "auto"
    assert ini["asyncio_default_fixture_loop_scope"] == "function"
    tests = config["project"]["optional-dependencies"]["test"]
    assert any(d.replace(" ", "").startswith("pytest>=8,<9") for d in tests), tests
    assert any(d.replace(" ", "") == "pytest-textual-snapshot==1.1.0" for d in tests), tests
    assert int(installed.__version__.split(".")[0]) < 9


# --- two selections before the first has navigated (found by test_random_keys.py) -------------------------

RACE_REASON = (
    "bug: a second selection reaches a screen before the first one's navigation is done (Enter twice on "
    "a menu, Enter then a digit: a key-repeat or keys typed while the app is busy); the second pops the "
    "screen the first pushed before it mounts, and its on_mount finds no widgets (or dismisses twice). "
    "Fix: in each selection handler (TitleScreen._run_entry, StoryPickerScreen._play, SummaryScreen._run, "
    "StoryEndingScreen.on_option_list_option_selected/action_pick, PackScreen, ResumeScreen, PlayerScreen "
    "on_option_list_option_selected/on_input_submitted/action_pick) return at once unless self.is_active"
)


async def _post_keys(pack: Pack, *keys: str, before: tuple[str, ...] = (), size=(80, 24), **options) -> Any:
    """Press ``before`` one at a time, then post ``keys`` together (as buffered input arrives).

    Returns the screen in front once the keys are handled (the app itself has closed by then).
    """
    app = make_app(packs=[pack], player="Ana", **options)
    async with app.run_test(size=size, notifications=True) as pilot:
        for key in before:
            await asyncio.wait_for(pilot.press(key), KEY_TIMEOUT)
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else "\r" if key == "enter" else None))
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running
        front = app.screen
    assert app.return_code in (None, 0)
    return front


@pytest.mark.parametrize("entry", ["quiz", "story"])
async def test_double_enter_on_the_title_menu_does_not_crash(story_pack: Pack, entry: str) -> None:
    before = ("down",) if entry == "story" else ()
    front = await _post_keys(story_pack, "enter", "enter", before=before)
    # The second Enter is dropped while the first's screen mounts; under load that screen may already
    # be in front when it arrives, and then it rightly picks there (answers, or opens the scenario).
    expected = (QuizScreen, FeedbackScreen) if entry == "quiz" else (StoryPickerScreen, StorySceneScreen)
    assert isinstance(front, expected)


async def test_double_enter_on_the_story_picker_does_not_crash(story_pack: Pack) -> None:
    front = await _post_keys(story_pack, "enter", "enter", before=("down", "enter"))
    assert isinstance(front, StorySceneScreen)


async def test_enter_then_a_digit_on_the_pack_chooser_does_not_crash(
    story_pack: Pack, ui_pack_dir: Path
) -> None:
    app = make_app(packs=[story_pack, load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.action_choose_pack()
        await pilot.pause()
        for key, char in (("enter", "\r"), ("2", "2")):
            app.post_message(events.Key(key, char))
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running and isinstance(app.screen, TitleScreen)


async def test_double_enter_on_the_player_name_does_not_crash(story_pack: Pack, tmp_path: Path) -> None:
    app = make_app(packs=[story_pack], player="Ana", data_dir=tmp_path / "data")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.action_switch_player()
        await pilot.pause()
        await asyncio.wait_for(pilot.press("tab", "B", "o"), KEY_TIMEOUT)  # to the name box, type "Bo"
        for _ in range(2):
            app.post_message(events.Key("enter", "\r"))
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running and app.player == "Bo"


async def test_double_enter_on_a_story_ending_does_not_crash() -> None:
    pack = load_pack(ROOT / "tests" / "snapshots" / "story")
    app = make_app(packs=[pack], player="Ana")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.start_scenario("open-day")  # one scene, then an ending
        await pilot.pause()
        await asyncio.wait_for(pilot.press("1", "enter"), KEY_TIMEOUT)
        assert type(app.screen).__name__ == "StoryEndingScreen"
        for _ in range(2):  # the default action, twice
            app.post_message(events.Key("enter", "\r"))
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        # Enter picks the highlighted "Back to the stories" (issue 12: no longer "Play this scenario again").
        assert app.is_running and type(app.screen).__name__ == "StoryPickerScreen"


# --- atomic writes --------------------------------------------------------------------------------------


def test_atomic_write_fsyncs_then_replaces_then_fsyncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order that makes a write survive a kill and a power cut: data synced before the rename, the
    folder synced after it, and the temporary file in the target's own folder (rename is atomic only
    within one file system)."""
    steps: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if os.path.isdir(f"/proc/self/fd/{fd}") or _is_dir_fd(fd) else "file"
        steps.append(("fsync", kind))
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        steps.append(("replace", Path(str(src)).parent == Path(str(dst)).parent))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "results.json"
    target.write_text("old")
    atomic.write_text(target, "new")
    assert target.read_text() == "new"
    expected = [("fsync", "file"), ("replace", True)]
    if sys.platform != "win32":
        expected.append(("fsync", "folder"))
    assert steps == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]  # no temporary file left


def _is_dir_fd(fd: int) -> bool:
    import stat

    return stat.S_ISDIR(os.fstat(fd).st_mode)


# --- fixtures -------------------------------------------------------------------------------------------


@pytest.fixture
def ui_pack_dir() -> Path:
    return ROOT / "tests" / "snapshots" / "pack"


@pytest.fixture(scope="module")
def story_pack() -> Pack:
    """A small bundled pack with a quiz and a story."""
    return load_pack(bundled_scenes() / "riverside")


def test_every_option_list_class_in_the_ui_is_safe() -> None:
    """The OptionList subclasses the game defines all derive from the guarded one."""
    import game.ui.widgets.choice_list as choice_list

    for module in (choice_list,):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, OptionList)
                and value.__module__.startswith("game.")
            ):
                assert issubclass(value, SafeOptionList), value


async def test_page_keys_in_a_palette_with_results_still_page(ui_pack_dir: Path) -> None:
    """The palette guard wraps Textual's own paging: with results on show, PageDown moves the highlight."""
    from textual.command import CommandList

    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)  # the palette lists its commands
        commands = app.screen.query_one(CommandList)
        assert commands.option_count > 1
        commands.action_page_down()
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running
        assert commands.highlighted not in (None, 0)


async def test_a_screen_not_in_front_never_dismisses(ui_pack_dir: Path) -> None:
    """Screen.dismiss pops the top screen whoever calls it: a second key handled by a screen already
    leaving popped the title ("Can't pop screen", seen in a 5,000-key run). Our screens ignore it."""
    from game.ui.screens.help_screen import HelpScreen
    from game.ui.screens.title_screen import TitleScreen

    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen
        assert isinstance(title, TitleScreen)
        help_screen = HelpScreen()
        await app.push_screen(help_screen)
        await pilot.pause()
        help_screen.dismiss()
        await pilot.pause()
        assert app.screen is title
        help_screen.dismiss()  # the second, late dismiss must not pop the title
        await pilot.pause()
        assert app.is_running and app.screen is title


async def test_enter_twice_in_the_command_palette_keeps_the_title(ui_pack_dir: Path) -> None:
    """The palette dismisses itself on Enter, then runs the command; a second Enter queued to it used
    to dismiss again and pop the title ("Can't pop screen", seen in a 5,000-key run)."""
    from textual.command import CommandPalette

    app = make_app(packs=[load_pack(ui_pack_dir)], player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        palette.dismiss()  # the late second one
        await asyncio.wait_for(pilot.pause(), KEY_TIMEOUT)
        assert app.is_running and len(app.screen_stack) == 1
