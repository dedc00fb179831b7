"""Subcommands of the ``quotebound`` command line.

Each module here has ``register(subparsers)`` adding its parser (with ``func`` set to its runner).
Modules import the UI only inside their runner, so commands that need no screen never load textual.

:data:`COMMANDS` names each command's module and one-line help without importing it: the command
line imports only the module of the command it runs (importing all eleven to build one parser was
about a tenth of ``quotebound validate``), and ``quotebound --help`` is built from this table alone.
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("game.commands.play", "play the game (the default command)"),
    "validate": (
        "game.commands.validate",
        "check packs: schema, ids, answers, quotes verbatim in the article",
    ),
    "coverage": ("game.commands.coverage", "show which sentences of the article the pack quotes"),
    "schema": ("game.commands.schema", "write JSON Schema for pack, quiz and scenario files (for editors)"),
    "new": (
        "game.commands.new",
        "start a pack from an article: seed, pack.yaml, a sample quiz and a sample scenario",
    ),
    "report": (
        "game.commands.report",
        "class report from results files: scores, questions, most missed with quotes",
    ),
    "stats": (
        "game.commands.stats",
        "a player's progress: accuracy, topics, streaks, story endings, review, history",
    ),
    "export": (
        "game.commands.export",
        "export a pack: GIFT (Moodle), Aiken, TSV (Anki/Quizlet), Markdown sheet/key, JSON",
    ),
    "class": (
        "game.commands.class_cmd",
        "run a live class: the teacher hosts, students join in browsers or terminals",
    ),
    "serve": ("game.commands.serve", "serve the game to web browsers (textual-serve)"),
    "graph": ("game.commands.graph", "print a scenario's scene graph (Mermaid or Graphviz dot)"),
    "playtest": (
        "game.commands.playtest",
        "walk every state of the scenarios (or play random games) and report coverage",
    ),
}
"""Command name → (module, the ``help=`` its ``register`` gives), in help order. A new command is one
line here; tests/cli/test_cli_main.py checks that the table and the modules agree."""

COMMAND_MODULES = [module for module, _help in COMMANDS.values()]
"""Modules registered with the command line, in help order."""
