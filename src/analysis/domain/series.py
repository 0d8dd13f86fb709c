"""The poverty series of the context tables, tidy: the national survey and the poverty roll.

The national rural poverty series is the NBS sample survey (``poverty_national.csv``); the
Sichuan and Liangshan series come from the poverty roll, the administrative list of registered
poor households (建档立卡; ``poverty_sichuan_liangshan.csv``). They measure different things,
and every frame says which (column ``measure``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data import context

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: Measure labels, shown in every table and figure legend.
MEASURE_REGISTER = "poverty roll (administrative)"
MEASURE_SURVEY = "NBS sample survey"


def national_series(start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """China's rural poverty (NBS sample survey): the primary rows, tidy.

    Args:
        start, end: keep the years from ``start`` to ``end`` (inclusive), when given.

    Returns:
        Columns year (int), indicator (``rural_poor_population`` in persons,
        ``poverty_incidence`` in percent of the rural population), value, unit, derived (the
        context table derives the value from two published numbers), source_id, measure
        (``MEASURE_SURVEY``; the 2020 zero is a political declaration, so its measure says
        so).
    """
    frame = context.poverty_national(primary_only=True)
    keep = frame["indicator"].isin(["rural_poor_population", "poverty_incidence"])
    out = frame.loc[keep, ["year", "indicator", "value", "unit", "derived", "source_id"]].copy()
    out["year"] = out["year"].astype(int)
    if start is not None:
        out = out[out["year"] >= start]
    if end is not None:
        out = out[out["year"] <= end]
    out["measure"] = np.where(out["source_id"] == "S31", "political declaration",
                              MEASURE_SURVEY)
    out["derived"] = out["derived"].astype(bool)
    return out.sort_values(["indicator", "year"]).reset_index(drop=True)


def register_series(geography: str | None = None) -> pd.DataFrame:
    """Sichuan's and Liangshan's poverty-roll series (administrative), tidy.

    Args:
        geography: keep one geography (``"Sichuan"``, ``"Liangshan"``...), when given.

    Returns:
        The primary rows of ``poverty_sichuan_liangshan.csv`` for the indicators
        ``registered_poor_population`` (persons), ``poverty_incidence`` (percent) and
        ``cumulative_poor_lifted_from_2013_baseline`` and ``poor_lifted_during_year``
        (persons): geography, year (int), period,
        indicator, value, unit, derived (arithmetic in the context table), source_id, note,
        measure (:data:`MEASURE_REGISTER`).

    Raises:
        KeyError: no row for ``geography``.
    """
    frame = context.poverty_sichuan_liangshan(primary_only=True)
    inds = ["registered_poor_population", "poverty_incidence",
            "cumulative_poor_lifted_from_2013_baseline", "poor_lifted_during_year"]
    out = frame[frame["indicator"].isin(inds)].copy()
    if geography is not None:
        out = out[out["geography"] == geography]
        if out.empty:
            raise KeyError(f"no registered-poor rows for geography {geography!r}")
    out["year"] = out["year"].astype(int)
    out["measure"] = MEASURE_REGISTER
    out["derived"] = out["derived"].astype(bool)
    cols = ["geography", "year", "period", "indicator", "value", "unit", "derived", "source_id",
            "note", "measure"]
    return out[cols].sort_values(["geography", "indicator", "year"]).reset_index(drop=True)


def register_value(geography: str, year: int, indicator: str,
                   period: str | None = "end of year") -> tuple[float, str]:
    """One value of the poverty-roll series (by default at the end of ``year``) and its
    source id.

    Args:
        period: the ``period`` of the row; None takes the one primary row of the year,
            whatever its period (a rate whose point in the year the source does not state).

    Raises:
        KeyError: no such primary row, or more than one.
    """
    frame = register_series(geography)
    hit = frame[(frame["year"] == year) & (frame["indicator"] == indicator)]
    if period is not None:
        hit = hit[hit["period"] == period]
    if len(hit) != 1:
        raise KeyError(f"no single {period or 'primary'} row for {geography} {indicator} "
                       f"{year} in poverty_sichuan_liangshan.csv")
    return float(hit["value"].iloc[0]), str(hit["source_id"].iloc[0])
