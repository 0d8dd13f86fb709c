"""Income and labour in Liangshan (section II of the article): what its numbers imply.

Every input is a row of the register (:mod:`analysis.data.register`), read by ``fact_id``, or a
census count of the context tables (family households, the base of the low-income rates); the
only constant of this module is a unit conversion (:data:`MU_PER_HECTARE`). The functions
compute:

* the yearly earnings of the registered-poor migrant workers, as workers times their average
  earnings (:func:`migrant_earnings_total`);
* the rural labour force implied by the number of workers transferred and the transfer rate, the
  Sichuan average rate, and the workers Liangshan would have transferred at that average
  (:func:`labour_transfer_table`);
* low-income households by county, as counts, as shares of the prefecture's total and as
  rates per census family household (:func:`low_income_households_by_county`,
  :func:`low_income_rate`);
* the income mark beside the national poverty line (:func:`income_mark_vs_poverty_line`);
* the land a household holds, in hectares and mu (:func:`land_holdings`);
* the monthly pension and old-age subsidy due at a given age (:func:`monthly_old_age_support`).

Units are written in every table (``unit`` column or a unit in the column name).
"""
from __future__ import annotations

import numbers

import pandas as pd

from analysis.data import context, register
from analysis.data.context import PREFECTURE
from analysis.domain import counties

#: Mu (亩) in one hectare. The Chinese land unit mu is defined as one fifteenth of a hectare
#: (666.67 square metres); this is the standard definition of the unit, not a number of the
#: article.
MU_PER_HECTARE = 15.0

#: County codes of the two counties the author visited.
BUTUO, JINYANG = "513429", "513430"

#: Register rows used by this module (for the chapter and its tests).
FACT_IDS = (
    "liangshan.migrant_workers_registered_poor.2018",
    "liangshan.average_migrant_earnings.2018",
    "liangshan.labour_transferred.2018",
    "liangshan.transfer_rate.2018",
    "liangshan.transfer_rate_gap_to_province.2018",
    "liangshan.households_income_below_4000",
    "butuo.households_income_below_4000",
    "jinyang.households_income_below_4000",
    "liangshan.household_land",
    "liangshan.household_land_max",
    "liangshan.pension_age",
    "liangshan.pension_monthly",
    "liangshan.old_age_subsidy_age",
    "liangshan.old_age_subsidy",
)


# ----------------------------------------------------------------------------- migrant work


def migrant_earnings_total() -> float:
    """Yearly earnings of the registered-poor migrant workers of 2018, in yuan per year.

    Workers (``liangshan.migrant_workers_registered_poor.2018``) times their average yearly
    earnings (``liangshan.average_migrant_earnings.2018``). The product of a count and a mean is
    the total only if the mean is taken over the same workers; it says nothing about how the
    earnings are spread, nor how much of them reaches the households at home.
    """
    workers = register.value("liangshan.migrant_workers_registered_poor.2018")
    mean = register.value("liangshan.average_migrant_earnings.2018")
    return workers * mean


# ----------------------------------------------------------------------------- labour transfer


def implied_labour_force() -> float:
    """Rural labour force implied by the 2018 transfer count and rate, in persons.

    ``liangshan.labour_transferred.2018`` / (``liangshan.transfer_rate.2018`` / 100): the
    transfer rate is read as the transferred workers' share of the rural labour force.
    """
    transferred = register.value("liangshan.labour_transferred.2018")
    rate = register.value("liangshan.transfer_rate.2018") / 100.0
    return transferred / rate


def labour_force_against_bases() -> pd.DataFrame:
    """The implied rural labour force (:func:`implied_labour_force`) as a share of three
    population bases: the rural residents of the 2010 and 2020 censuses, and the base that the
    roll's 2018 count and rate imply (:func:`analysis.domain.trends.implied_bases`), which the
    book reads as a registered-residence (hukou) population.

    A labour force counts people of working age only, so a share near the whole population
    makes the base implausible for it.

    Returns:
        One row per base with columns base, year, population (persons), source,
        labour_force (persons), share (labour force / population).
    """
    from analysis.domain import trends  # here, not at the top: trends is a larger module

    lf = implied_labour_force()
    rows = []
    for year in ("2010", "2020"):
        pop, src = counties.prefecture_census("rural_population", year)
        rows.append({"base": "rural residents (census)", "year": int(year),
                     "population": pop, "source": src})
    b = trends.implied_bases().set_index("year")
    rows.append({"base": "implied by the roll's count and rate (registered residence)",
                 "year": 2018, "population": float(b.loc[2018, "implied_base"]),
                 "source": "the article"})
    out = pd.DataFrame(rows)
    out["labour_force"] = lf
    out["share"] = lf / out["population"]
    return out


def provincial_transfer_rate() -> float:
    """Sichuan's average labour transfer rate in 2018, in percent.

    Liangshan's rate plus the gap to the provincial average (``liangshan.transfer_rate.2018`` +
    ``liangshan.transfer_rate_gap_to_province.2018``).
    """
    return (register.value("liangshan.transfer_rate.2018")
            + register.value("liangshan.transfer_rate_gap_to_province.2018"))


def transfer_shortfall() -> float:
    """Workers Liangshan would have transferred in addition at the provincial rate, in persons.

    The implied labour force (:func:`implied_labour_force`) times the gap in percentage points
    (``liangshan.transfer_rate_gap_to_province.2018``) / 100.
    """
    gap = register.value("liangshan.transfer_rate_gap_to_province.2018") / 100.0
    return implied_labour_force() * gap


def labour_transfer_table() -> pd.DataFrame:
    """The 2018 labour-transfer numbers, given and derived, as a tidy table.

    Returns:
        Columns ``quantity``, ``value``, ``unit``, ``basis`` (a fact id, or the function that
        derived the row); one row each for the workers transferred, the transfer rate, the
        implied labour force, the provincial rate and the shortfall against it.
    """
    rows = [
        ("workers transferred", register.value("liangshan.labour_transferred.2018"), "persons",
         "liangshan.labour_transferred.2018"),
        ("transfer rate, Liangshan", register.value("liangshan.transfer_rate.2018"), "percent",
         "liangshan.transfer_rate.2018"),
        ("rural labour force (implied)", implied_labour_force(), "persons",
         "implied_labour_force"),
        ("transfer rate, Sichuan average (implied)", provincial_transfer_rate(), "percent",
         "provincial_transfer_rate"),
        ("shortfall against the Sichuan rate", transfer_shortfall(), "persons",
         "transfer_shortfall"),
    ]
    return pd.DataFrame(rows, columns=["quantity", "value", "unit", "basis"])


# ----------------------------------------------------------------------------- low incomes


def low_income_households_by_county(census_year: str = "2020") -> pd.DataFrame:
    """Households with yearly net income per head below the income mark, by place, with the
    census family households of each place as their base.

    Butuo (``butuo.households_income_below_4000``), Jinyang
    (``jinyang.households_income_below_4000``) and the rest of the prefecture (the prefecture's
    total ``liangshan.households_income_below_4000`` minus the two). The base is the census
    count of family households (``family_households``, S01) of ``census_year``; for the rest of
    the prefecture, the prefecture's count minus the two counties'.

    Returns:
        Columns ``place``, ``households``, ``share`` (of the prefecture's total, 0-1),
        ``derived`` (True for the rest of the prefecture), ``family_households`` (census) and
        ``rate`` (households / family_households, 0-1); three rows, shares summing to one.

    Raises:
        ValueError: the two counties together exceed the prefecture's total.
    """
    total = register.value("liangshan.households_income_below_4000")
    butuo = register.value("butuo.households_income_below_4000")
    jinyang = register.value("jinyang.households_income_below_4000")
    rest = total - butuo - jinyang
    if rest < 0:
        raise ValueError(f"Butuo ({butuo:g}) and Jinyang ({jinyang:g}) together exceed the "
                         f"prefecture's total ({total:g}) of low-income households")
    base = {code: counties.census(code, "family_households", census_year)[0]
            for code in (PREFECTURE, BUTUO, JINYANG)}
    frame = pd.DataFrame({
        "place": ["Butuo", "Jinyang", "rest of Liangshan"],
        "households": [butuo, jinyang, rest],
        "derived": [False, False, True],
        "family_households": [base[BUTUO], base[JINYANG],
                              base[PREFECTURE] - base[BUTUO] - base[JINYANG]],
    })
    frame["share"] = frame["households"] / total
    frame["rate"] = frame["households"] / frame["family_households"]
    return frame[["place", "households", "share", "derived", "family_households", "rate"]]


def low_income_rate(census_year: str = "2020") -> float:
    """Share (0-1) of the prefecture's census family households below the income mark.

    ``liangshan.households_income_below_4000`` / family households of ``census_year`` (S01).
    """
    households, _ = counties.prefecture_census("family_households", census_year)
    return register.value("liangshan.households_income_below_4000") / households


def income_mark_vs_poverty_line() -> pd.DataFrame:
    """The income mark of the low-income count set beside China's national rural poverty line.

    The mark is ``liangshan.income_reference_line`` (yuan per person per year, the article's
    count of low-income households uses it). The national line comes from the context table
    ``poverty_national.csv`` (primary rows): the standard at constant 2010 prices and the line in
    current prices of each year listed there, with their source ids and notes (some are weakly
    sourced: the ``note`` column says so).

    Returns:
        Columns ``year``, ``indicator`` (the context table's key, to select rows by),
        ``measure`` (its label), ``yuan_per_person_per_year``, ``mark_over_line`` (the mark
        divided by the line), ``source_id``, ``note`` (empty string when the table has none).
    """
    mark = register.value("liangshan.income_reference_line")
    nat = context.poverty_national(primary_only=True)
    measures = {"poverty_line_constant_2010_prices": "national line, constant 2010 prices",
                "poverty_line_current_prices": "national line, current prices"}
    rows = nat[nat["indicator"].isin(list(measures))].copy()
    if rows.empty:
        raise KeyError("poverty_national.csv has no poverty-line rows")
    out = pd.DataFrame({
        "year": rows["year"].astype(int),
        "indicator": rows["indicator"].astype(str),
        "measure": rows["indicator"].map(measures),
        "yuan_per_person_per_year": rows["value"].astype(float),
        "source_id": rows["source_id"].astype(str),
        "note": rows["note"].fillna("").astype(str),
    })
    out["mark_over_line"] = mark / out["yuan_per_person_per_year"]
    return out.sort_values(["measure", "year"], ignore_index=True)[
        ["year", "indicator", "measure", "yuan_per_person_per_year", "mark_over_line",
         "source_id", "note"]]


def mark_over_line(indicator: str, year: int) -> tuple[float, float]:
    """The national line of one year and the income mark's multiple of it.

    Args:
        indicator: ``poverty_line_constant_2010_prices`` or ``poverty_line_current_prices``.
        year: the year of the line.

    Returns:
        (the line in yuan per person per year, the mark divided by the line).

    Raises:
        KeyError: no such line in ``poverty_national.csv``.
    """
    lines = income_mark_vs_poverty_line()
    hit = lines[(lines["indicator"] == indicator) & (lines["year"] == int(year))]
    if len(hit) != 1:
        raise KeyError(f"poverty_national.csv: expected one primary row of {indicator} for "
                       f"{year}; found {len(hit)}")
    return float(hit["yuan_per_person_per_year"].iloc[0]), float(hit["mark_over_line"].iloc[0])


# ----------------------------------------------------------------------------- land


def hectares_to_mu(hectares: float) -> float:
    """``hectares`` in mu (:data:`MU_PER_HECTARE` mu to the hectare).

    Raises:
        ValueError: a negative area.
    """
    if hectares < 0:
        raise ValueError(f"an area cannot be negative (got {hectares!r} ha)")
    return hectares * MU_PER_HECTARE


def land_holdings() -> pd.DataFrame:
    """Land a rural household holds: usual range and upper holdings, in hectares and mu.

    Returns:
        Columns ``holding``, ``hectares``, ``mu``, ``fact_id``; three rows, the low and high ends
        of the usual range (``liangshan.household_land``) and the larger holdings of some
        households (``liangshan.household_land_max``, reclaimed land included).
    """
    usual = register.fact("liangshan.household_land")
    upper = register.fact("liangshan.household_land_max")
    if usual.value_max is None:
        raise ValueError("liangshan.household_land should be a range (value .. value_max)")
    rows = [("usual, low end", usual.value, usual.fact_id),
            ("usual, high end", usual.value_max, usual.fact_id),
            ("some households", upper.value, upper.fact_id)]
    frame = pd.DataFrame(rows, columns=["holding", "hectares", "fact_id"])
    frame["mu"] = frame["hectares"].map(hectares_to_mu)
    return frame[["holding", "hectares", "mu", "fact_id"]]


# ----------------------------------------------------------------------------- old age


def monthly_old_age_support(age: float) -> tuple[float, float]:
    """Monthly pension plus old-age subsidy due at ``age``, as (lowest, highest) yuan per month.

    The article gives ranges, so both ends are kept. Its "over" an age is read as strictly
    above the age in the register (``liangshan.pension_age``, ``liangshan.old_age_subsidy_age``);
    the pension range is ``liangshan.pension_monthly``, the subsidy range
    ``liangshan.old_age_subsidy`` (paid on top of the pension).

    Raises:
        ValueError: a negative or non-numeric age.
    """
    if isinstance(age, bool) or not isinstance(age, numbers.Real) or age < 0 or age != age:
        raise ValueError(f"age must be a non-negative number of years (got {age!r})")
    pension = register.fact("liangshan.pension_monthly")
    subsidy = register.fact("liangshan.old_age_subsidy")
    low = high = 0.0
    if age > register.value("liangshan.pension_age"):
        low += pension.value
        high += pension.value_max if pension.value_max is not None else pension.value
    if age > register.value("liangshan.old_age_subsidy_age"):
        low += subsidy.value
        high += subsidy.value_max if subsidy.value_max is not None else subsidy.value
    return low, high


def old_age_support_schedule(ages=None) -> pd.DataFrame:
    """:func:`monthly_old_age_support` over a list of ages, as a tidy table.

    Args:
        ages: ages in years; by default one age in each band (below the pension age, between the
            two ages, above the subsidy age), each one year above the band's lower limit.

    Returns:
        Columns ``age`` (years), ``monthly_min_yuan``, ``monthly_max_yuan``.
    """
    if ages is None:
        p_age = register.value("liangshan.pension_age")
        s_age = register.value("liangshan.old_age_subsidy_age")
        ages = [p_age, p_age + 1, s_age + 1]
    rows = [(a, *monthly_old_age_support(a)) for a in ages]
    return pd.DataFrame(rows, columns=["age", "monthly_min_yuan", "monthly_max_yuan"])
