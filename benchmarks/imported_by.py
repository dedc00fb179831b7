"""Print the top-level modules ``python -m game ARGS`` imports beyond a bare interpreter's, one per line.

    python benchmarks/imported_by.py OUT ARGS...

writes them to OUT. ``bench_packs.py`` imports the same modules (and nothing else) as the "import floor"
of a command: what the command costs before any of its own work, measured in the same run.
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
    out, args = sys.argv[1], sys.argv[2:]
    before = set(sys.modules)
    sys.argv = ["game", *args]
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        with contextlib.suppress(SystemExit):
            runpy.run_module("game", run_name="__main__", alter_sys=True)
    new = {name.partition(".")[0] for name in set(sys.modules) - before}
    # Only what an `import` statement can name (cython_runtime, for one, is made by a C extension).
    new = {name for name in new if not name.startswith(("game", "_")) and _importable(name)}
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(sorted(new | {"runpy"})))
