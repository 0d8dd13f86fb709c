"""A chapter's assumptions and its sensitivity table, for the reader (from
:mod:`analysis.domain.assumptions` and :func:`analysis.domain.sensitivity.table`)."""
from __future__ import annotations

import pandas as pd

from analysis.domain import assumptions, sensitivity
from analysis.formatting import number


def sensitivity_table(conclusions) -> pd.DataFrame:
    """A chapter's sensitivity table: each conclusion, the assumption it rests on, the
    number at the low end, the default and the high end of the assumption's range, and
    whether the conclusion flips."""
    t = sensitivity.table(conclusions)

    def at(v, holds):
        return f"{v:.2f} ({'holds' if holds else 'fails'})"
    return pd.DataFrame({
        "Conclusion": t["statement"],
        "Assumption (low – default – high)": [
            f"{r.assumption} ({number(r.low)} – {number(r.default)} – {number(r.high)})"
            for r in t.itertuples()],
        "At the low end": [at(r.at_low, r.holds_at_low) for r in t.itertuples()],
        "At the default": [at(r.at_default, r.holds_at_default) for r in t.itertuples()],
        "At the high end": [at(r.at_high, r.holds_at_high) for r in t.itertuples()],
        "Flips": t["flips"].map({True: "yes", False: "no"}),
    })


def assumptions_table(chapter: str) -> pd.DataFrame:
    """The assumptions of ``chapter`` (``ch1``...): what each is, its default, its range and
    the basis of both."""
    t = assumptions.table(chapter)
    if t.empty:
        raise KeyError(f"no assumption is registered for chapter {chapter!r}")
    return pd.DataFrame({
        "Assumption": t["name"],
        "What it is": t["what"],
        "Default": [f"{number(d)} {u}" for d, u in zip(t["default"], t["unit"])],
        "Range": [f"{number(lo)} to {number(hi)}" for lo, hi in zip(t["low"], t["high"])],
        "Basis": t["basis"],
    })
