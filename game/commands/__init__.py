"""Subcommands of the ``quotebound`` command line.

Each module here has ``register(subparsers)`` adding its parser (with ``func`` set to its runner).
Modules import the UI only inside their runner, so commands that need no screen never load textual.
"""

COMMAND_MODULES = [
    "game.commands.play",
    "game.commands.validate",
    "game.commands.coverage",
    "game.commands.schema",
    "game.commands.new",
    "game.commands.report",
    "game.commands.export",
    "game.commands.serve",
    "game.commands.graph",
    "game.commands.playtest",
]
"""Modules registered with the command line, in help order."""
