"""The TUI shows every ``context`` after the one label, "Context (not from the article):".

tests/context-pack has a different context in each place one can go; plain mode and the exports are
held to the same label in tests/cli/test_context_label.py. A scenario's own context (what in the story is
made up) was not shown in the TUI at all before: it now follows the intro on the first scene.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import press, screen_text
from textual.widgets import Static

from game.engine.content.text import CONTEXT_LABEL
from game.engine.packs import load_pack
from game.engine.quiz.run import QuizRun
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.feedback_screen import FeedbackScreen
from game.ui.screens.story_ending_screen import StoryEndingScreen
from game.ui.screens.story_feedback_screen import StoryFeedbackScreen
from game.ui.screens.story_scene_screen import StorySceneScreen
from tests.story_helpers import key_for

PACK = load_pack(Path(__file__).resolve().parent.parent / "context-pack")
SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _as_a_guest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QuoteboundApp, "ASK_PLAYER", False, raising=False)


def shown(app: QuoteboundApp, widget_id: str) -> str:
    return app.screen.query_one(f"#{widget_id}", Static).content.plain


def visible(app: QuoteboundApp) -> str:
    return " ".join(screen_text(app).split())


async def test_quiz_feedback_labels_the_context() -> None:
    [question] = PACK.questions
    assert question.context
    app = make_app(packs=[PACK])
    async with app.run_test(size=SIZE) as pilot:
        app.show_round(QuizRun(PACK, seed=1))
        await pilot.pause()
        await press(pilot, "1")
        assert isinstance(app.screen, FeedbackScreen)
        assert shown(app, "feedback-context") == f"{CONTEXT_LABEL} {question.context}"
        assert f"{CONTEXT_LABEL} {question.context[:20]}" in visible(app)


@pytest.mark.parametrize(
    ("label", "choice_context", "ending_id"), [("Saturday", True, "went"), ("Tuesday", False, "missed")]
)
async def test_a_story_labels_its_own_its_scene_its_choice_and_its_ending_context(
    label: str, choice_context: bool, ending_id: str
) -> None:
    [scenario] = PACK.scenarios
    scene = scenario.scenes[scenario.start]
    assert scenario.context and scene.context
    app = make_app(packs=[PACK])
    async with app.run_test(size=SIZE) as pilot:
        app.start_scenario(scenario.id)
        await pilot.pause()
        intro = shown(app, "story-intro")
        assert intro == f"{scenario.intro}\n\n{CONTEXT_LABEL} {scenario.context}"
        assert shown(app, "story-context") == f"{CONTEXT_LABEL} {scene.context}"
        assert visible(app).count(CONTEXT_LABEL) == 2

        assert isinstance(app.screen, StorySceneScreen)
        await press(pilot, key_for(app.screen.story, label))
        [choice] = [c for c in scene.choices if c.label == label]
        if choice_context:
            assert isinstance(app.screen, StoryFeedbackScreen)
            assert shown(app, "story-feedback-context") == f"{CONTEXT_LABEL} {choice.context}"
            assert CONTEXT_LABEL in visible(app)
        else:
            assert choice.context is None
        if isinstance(app.screen, StoryFeedbackScreen):
            await press(pilot, "enter")
        assert isinstance(app.screen, StoryEndingScreen)
        ending = scenario.endings[ending_id]
        assert shown(app, "story-ending-context") == f"{CONTEXT_LABEL} {ending.context}"
        assert CONTEXT_LABEL in visible(app)
