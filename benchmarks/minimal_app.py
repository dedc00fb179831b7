"""The Textual floor: one Static, exit right after the first paint. Baseline for start-up figures.

``--terminal`` runs it in the terminal it was started in, as a player would, until it is killed (the
first-paint benchmarks time it in a pseudo-terminal until "Hello" shows).
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello")


async def _exit_after_paint(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.exit()


if __name__ == "__main__":
    if "--terminal" in sys.argv:
        Minimal().run()
    else:
        Minimal().run(headless=True, size=(80, 24), auto_pilot=_exit_after_paint)
