"""Problems found in content files, each pinned to ``path:line:col``.

Every error a user can cause while writing a pack ends as one of these lines, never a traceback.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

Severity = Literal["error", "warning"]


# A Struct rather than a dataclass: the same fields, ordering, equality and hashing, and no dataclass
# machinery on the import path of every command.
class Diagnostic(Struct, frozen=True, order=True):
    """One problem at one place in one file."""

    path: str
    """The file as the user named it (relative where possible)."""
    line: int
    """1-based line number."""
    col: int
    """1-based column number."""
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    """The closing line of ``quotebound validate``."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    plural = "s" if files != 1 else ""
    return f"{files} file{plural} checked: {errors} error{'s' * (errors != 1)}, " + (
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
