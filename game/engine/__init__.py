"""The pure game engine: content loading, the quiz and story runtimes, scoring, story exploration.

``content/`` (the Pack, safe YAML, quotes, the loader and its registry of content kinds) is imported
by ``quiz/`` and ``story/``, which never import each other; ``packs.py`` wires the two content kinds
into the loader. Nothing in this package imports textual or rich, or anything of the game above it
(tests/engine/test_purity.py and the import-linter contracts in pyproject.toml prove it), so the
command-line tools, the plain line mode and the tests can drive a game with no screen at all.
"""
