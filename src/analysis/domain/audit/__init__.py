"""An audit of the article's numbers: every arithmetic relation among them that can be checked,
and their agreement with outside records.

Each check is named (``check_id``, stable: chapters cite checks by it), says in our words what
it tests, lists the register rows (``fact_ids``) and context sources it uses, and gives what was
expected, what was computed, their difference, the tolerance, how the two agree and a verdict
in three levels:

* ``consistent`` - the relation holds: exactly, within the rounding of the printed numbers, as
  a bound, or within the book's reading of a hedged phrase;
* ``explained`` - it does not hold as stated, but a mechanism that the article or a source
  names accounts for the gap, in sign and in size (an open poverty roll with new entries);
* ``inconsistent`` - it does not hold and nothing named accounts for it;

and ``cannot check`` for numbers the article implies without anything saying what they should
be (computed and shown, not judged).

Kinds of check (column ``kind``), one module each: ``sum``, ``ratio`` and ``range``
(:mod:`~analysis.domain.audit.sums`); ``bound`` (:mod:`~analysis.domain.audit.bounds`, and
places against stated floors and averages in :mod:`~analysis.domain.audit.hedges`);
``hedge`` (:mod:`~analysis.domain.audit.hedges`); ``base``, ``stock-flow`` and the poverty
roll against the press (:mod:`~analysis.domain.audit.roll`); other ``outside record`` checks
(:mod:`~analysis.domain.audit.outside`); ``implied`` (:mod:`~analysis.domain.audit.implied`).
Tolerances, verdict rules and named mechanisms are in :mod:`~analysis.domain.audit.core`; the
table the book prints is made by :func:`~analysis.domain.audit.table.audit_table`.
"""
from __future__ import annotations

import pandas as pd

from analysis.domain.audit import bounds, hedges, implied, outside, roll, sums
from analysis.domain.audit.core import AGREEMENTS as AGREEMENTS
from analysis.domain.audit.core import VERDICTS as VERDICTS
from analysis.domain.audit.core import WAN_ONE_DECIMAL_TOLERANCE as WAN_ONE_DECIMAL_TOLERANCE
from analysis.domain.audit.core import Check
from analysis.domain.audit.core import rounding_tolerance as rounding_tolerance
from analysis.domain.audit.core import verdict_at_most as verdict_at_most
from analysis.domain.audit.core import verdict_equal as verdict_equal
from analysis.domain.audit.hedges import almost_band as almost_band
from analysis.domain.audit.implied import zhaizi_class_bounds as zhaizi_class_bounds
from analysis.domain.audit.roll import accounts as accounts
from analysis.domain.audit.table import TABLE_PARTS as TABLE_PARTS
from analysis.domain.audit.table import audit_table as audit_table

# The names above are re-exported for the chapters (``audit.run_audit``, ``audit.audit_table``);
# each is documented in its own module, so that the package documents only what it defines.
__all__ = ["checks", "run_audit", "verdict_counts"]


def checks(almost_band: float | None = None) -> list[Check]:
    """Every check of the audit, in the order the table lists them.

    Args:
        almost_band: the assumption ``almost_band`` (None means its default).
    """
    return (sums.sums() + sums.ratios() + sums.ranges() + bounds.bounds() + bounds.nesting()
            + bounds.kuijiu_group2_people() + hedges.thresholds() + hedges.hedges(almost_band)
            + roll.bases() + roll.stock_flow() + roll.migrant_entries() + roll.press_rates()
            + outside.county_counts() + outside.census() + implied.implied())


def run_audit(almost_band: float | None = None) -> pd.DataFrame:
    """Run every check; one row per check.

    Args:
        almost_band: the assumption ``almost_band`` (None means its default).

    Returns:
        Columns check_id, kind, description, fact_ids (``; ``-separated register ids),
        context_sources (source ids of the context tables, or ``""``), expected, computed,
        difference (computed - expected), tolerance (same unit as the values), verdict (one
        of :data:`~analysis.domain.audit.core.VERDICTS`), agreement (one of
        :data:`~analysis.domain.audit.core.AGREEMENTS`), mechanism (the mechanism weighed and
        its test, or ``""``), note (units and what the result means).
        ``expected`` is NaN for ``cannot check`` rows that have nothing to compare with.

    Raises:
        ValueError: two checks share an id.
    """
    frame = pd.DataFrame([c.row() for c in checks(almost_band)])
    dup = frame.loc[frame["check_id"].duplicated(), "check_id"].tolist()
    if dup:
        raise ValueError(f"duplicate check ids in the audit: {dup}")
    return frame


def verdict_counts(frame: pd.DataFrame | None = None) -> pd.Series:
    """Number of checks per verdict (every verdict listed, zeros included)."""
    frame = run_audit() if frame is None else frame
    return frame["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
