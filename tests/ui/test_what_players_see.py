"""Issue 12: every figure, message and word a player sees is right (title, menu keys, hints, palette,
story runs in stats).

Each test here failed on main before the fix it names.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pilot_helpers import press, screen_text

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.engine.story.run import StoryRun
from game.progress.figures import gather, text_lines
from game.progress.service import ProgressService
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.stats_screen import StatsScreen
from game.ui.screens.story_scene_screen import StorySceneScreen
from game.ui.screens.title_screen import TitleScreen
from tests.story_helpers import key_for

ROOT = Path(__file__).resolve().parent.parent.parent
STORY_PACK = ROOT / "tests" / "snapshots" / "story"
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def new_app(packs: list[Pack], data: Path, **options) -> QuoteboundApp:  # type: ignore[no-untyped-def]
    return make_app(packs=packs, data_dir=data, tz=UTC, clock=lambda: T0, **options)


def notices(app: QuoteboundApp) -> list[str]:
    return [n.message for n in app._notifications]


def play_story_to_the_end(pack: Pack, data: Path, player: str = "Ana") -> StoryRun:
    """A story run finished through the service, as the game saves it, by its first open choices."""
    service = ProgressService.open(data, clock=lambda: T0)
    service.use_player(player)
    run = StoryRun(pack, pack.scenarios[0].id)
    service.story_started(run)
    while not run.finished:
        outcome = run.choose(run.open_choices()[0].index)
        service.story_choice(run, outcome)
    service.story_ended(run)
    service.close()
    return run


# --- item 9: each title-menu item keeps its key ---------------------------------------------------------


async def test_stats_keeps_its_key_whether_or_not_a_resume_line_shows(ui_pack: Pack, tmp_path: Path) -> None:
    app = new_app([ui_pack], tmp_path, player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Resume" not in screen_text(app)
        assert "5 Stats" in screen_text(app)
        await press(pilot, "3")  # Resume's key, and no resume line: nothing happens
        assert isinstance(app.screen, TitleScreen)
        await press(pilot, "5")
        assert isinstance(app.screen, StatsScreen)

    # Leave a round part-way: now the title offers Resume, and Stats is still 5.
    service = ProgressService.open(tmp_path, clock=lambda: T0)
    service.use_player("Ana")
    service.round_started(QuizRun(ui_pack, seed=1), "quiz")
    service.close()
    app = new_app([ui_pack], tmp_path, player="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "escape")  # the offer to resume at start: decide later
        text = screen_text(app)
        assert "3 Resume" in text and "5 Stats" in text
        await press(pilot, "5")
        assert isinstance(app.screen, StatsScreen)


# --- item 7: the tagline comes from the pack -------------------------------------------------------------


async def test_the_fictional_pack_is_never_called_a_real_article(tmp_path: Path) -> None:
    riverside = load_pack(ROOT / "scenes" / "riverside")
    app = make_app(packs=[riverside])
    async with app.run_test(size=(80, 24)):
        tagline = str(app.screen.query_one("#title-tagline").render())
        assert "real" not in tagline.lower()
        assert "on this article" in tagline


async def test_a_pack_with_a_tagline_shows_its_own(panjshir: Pack) -> None:
    app = make_app(packs=[panjshir])
    async with app.run_test(size=(80, 24)):
        assert panjshir.meta.tagline is not None
        assert str(app.screen.query_one("#title-tagline").render()) == panjshir.meta.tagline


# --- item 16: the palette offers the game's commands, not Textual's developer tools ---------------------


async def test_the_palette_offers_the_games_commands_only(ui_pack: Pack, tmp_path: Path) -> None:
    story = load_pack(STORY_PACK)
    app = new_app([ui_pack, story], tmp_path, player="Ana")
    async with app.run_test(size=(80, 24)):
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        for wanted in ("Choose another pack", "Switch player", "Read the article", "Stats", "Help", "Quit"):
            assert wanted in commands, wanted
        for developer in ("Keys", "Screenshot", "Maximize"):
            assert developer not in commands, developer
        assert "as soon as possible" not in commands["Quit"]


# --- item 6: a hint belongs to the screen that raised it ------------------------------------------------


async def test_the_leave_hint_does_not_follow_to_the_title(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        assert isinstance(app.screen, QuizScreen)
        await press(pilot, "escape")
        assert any("Press Esc again" in n for n in notices(app))
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)
        assert not any("Press Esc again" in n for n in notices(app))


async def test_a_story_hint_does_not_show_on_the_next_question_at_40x12(tmp_path: Path) -> None:
    story = load_pack(STORY_PACK)
    quiz = load_pack(ROOT / "tests" / "snapshots" / "pack")
    app = make_app(packs=[quiz, story])
    async with app.run_test(size=(40, 12)) as pilot:
        app.pack_index = 1
        app.start_scenario("harbour-report")
        await pilot.pause()
        assert isinstance(app.screen, StorySceneScreen)
        await press(pilot, "escape")
        assert "Press Esc again to leave this scenario." in notices(app)
        await press(pilot, "escape")
        app.pack_index = 0
        app.action_start_quiz()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert "Press Esc again to leave this scenario." not in notices(app)
        assert "leave this scenario" not in screen_text(app)


async def test_a_closed_choice_hint_goes_when_the_scene_does() -> None:
    story = load_pack(STORY_PACK)
    app = make_app(packs=[story])
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_scenario("harbour-report")
        await pilot.pause()
        assert isinstance(app.screen, StorySceneScreen)
        run = app.screen.story
        await press(pilot, key_for(run, "Write it up now"))  # closed: needs facts checked
        assert any(n.startswith("That choice is closed") for n in notices(app))
        # An open choice: its feedback covers the scene, and the hint goes.
        await press(pilot, key_for(run, "Ask the council for the figures"))
        assert not isinstance(app.screen, StorySceneScreen)
        assert not any(n.startswith("That choice is closed") for n in notices(app))
        assert "That choice is closed" not in screen_text(app)


# --- item 2: a story run in stats reads as an ending, not as right answers --------------------------------


def test_a_story_run_in_the_history_shows_its_ending_and_choices(tmp_path: Path) -> None:
    story = load_pack(STORY_PACK)
    run = play_story_to_the_end(story, tmp_path)
    ending = run.ending
    assert ending is not None
    service = ProgressService.open(tmp_path, clock=lambda: T0)
    service.use_player("Ana")
    assert service.store is not None and service.player is not None
    figures = gather(service.store, service.player, [story], now=T0, tz=UTC)
    service.close()
    text = "\n".join(text_lines([figures], tz=UTC))
    choices = f"{len(run.path)} choice{'s' if len(run.path) != 1 else ''}"
    assert f"{ending.title} ({ending.kind}), {choices}" in text
    assert " right " not in text.split("History")[1]
    assert f"1 of 3 endings found ({ending.title})" in text
    assert f"({ending.id})" not in text


async def test_the_stats_screen_names_the_ending_not_its_id(tmp_path: Path) -> None:
    story = load_pack(STORY_PACK)
    run = play_story_to_the_end(story, tmp_path)
    ending = run.ending
    assert ending is not None
    app = new_app([story], tmp_path, player="Ana")
    async with app.run_test(size=(100, 40)) as pilot:
        await press(pilot, "5")
        assert isinstance(app.screen, StatsScreen)
        await press(pilot, "end")
        text = screen_text(app)
        assert f"({ending.title})" in text and f"({ending.id})" not in text
        assert f"{ending.title} ({ending.kind})" in text
        assert "right" not in text.split("History")[-1]
