"""How fast poverty fell (section I of the article) and what that pace implied for 2020.

Inputs are register rows (read by ``fact_id``, see :data:`RATE_FACTS` and
:data:`LIANGSHAN_COUNTS`) and context tables: the national rural poverty series of the NBS
sample survey (``poverty_national.csv``), the poverty-roll series of Sichuan and Liangshan
(``poverty_sichuan_liangshan.csv``, the administrative list of registered poor households,
建档立卡) and the county exit rule (``poverty_exit_rules.csv``). The two kinds of series
measure different things and every frame returned here says which one a row comes from
(column ``measure``). The national series' models are in
:mod:`analysis.domain.national_models`; the poverty roll's stock and flows in
:mod:`analysis.domain.roll`.

Time convention: a period ``"YYYY-end"`` is the end of year YYYY and is placed at ``YYYY`` on a
time axis of years; a span between two such periods is their difference in years (late 2013 to
late 2018 is 5 years). The deadline :data:`DEADLINE_YEAR` is on the same axis (end of 2020).
How many months before the year's end the article's "late" stands is an assumption
(``late_year_months_before_end`` in :mod:`analysis.domain.assumptions`); reading both years
alike, it changes the time left before the deadline, not the span.

Two benchmarks of "done" measure the pace needed: the roll's rate down to zero (every
registered household out) and down to the county exit threshold (a poverty county left the
national list when its incidence fell below it; :func:`exit_threshold`). Units: percent and
percentage points (``pp``) for rates, persons for counts, years for spans, ``percent per year``
for compound rates.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.data import context, register
from analysis.data.problems import DataError, Problem
from analysis.domain import assumptions
from analysis.domain.series import (  # noqa: F401  (public names of this module too)
    MEASURE_REGISTER,
    MEASURE_SURVEY,
    national_series,
    register_series,
    register_value,
)

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("facts.csv", "datapackage.json", "context/*")

#: Year by whose end absolute rural poverty was to be eliminated — the national target set by
#: the central government's 2015 decision on winning the fight against poverty (the article
#: itself speaks of winning "by 2020"). Read as the end of that year. A policy date, not an
#: assumption.
DEADLINE_YEAR = 2020

#: Poverty-rate rows of the register, by place — (end-2013 fact, end-2018 fact).
RATE_FACTS = {
    "Liangshan": ("liangshan.poverty_rate.2013", "liangshan.poverty_rate.2018"),
    "Butuo": ("butuo.poverty_rate.2013", "butuo.poverty_rate.2018"),
    "Jinyang": ("jinyang.poverty_rate.2013", "jinyang.poverty_rate.2018"),
}
#: Liangshan's registered-poor counts and rates, by year-end — (count fact, rate fact).
LIANGSHAN_COUNTS = {
    2013: ("liangshan.poor_population.2013", "liangshan.poverty_rate.2013"),
    2018: ("liangshan.poor_population.2018", "liangshan.poverty_rate.2018"),
}
#: The register's cumulative number lifted out of poverty (by the time of writing, 2019).
LIFTED_FACT = "liangshan.poor_lifted"

_PERIOD = re.compile(r"^(?P<year>(19|20)\d\d)-end$")


# ----------------------------------------------------------------------------- arithmetic


def period_year(period: str) -> int:
    """The year of a year-end period ``"YYYY-end"`` (placed at YYYY on the time axis).

    Raises:
        DataError: the period is not a year-end period (e.g. ``"2019"`` or ``"2016/2018"``).
    """
    m = _PERIOD.match(str(period))
    if not m:
        raise DataError(Problem("facts.csv", None, "period", repr(period),
                                "a year-end period such as '2013-end'"))
    return int(m.group("year"))


def span_years(start_fact: str, end_fact: str) -> int:
    """Years between the periods of two register rows (late 2013 to late 2018 -> 5).

    Raises:
        DataError: a period is not a year-end period, or the end is not after the start.
    """
    y0 = period_year(register.fact(start_fact).period)
    y1 = period_year(register.fact(end_fact).period)
    if y1 <= y0:
        raise DataError(Problem("facts.csv", end_fact, "period", str(y1),
                                f"a year after {y0}, the period of {start_fact}"))
    return y1 - y0


def compound_annual_change(start: float, end: float, years: float) -> float:
    """Compound annual rate of change from ``start`` to ``end`` over ``years``, in percent.

    ``(end / start) ** (1 / years) - 1``, times 100: negative for a fall. Works for rates (in
    percent) and for counts alike.

    Raises:
        ValueError: a non-positive start, a negative end, or a non-positive span.
    """
    if not start > 0:
        raise ValueError(f"start must be positive, got {start!r}")
    if not end >= 0:
        raise ValueError(f"end must not be negative, got {end!r}")
    if not years > 0:
        raise ValueError(f"years must be positive, got {years!r}")
    return ((end / start) ** (1.0 / years) - 1.0) * 100.0


def implied_base(count: float, rate_percent: float) -> float:
    """Population base implied by a count and the rate it represents: count / (rate / 100).

    Raises:
        ValueError: a rate outside (0, 100] or a negative count.
    """
    if not 0 < rate_percent <= 100:
        raise ValueError(f"rate must lie in (0, 100] percent, got {rate_percent!r}")
    if count < 0:
        raise ValueError(f"count must not be negative, got {count!r}")
    return count / (rate_percent / 100.0)


# ----------------------------------------------------------------------------- section I


def exit_threshold(region: str = "Sichuan") -> tuple[float, str]:
    """The incidence (percent) below which a poverty county of ``region`` could leave the
    national list, and the source id (context table ``poverty_exit_rules.csv``).

    Raises:
        KeyError: no county rule for ``region`` (the message lists the regions).
    """
    rules = context.poverty_exit_rules()
    hit = rules[(rules["exit_of"] == "county") & (rules["region"] == region)]
    if len(hit) != 1:
        raise KeyError(f"no county exit rule for region {region!r} in poverty_exit_rules.csv; "
                       f"the regions are {sorted(rules['region'].dropna())}")
    return float(hit["threshold"].iloc[0]), str(hit["source_id"].iloc[0])


def late_date_words(months: int | None = None) -> str:
    """The date a "late YYYY" figure stands at, in words: ``the end of December`` for 0
    months before the year's end, ``the end of September`` for 3 (None: the default of
    ``late_year_months_before_end``)."""
    import calendar

    m = assumptions.default("late_year_months_before_end") if months is None \
        else assumptions.get("late_year_months_before_end").check(months)
    return f"the end of {calendar.month_name[12 - m]}"


def years_left(end_year: int, deadline_year: int = DEADLINE_YEAR,
               late_months: int | None = None) -> float:
    """Years from a figure dated "late" ``end_year`` to the end of ``deadline_year``.

    Args:
        end_year: the year of the figure.
        deadline_year: the year by whose end the target falls due.
        late_months: months before 31 December that "late" stands (None: the assumption's
            default, ``late_year_months_before_end``).

    Raises:
        ValueError: the deadline is not after the figure.
    """
    months = assumptions.default("late_year_months_before_end") if late_months is None \
        else assumptions.get("late_year_months_before_end").check(late_months)
    left = deadline_year - end_year + months / 12.0
    if left <= 0:
        raise ValueError(f"deadline year {deadline_year} is not after {end_year}")
    return left


def rate_changes(deadline_year: int = DEADLINE_YEAR,
                 late_months: int | None = None) -> pd.DataFrame:
    """Poverty rates at the end of 2013 and 2018 for Liangshan, Butuo and Jinyang, and the
    pace each needed against the two benchmarks of "done".

    Uses the register rows of :data:`RATE_FACTS` (poverty-roll measure) and the county exit
    threshold of Sichuan (:func:`exit_threshold`). The threshold is a county rule; for the
    prefecture's rate it is a guide (every county below it puts the prefecture below it, not
    the reverse).

    Args:
        deadline_year: year by whose end the rate was to reach zero (default the national
            target, :data:`DEADLINE_YEAR`).
        late_months: months before the year's end that "late 2013" and "late 2018" stand
            (None: the default of ``late_year_months_before_end``).

    Returns:
        One row per place with columns place, level (county or prefecture), fact_start,
        fact_end, year_start, year_end, rate_start, rate_end (percent), years, change_pp
        (percentage points, negative for a fall), change_relative_pct (percent of the start
        rate), cagr_pct (compound annual change, percent per year), pace_achieved_pp (points
        per year, linear), years_left (to the end of the deadline year), pace_needed_pp
        (points per year to reach zero), pace_ratio (needed / achieved), threshold (the
        county exit threshold, percent), threshold_source, pace_needed_threshold_pp (points
        per year to fall below the threshold; 0 if already below), pace_ratio_threshold,
        measure.
    """
    threshold, threshold_source = exit_threshold("Sichuan")
    facts = register.load_facts()
    rows = []
    for place, (f0, f1) in RATE_FACTS.items():
        r0, r1 = register.value(f0), register.value(f1)
        years = span_years(f0, f1)
        y1 = period_year(register.fact(f1).period)
        left = years_left(y1, deadline_year, late_months)
        achieved = (r0 - r1) / years
        needed = r1 / left
        needed_threshold = max(r1 - threshold, 0.0) / left
        rows.append({
            "place": place, "level": str(facts.loc[f1, "place_level"]),
            "fact_start": f0, "fact_end": f1,
            "year_start": y1 - years, "year_end": y1,
            "rate_start": r0, "rate_end": r1, "years": years,
            "change_pp": r1 - r0,
            "change_relative_pct": (r1 - r0) / r0 * 100.0,
            "cagr_pct": compound_annual_change(r0, r1, years),
            "pace_achieved_pp": achieved,
            "years_left": left,
            "pace_needed_pp": needed,
            "pace_ratio": needed / achieved,
            "threshold": threshold, "threshold_source": threshold_source,
            "pace_needed_threshold_pp": needed_threshold,
            "pace_ratio_threshold": needed_threshold / achieved,
            "measure": MEASURE_REGISTER,
        })
    return pd.DataFrame(rows)


def implied_bases() -> pd.DataFrame:
    """Population bases implied by Liangshan's poor counts and poverty rates (2013, 2018).

    base = count / (rate / 100), from the register rows of :data:`LIANGSHAN_COUNTS`.

    Returns:
        One row per year with columns year, fact_count, fact_rate, poor_population (persons), rate
        (percent), implied_base (persons), base_change_pct (percent change from the first
        year; 0 for the first).
    """
    rows = []
    for year, (fc, fr) in LIANGSHAN_COUNTS.items():
        count, rate = register.value(fc), register.value(fr)
        rows.append({"year": year, "fact_count": fc, "fact_rate": fr,
                     "poor_population": count, "rate": rate,
                     "implied_base": implied_base(count, rate)})
    out = pd.DataFrame(rows).sort_values("year").reset_index(drop=True)
    out["base_change_pct"] = (out["implied_base"] / out["implied_base"].iloc[0] - 1.0) * 100.0
    return out


def stock_flow() -> dict:
    """Liangshan's fall in the poor stock against the number said to have left poverty.

    Returns:
        A dict (persons), with keys ``stock_2013``, ``stock_2018``, ``fall`` (2013 minus 2018),
        ``lifted`` (register row :data:`LIFTED_FACT`), ``gap`` (lifted minus fall: the entries
        to the register after 2013 that close the identity stock_2013 + entries - lifted =
        stock_2018, if every other item is exact).
    """
    s0 = register.value(LIANGSHAN_COUNTS[2013][0])
    s1 = register.value(LIANGSHAN_COUNTS[2018][0])
    lifted = register.value(LIFTED_FACT)
    return {"stock_2013": s0, "stock_2018": s1, "fall": s0 - s1, "lifted": lifted,
            "gap": lifted - (s0 - s1)}


# ----------------------------------------------------------------------------- comparison


def comparison_rates(start: int = 2013, end: int = 2018) -> pd.DataFrame:
    """Sichuan (register) and China (survey) poverty rates over the same span as the article.

    Returns:
        Rows shaped like :func:`rate_changes` (without fact columns) for ``Sichuan`` and
        ``China (rural)``, each labelled with its measure and source ids.
    """
    rows = []
    s0, src0 = register_value("Sichuan", start, "poverty_incidence")
    s1, src1 = register_value("Sichuan", end, "poverty_incidence")
    rows.append(("Sichuan", s0, s1, MEASURE_REGISTER, f"{src0}; {src1}"))
    nat = national_series(start, end)
    inc = nat[nat["indicator"] == "poverty_incidence"].set_index("year")
    if start not in inc.index or end not in inc.index:
        raise KeyError(f"national incidence lacks {start} or {end}")
    rows.append(("China (rural)", inc.loc[start, "value"], inc.loc[end, "value"], MEASURE_SURVEY,
                 f"{inc.loc[start, 'source_id']}; {inc.loc[end, 'source_id']}"))
    years = end - start
    out = []
    for place, r0, r1, measure, src in rows:
        out.append({"place": place, "year_start": start, "year_end": end,
                    "rate_start": float(r0), "rate_end": float(r1), "years": years,
                    "change_pp": r1 - r0, "change_relative_pct": (r1 - r0) / r0 * 100.0,
                    "cagr_pct": compound_annual_change(r0, r1, years),
                    "pace_achieved_pp": (r0 - r1) / years, "measure": measure,
                    "source_ids": src})
    return pd.DataFrame(out)
