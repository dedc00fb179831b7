"""quotebound: a terminal game that teaches a real article through quizzes and choose-your-path scenarios."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quotebound")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
