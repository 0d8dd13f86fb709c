"""Housing and household utilities in Liangshan (section II of the article).

Inputs are register rows (read by ``fact_id``) and census counts of the context table
``county_indicators.csv`` (source S01): the rural and the whole resident population, and family
households, the base of every share of households here. Two assumptions of
:mod:`analysis.domain.assumptions` enter: the length of the building season
(``construction_season_days``) and the bricks one home takes (``bricks_per_home``). Functions
take them as arguments; ``None`` means the registry's default.

Computed here:

* the share of the safe homes still to build that serve relocation (:func:`relocation_share`),
  and the homes still to build per family household (:func:`homes_against_households`);
* the rural residents rehoused against census populations (:func:`rehoused_against_census`) -
  different counts, see its caveats;
* Butuo's brick gap: bricks brought in each day, their extra cost per day and per season
  (:func:`brick_gap`, :func:`brick_extra_cost_per_day`, :func:`brick_extra_cost_per_season`,
  :func:`brick_cost_by_season_length`), and a plausibility check of a season of the daily
  demand against the homes still to build (:func:`brick_season_check`);
* the months of a season of a given length (:func:`season_words`);
* households still without safe water, electricity or radio and television, counts and shares
  of family households (:func:`utility_gaps`).
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from analysis.data import register
from analysis.domain import assumptions, counties
from analysis.domain.income import BUTUO
from analysis.formatting import number

#: Range of season lengths (days) drawn on the axis of the season figure, from about four
#: months to a whole year (a display choice, wider than the assumption's range).
SEASON_AXIS_DAYS = (120, 365)

#: The last day of every building season (the article says building stops after November).
SEASON_END_MONTH, SEASON_END_DAY = 11, 30
#: The (non-leap) year in which seasons are counted.
SEASON_YEAR = 2019

#: Register rows of the utility gaps, with a readable label each.
UTILITY_FACTS = {
    "safe drinking water": "liangshan.households_without_safe_water",
    "electricity": "liangshan.households_without_electricity",
    "radio and television": "liangshan.households_without_radio_tv",
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def season_days(first_month: int, last_month: int, year: int = SEASON_YEAR) -> int:
    """Days from the first day of ``first_month`` to the last day of ``last_month`` of ``year``.

    A helper to count other building seasons (months 1-12, ``first_month`` not after
    ``last_month``); ``season_days(3, 11)`` is the default of ``construction_season_days``.

    Raises:
        ValueError: months outside 1-12 or in the wrong order.
    """
    if not (1 <= first_month <= last_month <= 12):
        raise ValueError(f"months must satisfy 1 <= first_month <= last_month <= 12 "
                         f"(got {first_month!r}, {last_month!r})")
    start = _dt.date(year, first_month, 1)
    end = _dt.date(year + 1, 1, 1) if last_month == 12 else _dt.date(year, last_month + 1, 1)
    return (end - start).days


def season_length(season_days: int | None = None) -> int:
    """``season_days`` checked against the assumption's limits (``None``: the default)."""
    a = assumptions.get("construction_season_days")
    return a.check(assumptions.default(a.name) if season_days is None else season_days)


def season_start(season_days: int | None = None) -> _dt.date:
    """First day of a season of ``season_days`` days that ends on 30 November 2019."""
    end = _dt.date(SEASON_YEAR, SEASON_END_MONTH, SEASON_END_DAY)
    return end - _dt.timedelta(days=season_length(season_days) - 1)


def season_words(season_days: int | None = None) -> str:
    """The months of a building season of ``season_days`` days ending on 30 November, in words.

    A season that starts on the first of a month is named by its months ("March to
    November" for 275 days); one that starts mid-month by its first and last days ("5
    February to 30 November" for 299 days); a season of a year or more is "all year round".

    Raises:
        ValueError: a length outside the assumption's limits (1-366 days) or not whole.
    """
    days = season_length(season_days)
    if days >= 365:
        return "all year round"
    start = season_start(days)
    last = _MONTHS[SEASON_END_MONTH - 1]
    if start.day == 1:
        first = _MONTHS[start.month - 1]
        return last if first == last else f"{first} to {last}"
    return f"{start.day} {_MONTHS[start.month - 1]} to {SEASON_END_DAY} {last}"


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


def homes_against_households(census_year: str = "2020") -> pd.DataFrame:
    """The homes still to build set against the prefecture's census family households.

    Returns:
        Columns ``homes`` ("all safe homes", "for relocation"), ``count`` (homes, register),
        ``family_households`` (census ``census_year``, S01), ``per_household`` (0-1).
    """
    households, _ = counties.prefecture_census("family_households", census_year)
    rows = [("all safe homes", register.value("liangshan.safe_homes_needed")),
            ("for relocation", register.value("liangshan.relocation_homes_needed"))]
    frame = pd.DataFrame(rows, columns=["homes", "count"])
    frame["family_households"] = households
    frame["per_household"] = frame["count"] / households
    return frame


#: Census populations the rehoused count is set against, as (label, indicator, census year).
REHOUSED_BASES = (("rural residents", "rural_population", "2010"),
                  ("rural residents", "rural_population", "2020"),
                  ("all residents", "resident_population", "2020"))


def rehoused_against_census(bases=REHOUSED_BASES) -> pd.DataFrame:
    """The rural residents rehoused, set against census populations of Liangshan.

    ``liangshan.rural_residents_rehoused`` (a cumulative count of people who moved, as of the
    article, 2019) divided by a census population of the prefecture (adcode 513400,
    ``county_indicators.csv``, source S01): the rural residents of 2010 and 2020 and all
    residents of 2020.

    Caveats (the ``basis`` column states them): the counts have different bases and dates.
    The rehoused count may include people moved in earlier years and people who have since
    become urban residents, or who live outside the prefecture; the census counts people where
    they lived on census day (1 November). The ratio is therefore an order of magnitude, not a
    share of one population.

    Args:
        bases: (label, indicator, census year) triples.

    Returns:
        Columns ``census_year``, ``base`` (the label), ``population`` (persons), ``rehoused``
        (persons), ``ratio`` (0-1 or above), ``basis``.

    Raises:
        KeyError: a census year or indicator with no row for the prefecture.
    """
    rehoused = register.value("liangshan.rural_residents_rehoused")
    rows = []
    for label, indicator, year in bases:
        pop, source = counties.prefecture_census(indicator, str(year))
        rows.append((str(year), label, pop, rehoused, rehoused / pop,
                     f"rehoused: cumulative count to 2019 (register); {label}: census "
                     f"{year}, 1 November ({source})"))
    return pd.DataFrame(rows, columns=["census_year", "base", "population", "rehoused",
                                       "ratio", "basis"])


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


def bricks_per_season(season_days: int | None = None) -> float:
    """Bricks Butuo's sites use in one season: ``butuo.brick_demand`` times ``season_days``.

    Args:
        season_days: days of full demand, an ASSUMPTION (``None``: the default of
            ``construction_season_days``); the article gives no season length.
    """
    return register.value("butuo.brick_demand") * season_length(season_days)


def brick_extra_cost_per_season(season_days: int | None = None) -> float:
    """Extra brick cost over one building season, in yuan.

    :func:`brick_extra_cost_per_day` times ``season_days``.

    Args:
        season_days: days of full brick demand per season - an ASSUMPTION (``None``: the
            default of ``construction_season_days``); the article gives no season length.

    Raises:
        ValueError: a season outside 1-366 days, or not a whole number of days.
    """
    return float(brick_extra_cost_per_day() * season_length(season_days))


def brick_cost_by_season_length(days=None, season_days: int | None = None) -> pd.DataFrame:
    """Extra brick cost per season for a range of season lengths.

    Args:
        days: season lengths in days; by default every tenth day of :data:`SEASON_AXIS_DAYS`
            plus ``season_days`` and both ends of the assumption's range.
        season_days: the season the chapter uses (``None``: the default), marked.

    Returns:
        Columns ``season_days``, ``extra_cost_yuan``, ``is_chapter_value``.
    """
    chosen = season_length(season_days)
    if days is None:
        lo, hi = SEASON_AXIS_DAYS
        a = assumptions.get("construction_season_days")
        days = sorted(set(range(lo, hi + 1, 10)) | {hi, chosen, int(a.low), int(a.high)})
    days = np.array([season_length(d) for d in days], dtype=float)
    return pd.DataFrame({
        "season_days": days,
        "extra_cost_yuan": brick_extra_cost_per_day() * days,
        "is_chapter_value": days == chosen,
    })


def brick_season_check(season_days: int | None = None, bricks_per_home: int | None = None,
                       census_year: str = "2020") -> pd.DataFrame:
    """Is a whole season at the daily demand plausible? The season's bricks set against the
    homes still to build in the whole prefecture and against Butuo's households.

    Steps: bricks in a season (``butuo.brick_demand`` x ``season_days``); the homes they
    would build (divided by ``bricks_per_home``); those homes as a share of all the homes still
    to build in the prefecture (``liangshan.safe_homes_needed``), and per family household of
    Butuo (census, S01). Butuo's share of the prefecture's family households and of its
    low-income households are the yardsticks for the county's part of the homes.

    Args:
        season_days: the season length (``None``: default of ``construction_season_days``).
        bricks_per_home: bricks one home takes (``None``: default of ``bricks_per_home``).
        census_year: census year of the household counts.

    Returns:
        Columns ``key``, ``quantity``, ``value``, ``unit``, ``arithmetic`` (the step written
        out with its numbers), one row per step.
    """
    days = season_length(season_days)
    per_home = assumptions.get("bricks_per_home").check(
        assumptions.default("bricks_per_home") if bricks_per_home is None else bricks_per_home)
    demand = register.value("butuo.brick_demand")
    bricks = bricks_per_season(days)
    homes = bricks / per_home
    to_build = register.value("liangshan.safe_homes_needed")
    butuo_hh, _ = counties.census(BUTUO, "family_households", census_year)
    pref_hh, _ = counties.prefecture_census("family_households", census_year)
    low_butuo = register.value("butuo.households_income_below_4000")
    low_all = register.value("liangshan.households_income_below_4000")
    n = number
    rows = [
        ("bricks", "bricks in one season", bricks, "bricks",
         f"{n(demand)} a day x {days} days"),
        ("homes", "homes those bricks would build", homes, "homes",
         f"{n(bricks)} / {n(per_home)} bricks a home"),
        ("to_build", "homes still to build, whole prefecture", to_build, "homes",
         "the article's count"),
        ("share_of_to_build", "season's homes against the prefecture's homes to build",
         homes / to_build, "share", f"{n(round(homes))} / {n(to_build)}"),
        ("per_butuo_household", "season's homes per family household of Butuo",
         homes / butuo_hh, "share", f"{n(round(homes))} / {n(butuo_hh)} (census {census_year})"),
        ("butuo_household_share", "Butuo's share of the prefecture's family households",
         butuo_hh / pref_hh, "share", f"{n(butuo_hh)} / {n(pref_hh)} (census {census_year})"),
        ("butuo_low_income_share", "Butuo's share of the prefecture's low-income households",
         low_butuo / low_all, "share", f"{n(low_butuo)} / {n(low_all)}"),
    ]
    return pd.DataFrame(rows, columns=["key", "quantity", "value", "unit", "arithmetic"])


# ----------------------------------------------------------------------------- utilities


def utility_gaps(census_year: str = "2020") -> pd.DataFrame:
    """Households still without safe water, electricity, or radio and television.

    Each count is set against the prefecture's family households of the census of
    ``census_year`` (S01): the share is of all family households, urban ones included, so
    that the share of rural households lacking a service is larger.

    Returns:
        Columns ``service``, ``households_without``, ``fact_id``, ``family_households``,
        ``share_of_households`` (0-1); sorted from the largest gap.
    """
    households, _ = counties.prefecture_census("family_households", census_year)
    rows = [(label, register.value(fid), fid) for label, fid in UTILITY_FACTS.items()]
    frame = pd.DataFrame(rows, columns=["service", "households_without", "fact_id"])
    frame["family_households"] = households
    frame["share_of_households"] = frame["households_without"] / households
    return frame.sort_values("households_without", ascending=False, ignore_index=True)
