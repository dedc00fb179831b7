"""Run a command to the first frame Textual hands the terminal, then exit at once (for instruction counts).

    python benchmarks/first_frame.py game [ARGS...]   # the real command line: game.cli.main(ARGS)
    python benchmarks/first_frame.py minimal          # the floor: minimal_app.py --terminal

``App._display`` is wrapped to ``os._exit(0)`` right after the first frame it writes (a frame it is
given inside a batch update is dropped, not shown, and does not count). The wrap is put in
by an import hook when ``textual.app`` is first imported, so Textual is imported where the program
imports it (for the game: after ``game.cli`` has paused the collector), not earlier. Start it in a
terminal (``count_first_paint.py`` runs it under valgrind in an 80x24 pseudo-terminal).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent


class _ExitAtFirstFrame(importlib.abc.MetaPathFinder):
    """Finds ``textual.app`` as Python would, and wraps ``App._display`` once it has run."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        assert spec is not None and spec.loader is not None
        loader = spec.loader
        run_module = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            display = module.App._display

            def exit_after(self: Any, screen: Any, renderable: Any) -> None:
                # Textual drops a frame made inside a batch update (as the app's own start is: a screen
                # pushed from App.on_mount is laid out and rendered there, and nothing reaches the
                # terminal), so only a frame given outside one is the first the terminal shows.
                shown = renderable is not None and not self._batch_count
                display(self, screen, renderable)
                if shown:
                    os._exit(0)

            module.App._display = exit_after

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    which, args = sys.argv[1], sys.argv[2:]
    sys.meta_path.insert(0, _ExitAtFirstFrame())
    if which == "minimal":
        # Compiled and run as Python runs a script (runpy would add its own imports to the floor only).
        path = str(HERE / "minimal_app.py")
        sys.argv = [path, "--terminal"]
        with open(path, encoding="utf-8") as source:
            code = compile(source.read(), path, "exec")
        exec(code, {"__name__": "__main__", "__file__": path})
    else:
        from game.cli import main as game_main

        sys.exit(game_main(args))
    sys.exit("the first frame never came")


if __name__ == "__main__":
    main()
