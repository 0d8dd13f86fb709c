"""Named values for the prose: each number a chapter shows, with what it is and what computed it.

A chapter's section calls one function of ``analysis.chapters`` and gets a :class:`Values`
mapping: key -> :class:`Value` (the number, a description in the book's words, and the dotted
name of the function that computed it). The chapter glues them all at once
(:func:`analysis.notebook.glue_values`) and its prose prints each with ``{num}`key:format```,
a link to the cell that computed it whose hover hint is :meth:`Value.hint`.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass


@dataclass(frozen=True)
class Value:
    """One number (or short text) shown in a chapter's prose.

    Attributes:
        value: the number (a plain ``float`` or ``int``) or a short text.
        what: what the number is, with its unit, in the book's words.
        computed_by: dotted name of the function that computed it
            (``analysis.domain.trends.rate_changes``).
    """

    value: float | int | str
    what: str
    computed_by: str

    def __post_init__(self):
        v = self.value
        if isinstance(v, bool) or not isinstance(v, (numbers.Real, str)):
            raise TypeError(f"a value for the prose must be a number or a text, got "
                            f"{type(v).__name__} ({self.what})")
        if isinstance(v, numbers.Real) and not math.isfinite(v):
            raise ValueError(f"the value of {self.what!r} is {v!r}: the book prints no NaN "
                             "or infinity")
        if isinstance(v, numbers.Real):
            object.__setattr__(self, "value", int(v) if isinstance(v, numbers.Integral)
                               else float(v))

    def hint(self) -> str:
        """The hover text: what the number is and which function computed it."""
        return f"{self.what} [computed by {self.computed_by}]"


class Values(dict):
    """The values of one section of a chapter, by key (``ch1_ls_pp``...)."""

    def add(self, key: str, value, what: str, computed_by) -> None:
        """Add ``key``; ``computed_by`` is a function or its dotted name.

        Raises:
            KeyError: the key is already taken.
        """
        if key in self:
            raise KeyError(f"value {key!r} is added twice")
        if callable(computed_by):
            computed_by = f"{computed_by.__module__}.{computed_by.__qualname__}"
        self[key] = Value(value, what, computed_by)

    def number(self, key: str):
        """The bare value of ``key``."""
        return self[key].value
