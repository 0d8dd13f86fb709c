"""Problems found in the data, and the exceptions that carry them.

Every check of the data package reports a :class:`Problem` naming the file, the row and the
column it concerns, what was found and what was expected. ``python -m analysis validate`` prints
one line per problem; code that loads data raises a :class:`DataError` holding them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place of the data package.

    Attributes:
        file: path of the file, relative to the data directory (e.g. ``facts.csv``).
        row: line number in the file (the header of a CSV is line 1, its first data row
            line 2), or the name of an item (a feature, a resource); ``None`` when the problem
            concerns the whole file.
        column: column or property name, or ``None``.
        found: what was found, shown to the reader as is.
        expected: what was expected instead.
    """

    file: str
    row: int | str | None
    column: str | None
    found: str
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}" if isinstance(self.row, int) else f", {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: found {self.found}; expected {self.expected}"


class DataError(ValueError):
    """The data package (or a file in it) is not valid; ``problems`` lists why."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RegisterError(DataError):
    """The register of the article's claims (``facts.csv``) is not valid."""


class ContextDataError(DataError):
    """A context table or the boundaries in ``data/context`` or ``data/geo`` are not valid."""


class UnknownFactError(KeyError):
    """A ``fact_id`` asked for is not in the register."""

    def __init__(self, fact_id: str, suggestions: list[str] | None = None):
        self.fact_id = fact_id
        self.suggestions = suggestions or []
        hint = f" (did you mean: {', '.join(self.suggestions)}?)" if self.suggestions else ""
        super().__init__(f"no fact with id '{fact_id}' in the register data/facts.csv{hint}")

    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return self.args[0]


class SourceTextMissing(FileNotFoundError):
    """The article's text is not on this machine (it is kept outside the project)."""


class SourceTextMismatch(DataError):
    """The article's text on this machine is not the one the register was made against."""
