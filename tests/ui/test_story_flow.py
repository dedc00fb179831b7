"""Pilot tests of story mode at 80×24: a bundled scenario played by keys to its ending, feedback with
its quotes and the reader, closed choices, the endings found, the ending's actions, the persistence
hooks, resuming, and content shown literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import press, screen_text
from textual.widgets import Static

from game import ui
from game.engine.content.pack import Pack
from game.engine.content.typography import quoted
from game.engine.packs import load_pack
from game.engine.story.run import StoryOutcome, StoryRun
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.reader_screen import ReaderScreen
from game.ui.screens.story_ending_screen import StoryEndingScreen
from game.ui.screens.story_feedback_screen import StoryFeedbackScreen
from game.ui.screens.story_picker_screen import StoryPickerScreen
from game.ui.screens.story_scene_screen import StorySceneScreen, has_feedback
from game.ui.screens.title_screen import TitleScreen
from game.ui.widgets.safe_option_list import SafeOptionList
from tests.story_helpers import choose_labelled, key_for

SIZE = (80, 24)
STORY_PACK = Path(__file__).resolve().parent.parent / "snapshots" / "story"
"""Two small scenarios on the snapshot tests' invented article (shared with the story snapshots)."""


@pytest.fixture(autouse=True)
def _as_a_guest(monkeypatch: pytest.MonkeyPatch) -> None:
    # Play as a guest without the player screen at start (progress features ask who is playing).
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False, raising=False)


@pytest.fixture(scope="module")
def story_pack() -> Pack:
    return load_pack(STORY_PACK)


def menu_key(app: QuoteboundApp, entry_id: str) -> str:
    """The number key of a title-menu entry (other modes may add entries above it)."""
    screen = app.screen
    assert isinstance(screen, TitleScreen)
    return screen.keys[entry_id]


def scene_screen(app: QuoteboundApp) -> StorySceneScreen:
    screen = app.screen
    assert isinstance(screen, StorySceneScreen), type(screen)
    return screen


def key(app: QuoteboundApp, label: str) -> str:
    """The number key of the choice labelled ``label`` on the scene on show."""
    return key_for(scene_screen(app).story, label)


def row_of(run: StoryRun, label: str) -> int:
    """The row of the choice list (inside its border) where the choice labelled ``label`` starts:
    a closed choice takes two rows, its label and why it is closed."""
    rows = 1
    for view in run.choices():
        if view.label == label:
            return rows
        rows += 1 if view.open else 2
    raise AssertionError(label)


class Recorder(QuoteboundApp):
    """The app with its persistence hooks recorded."""

    CSS_PATH = str(Path(ui.__file__).resolve().parent / "app.tcss")  # relative paths follow the subclass

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.choices_made: list[tuple[str, int, int]] = []
        self.ended: list[str] = []
        self.left: list[str] = []

    def story_choice_made(self, run: StoryRun, outcome: StoryOutcome) -> None:
        self.choices_made.append((outcome.scene_id, outcome.choice_index, len(run.path)))
        super().story_choice_made(run, outcome)

    def story_ended(self, run: StoryRun) -> None:
        assert run.ending is not None
        self.ended.append(run.ending.id)
        super().story_ended(run)

    def story_left(self, run: StoryRun) -> None:
        self.left.append(run.scene_id)
        super().story_left(run)


async def test_a_bundled_scenario_played_by_keys_reaches_an_ending(panjshir: Pack) -> None:
    scenario = "reporter-notebook"
    app = Recorder(packs=[panjshir])
    async with app.run_test(size=SIZE) as pilot:
        assert "Story: 2 scenarios" in screen_text(app)
        await press(pilot, menu_key(app, "story"))
        picker = app.screen
        assert isinstance(picker, StoryPickerScreen)
        assert "0 of 4 endings found" in screen_text(app)
        await press(pilot, str([s.id for s in picker.scenarios].index(scenario) + 1))

        side = StoryRun(panjshir, scenario)  # the engine, played alongside, picks the keys
        feedback_seen = reader_seen = False
        while not side.finished:
            screen = scene_screen(app)
            assert screen.story.to_json() == side.to_json()
            assert f"Score {side.score}" in screen_text(app)
            view = side.open_choices()[0]
            outcome = side.choose(view.index)
            await press(pilot, str(view.index + 1))
            if not has_feedback(outcome):
                continue
            feedback = app.screen
            assert isinstance(feedback, StoryFeedbackScreen)
            assert feedback.outcome == outcome
            if outcome.quotes:
                feedback_seen = True
                quote = outcome.quotes[0]
                shown = feedback.query_one("#story-feedback-quote-0", Static).content.plain
                assert shown == f"¶{quote.paragraph} {quoted(quote.text)}"
                assert f"¶{quote.paragraph} {quoted(quote.text)[:30]}" in screen_text(app)
                if not reader_seen:
                    reader_seen = True
                    await press(pilot, "s")
                    reader = app.screen
                    assert isinstance(reader, ReaderScreen)
                    assert reader.target_paragraph == quote.paragraph
                    assert reader.query_one(f"#para-{quote.paragraph}").has_class("-target")
                    await press(pilot, "escape")
                    assert app.screen is feedback
            await press(pilot, "enter")

        assert feedback_seen and reader_seen
        ending_screen = app.screen
        assert isinstance(ending_screen, StoryEndingScreen)
        ending = side.ending
        assert ending is not None
        assert ending_screen.story.to_json() == side.to_json()
        text = screen_text(app)
        assert f"Ending: {ending.title}" in text and f"Score {side.score}" in text
        assert "1 of 4 endings found" in text
        assert app.story_endings_found(scenario) == {ending.id}
        assert app.ended == [ending.id]
        assert len(app.choices_made) == len(side.path)
        assert app.choices_made[-1] == (side.path[-1].scene, side.path[-1].choice, len(side.path))

        # Another scenario: the picker now counts the ending found.
        await press(pilot, "n")
        assert isinstance(app.screen, StoryPickerScreen)
        assert "1 of 4 endings found" in screen_text(app)


async def test_a_closed_choice_cannot_be_taken_by_key_click_or_arrows(story_pack: Pack) -> None:
    app = make_app(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.start_scenario("harbour-report")
        await pilot.pause()
        screen = scene_screen(app)
        run = screen.story
        closed = [view for view in run.choices() if not view.open]
        assert [view.label for view in closed] == ["Write it up now"]
        number = closed[0].index + 1
        text = screen_text(app)
        assert f"{number} Write it up now" in text
        assert "✕ needs Facts checked ≥ 1 and Met Tom Brady" in text
        assert "Facts checked: 0 · Trust: 1 · Met Tom Brady: no" in text

        await press(pilot, str(number))
        assert app.screen is screen and run.path == []
        assert any("That choice is closed" in n.message for n in app._notifications)

        choices = screen.query_one("#story-choices", SafeOptionList)
        assert choices.get_option_at_index(closed[0].index).disabled
        assert await pilot.click("#story-choices", offset=(6, row_of(run, "Write it up now")))
        await pilot.pause()
        assert app.screen is screen and run.path == []

        # The highlight skips the closed choice, wherever it is shown.
        open_positions = [view.index for view in run.choices() if view.open]
        await press(pilot, "end")
        assert choices.highlighted == open_positions[-1]
        await press(pilot, "home")
        assert choices.highlighted == open_positions[0]
        highlighted = run.choices()[open_positions[0]]
        await press(pilot, "enter")
        assert isinstance(app.screen, StoryFeedbackScreen)
        assert [step.choice for step in run.path] == [highlighted.authored]


async def test_at_40x12_a_closed_choice_takes_one_row_and_every_open_one_shows(story_pack: Pack) -> None:
    """The quay's closed choice, listed first, took three rows (its label, and a reason wrapped on two)
    of the list's three at 40×12: the last open choice was scrolled out of sight, and the first line
    on show was the middle of the reason. Now it is one row, cut short; its number says why."""
    app = make_app(packs=[story_pack])
    async with app.run_test(size=(40, 12)) as pilot:
        app.start_scenario("harbour-report")
        await pilot.pause()
        screen = scene_screen(app)
        views = screen.story.choices()
        assert not views[0].open  # the case at hand: the closed choice is listed first
        text = screen_text(app)
        for view in views:
            if view.open:
                assert f"{view.index + 1} {view.label}" in text, text
        assert f"{views[0].index + 1} ✕ {views[0].label} · needs" in text, text

        last = views[-1]
        assert await pilot.click("#story-choices", offset=(6, 1 + last.index))  # below the border's row
        await pilot.pause()
        assert [step.choice for step in screen.story.path] == [last.authored]


async def test_a_closed_choice_is_shortened_and_restored_as_the_terminal_changes(story_pack: Pack) -> None:
    app = make_app(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.start_scenario("harbour-report")
        await pilot.pause()
        screen = scene_screen(app)
        choices = screen.query_one("#story-choices", SafeOptionList)
        await press(pilot, "end")
        lit = choices.highlighted
        assert "✕ needs Facts checked ≥ 1" in screen_text(app)

        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "1 ✕ Write it up now ·" in screen_text(app)
        assert choices.highlighted == lit

        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert "✕ needs Facts checked ≥ 1" in screen_text(app)
        assert choices.highlighted == lit


async def test_a_click_takes_an_open_choice(story_pack: Pack) -> None:
    app = make_app(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.start_scenario("harbour-report")
        await pilot.pause()
        screen = scene_screen(app)
        council = "Ask the council for the figures"
        assert await pilot.click("#story-choices", offset=(6, row_of(screen.story, council)))
        await pilot.pause()
        assert isinstance(app.screen, StoryFeedbackScreen)
        assert [step.choice for step in screen.story.path] == [0]  # the file's first choice
        text = screen_text(app)
        assert "+5 points" in text and "Changed: Facts checked: 0 → 1" in text
        await press(pilot, "space")
        assert app.screen is screen
        text = screen_text(app)
        assert "The council office" in text and "Facts checked: 1" in text


async def test_endings_found_accumulate_and_unfound_ones_stay_hidden(story_pack: Pack) -> None:
    app = Recorder(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "story"), "2")  # The Open Day
        assert "When is it?" in screen_text(app)
        await press(pilot, key(app, "Tuesday"), "enter")  # the bad ending
        assert isinstance(app.screen, StoryEndingScreen)
        text = screen_text(app)
        assert "Ending: A locked gate · ✘ bad" in text
        assert "1 of 2 endings found" in text
        assert "???" in text and "You went on the right day" not in text
        assert app.ended == ["missed"]

        await press(pilot, "r")  # play again
        screen = scene_screen(app)
        assert screen.story.path == [] and screen.story.scenario.id == "open-day"
        await press(pilot, key(app, "Saturday"), "enter")
        assert isinstance(app.screen, StoryEndingScreen)
        text = screen_text(app)
        assert "2 of 2 endings found" in text and "???" not in text
        assert "You went on the right day" in text and "A locked gate" in text
        assert app.story_endings_found("open-day") == {"missed", "went"}
        assert app.story_endings_found("harbour-report") == set()

        await press(pilot, "n")
        assert isinstance(app.screen, StoryPickerScreen)
        await press(pilot, "down")
        text = screen_text(app)
        assert "The Open Day  · 2 of 2 endings found" in text
        assert "You went on the right day" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)


async def test_enter_on_an_ending_goes_back_to_the_stories(story_pack: Pack) -> None:
    """Issue 12: an Enter too many after the last feedback restarted the story at once."""
    app = Recorder(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, menu_key(app, "story"), "2")  # The Open Day
        await press(pilot, key(app, "Tuesday"), "enter")  # its feedback, then the ending
        assert isinstance(app.screen, StoryEndingScreen)
        actions = app.screen.query_one("#story-ending-actions", SafeOptionList)
        assert actions.highlighted == 0
        assert "1 Back to the stories" in screen_text(app) and "2 Play this scenario again" in screen_text(
            app
        )
        await press(pilot, "enter")
        assert isinstance(app.screen, StoryPickerScreen)
        assert app.choices_made == [("notice", 1, 1)]  # no new run was started and played


async def test_a_choice_with_nothing_to_explain_goes_straight_on(story_pack: Pack) -> None:
    # Harbour: council (as the mayor's words), boats (as Brady's claim), write up, then the verdict
    # choice at the desk, which only leads to the ending: no feedback screen for it.
    run = StoryRun(story_pack, "harbour-report")
    for label in (
        "Ask the council for the figures",
        "As the mayor's words, in quotation marks",
        "Talk to the fishermen by the boats",
        "As Brady's claim, to the Kelmarsh Post",
        "Write it up now",
    ):
        choose_labelled(run, label)
    assert run.scene_id == "desk"
    verdict = key_for(run, "Every voice kept with its owner")
    app = Recorder(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.show_story(run)
        await pilot.pause()
        assert "The news desk" in screen_text(app)
        await press(pilot, verdict)
        assert isinstance(app.screen, StoryEndingScreen)
        text = screen_text(app)
        assert "Ending: A fair report · ✔ good" in text and f"Score {run.score}" in text
        assert app.ended == ["fair"]
        await press(pilot, "s")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.target_paragraph == 3
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, TitleScreen)


async def test_escape_twice_leaves_and_a_saved_run_resumes(story_pack: Pack) -> None:
    app = Recorder(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.start_scenario("harbour-report")
        await pilot.pause()
        await press(pilot, key(app, "Talk to the fishermen by the boats"), "enter")
        saved = scene_screen(app).story.to_json()
        await press(pilot, "escape")
        assert isinstance(app.screen, StorySceneScreen)
        assert app.left == []
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)
        assert app.left == ["boats"]

        app.show_story(StoryRun.from_json(story_pack, saved))
        await pilot.pause()
        screen = scene_screen(app)
        assert screen.story.scene_id == "boats"
        text = screen_text(app)
        assert "By the boats" in text and "Met Tom Brady: yes" in text
        assert "The barrier opened this week" not in text, "the intro shows only at the start"


async def test_palette_offers_restart_scenario_not_restart_round(story_pack: Pack) -> None:
    app = make_app(packs=[story_pack])
    async with app.run_test(size=SIZE) as pilot:
        assert "Story" in {c.title for c in app.get_system_commands(app.screen)}
        app.start_scenario("harbour-report")
        await pilot.pause()
        await press(pilot, key(app, "Ask the council for the figures"), "enter")
        assert scene_screen(app).story.path
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Restart scenario" in titles and "Restart round" not in titles
        app.action_restart_story()
        await pilot.pause()
        assert scene_screen(app).story.path == []
        await press(pilot, "a")  # the article, at the scene's quote
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.target_paragraph == 2


HOSTILE = "[bold]x[/] [/i] [@click=app.quit]quit[/] [$accent]"

STORY_YAML = f"""\
kind: scenario
id: hostile
title: '{HOSTILE} title'
role: '{HOSTILE} role'
intro: '{HOSTILE} intro'
variables:
  met: {{type: bool, start: false, label: '{HOSTILE} label'}}
start: one
scenes:
  - id: one
    title: '{HOSTILE} scene'
    text: '{HOSTILE} text'
    choices:
      - label: '{HOSTILE} open'
        target: two
        effects: {{set: {{met: true}}}}
        feedback: '{HOSTILE} feedback'
        context: '{HOSTILE} context'
        quotes: ["The river rose by three metres"]
      - label: '{HOSTILE} shut'
        if: met
        closed: '{HOSTILE} reason'
        target: two
  - id: two
    text: '{HOSTILE} two'
    choices:
      - label: end
        target: done
endings:
  - id: done
    title: '{HOSTILE} ending'
    kind: mixed
    debrief: '{HOSTILE} debrief'
    context: '{HOSTILE} context'
    quotes: ["the mayor said"]
"""


def write_story_pack(folder: Path, story: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        "id: hostile\ntitle: Hostile\ndescription: Markup in every field.\narticle: article.txt\n",
        encoding="utf-8",
    )
    (folder / "article.txt").write_text(
        "A Tiny Article\n\nThe river rose by three metres on Monday, the mayor said.\n", encoding="utf-8"
    )
    (folder / "story-hostile.yaml").write_text(story, encoding="utf-8")
    return folder


async def test_story_content_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    pack = load_pack(write_story_pack(tmp_path / "hostile", STORY_YAML))
    app = make_app(packs=[pack])
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, menu_key(app, "story"))
        assert isinstance(app.screen, StoryPickerScreen)
        text = screen_text(app)
        assert f"{HOSTILE} title" in text and f"{HOSTILE} role" in text
        await press(pilot, "1")
        text = screen_text(app)
        for part in ("intro", "text", "open", "shut", "reason", "label: no"):
            assert f"{HOSTILE} {part}" in text, part
        await press(pilot, key(app, f"{HOSTILE} shut"))  # closed: the notice quotes the reason
        assert any(f"{HOSTILE} reason" in n.message for n in app._notifications)
        await press(pilot, key(app, f"{HOSTILE} open"))
        text = screen_text(app)
        for part in ("feedback", "context", "open", "label: no → yes"):
            assert f"{HOSTILE} {part}" in text, part
        await press(pilot, "enter", "1")
        assert isinstance(app.screen, StoryEndingScreen)
        text = screen_text(app)
        for part in ("ending", "debrief", "context"):
            assert f"{HOSTILE} {part}" in text, part
        assert app.is_running
