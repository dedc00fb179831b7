"""The pure game engine: content model, loading, validation, quiz and story runtimes, scoring.

Nothing in this package imports textual or rich (tests/engine/test_purity.py proves it), so the
command-line tools, the plain line mode and the tests can drive a game with no screen at all.
"""
