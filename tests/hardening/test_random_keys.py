"""Seeded random keys and clicks over every screen of the game: nothing may crash it, and it still answers.

The keys are the ones a player (or a cat) can press: digits, letters, Enter, Escape, Space, Backspace, Tab,
arrows, PageUp/PageDown, Home/End, F1, ctrl+p (the command palette) and ctrl+q. Clicks land anywhere on
the screen. Every :data:`SEGMENT` keys the run jumps to another starting screen (title, quiz, story,
reader, help, stats, players, packs, resume, review, the palette), so each is reached, not only those a
random walk happens to find. Runs are at 80×24 and 40×12, on the bundled packs and on a pack whose every
text is hostile markup (``hardening_packs.py``).

How it stays fast (HAZARDS.md): ``pilot.press`` waits for idle twice per key, so keys are posted straight
to the app as ``events.Key`` messages (clicks as ``MouseDown``/``MouseUp``, from which the app makes the
``Click``), which is what the driver does for real input, and the run pauses once every :data:`BATCH`
keys. Keys posted together arrive as a fast typist's or a busy app's buffered keys do. A hang fails the
test through ``asyncio.wait_for``.

Quitting (ctrl+q, ``q`` on the title, the Quit menu entry, the palette's Quit) is part of the game, so it
is not excluded: the app's ``exit`` is intercepted, counted and answered by going back to the title at the
next pause. A crash never goes through ``exit`` (Textual sets the return code and closes), so this cannot
hide one. The palette's Screenshot command, which would write an SVG to the tester's downloads folder, is
replaced by a counter.

Known bugs (see :data:`KNOWN_CRASHES`, each with a strict-xfail reproducer naming its upstream issue):
when the run hits one, it records it, starts a fresh app on the same data folder, and carries on with the
rest of the keys; at the end the test is marked xfail naming what it hit, so a run that meets only known
bugs does not fail while they wait for a fix, and a run that meets none passes. Any other crash, or a
hang, fails at once with the seed, the key index, the screen and the last keys, so it can be replayed.

The short runs are in the default suite; 5,000 keys per size are behind ``-m slow``.
"""

from __future__ import annotations

import asyncio
import importlib
import random
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hardening_packs import write_markup_pack
from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from game.engine.content.pack import Pack
from game.engine.packs import load_pack
from game.paths import bundled_scenes
from game.ui.app import QuoteboundApp, make_app
from game.ui.screens.help_screen import HelpScreen
from game.ui.screens.title_screen import TitleScreen
from game.ui.widgets.safe_option_list import SafeOptionList

SIZES = [(80, 24), (40, 12)]

KEYS: list[tuple[str, str | None, int]] = [
    *((str(d), str(d), 3) for d in range(10)),
    *((c, c, 1) for c in "abcdefghijklmnopqrstuvwxyz"),
    ("enter", None, 8),
    ("escape", "\x1b", 5),
    ("space", " ", 3),
    ("backspace", "\x08", 2),
    ("tab", "\t", 2),
    ("shift+tab", None, 1),
    ("up", None, 4),
    ("down", None, 5),
    ("left", None, 1),
    ("right", None, 1),
    ("pageup", None, 2),
    ("pagedown", None, 2),
    ("home", None, 1),
    ("end", None, 1),
    ("f1", None, 1),
    ("ctrl+p", None, 1),
    ("ctrl+q", None, 1),
]
"""(key, character, weight): the character is what Textual's driver (and Pilot) send with the key."""

BATCH = 6
"""Keys posted between two pauses."""
CLICK_EVERY = 20
"""About one click for this many keys."""
SEGMENT = 40
"""Keys between two jumps to a starting screen (long runs; the short ones jump every :data:`BATCH`)."""


def _frames(exc: BaseException) -> list[str]:
    return [frame.name for frame in traceback.extract_tb(exc.__traceback__)]


class KnownCrash(NamedTuple):
    """A crash the runs may meet while it waits for a fix upstream."""

    matches: Callable[[BaseException], bool]
    """Whether the exception the app died of is this crash."""
    reproducer: str
    """``file.py::test_name`` in this folder: a strict xfail whose reason names the upstream issue."""


KNOWN_CRASHES: dict[str, KnownCrash] = {
    # Empty: every crash the runs have met is fixed, and a return fails the run. Fixed, each with the
    # reproducer that fails if it returns: a second selection before the first one's navigation is done,
    # an OptionList with no columns, PageUp/PageDown in the palette before it has results, notifications
    # parsing markup (test_hazards_audit.py); "palette-twice", a second command palette pushed while one
    # was already in the screen stack, and "palette-worker", Textual's palette search running after the
    # palette was dismissed (WorkerFailed: NoMatches CommandList) (test_palette_races.py).
    # A crash inside Textual may be listed here only with a strict-xfail reproducer naming the upstream
    # issue; test_every_known_crash_has_a_strict_xfail_reproducer checks that.
}
"""Crashes already reported, by name."""


def known_crash(exc: BaseException) -> str | None:
    """The name of the known bug ``exc`` is, or None."""
    return next((name for name, crash in KNOWN_CRASHES.items() if crash.matches(exc)), None)


def _bundled(_: Path) -> list[Pack]:
    return [load_pack(bundled_scenes() / name) for name in ("panjshir", "riverside")]


def _markup(folder: Path) -> list[Pack]:
    # Two packs, so the pack chooser lists a markup title too.
    return [load_pack(write_markup_pack(folder / "markup")), load_pack(bundled_scenes() / "riverside")]


PACK_SETS: dict[str, Callable[[Path], list[Pack]]] = {"bundled": _bundled, "markup": _markup}


class Harness:
    """Wraps a running app: counts quits and screenshots, records the screens shown."""

    def __init__(self, app: QuoteboundApp, screens: set[str]) -> None:
        self.app = app
        self.quits = 0
        self.screenshots = 0
        self.screens = screens
        self.stop_for_real = False
        self.go_to_title = False
        real_exit = app.exit
        real_push = app.push_screen
        real_switch = app.switch_screen

        def exit_(result: Any = None, return_code: int = 0, message: Any = None) -> None:
            if self.stop_for_real or return_code != 0:
                real_exit(result, return_code, message)
                return
            # Counted, and answered by going back to the title at the next pause: going back at once
            # could pop screens still mounting, a race no real quit can cause (a real quit ends the app).
            self.quits += 1
            self.go_to_title = True

        def push(screen: Any, *args: Any, **kwargs: Any) -> Any:
            self.screens.add(screen if isinstance(screen, str) else type(screen).__name__)
            return real_push(screen, *args, **kwargs)

        def switch(screen: Any, *args: Any, **kwargs: Any) -> Any:
            self.screens.add(screen if isinstance(screen, str) else type(screen).__name__)
            return real_switch(screen, *args, **kwargs)

        def screenshot(*args: Any, **kwargs: Any) -> None:
            self.screenshots += 1

        # Instance attributes win over the class's methods, for Textual's own calls too.
        app.exit = exit_  # type: ignore[method-assign]
        app.push_screen = push  # type: ignore[method-assign]
        app.switch_screen = switch  # type: ignore[method-assign]
        app.deliver_screenshot = screenshot  # type: ignore[method-assign]


def starting_points(app: QuoteboundApp) -> list[tuple[str, Callable[[], object]]]:
    """Ways to put a screen on top, cycled through during a run so every screen is reached."""

    def story() -> None:
        if app.pack.scenarios:
            app.start_scenario(app.pack.scenarios[0].id)

    return [
        ("title", app.back_to_title),
        ("quiz", app.action_start_quiz),
        ("story-picker", app.action_start_story),
        ("story", story),
        ("reader", lambda: app.open_reader(None)),
        ("help", app.action_help),
        ("stats", app.action_show_stats),
        ("player", app.action_switch_player),
        ("packs", app.action_choose_pack),
        ("resume", app.action_resume),
        ("review", app.action_start_review),
        ("palette", app.action_command_palette),
    ]


def click(app: App[None], x: int, y: int) -> None:
    """Post a mouse press and release at (x, y), as the driver does; the app makes the Click from them."""
    for kind in (events.MouseDown, events.MouseUp):
        app.post_message(kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))


async def close_palette(app: App[None], pilot: Pilot[None]) -> None:
    """Close the command palette the way a player does (Escape) before the run jumps elsewhere.

    Popping it from under its running search worker (``back_to_title``) would kill the worker; the game
    never does that, since the palette closes itself before it runs a command.
    """
    for _ in range(3):
        if not isinstance(app.screen, CommandPalette):
            return
        app.post_message(events.Key("escape", "\x1b"))
        await pilot.pause()


def check_option_lists(app: App[None], where: str) -> None:
    """Every option list the game composes is the page-key-safe one (HAZARDS.md: KeyError: 0)."""
    screen = app.screen
    if isinstance(screen, CommandPalette) or not type(screen).__module__.startswith("game."):
        return  # Textual's own screens (the command palette, ours a subclass) have their own lists
    for widget in screen.query(OptionList):
        assert isinstance(widget, SafeOptionList), f"{widget!r} is a bare OptionList {where}"


class Run:
    """One seeded run of ``keys`` keys, over as many app sessions as known crashes make it take."""

    def __init__(
        self, packs: list[Pack], data_dir: Path, size: tuple[int, int], seed: int, *, segment: int = SEGMENT
    ) -> None:
        self.packs = packs
        self.segment = segment
        self.data_dir = data_dir
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)
        self.recent: deque[str] = deque(maxlen=30)
        self.index = 0
        self.screens: set[str] = set()
        self.known: list[str] = []
        """Known crashes met, each with where it happened."""
        self.sessions = 0
        self.quits = 0

    def where(self, app: App[None]) -> str:
        try:
            screen = type(app.screen).__name__
        except Exception:  # the app is gone
            screen = "-"
        return (
            f"(seed {self.seed}, size {self.size}, key {self.index}, screen {screen}, "
            f"last keys {list(self.recent)})"
        )

    def make(self) -> QuoteboundApp:
        # A named player and a data folder: resume, review, stats and the player screen are all offered.
        # Rounds of 2 questions (``--questions 2``), so random keys finish rounds within one segment and
        # reach the summary. (With 4, a round was mostly finished by resuming it in a later segment; since
        # letters typed on the player screen make a new player, the player changes too often for that.)
        return make_app(packs=self.packs, seed=11, count=2, player="Tester", data_dir=self.data_dir)

    async def play(self, keys: int, *, timeout: float) -> None:
        """Post ``keys`` keys in all; fails on a hang or an unknown crash, records known ones."""
        while self.index < keys:
            self.sessions += 1
            app = self.make()
            crashed_at = ""
            try:
                async with app.run_test(size=self.size, notifications=True, tooltips=True) as pilot:
                    # Notifications and tooltips render for real: run_test turns them off by default,
                    # and a toast is where markup in a message would crash the app.
                    harness = Harness(app, self.screens)
                    try:
                        finished = await asyncio.wait_for(self._drive(app, pilot, harness, keys), timeout)
                    except TimeoutError:
                        raise AssertionError(f"the app stopped answering {self.where(app)}") from None
                    self.quits += harness.quits
                    if not finished:
                        crashed_at = self.where(app)
                        continue  # leaving run_test raises the app's exception
                    await self._still_answers(app, pilot, harness)
            except AssertionError:
                raise
            except Exception as exc:
                name = known_crash(exc)
                if name is None:
                    raise AssertionError(f"the app crashed {crashed_at or self.where(app)}: {exc!r}") from exc
                self.known.append(f"{name} {crashed_at}")
                self.index += 1  # do not replay the key that crashed it
            else:
                # Not finished and no exception: the app ended by some way other than exit() or a crash.
                assert not crashed_at, f"the app stopped without a crash or a quit {crashed_at}"

    async def _drive(self, app: QuoteboundApp, pilot: Pilot[None], harness: Harness, keys: int) -> bool:
        """Post keys until ``keys`` or a crash; True when all were posted and the app is alive."""
        names = [k for k, _, _ in KEYS]
        chars = {k: c for k, c, _ in KEYS}
        weights = [w for _, _, w in KEYS]
        points = starting_points(app)
        width, height = self.size
        rng = self.rng
        while self.index < keys:
            i = self.index
            if i % self.segment == 0:
                name, go = points[(i // self.segment) % len(points)]
                self.recent.append(f"<{name}>")
                # Jump only once the keys before have been handled: a jump straight after unhandled keys
                # could pop a screen still mounting, a race the player cannot cause this way.
                await pilot.pause()
                await close_palette(app, pilot)
                if app._exception is not None:
                    return False
                go()
                await pilot.pause()
            if rng.randrange(CLICK_EVERY) == 0:
                x, y = rng.randrange(width), rng.randrange(height)
                self.recent.append(f"click({x},{y})")
                click(app, x, y)
            key = rng.choices(names, weights)[0]
            self.recent.append(key)
            app.post_message(events.Key(key, chars[key]))
            if i % BATCH == BATCH - 1:
                await pilot.pause()
                if app._exception is not None or not app.is_running:
                    return False
                check_option_lists(app, self.where(app))
                if harness.go_to_title:
                    harness.go_to_title = False
                    self.recent.append("<title after quit>")
                    await close_palette(app, pilot)
                    app.back_to_title()
                    await pilot.pause()
            self.index += 1
        await pilot.pause()
        return app._exception is None and app.is_running

    async def _still_answers(self, app: QuoteboundApp, pilot: Pilot[None], harness: Harness) -> None:
        """After the keys: back to the title, F1 opens help, Escape closes it, ctrl+q really quits."""
        where = self.where(app)
        assert app.return_code in (None, 0), f"return code {app.return_code} {where}"
        await close_palette(app, pilot)
        app.back_to_title()
        await asyncio.wait_for(pilot.pause(), timeout=10)
        await asyncio.wait_for(pilot.press("f1"), timeout=10)
        assert isinstance(app.screen, HelpScreen), where
        await asyncio.wait_for(pilot.press("escape"), timeout=10)
        assert isinstance(app.screen, TitleScreen), where
        assert app.screen.query_one("#title-menu", SafeOptionList).option_count >= 2, where
        harness.stop_for_real = True
        await asyncio.wait_for(pilot.press("ctrl+q"), timeout=10)
        assert app.return_code == 0, where


def finish(runs: list[Run], expected_screens: set[str]) -> None:
    """Check the screens reached; xfail (naming them) when only known bugs were met."""
    seen = set().union(*(run.screens for run in runs))
    assert expected_screens <= seen, f"never reached: {sorted(expected_screens - seen)}"
    known = [hit for run in runs for hit in run.known]
    if known:
        pytest.xfail(f"{len(known)} known crash(es), reported and awaiting a fix: " + "; ".join(known))


@pytest.mark.parametrize(
    ("pack_set", "size"), [("bundled", (80, 24)), ("markup", (40, 12))], ids=["bundled-80x24", "markup-40x12"]
)
async def test_short_random_run(
    pack_set: str, size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of keys from each starting screen; the slow runs cover the other two combinations too."""
    monkeypatch.chdir(tmp_path)  # anything a stray command writes lands here
    seed = 1000 + SIZES.index(size) * 10 + sorted(PACK_SETS).index(pack_set)
    run = Run(PACK_SETS[pack_set](tmp_path), tmp_path / "data", size, seed, segment=BATCH)
    await run.play(SHORT_KEYS, timeout=60)
    # A batch of keys from each starting screen in turn: every one of them is reached.
    finish([run], {"QuizScreen", "StorySceneScreen", "ReaderScreen", "HelpScreen", "StatsScreen"})


SHORT_KEYS = 12 * BATCH
"""Keys per short run (2 runs in the default suite): one batch from each starting screen."""
LONG_KEYS = 2500
"""Keys per pack set in a long run: 5,000 per size."""


@pytest.mark.slow
@pytest.mark.parametrize("pack_set", sorted(PACK_SETS))
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_long_random_run(
    size: tuple[int, int], pack_set: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5,000 keys per size: 2,500 on the bundled packs and 2,500 on the markup pack (one test each, so
    ``-n 2`` runs two at once)."""
    monkeypatch.chdir(tmp_path)
    seed = 2024 + 100 * sorted(PACK_SETS).index(pack_set) + SIZES.index(size)
    run = Run(PACK_SETS[pack_set](tmp_path), tmp_path / "data", size, seed)
    await run.play(LONG_KEYS, timeout=400)
    # The bundled stories are long: random keys reach their endings rarely; the markup pack's short
    # story is where the ending screen is hammered.
    ending = {"StoryEndingScreen"} if pack_set == "markup" else set()
    finish(
        [run],
        ending
        | {
            "QuizScreen",
            "FeedbackScreen",
            "SummaryScreen",
            "ReaderScreen",
            "HelpScreen",
            "PackScreen",
            "StoryPickerScreen",
            "StorySceneScreen",
            "StoryFeedbackScreen",
            "PlayerScreen",
            "StatsScreen",
            "GameCommandPalette",
        },
    )


def test_every_known_crash_has_a_strict_xfail_reproducer() -> None:
    """A listed crash lets a run pass as xfail, so it needs a reproducer that fails as soon as the crash
    is fixed upstream (a strict xfail) and names the upstream issue. A crash in our own code is fixed,
    with a test, rather than listed."""
    for name, crash in KNOWN_CRASHES.items():
        file, _, test = crash.reproducer.partition("::")
        module = importlib.import_module(Path(file).stem)  # pytest puts this folder on sys.path
        marks = [mark for mark in getattr(getattr(module, test), "pytestmark", []) if mark.name == "xfail"]
        assert marks and marks[0].kwargs.get("strict") is True, f"{name}: not a strict xfail"
        assert "https://github.com/" in marks[0].kwargs.get("reason", ""), f"{name}: no upstream issue named"
