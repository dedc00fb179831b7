"""Pilot tests of the TUI at 80×24: a round by keys, feedback, the reader, retakes, help, quitting,
literal content, crashes and the small-terminal hazards."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import keys_for, press, right_response, screen_text, write_small_pack, wrong_response
from textual.app import App, ComposeResult
from textual.widgets import Markdown, Static

from game.engine.content.pack import Pack
from game.engine.content.typography import quoted
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun, Response
from game.ui import menu
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens import quiz_screen
from game.ui.screens.feedback_screen import FeedbackScreen
from game.ui.screens.help_screen import HelpScreen
from game.ui.screens.quiz_screen import QuizScreen
from game.ui.screens.reader_screen import ReaderScreen
from game.ui.screens.summary_screen import SummaryScreen
from game.ui.screens.title_screen import TitleScreen
from game.ui.themes import DEFAULT_THEME, HIGH_CONTRAST_THEME
from game.ui.widgets.safe_option_list import SafeOptionList

SIZE = (80, 24)
SEED = 5


async def play_round(pilot, app: QuoteboundApp, answers: list[bool]) -> list[Response]:
    """Answer every question of the round on show by keys: right where ``answers`` says True."""
    given: list[Response] = []
    for right in answers:
        screen = app.screen
        assert isinstance(screen, QuizScreen), type(screen)
        shown = screen.shown
        assert shown is not None
        response = right_response(shown, app.pack) if right else wrong_response(shown, app.pack)
        await press(pilot, *keys_for(shown, response))
        assert isinstance(app.screen, FeedbackScreen)
        given.append(response)
        await press(pilot, "enter")
    return given


def expected_score(pack: Pack, seed: int, responses: list[Response], **kwargs) -> QuizRun:
    run = QuizRun(pack, seed=seed, **kwargs)
    for response in responses:
        run.answer(response)
    return run


async def test_a_whole_round_by_keys_reaches_the_summary_with_the_engines_score(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack], seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")  # Quiz
        answers = [True, True, True, False, True, False, True]
        given = await play_round(pilot, app, answers)
        summary_screen = app.screen
        assert isinstance(summary_screen, SummaryScreen)
        engine = expected_score(ui_pack, SEED, given)
        summary = summary_screen.summary
        assert (summary.score, summary.max_score, summary.right) == (engine.score, engine.max_score, 5)
        assert engine.score > 0
        text = screen_text(app)
        assert f"Score {engine.score} / {engine.max_score}" in text
        assert f"5 of 7 right ({round(500 / 7)}%)" in text


async def test_multi_and_order_answers_can_be_edited_before_submitting(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["dates", "timeline"]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in range(2):
            shown = screen.shown
            assert shown is not None
            right = right_response(shown, ui_pack)
            assert isinstance(right, list)
            if shown.kind == "multi":
                # Tick a wrong one, untick it with space, then tick the right ones.
                wrong = next(i for i in range(len(shown.choices)) if i not in right)
                await press(pilot, str(wrong + 1), "space")
                await press(pilot, *(str(i + 1) for i in right))
            else:
                # Place two in the wrong order, undo both, then place all in the right order.
                await press(pilot, str(right[1] + 1), str(right[0] + 1), "backspace", "backspace")
                await press(pilot, "enter")  # Enter with items left places the highlighted one...
                await press(pilot, "backspace")  # ...which we take back.
                await press(pilot, *(str(i + 1) for i in right))
            await press(pilot, "enter")
            feedback = app.screen
            assert isinstance(feedback, FeedbackScreen)
            assert feedback.outcome.correct, feedback.outcome
            await press(pilot, "enter")


async def test_arrows_and_enter_answer_and_a_click_ticks_without_submitting(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["dates"]))
        await pilot.pause()
        assert await pilot.click("#quiz-tick", offset=(8, 2))  # the second choice
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen), "a click ticks a multi-select choice, it does not submit"
        assert "2 [x] " in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, FeedbackScreen)
        run = QuizRun(ui_pack, seed=1, question_ids=["gates"])
        app.show_round(run)
        await pilot.pause()
        shown = run.current
        assert shown is not None
        await press(pilot, "down", "down", "up", "enter")
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert feedback.outcome.given == shown.choices[1]


async def test_feedback_shows_the_quote_verbatim_with_its_paragraph(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        run = QuizRun(ui_pack, seed=1, question_ids=["cost"])
        app.show_round(run)
        await pilot.pause()
        shown = run.current
        assert shown is not None
        await press(pilot, *keys_for(shown, wrong_response(shown, ui_pack)))
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        quote = feedback.outcome.quotes[0]
        assert quote.text == "The barrier cost £42 million and is 600 metres long"
        text = screen_text(app)
        assert f"¶{quote.paragraph} {quoted(quote.text)}" in text
        assert "Wrong" in text and "Right answer: £42 million" in text
        assert "Why: The council gives both figures" in text


async def test_feedback_shows_option_feedback_and_labelled_context(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        run = QuizRun(ui_pack, seed=1, question_ids=["cost"])
        app.show_round(run)
        await pilot.pause()
        shown = run.current
        assert shown is not None
        await press(pilot, str(shown.choices.index("£600 million") + 1))
        assert "About your choice: 600 is the barrier's length" in screen_text(app)
        await press(pilot, "enter")
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["insurance"]))
        await pilot.pause()
        await press(pilot, "2")  # claim: right
        text = screen_text(app)
        assert "Right" in text and "+10 points" in text
        assert "Context (not from the article): Insurers set their own prices" in text


async def test_s_opens_the_reader_scrolled_to_the_quote_highlighted(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["insurance"]))
        await pilot.pause()
        await press(pilot, "1")
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        quote = feedback.outcome.quotes[0]
        await press(pilot, "s")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.target_paragraph == quote.paragraph == 7
        body = reader.query_one("#reader-body")
        target = reader.query_one(f"#para-{quote.paragraph}")
        assert target.has_class("-target")
        assert body.scroll_y > 0, "the reader should have scrolled down to paragraph 7"
        assert body.region.contains_region(target.region), "the quoted paragraph should be on screen"
        assert reader.query(".-target").nodes == [target]
        # The highlighted span is exactly the quote.
        text_widget = target.query_one(".paragraph-text", Static)
        content = text_widget.content
        styled = {content.plain[s.start : s.end] for s in content.spans if "reverse" in str(s.style)}
        assert styled == {quote.text}
        await press(pilot, "escape")
        assert app.screen is feedback


async def test_reader_from_the_menu_starts_at_the_top_with_the_footer_marked(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "6")  # 6: Read the article
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.query_one("#reader-body").scroll_y == 0
        assert not reader.query(".-target")
        footer = reader.query(".-boilerplate")
        assert [p.id for p in footer] == ["para-9", "para-10", "para-11"]
        assert "not article text" in str(reader.query_one("#reader-footer-label", Static).content)
        await press(pilot, "escape")
        assert isinstance(app.screen, TitleScreen)


async def test_retake_missed_plays_only_the_missed_questions(ui_pack: Pack) -> None:
    # The round itself is answered by the engine (the whole-round test plays one by keys).
    run = QuizRun(ui_pack, seed=SEED)
    for right in [False, True, False, True, True, False, True]:
        shown = run.current
        assert shown is not None
        run.answer(right_response(shown, ui_pack) if right else wrong_response(shown, ui_pack))
    app = make_app(packs=[ui_pack], seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(run)  # a finished round goes straight to its summary
        await pilot.pause()
        summary_screen = app.screen
        assert isinstance(summary_screen, SummaryScreen)
        missed = summary_screen.summary.missed
        assert len(missed) == 3
        await press(pilot, "r")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert sorted(quiz.run.order) == sorted(missed)
        assert quiz.run.seed == run.seed
        await play_round(pilot, app, [True, True, True])
        retake = app.screen
        assert isinstance(retake, SummaryScreen)
        assert retake.summary.total == 3 and retake.summary.missed == []
        assert "No misses" in screen_text(app)
        assert [type(s) for s in app.screen_stack] == [TitleScreen, SummaryScreen]


async def test_new_round_after_a_seeded_round_uses_the_next_seed(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack], seed=SEED, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")
        assert isinstance(app.screen, QuizScreen) and app.screen.run.seed == SEED
        assert len(app.screen.run.order) == 2
        await play_round(pilot, app, [True, False])
        await press(pilot, "n")
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.run.seed == SEED + 1
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, TitleScreen)


async def test_restart_round_replays_the_same_deal(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack], seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")
        first = app.screen
        assert isinstance(first, QuizScreen)
        await play_round(pilot, app, [True])
        app.action_restart_round()
        await pilot.pause()
        again = app.screen
        assert isinstance(again, QuizScreen) and again is not first
        assert again.run.order == first.run.order and again.run.perms == first.run.perms
        assert again.run.records == [] and again.run.score == 0


async def test_f1_opens_help_and_escape_closes_it(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")
        quiz = app.screen
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.query_one(Markdown)
        assert markdown._open_links is False
        assert "How to play" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen is quiz
        await press(pilot, "f1", "f1")
        assert app.screen is quiz


@pytest.mark.parametrize("where", ["title", "short answer", "feedback"])
async def test_ctrl_q_quits_from_anywhere(ui_pack: Pack, where: str) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        if where != "title":
            app.show_round(QuizRun(ui_pack, seed=1, question_ids=["length"]))
            await pilot.pause()
            assert app.screen.focused is not None and app.screen.focused.id == "quiz-input"
        if where == "feedback":
            await press(pilot, "6", "0", "0", "enter")
            assert isinstance(app.screen, FeedbackScreen)
        await press(pilot, "ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


MARKUP_QUIZ = """\
kind: quiz
questions:
  - id: markup
    type: single
    topic: facts
    prompt: "[bold]x[/]"
    options:
      - "[/]"
      - "[@click=app.quit]"
      - "[b]y[/i] and [link=https://example.com]z[/link]"
    answer: "[/]"
    explanation: "[$accent]Dollar [/bold] and [[b]]"
    context: "[red]not[/red]"
    quotes: ["The river rose by three metres"]
"""


async def test_markup_in_content_is_shown_literally_and_never_runs(tmp_path: Path) -> None:
    pack = load_pack(
        write_small_pack(tmp_path / "markup", MARKUP_QUIZ, title='"[i]Title[/b] [@click=app.quit]"')
    )
    app = make_app(packs=[pack])
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        assert "[i]Title[/b] [@click=app.quit]" in text
        await press(pilot, "1")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        text = screen_text(app)
        assert "[bold]x[/]" in text
        assert "[/]" in text and "[@click=app.quit]" in text
        assert "[b]y[/i] and [link=https://example.com]z[/link]" in text
        shown = quiz.shown
        assert shown is not None
        index = shown.choices.index("[@click=app.quit]")
        # Click right on the words "[@click=app.quit]": row index+1 inside the list's border.
        assert await pilot.click("#quiz-pick", offset=(6, 1 + index))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        text = screen_text(app)
        assert "Your answer: [@click=app.quit]" in text
        assert "Why: [$accent]Dollar [/bold] and [[b]]" in text
        assert "Context (not from the article): [red]not[/red]" in text
        # Click on the prompt and the answer too: nothing is a link or an action.
        await pilot.click("#feedback-given", offset=(16, 0))
        await pilot.pause()
        assert app.is_running and app.screen is feedback


async def test_a_crash_gives_a_non_zero_return_code(ui_pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: QuizRun, response: Response, elapsed: float = 0.0) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(QuizRun, "answer", boom)
    app = make_app(packs=[ui_pack])
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=SIZE) as pilot:
            app.show_round(QuizRun(ui_pack, seed=1, question_ids=["cost"]))
            await pilot.pause()
            await press(pilot, "1")
            await pilot.pause()
    assert app.return_code == 1


def test_play_exits_non_zero_when_the_app_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.cli import build_parser

    def boom(self: TitleScreen) -> None:
        raise RuntimeError("boom at mount")

    monkeypatch.setattr(TitleScreen, "refresh_pack", boom)
    real_run = App.run
    monkeypatch.setattr(QuoteboundApp, "run", lambda self, **kw: real_run(self, headless=True, size=SIZE))
    scenes = str(Path(__file__).resolve().parent.parent / "snapshots")
    args = build_parser().parse_args(["play", "--scenes", scenes, "--seed", "1"])
    assert args.func(args) == 1


class FakeClock:
    """Stands in for ``time.monotonic`` in the quiz screen, so time moves only when a test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(quiz_screen, "monotonic", fake)
    return fake


async def wait_for_screen(pilot, kind: type, tries: int = 40) -> None:
    for _ in range(tries):
        if isinstance(pilot.app.screen, kind):
            await pilot.pause()
            return
        await pilot.pause(0.05)


async def test_a_time_limit_answers_for_the_player_when_it_runs_out(ui_pack: Pack, clock: FakeClock) -> None:
    app = make_app(packs=[ui_pack], time_limit=10)
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["cost"]))
        await pilot.pause()
        assert "⏱ 10s" in screen_text(app)
        clock.now += 4.2
        await pilot.pause(0.3)  # a tick of the screen's 0.2 s timer
        assert "⏱ 6s" in screen_text(app)
        clock.now += 6
        await wait_for_screen(pilot, FeedbackScreen)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert feedback.outcome.timed_out and feedback.outcome.points == 0
        assert "Time's up" in screen_text(app)


async def test_the_clock_stops_while_help_is_open(ui_pack: Pack, clock: FakeClock) -> None:
    app = make_app(packs=[ui_pack], time_limit=10)
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["cost"]))
        await pilot.pause()
        await press(pilot, "f1")
        clock.now += 60
        await pilot.pause(0.3)
        await press(pilot, "escape")
        await pilot.pause(0.3)
        assert isinstance(app.screen, QuizScreen)
        assert "⏱ 10s" in screen_text(app)
        # The article is not offered mid-question on a timed round.
        app.action_open_reader()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)


async def test_page_keys_are_safe_when_the_choices_have_no_visible_rows(ui_pack: Pack) -> None:
    class Squeezed(App[None]):
        CSS = "SafeOptionList { height: 2; border: round white; }"

        def compose(self) -> ComposeResult:
            yield SafeOptionList(*[f"option {i}" for i in range(8)])

    app = Squeezed()
    async with app.run_test(size=(40, 10)) as pilot:
        option_list = app.query_one(SafeOptionList)
        option_list.focus()
        assert option_list.scrollable_content_region.height == 0
        await press(pilot, "pagedown", "pageup", "pagedown")
        assert app.is_running

    game = make_app(packs=[ui_pack])
    async with game.run_test(size=(40, 9)) as pilot:
        game.show_round(QuizRun(ui_pack, seed=1, question_ids=["gates"]))
        await pilot.pause()
        await press(pilot, "pagedown", "pageup", "end", "pagedown", "home", "pageup")
        assert game.is_running and isinstance(game.screen, QuizScreen)


async def test_the_hazard_is_real_a_plain_option_list_dies_on_page_keys() -> None:
    """HAZARDS.md: Textual 8.2.8's OptionList raises KeyError on PageDown at 0 visible rows.

    If this starts failing after a Textual upgrade, the guard in SafeOptionList may be dropped.
    """
    from textual.widgets import OptionList

    class Squeezed(App[None]):
        CSS = "OptionList { height: 2; border: round white; }"

        def compose(self) -> ComposeResult:
            yield OptionList(*[f"option {i}" for i in range(8)])

    app = Squeezed()
    with pytest.raises(KeyError):
        async with app.run_test(size=(40, 10)) as pilot:
            app.query_one(OptionList).focus()
            await press(pilot, "pagedown")
    assert app.return_code == 1


async def test_several_packs_can_be_chosen_from_the_title(ui_pack: Pack, tiny_pack_dir: Path) -> None:
    tiny = load_pack(tiny_pack_dir)
    app = make_app(packs=[ui_pack, tiny])
    async with app.run_test(size=SIZE) as pilot:
        assert "Kelmarsh" in screen_text(app)
        assert "7 Choose another pack" in screen_text(app)
        await press(pilot, "7")
        await press(pilot, "2")
        assert isinstance(app.screen, TitleScreen)
        assert app.pack is tiny and "Tiny pack" in screen_text(app)
        assert "Quiz: 1 question" in screen_text(app)


async def test_the_title_menu_is_a_list_others_can_extend(
    ui_pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = menu.MenuEntry(
        "stats", lambda app: f"Stats ({len(app.packs)} pack)", "app.bell", hint="Your numbers"
    )
    monkeypatch.setattr(menu, "TITLE_MENU", [*menu.TITLE_MENU[:-1], extra, menu.TITLE_MENU[-1]])
    monkeypatch.setattr("game.ui.screens.title_screen.TITLE_MENU", menu.TITLE_MENU)
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        shown = [entry.id for entry in app.screen.entries]  # type: ignore[attr-defined]
        # An entry without a key of its own gets the first digit no other entry claims.
        assert "9 Stats (1 pack)" in text and "q Quit" in text
        await press(pilot, *["down"] * shown.index("stats"))
        assert "Your numbers" in screen_text(app)


async def test_palette_commands_and_high_contrast(ui_pack: Pack) -> None:
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Read the article", "Toggle high contrast", "New round", "Help"} <= titles
        assert app.theme == DEFAULT_THEME
        app.action_toggle_high_contrast()
        assert app.theme == HIGH_CONTRAST_THEME
        app.action_toggle_high_contrast()
        assert app.theme == DEFAULT_THEME
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["cost"]))
        await pilot.pause()
        await press(pilot, "1")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Show sources", "Restart round"} <= titles
        # A built-in theme lacks the game's own CSS variables; switching to it must not crash.
        app.theme = "textual-light"
        await press(pilot, "s")
        assert isinstance(app.screen, ReaderScreen)


async def test_no_color_is_respected(ui_pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE):
        assert app.no_color
        assert app.theme == HIGH_CONTRAST_THEME


@pytest.mark.parametrize("no_color", [False, True])
async def test_start_theme_styles_as_a_chosen_theme(
    ui_pack: Pack, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    """The theme set at start (without Textual's theme watcher, to save a parse of every stylesheet) draws
    the title exactly as the same theme does when chosen through the watcher: its classes, colours and the
    high-contrast rules."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:

        def look() -> tuple[object, ...]:
            tagline = app.screen.query_one("#title-tagline")
            return (
                app.theme,
                sorted(c for c in app.classes if c.startswith("-")),
                app.screen.styles.background,
                tagline.styles.color,
                app.stylesheet._variables["accent"],
            )

        at_start = look()
        started = app.theme
        app.theme = "textual-light"
        await pilot.pause()
        assert look() != at_start
        app.theme = started
        await pilot.pause()
        assert look() == at_start


async def test_later_screens_css_is_parsed_when_the_first_of_them_is_built(ui_pack: Pack) -> None:
    """Only the start-up screens' rules (app.tcss) are parsed before the first frame; screens.tcss is
    added when the first later screen is built, and styles it from its first frame."""
    from game.ui.screens.base import SCREENS_CSS

    app = make_app(packs=[ui_pack])
    async with app.run_test(size=SIZE) as pilot:
        later = (str(SCREENS_CSS), "")
        assert not app.stylesheet.has_source(*later)
        await press(pilot, "f1")
        assert app.stylesheet.has_source(*later)
        assert tuple(app.screen.query_one("#help-body").styles.padding) == (0, 1, 0, 1)
        await press(pilot, "escape")
        app.show_round(QuizRun(ui_pack, seed=1, question_ids=["cost"]))
        await pilot.pause()
        assert tuple(app.screen.query_one("#quiz-hint").styles.padding) == (0, 3, 0, 3)
