"""How fast poverty fell (section I of the article) and what that pace implied for 2020.

Inputs are register rows (read by ``fact_id``, see :data:`RATE_FACTS` and
:data:`LIANGSHAN_COUNTS`) and two context tables: the national rural poverty series of the NBS
sample survey (``poverty_national.csv``) and the registered-poor series of Sichuan and Liangshan
(``poverty_sichuan_liangshan.csv``, administrative register). The two kinds of series measure
different things and every frame returned here says which one a row comes from (column
``measure``).

Time convention: a period ``"YYYY-end"`` is the end of year YYYY and is placed at ``YYYY`` on a
time axis of years; a span between two such periods is their difference in years (late 2013 to
late 2018 is 5 years). The deadline :data:`DEADLINE_YEAR` is on the same axis (end of 2020).

The only constant is :data:`DEADLINE_YEAR`, the national target year (a policy date, not a
number of the article). Units: percent and percentage points (``pp``) for rates, persons for
counts, years for spans, ``percent per year`` for compound rates.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data import context, register
from analysis.data.problems import DataError, Problem

#: Year by whose end absolute rural poverty was to be eliminated — the national target set by
#: the central government's 2015 decision on winning the fight against poverty (the article
#: itself speaks of winning "by 2020"). Read as the end of that year.
DEADLINE_YEAR = 2020

#: Measure labels, shown in every table and figure legend.
MEASURE_REGISTER = "poverty register (administrative)"
MEASURE_SURVEY = "NBS sample survey"

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


def rate_changes(deadline_year: int = DEADLINE_YEAR) -> pd.DataFrame:
    """Poverty rates at the end of 2013 and 2018 for Liangshan, Butuo and Jinyang.

    Uses the register rows of :data:`RATE_FACTS` (administrative register measure).

    Args:
        deadline_year: year by whose end the rate was to reach zero (default the national
            target, :data:`DEADLINE_YEAR`).

    Returns:
        One row per place with columns place, fact_start, fact_end, year_start, year_end,
        rate_start,
        rate_end (percent), years, change_pp (percentage points, negative for a fall),
        change_relative_pct (percent of the start rate), cagr_pct (compound annual change,
        percent per year), pace_achieved_pp (points per year, linear), years_left (to the
        deadline), pace_needed_pp (points per year needed to reach zero by the deadline),
        pace_ratio (needed / achieved), measure.
    """
    rows = []
    for place, (f0, f1) in RATE_FACTS.items():
        r0, r1 = register.value(f0), register.value(f1)
        years = span_years(f0, f1)
        y1 = period_year(register.fact(f1).period)
        left = deadline_year - y1
        if left <= 0:
            raise ValueError(f"deadline year {deadline_year} is not after {y1}")
        achieved = (r0 - r1) / years
        needed = r1 / left
        rows.append({
            "place": place, "fact_start": f0, "fact_end": f1,
            "year_start": y1 - years, "year_end": y1,
            "rate_start": r0, "rate_end": r1, "years": years,
            "change_pp": r1 - r0,
            "change_relative_pct": (r1 - r0) / r0 * 100.0,
            "cagr_pct": compound_annual_change(r0, r1, years),
            "pace_achieved_pp": achieved,
            "years_left": left,
            "pace_needed_pp": needed,
            "pace_ratio": needed / achieved,
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


# ----------------------------------------------------------------------------- context series


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
    """Sichuan's and Liangshan's registered-poor series (administrative register), tidy.

    Args:
        geography: keep one geography (``"Sichuan"``, ``"Liangshan"``...), when given.

    Returns:
        The primary rows of ``poverty_sichuan_liangshan.csv`` for the indicators
        ``registered_poor_population`` (persons), ``poverty_incidence`` (percent) and
        ``cumulative_poor_lifted_from_2013_baseline`` (persons): geography, year (int), period,
        indicator, value, unit, source_id, note, measure (:data:`MEASURE_REGISTER`).

    Raises:
        KeyError: no row for ``geography``.
    """
    frame = context.poverty_sichuan_liangshan(primary_only=True)
    inds = ["registered_poor_population", "poverty_incidence",
            "cumulative_poor_lifted_from_2013_baseline"]
    out = frame[frame["indicator"].isin(inds)].copy()
    if geography is not None:
        out = out[out["geography"] == geography]
        if out.empty:
            raise KeyError(f"no registered-poor rows for geography {geography!r}")
    out["year"] = out["year"].astype(int)
    out["measure"] = MEASURE_REGISTER
    cols = ["geography", "year", "period", "indicator", "value", "unit", "source_id", "note",
            "measure"]
    return out[cols].sort_values(["geography", "indicator", "year"]).reset_index(drop=True)


def register_value(geography: str, year: int, indicator: str) -> tuple[float, str]:
    """One year-end value of the register series and its source id.

    Raises:
        KeyError: no such primary row at the end of ``year``.
    """
    frame = register_series(geography)
    hit = frame[(frame["year"] == year) & (frame["indicator"] == indicator)
                & (frame["period"] == "end of year")]
    if len(hit) != 1:
        raise KeyError(f"no end-of-year row for {geography} {indicator} {year} in "
                       "poverty_sichuan_liangshan.csv")
    return float(hit["value"].iloc[0]), str(hit["source_id"].iloc[0])


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


# ----------------------------------------------------------------------------- national fit


@dataclass(frozen=True)
class TrendFit:
    """A log-linear OLS trend, ``log(poor) = a + b * year``, and what it implies.

    This treats a published series as a smooth trend: the intervals describe how well one
    constant rate fits the points, not the sampling error of the survey (which the published
    series does not report).

    Attributes:
        start: first year fitted.
        end: last year fitted.
        n: number of points.
        slope: b (log units per year); slope_low and slope_high are its confidence interval.
        annual_change_pct: ``exp(b) - 1`` in percent per year (negative for a fall);
            annual_change_low and annual_change_high are its interval.
        half_life: years for the stock to halve, ``log(0.5) / b``; half_life_low and
            half_life_high are its interval (from the ends of b's interval).
        r_squared: share of the variance of log(poor) explained.
        level: confidence level (0.95).
        model: the fitted statsmodels results object.
    """

    start: int
    end: int
    n: int
    slope: float
    slope_low: float
    slope_high: float
    annual_change_pct: float
    annual_change_low: float
    annual_change_high: float
    half_life: float
    half_life_low: float
    half_life_high: float
    r_squared: float
    level: float
    model: object


def national_trend_fit(start: int = 2012, end: int = 2019, level: float = 0.95) -> TrendFit:
    """Fit a constant-rate (log-linear OLS) trend to the national rural poor, NBS survey.

    Args:
        start, end: years fitted (default 2012 to 2019, the survey years before the 2020
            declaration of zero, which a log cannot take).
        level: confidence level of the intervals.

    Raises:
        ValueError: fewer than three years, or a year with zero poor people.
    """
    import statsmodels.api as sm

    nat = national_series(start, end)
    pop = nat[nat["indicator"] == "rural_poor_population"].sort_values("year")
    if len(pop) < 3:
        raise ValueError(f"need at least three years to fit a trend, got {len(pop)}")
    if (pop["value"] <= 0).any():
        raise ValueError("a log-linear trend needs positive counts; drop the 2020 zero")
    x = sm.add_constant(pop["year"].to_numpy(dtype=float) - start)
    y = np.log(pop["value"].to_numpy(dtype=float))
    res = sm.OLS(y, x).fit()
    lo, hi = res.conf_int(alpha=1.0 - level)[1]
    b = float(res.params[1])
    # a steeper (more negative) slope gives a shorter half-life
    return TrendFit(
        start=start, end=end, n=len(pop), slope=b, slope_low=float(lo), slope_high=float(hi),
        annual_change_pct=math.expm1(b) * 100.0, annual_change_low=math.expm1(lo) * 100.0,
        annual_change_high=math.expm1(hi) * 100.0,
        half_life=math.log(0.5) / b, half_life_low=math.log(0.5) / lo,
        half_life_high=math.log(0.5) / hi, r_squared=float(res.rsquared), level=level,
        model=res)


def trend_band(fit: TrendFit, years=None) -> pd.DataFrame:
    """Fitted national rural poor and the confidence band of the fitted mean, by year.

    Returns:
        Columns year, fitted, lower, upper (persons), back-transformed from the log scale.
    """
    years = np.arange(fit.start, fit.end + 1) if years is None else np.asarray(years)
    x = np.column_stack([np.ones(len(years)), years.astype(float) - fit.start])
    pred = fit.model.get_prediction(x).summary_frame(alpha=1.0 - fit.level)
    return pd.DataFrame({"year": years, "fitted": np.exp(pred["mean"].to_numpy()),
                         "lower": np.exp(pred["mean_ci_lower"].to_numpy()),
                         "upper": np.exp(pred["mean_ci_upper"].to_numpy())})


def fit_table(fit: TrendFit) -> pd.DataFrame:
    """The fit's headline numbers as a tidy frame: quantity, estimate, low, high, unit."""
    pct = f"{fit.level:.0%}"
    return pd.DataFrame([
        {"quantity": "annual change", "estimate": fit.annual_change_pct,
         "low": fit.annual_change_low, "high": fit.annual_change_high,
         "unit": "percent per year", "interval": pct},
        {"quantity": "half-life", "estimate": fit.half_life, "low": fit.half_life_low,
         "high": fit.half_life_high, "unit": "years", "interval": pct},
    ])


# ----------------------------------------------------------------------------- extrapolation


def liangshan_extrapolation(deadline_year: int = DEADLINE_YEAR) -> pd.DataFrame:
    """What Liangshan's 2013-2018 pace implied for each year-end up to the deadline.

    Two readings of "the pace", each applied to the poor population (persons) and to the
    poverty rate (percent), from the register rows of :data:`LIANGSHAN_COUNTS`:

    * ``linear``: the same absolute fall every year (persons or points per year), floored at 0;
    * ``constant rate``: the same proportional fall every year (compound rate).

    Returns:
        Tidy rows with columns quantity (``poor_population`` / ``poverty_rate``), method, year,
        value,
        unit. Years run from the last register year to ``deadline_year``; the register years
        themselves appear with method ``article``.
    """
    (y0, (c0f, r0f)), (y1, (c1f, r1f)) = sorted(LIANGSHAN_COUNTS.items())
    years = span_years(c0f, c1f)
    rows = []
    for quantity, f0, f1, unit in (("poor_population", c0f, c1f, "persons"),
                                   ("poverty_rate", r0f, r1f, "percent")):
        v0, v1 = register.value(f0), register.value(f1)
        rows += [{"quantity": quantity, "method": "article", "year": y0, "value": v0,
                  "unit": unit},
                 {"quantity": quantity, "method": "article", "year": y1, "value": v1,
                  "unit": unit}]
        step = (v0 - v1) / years
        factor = (v1 / v0) ** (1.0 / years)
        for year in range(y1, deadline_year + 1):
            k = year - y1
            rows.append({"quantity": quantity, "method": "linear", "year": year,
                         "value": max(v1 - step * k, 0.0), "unit": unit})
            rows.append({"quantity": quantity, "method": "constant rate", "year": year,
                         "value": v1 * factor ** k, "unit": unit})
    return pd.DataFrame(rows)


def official_end_2019() -> pd.DataFrame:
    """Liangshan's end-2019 registered poor and poverty incidence from the context table.

    Returns:
        Rows quantity (``poor_population`` / ``poverty_rate``), year, value, unit, source_id,
        measure (administrative register, as reported by the press; see sources.csv).
    """
    pop, s_pop = register_value("Liangshan", 2019, "registered_poor_population")
    rate, s_rate = register_value("Liangshan", 2019, "poverty_incidence")
    return pd.DataFrame([
        {"quantity": "poor_population", "year": 2019, "value": pop, "unit": "persons",
         "source_id": s_pop, "measure": MEASURE_REGISTER},
        {"quantity": "poverty_rate", "year": 2019, "value": rate, "unit": "percent",
         "source_id": s_rate, "measure": MEASURE_REGISTER},
    ])


def extrapolation_vs_official(year: int = 2019) -> pd.DataFrame:
    """Both extrapolations for ``year`` against the official end-2019 figures.

    Returns:
        One row per quantity with columns quantity, unit, linear, constant_rate, official,
        source_id,
        official_minus_linear, official_minus_constant (same units).
    """
    ext = liangshan_extrapolation()
    off = official_end_2019().set_index("quantity")
    rows = []
    for quantity in ("poor_population", "poverty_rate"):
        sel = ext[(ext["quantity"] == quantity) & (ext["year"] == year)].set_index("method")
        lin, con = sel.loc["linear", "value"], sel.loc["constant rate", "value"]
        o = off.loc[quantity, "value"]
        rows.append({"quantity": quantity, "unit": off.loc[quantity, "unit"], "linear": lin,
                     "constant_rate": con, "official": o,
                     "source_id": off.loc[quantity, "source_id"],
                     "official_minus_linear": o - lin, "official_minus_constant": o - con})
    return pd.DataFrame(rows)


def trend_summary_table() -> pd.DataFrame:
    """The chapter's table of trend numbers: article places, then Sichuan and China.

    Returns:
        Readable columns (units in the names), namely Place, Measure, Rate end-2013 (%),
        Rate end-2018 (%), Change (pp), Relative change (%), Compound change (% per year),
        Pace achieved (pp per year), Pace needed to reach zero by the deadline (pp per year;
        "n/a" for the comparison rows, which the chapter does not extrapolate).
    """
    art = rate_changes()
    cmp_ = comparison_rates(int(art["year_start"].iloc[0]), int(art["year_end"].iloc[0]))
    cmp_["pace_needed_pp"] = np.nan
    frame = pd.concat([art, cmp_], ignore_index=True)
    needed = f"Pace needed for zero by end-{DEADLINE_YEAR} (pp per year)"
    y0, y1 = int(art["year_start"].iloc[0]), int(art["year_end"].iloc[0])
    out = pd.DataFrame({
        "Place": frame["place"],
        "Measure": frame["measure"],
        f"Rate end-{y0} (%)": frame["rate_start"].map(lambda v: f"{v:.1f}"),
        f"Rate end-{y1} (%)": frame["rate_end"].map(lambda v: f"{v:.1f}"),
        "Change (pp)": frame["change_pp"].map(lambda v: f"{v:+.1f}"),
        "Relative change (%)": frame["change_relative_pct"].map(lambda v: f"{v:+.1f}"),
        "Compound change (% per year)": frame["cagr_pct"].map(lambda v: f"{v:+.1f}"),
        "Pace achieved (pp per year)": frame["pace_achieved_pp"].map(lambda v: f"{v:.2f}"),
        needed: frame["pace_needed_pp"].map(lambda v: "n/a" if pd.isna(v) else f"{v:.2f}"),
    })
    return out
