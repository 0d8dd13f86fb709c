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
