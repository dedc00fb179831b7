"""quotebound: a terminal game that teaches a real article through quizzes and choose-your-path scenarios."""

# The single source of the version (hatch reads it from here). Kept as a literal because
# importlib.metadata costs ~40 ms at start-up, more than the rest of `quotebound validate`.
__version__ = "0.1.0"
