"""Print the modules ``python -m game ARGS`` imports beyond a bare interpreter's.

    python benchmarks/imported_by.py OUT ARGS...

writes to OUT the top-level modules of other packages (the standard library's and third parties'), one
per line, and to ``OUT.game`` the game's own modules the command imported (full dotted names, in the
order they were imported). ``bench_packs.py`` imports the first list as the "third-party import floor" of
a command, and the first list plus the second as its "floor with the game's modules": what the command
costs before any of its own work, measured in the same run.
"""

import contextlib
import importlib.util
import os
import runpy
import sys


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ValueError:  # in sys.modules with no spec
        return False


if __name__ == "__main__":
    # The game of this checkout, as `python -m game` run from its root imports it (not an installed one).
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out, args = sys.argv[1], sys.argv[2:]
    before = set(sys.modules)
    sys.argv = ["game", *args]
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        with contextlib.redirect_stderr(devnull), contextlib.suppress(SystemExit):
            runpy.run_module("game", run_name="__main__", alter_sys=True)
    added = [name for name in sys.modules if name not in before]  # dicts keep import order
    new = {name.partition(".")[0] for name in added}
    # Only what an `import` statement can name (cython_runtime, for one, is made by a C extension).
    new = {name for name in new if not name.startswith(("game", "_")) and _importable(name)}
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(sorted(new | {"runpy"})))
    game = [name for name in added if name.split(".")[0] == "game" and name != "game.__main__"]
    with open(out + ".game", "w", encoding="utf-8") as handle:
        handle.write("\n".join(game))
