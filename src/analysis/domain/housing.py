"""Housing and household utilities in Liangshan (section II of the article).

Inputs are register rows (read by ``fact_id``) and the census rural population of the context
table ``county_indicators.csv`` (source S01). The one assumption of the module, the length of
the building season, is a named constant (:data:`CONSTRUCTION_SEASON_DAYS_ASSUMED`) that every
cost function takes as a parameter, so that a reader can change it.

Computed here:

* the share of the safe homes still to build that serve relocation (:func:`relocation_share`);
* the rural residents rehoused against the census rural population
  (:func:`rehoused_against_census`) - two different counts, see its caveats;
* Butuo's brick gap: bricks brought in each day, their extra cost per day and per season
  (:func:`brick_gap`, :func:`brick_extra_cost_per_day`, :func:`brick_extra_cost_per_season`,
  :func:`brick_cost_by_season_length`);
* households still without safe water, electricity or radio and television
  (:func:`utility_gaps`).
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from analysis.data import register
from analysis.domain import assumptions, counties

#: ASSUMPTION, not a number of the article — days of brick demand in one building season;
#: its default, range and basis are in :mod:`analysis.domain.assumptions`.
CONSTRUCTION_SEASON_DAYS_ASSUMED = assumptions.default("construction_season_days")

#: Range of season lengths (days) over which :func:`brick_cost_by_season_length` is shown by
#: default: from about four months to a whole year (an illustrative span, our choice).
SEASON_DAYS_RANGE = (120, 365)

#: Register rows of the utility gaps, with a readable label each.
UTILITY_FACTS = {
    "safe drinking water": "liangshan.households_without_safe_water",
    "electricity": "liangshan.households_without_electricity",
    "radio and television": "liangshan.households_without_radio_tv",
}


def season_days(first_month: int, last_month: int, year: int = 2019) -> int:
    """Days from the first day of ``first_month`` to the last day of ``last_month`` of ``year``.

    A helper to try other assumed building seasons (months 1-12, ``first_month`` not after
    ``last_month``); ``season_days(3, 11)`` is :data:`CONSTRUCTION_SEASON_DAYS_ASSUMED`.

    Raises:
        ValueError: months outside 1-12 or in the wrong order.
    """
    if not (1 <= first_month <= last_month <= 12):
        raise ValueError(f"months must satisfy 1 <= first_month <= last_month <= 12 "
                         f"(got {first_month!r}, {last_month!r})")
    start = _dt.date(year, first_month, 1)
    end = _dt.date(year + 1, 1, 1) if last_month == 12 else _dt.date(year, last_month + 1, 1)
    return (end - start).days


# ----------------------------------------------------------------------------- homes


def relocation_share() -> float:
    """Share (0-1) of the safe homes still to build that are meant for relocated poor families.

    ``liangshan.relocation_homes_needed`` / ``liangshan.safe_homes_needed``.
    """
    total = register.value("liangshan.safe_homes_needed")
    relocation = register.value("liangshan.relocation_homes_needed")
    if total <= 0 or relocation > total:
        raise ValueError(f"relocation homes ({relocation:g}) must be a part of a positive "
                         f"total of homes to build ({total:g})")
    return relocation / total


def rehoused_against_census(years=("2010", "2020")) -> pd.DataFrame:
    """The rural residents rehoused, set against the census rural population of Liangshan.

    ``liangshan.rural_residents_rehoused`` (a cumulative count of people who moved, as of the
    article, 2019) divided by the census rural resident population of the prefecture (adcode
    513400, ``county_indicators.csv``, source S01) of each census year.

    Caveats (the table states them in its ``basis`` column): the two counts have different bases
    and dates. The rehoused count may include people moved in earlier years and people who have
    since become urban residents, or who live outside the prefecture; the census counts people
    where they lived on census day (1 November). The ratio is therefore an order of magnitude,
    not a share of one population.

    Args:
        years: census years to compare with (strings, as in the context table).

    Returns:
        Columns ``census_year``, ``rural_population`` (persons), ``rehoused`` (persons),
        ``ratio`` (0-1 or above), ``basis``.

    Raises:
        KeyError: a census year with no rural population row for the prefecture.
    """
    rehoused = register.value("liangshan.rural_residents_rehoused")
    rows = []
    for year in years:
        pop, _ = counties.prefecture_census("rural_population", str(year))
        rows.append((str(year), pop, rehoused, rehoused / pop,
                     f"rehoused: cumulative count to 2019 (register); rural population: census "
                     f"{year}, 1 November (S01)"))
    return pd.DataFrame(rows, columns=["census_year", "rural_population", "rehoused", "ratio",
                                       "basis"])


# ----------------------------------------------------------------------------- bricks


def brick_gap() -> pd.DataFrame:
    """Butuo's daily brick demand split into local output and bricks brought in.

    ``butuo.brick_demand`` - ``butuo.brick_capacity`` = bricks brought in each day, assuming
    local works run at full capacity and all their output goes to the county's sites.

    Returns:
        Columns ``part`` ("made in the county", "brought in"), ``bricks_per_day``,
        ``price_yuan_per_brick`` (``butuo.brick_price_local``, ``butuo.brick_price_delivered``).

    Raises:
        ValueError: the local capacity exceeds the demand (no gap to fill).
    """
    demand = register.value("butuo.brick_demand")
    local = register.value("butuo.brick_capacity")
    if local > demand:
        raise ValueError(f"local capacity ({local:g}) exceeds demand ({demand:g}): no gap")
    return pd.DataFrame({
        "part": ["made in the county", "brought in"],
        "bricks_per_day": [local, demand - local],
        "price_yuan_per_brick": [register.value("butuo.brick_price_local"),
                                 register.value("butuo.brick_price_delivered")],
    })


def bricks_brought_in_per_day() -> float:
    """Bricks Butuo must bring in from outside each building day (bricks per day)."""
    gap = brick_gap()
    return float(gap.loc[gap["part"] == "brought in", "bricks_per_day"].iloc[0])


def brick_extra_cost_per_day() -> float:
    """Extra cost of the bricks brought in, yuan per day.

    (``butuo.brick_price_delivered`` - ``butuo.brick_price_local``) times the bricks brought in
    (:func:`bricks_brought_in_per_day`): what haulage adds over the local price.
    """
    premium = (register.value("butuo.brick_price_delivered")
               - register.value("butuo.brick_price_local"))
    return premium * bricks_brought_in_per_day()


def _check_days(season_days) -> np.ndarray:
    days = np.asarray(season_days, dtype=float)
    if np.any(~np.isfinite(days)) or np.any(days < 0) or np.any(days > 366):
        raise ValueError(f"season length must be between 0 and 366 days (got {season_days!r})")
    return days


def brick_extra_cost_per_season(season_days: float = CONSTRUCTION_SEASON_DAYS_ASSUMED) -> float:
    """Extra brick cost over one building season, in yuan.

    :func:`brick_extra_cost_per_day` times ``season_days``.

    Args:
        season_days: days of full brick demand per season - an ASSUMPTION (default
            :data:`CONSTRUCTION_SEASON_DAYS_ASSUMED`); the article gives no season length.

    Raises:
        ValueError: a season shorter than 0 or longer than 366 days.
    """
    return float(brick_extra_cost_per_day() * _check_days(season_days))


def brick_cost_by_season_length(days=None) -> pd.DataFrame:
    """Extra brick cost per season for a range of assumed season lengths.

    Args:
        days: season lengths in days; by default every tenth day of :data:`SEASON_DAYS_RANGE`
            plus the default assumption.

    Returns:
        Columns ``season_days``, ``extra_cost_yuan``, ``is_default_assumption``.
    """
    if days is None:
        lo, hi = SEASON_DAYS_RANGE
        days = sorted(set(range(lo, hi + 1, 10)) | {hi, CONSTRUCTION_SEASON_DAYS_ASSUMED})
    days = _check_days(days)
    return pd.DataFrame({
        "season_days": days,
        "extra_cost_yuan": brick_extra_cost_per_day() * days,
        "is_default_assumption": days == CONSTRUCTION_SEASON_DAYS_ASSUMED,
    })


# ----------------------------------------------------------------------------- utilities


def utility_gaps() -> pd.DataFrame:
    """Households still without safe water, electricity, or radio and television.

    Returns:
        Columns ``service``, ``households_without``, ``fact_id``; sorted from the largest gap.
    """
    rows = [(label, register.value(fid), fid) for label, fid in UTILITY_FACTS.items()]
    frame = pd.DataFrame(rows, columns=["service", "households_without", "fact_id"])
    return frame.sort_values("households_without", ascending=False, ignore_index=True)
