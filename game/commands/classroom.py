"""The web server behind ``quotebound serve``: textual-serve's, with limits a classroom needs.

textual-serve as shipped lets anyone on the network open games until memory runs out, lets a browser ask
for any screen size (a 4000×4000 game took 82 MB), and waits forever in ``AppService.stop()`` for a game
that ignores its quit message. :class:`ClassServer` adds:

- a cap on games at once (``--max-players``): one more browser gets a "class is full" page, and a
  websocket beyond the cap is refused before any game process starts;
- a cap on the screen a browser may ask for, :data:`MAX_WIDTH` × :data:`MAX_HEIGHT`, in the websocket's
  query and in every later resize;
- an end to every game whose browser has gone: it gets :data:`STOP_GRACE` seconds to quit, then is killed;
- a ``<title>`` on the page (the pack's title);
- games forked by a warm worker (:mod:`game.commands.warm`) instead of a cold Python start per browser,
  when one is given; a game the worker cannot provide starts cold, as textual-serve would start it.

This subclasses textual-serve and relies on its internals (``Server._make_app`` and
``_process_messages``, ``AppService._task`` and ``_process``, the ``app_index.html`` template); that is
why pyproject.toml pins ``textual-serve>=1.1,<1.2``. Check this module when raising that bound.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.commands.warm import WarmWorker

log = logging.getLogger("textual-serve")

MAX_WIDTH = 250
MAX_HEIGHT = 80
"""The largest screen a browser may ask for, in cells (a full-HD browser window is about 240×60)."""
STOP_GRACE = 5.0
"""Seconds a game gets to quit once its browser has gone, before it is killed."""
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"
FULL_TEMPLATE = "class_full.html"


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """A requested screen size within 1..MAX_WIDTH × 1..MAX_HEIGHT, or None when it is not two numbers."""
    if isinstance(width, bool) or isinstance(height, bool):
        return None
    try:
        w, h = int(width), int(height)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
    return max(1, min(w, MAX_WIDTH)), max(1, min(h, MAX_HEIGHT))


def game_environment(debug: bool = False) -> dict[str, str]:
    """The environment textual-serve gives a game (the web driver, its frame rate and colours)."""
    return AppService._build_environment(_Debug(debug))  # type: ignore[arg-type]


class _Debug:
    def __init__(self, debug: bool) -> None:
        self.debug = debug


class LimitedAppService(AppService):
    """One browser's game: its screen size capped, forked by the warm worker if any, stopped for sure."""

    def __init__(
        self, *args: Any, grace: float = STOP_GRACE, worker: WarmWorker | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.grace = grace
        self.worker = worker

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.worker is not None and self.worker.running:
            try:
                process = await self.worker.open_game(width, height)
            except OSError as exc:
                log.warning("The warm worker gave no game (%s); starting this one cold", exc)
            else:
                self._process = process  # type: ignore[assignment]
                self._stdin = process.stdin
                return process
        return await super()._open_app_process(width, height)

    async def start(self, width: int, height: int) -> None:
        size = clamp_size(width, height) or (80, 24)
        await super().start(*size)

    async def set_terminal_size(self, width: int, height: int) -> None:
        size = clamp_size(width, height)
        if size is not None:  # a resize that is not two numbers is ignored
            await super().set_terminal_size(*size)

    async def stop(self) -> None:
        """Ask the game to quit; kill it if it has not within :attr:`grace` seconds."""
        if self._task is None:
            return
        stopping = asyncio.ensure_future(super().stop())
        done, _ = await asyncio.wait({stopping}, timeout=self.grace)
        process = self._process
        if done:
            await self._reap()
            return
        if process is not None and process.returncode is None:
            log.warning("A game did not quit within %g s of its browser leaving; killing it", self.grace)
            try:
                process.kill()
            except ProcessLookupError:
                pass
        # Once the game is dead its output ends, so run() and stop() end: bounded all the same.
        done, _ = await asyncio.wait({stopping}, timeout=self.grace)
        if not done:
            stopping.cancel()
        self._task = None
        await self._reap()

    async def _reap(self) -> None:
        # textual-serve never closes the game's stdin nor waits for it: without this its pipes and
        # process entry outlive the game.
        process = self._process
        if process is None:
            return
        if self._stdin is not None and not self._stdin.is_closing():
            self._stdin.close()
        try:
            await asyncio.wait_for(process.wait(), self.grace)
        except TimeoutError:
            log.warning("A game did not end after its stdin closed; killing it")
            try:
                process.kill()
            except ProcessLookupError:
                pass


class ClassServer(Server):
    """textual-serve's server with a player cap, a screen cap, games that end, and a page title."""

    def __init__(
        self,
        command: str,
        *,
        max_players: int,
        grace: float = STOP_GRACE,
        worker: WarmWorker | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(command, **kwargs)
        self.max_players = max_players
        self.grace = grace
        self.worker = worker
        """Forks the games; None: each starts cold."""
        self.players = 0
        """Games running now, or still ending (one per websocket)."""
        self._stopping: set[asyncio.Future[None]] = set()

    @property
    def full(self) -> bool:
        return self.players >= self.max_players

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        # Ours first (the class-full page and the game page with its title), then textual-serve's own.
        loader = jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(TEMPLATES), jinja2.FileSystemLoader(self.templates_path)]
        )
        environment = aiohttp_jinja2.setup(app, loader=loader, autoescape=True)
        environment.globals["page_title"] = self.title  # our app_index.html names the page with it
        app.on_cleanup.append(self._wait_for_games)
        return app

    async def _wait_for_games(self, app: web.Application) -> None:
        """At shutdown (after aiohttp has cancelled the handlers): let the games end, within bounds."""
        if self._stopping:
            await asyncio.wait(set(self._stopping), timeout=2 * self.grace + 1)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The game page, with a ``<title>``; the class-full page once every seat is taken."""
        if self.full:
            context = {"title": self.title, "max_players": self.max_players}
            full = aiohttp_jinja2.render_template(FULL_TEMPLATE, request, context, status=503)
            full.headers["Retry-After"] = "60"
            return full
        # textual-serve's page has no <title> (a tab would read the server's address): our copy of its
        # template in serve_templates/ adds one.
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser's game, as textual-serve runs it, within the limits.

        Written out rather than wrapping textual-serve's own, because that one creates its
        ``AppService`` itself and reads the screen size from the query unchecked.
        """
        websocket = web.WebSocketResponse(heartbeat=15)
        if self.full:  # refused before any game process starts
            await websocket.prepare(request)
            await websocket.send_bytes(
                f"\r\nThe class is full ({self.max_players} players). Try again later.\r\n".encode()
            )
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"the class is full")
            return websocket
        self.players += 1  # no await since the check: nobody can slip in between
        app_service: LimitedAppService | None = None
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await websocket.prepare(request)
            app_service = LimitedAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                grace=self.grace,
                worker=self.worker,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a bad message from a browser ends its game, not the server
            log.exception(error)
        finally:
            await self._end_game(app_service)
        return websocket

    async def _end_game(self, app_service: LimitedAppService | None) -> None:
        """Stop a game and free its seat once it has ended, even if this handler is cancelled.

        aiohttp cancels a websocket's handler when the browser's connection drops; an unshielded stop
        would then be abandoned halfway, leaving the game running with its seat free.
        """
        if app_service is None:
            self.players -= 1
            return
        stopping = asyncio.ensure_future(app_service.stop())
        self._stopping.add(stopping)

        def ended(task: asyncio.Future[None]) -> None:
            self._stopping.discard(task)
            self.players -= 1

        stopping.add_done_callback(ended)
        await asyncio.shield(stopping)


__all__ = [
    "MAX_HEIGHT",
    "MAX_WIDTH",
    "STOP_GRACE",
    "ClassServer",
    "LimitedAppService",
    "clamp_size",
    "game_environment",
]
