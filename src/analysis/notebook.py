"""Helpers for the chapters' code cells."""
from __future__ import annotations

import numbers


def glue_value(name: str, value) -> None:
    """Glue ``value`` for the prose as a plain Python number (or text).

    myst-nb stores a glued value's ``repr`` and formats it later; numpy 2 writes its scalars as
    ``np.float64(…)``, which cannot be formatted, so numbers are converted to ``float`` here.

    Raises:
        TypeError: ``value`` is neither a number nor a string (a Series, say), or is NaN.
    """
    from myst_nb import glue

    if isinstance(value, str):
        glue(name, value, display=False)
        return
    if not isinstance(value, numbers.Real):
        raise TypeError(f"glue {name!r}: expected a number or a text, got {type(value).__name__}")
    number = float(value)
    if number != number:
        raise TypeError(f"glue {name!r}: the value is NaN; the book prints no NaN")
    glue(name, number, display=False)


def table(frame, index: str | None = None):
    """A DataFrame ready to show in the book, in HTML and in the PDF alike.

    ``index`` (default: the first column) becomes the row labels, and its name moves into the
    header's corner cell, so that no header cell is left empty (screen readers announce empty
    header cells as blanks; axe-core's ``empty-table-header``). A pandas ``Styler`` would not do
    here: the PDF build prints its repr instead of the table.

    Raises:
        KeyError: ``index`` is not a column of ``frame``.
    """
    column = frame.columns[0] if index is None else index
    if column not in frame.columns:
        raise KeyError(f"table: no column {column!r} to use as row labels")
    out = frame.set_index(column)
    out.columns.name = out.index.name
    out.index.name = None
    return out
