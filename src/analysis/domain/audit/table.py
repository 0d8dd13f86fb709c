"""The audit as the book shows it: one function, :func:`audit_table`, formats the frame of
:func:`analysis.domain.audit.run_audit` into strings, in parts that fit a printed page."""
from __future__ import annotations

import pandas as pd

from analysis.formatting import number

#: Columns of :func:`audit_table` for each ``part``.
TABLE_PARTS = {
    "results": ["Check", "What is tested", "Expected", "Computed", "Tolerance", "Verdict"],
    "notes": ["Check", "Kind", "Note", "Mechanism weighed", "Register rows", "Context sources"],
}


def _fmt(x: float) -> str:
    if pd.isna(x):
        return "—"
    if abs(x) == float("inf"):
        return "no limit"
    if abs(x) >= 100:
        return number(round(x))
    if float(x).is_integer():
        return number(x)
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def verdict_label(verdict: str, agreement: str, mechanism: str) -> str:
    """The verdict as the table prints it: the level in capitals, then how it was reached.

    ``CONSISTENT (within rounding)``; ``EXPLAINED (households registered after 2013)``;
    ``INCONSISTENT (beyond rounding)``; ``CANNOT CHECK``.
    """
    if verdict == "cannot check":
        return "CANNOT CHECK"
    if verdict == "explained":
        return f"EXPLAINED ({mechanism.split(' (named by')[0]})"
    return f"{verdict.upper()} ({agreement})"


def audit_table(frame: pd.DataFrame | None = None, part: str = "all") -> pd.DataFrame:
    """The audit formatted for the book: strings only, no NaN, readable column names.

    Args:
        frame: :func:`~analysis.domain.audit.run_audit` output (run at the defaults when None).
        part: ``"all"`` columns, or one of :data:`TABLE_PARTS` (``"results"``, ``"notes"``).

    Raises:
        ValueError: an unknown ``part``.
    """
    if part != "all" and part not in TABLE_PARTS:
        raise ValueError(f"part must be 'all' or one of {sorted(TABLE_PARTS)}, got {part!r}")
    if frame is None:
        from analysis.domain.audit import run_audit

        frame = run_audit()
    out = pd.DataFrame({
        "Check": frame["check_id"],
        "Kind": frame["kind"],
        "What is tested": frame["description"],
        "Expected": frame["expected"].map(_fmt),
        "Computed": frame["computed"].map(_fmt),
        "Difference": frame["difference"].map(_fmt),
        "Tolerance": frame["tolerance"].map(_fmt),
        "Verdict": [verdict_label(v, a, m) for v, a, m in
                    zip(frame["verdict"], frame["agreement"], frame["mechanism"])],
        "Note": frame["note"],
        "Mechanism weighed": frame["mechanism"].replace("", "—"),
        "Register rows": frame["fact_ids"].replace("", "—"),
        "Context sources": frame["context_sources"].replace("", "—"),
    })
    return out if part == "all" else out[TABLE_PARTS[part]]
