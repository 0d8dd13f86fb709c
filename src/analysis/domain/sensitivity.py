"""Which conclusions flip when an assumption moves across its range.

A :class:`Conclusion` is a statement of a chapter that rests on a computed number: a function
of the assumptions (an :class:`~analysis.domain.assumptions.Assumptions` object) returning the
number, and a test of whether the statement holds for it. :func:`sweep` moves each
assumption the conclusion uses to the low and the high end of its range (the others at their
defaults) and records the number and whether the statement still holds; :func:`table` does it
for several conclusions, as one table per chapter; the rows of :func:`tornado_rows` feed the
book's tornado chart (drawn by the figure layer).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.domain import assumptions
from analysis.domain.assumptions import Assumptions


@dataclass(frozen=True)
class Conclusion:
    """A chapter's statement that rests on a computed number.

    Attributes:
        key: identifier, ``<chapter>.<name>``.
        statement: the statement, in the book's words.
        compute: the number behind it, from an Assumptions object.
        holds: whether the statement holds for a given number.
        uses: names of the assumptions ``compute`` reads.
        unit: unit of the number.
    """

    key: str
    statement: str
    compute: Callable[[Assumptions], float]
    holds: Callable[[float], bool]
    uses: tuple[str, ...]
    unit: str

    def __post_init__(self):
        for name in self.uses:
            assumptions.get(name)  # raises on an unknown name


def sweep(conclusion: Conclusion) -> pd.DataFrame:
    """The conclusion's number at the default and at each end of each assumption it uses.

    Returns:
        One row per assumption used, with columns conclusion, statement, assumption, low,
        default, high (the assumption's values), at_low, at_default, at_high (the number),
        unit, holds_at_low, holds_at_default, holds_at_high, flips (the statement holds at
        the default but not at an end, or the reverse).
    """
    base = float(conclusion.compute(Assumptions()))
    rows = []
    for name in conclusion.uses:
        a = assumptions.get(name)
        at_low = float(conclusion.compute(Assumptions(**{name: a.low})))
        at_high = float(conclusion.compute(Assumptions(**{name: a.high})))
        held = [bool(conclusion.holds(x)) for x in (at_low, base, at_high)]
        rows.append({"conclusion": conclusion.key, "statement": conclusion.statement,
                     "assumption": name, "low": a.low, "default": a.default, "high": a.high,
                     "at_low": at_low, "at_default": base, "at_high": at_high,
                     "unit": conclusion.unit, "holds_at_low": held[0],
                     "holds_at_default": held[1], "holds_at_high": held[2],
                     "flips": len(set(held)) > 1})
    return pd.DataFrame(rows)


def table(conclusions: Iterable[Conclusion]) -> pd.DataFrame:
    """:func:`sweep` of every conclusion, stacked (one chapter's sensitivity table)."""
    frames = [sweep(c) for c in conclusions]
    if not frames:
        raise ValueError("no conclusions to sweep")
    return pd.concat(frames, ignore_index=True)


def tornado_rows(conclusions: Iterable[Conclusion]) -> pd.DataFrame:
    """The rows of a tornado chart: for each conclusion and assumption, the change of the
    number at the low and at the high end, in percent of its value at the defaults.

    Returns:
        The :func:`table` columns plus change_low_pct and change_high_pct, sorted by the
        largest swing first.

    Raises:
        ValueError: a number is zero at the defaults (no percent change exists).
    """
    out = table(conclusions)
    if (out["at_default"] == 0).any():
        bad = out.loc[out["at_default"] == 0, "conclusion"].tolist()
        raise ValueError(f"conclusions {bad} are zero at the defaults: no percent change")
    out["change_low_pct"] = (out["at_low"] / out["at_default"] - 1) * 100
    out["change_high_pct"] = (out["at_high"] / out["at_default"] - 1) * 100
    swing = (out["change_high_pct"] - out["change_low_pct"]).abs()
    return out.assign(_swing=swing).sort_values("_swing", ascending=False) \
        .drop(columns="_swing").reset_index(drop=True)
