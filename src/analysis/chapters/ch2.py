"""Chapter 2 (basic needs): the named values each section's prose shows, its conclusions and
their sensitivity to the chapter's assumptions.

One function per section of the chapter, each taking the chapter's assumptions ``A`` (an
:class:`~analysis.domain.assumptions.Assumptions`) and returning
:class:`~analysis.chapters.values.Values`: the lookups, label matching and arithmetic happen
here, so that the chapter only narrates and calls. :data:`CONCLUSIONS` are the statements
whose sensitivity the chapter tabulates (:func:`sensitivity_table`); the ``*_table``
functions give the chapter's tables ready to show.

Over 350 lines: one function per section of a long chapter, its exercises, its conclusions
and its tables; split by kind, one chapter's values would scatter across modules.
"""
from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.chapters.values import Values
from analysis.domain import assumptions, education_health, housing, income
from analysis.domain.assumptions import Assumptions
from analysis.domain.sensitivity import Conclusion
from analysis.domain.sensitivity import table as sweep_table

#: An example outpatient bill (yuan) for the prose, an illustration and not a number of the
#: article.
EXAMPLE_BILL = 200.0
#: An example county-hospital bill (yuan) for the prose, an illustration.
EXAMPLE_STAY = 10_000.0
#: The census whose family households and children are the bases of the chapter's rates, the
#: one nearest to the article (November 2020; the article was written in 2019).
BASE_YEAR = "2020"


def incomes(A: Assumptions) -> Values:
    """Migrant earnings, labour transfer, low-income households (counts and rates), land,
    old-age support and the income mark against the poverty line."""
    v = Values()
    v.add("ch2_migrant_total_bn", income.migrant_earnings_total() / 1e9,
          "yearly earnings of registered-poor migrant workers, billion yuan",
          income.migrant_earnings_total)
    # implied from a rate printed to whole per cent: to the nearest ten thousand
    v.add("ch2_labour_force", round(income.implied_labour_force(), -4),
          "rural labour force implied by the transfer count and rate, persons (rounded)",
          income.implied_labour_force)
    lb = income.labour_force_against_bases().set_index("year")
    g = income.labour_force_against_bases
    for year, key, what in ((2020, "res20", "rural residents at the 2020 census"),
                            (2010, "res10", "rural residents at the 2010 census"),
                            (2018, "roll", "the base implied by the roll's 2018 count and rate")):
        v.add(f"ch2_lf_base_{key}_m", lb.loc[year, "population"] / 1e6, f"{what}, millions", g)
        v.add(f"ch2_lf_share_{key}", lb.loc[year, "share"] * 100,
              f"implied labour force as a share of {what}, percent", g)
    v.add("ch2_province_rate", income.provincial_transfer_rate(),
          "Sichuan's average labour transfer rate, percent", income.provincial_transfer_rate)
    v.add("ch2_shortfall", round(income.transfer_shortfall(), -4),
          "workers more at the Sichuan rate, persons (rounded)", income.transfer_shortfall)

    low = income.low_income_households_by_county(BASE_YEAR).set_index("place")
    f = income.low_income_households_by_county
    v.add("ch2_low_rest", low.loc["rest of Liangshan", "households"],
          "low-income households outside Butuo and Jinyang", f)
    v.add("ch2_low_rest_share", low.loc["rest of Liangshan", "share"],
          "share of the low-income households outside Butuo and Jinyang", f)
    v.add("ch2_low_two_share", low.loc[["Butuo", "Jinyang"], "share"].sum(),
          "share of the low-income households in Butuo and Jinyang together", f)
    for place, key in (("Butuo", "butuo"), ("Jinyang", "jinyang"),
                       ("rest of Liangshan", "rest")):
        v.add(f"ch2_low_rate_{key}", low.loc[place, "rate"],
              f"low-income households per census family household, {place} ({BASE_YEAR})", f)
    v.add("ch2_low_butuo_over_rest", low.loc["Butuo", "rate"] / low.loc["rest of Liangshan",
                                                                         "rate"],
          "Butuo's low-income rate as a multiple of the rest of the prefecture's", f)
    v.add("ch2_low_rate", income.low_income_rate(BASE_YEAR),
          f"low-income households per census family household, prefecture ({BASE_YEAR})",
          income.low_income_rate)
    v.add("ch2_low_rate_2010", income.low_income_rate("2010"),
          "low-income households per census family household of 2010, prefecture",
          income.low_income_rate)

    land = income.land_holdings().set_index("holding")
    for row, key in (("usual, low end", "lo"), ("usual, high end", "hi"),
                     ("some households", "max")):
        v.add(f"ch2_land_mu_{key}", land.loc[row, "mu"], f"household land, {row}, mu",
              income.land_holdings)
    v.add("ch2_mu_per_ha", income.MU_PER_HECTARE, "mu to the hectare (unit definition)",
          income.hectares_to_mu)

    old = income.old_age_support_schedule().iloc[-1]
    v.add("ch2_old_age_example", old["age"], "an example age above the subsidy age, years",
          income.old_age_support_schedule)
    v.add("ch2_old_min", old["monthly_min_yuan"], "lowest monthly pension plus subsidy, yuan",
          income.monthly_old_age_support)
    v.add("ch2_old_max", old["monthly_max_yuan"], "highest monthly pension plus subsidy, yuan",
          income.monthly_old_age_support)

    for indicator, year, key, what in (
            ("poverty_line_constant_2010_prices", 2010, "2010", "at constant 2010 prices"),
            ("poverty_line_current_prices", 2016, "2016", "of 2016, current prices"),
            ("poverty_line_current_prices", 2019, "2019", "of 2019, current prices")):
        line, ratio = income.mark_over_line(indicator, year)
        v.add(f"ch2_line_{key}", line, f"national rural poverty line {what}, yuan a year",
              income.mark_over_line)
        v.add(f"ch2_mark_over_{key}", ratio, f"income mark over the national line {what}",
              income.mark_over_line)
    return v


def housing_values(A: Assumptions) -> Values:
    """Homes to build and people rehoused against census bases, and Butuo's bricks over the
    chapter's building season, with the season's plausibility check."""
    v = Values()
    v.add("ch2_relocation_share", housing.relocation_share(),
          "share of the homes still to build that are for relocation", housing.relocation_share)
    homes = housing.homes_against_households(BASE_YEAR).set_index("homes")
    f = housing.homes_against_households
    v.add("ch2_households", homes["family_households"].iloc[0],
          f"family households of the prefecture, census {BASE_YEAR}", f)
    v.add("ch2_homes_per_household", homes.loc["all safe homes", "per_household"],
          "safe homes still to build per census family household", f)
    v.add("ch2_relocation_homes_per_household", homes.loc["for relocation", "per_household"],
          "relocation homes still to build per census family household", f)

    reh = housing.rehoused_against_census()
    f = housing.rehoused_against_census
    for (base, year), key in ((("rural residents", "2010"), "rural_2010"),
                              (("rural residents", "2020"), "rural_2020"),
                              (("all residents", "2020"), "all_2020")):
        row = reh[(reh["base"] == base) & (reh["census_year"] == year)].iloc[0]
        v.add(f"ch2_pop_{key}", row["population"], f"{base}, census {year}, persons", f)
        v.add(f"ch2_rehoused_ratio_{key}", row["ratio"],
              f"people rehoused against the {base} of the {year} census", f)

    v.add("ch2_bricks_in_m", housing.bricks_brought_in_per_day() / 1e6,
          "bricks Butuo brings in each building day, millions",
          housing.bricks_brought_in_per_day)
    v.add("ch2_brick_cost_day", housing.brick_extra_cost_per_day(),
          "haulage premium on Butuo's bricks, yuan per building day",
          housing.brick_extra_cost_per_day)
    days = A.construction_season_days
    v.add("ch2_season_days", days, "building season, days (assumption)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch2_season_words", housing.season_words(days), "months of the building season",
          housing.season_words)
    v.add("ch2_brick_cost_season_m", housing.brick_extra_cost_per_season(days) / 1e6,
          "haulage premium over the season, million yuan", housing.brick_extra_cost_per_season)
    a = assumptions.get("construction_season_days")
    for end, key in ((a.low, "lo"), (a.high, "hi")):
        v.add(f"ch2_season_{key}", int(end), f"season, {key} end of the range, days",
              assumptions.get)
        v.add(f"ch2_season_{key}_words", housing.season_words(int(end)),
              f"months of the season at the {key} end of the range", housing.season_words)
        v.add(f"ch2_brick_cost_{key}_m", housing.brick_extra_cost_per_season(int(end)) / 1e6,
              f"haulage premium over a season at the {key} end, million yuan",
              housing.brick_extra_cost_per_season)

    check = housing.brick_season_check(days, A.bricks_per_home, BASE_YEAR).set_index("key")
    f = housing.brick_season_check
    v.add("ch2_bricks_per_home", A.bricks_per_home, "bricks one home takes (assumption)",
          "analysis.domain.assumptions.Assumptions")
    for key, name, scale in (("bricks", "ch2_season_bricks_m", 1e-6),
                             ("homes", "ch2_season_homes", 1),
                             ("share_of_to_build", "ch2_season_homes_share", 1),
                             ("per_butuo_household", "ch2_season_homes_per_butuo_hh", 1),
                             ("butuo_household_share", "ch2_butuo_household_share", 1),
                             ("butuo_low_income_share", "ch2_butuo_low_income_share", 1)):
        what = check.loc[key, "quantity"] + (", millions" if scale != 1 else "")
        v.add(name, check.loc[key, "value"] * scale, what, f)
    return v


def labour_table() -> pd.DataFrame:
    """The 2018 labour-transfer numbers, given and implied, formatted for the reader: the
    head counts implied by a rate printed in whole per cent are rounded to the nearest ten
    thousand and marked "about"."""
    t = income.labour_transfer_table()
    implied = t["basis"].isin(["implied_labour_force", "transfer_shortfall"])
    shown = [f"about {formatting.number(round(x, -4))}" if a else formatting.value(x, u)
             for x, u, a in zip(t["value"], t["unit"], implied)]
    # a given row's basis is its register id (with a dot), a derived row's the function's name
    source = ["the article" if "." in b else "implied (computed)" for b in t["basis"]]
    return pd.DataFrame({"Quantity": t["quantity"], "Value": shown, "Unit": t["unit"],
                         "Given or implied": source})


def rehoused_table() -> pd.DataFrame:
    """The people rehoused beside three census populations, formatted for the reader."""
    t = housing.rehoused_against_census()
    return pd.DataFrame({
        "Census population": [f"{b}, {y}" for b, y in zip(t["base"], t["census_year"])],
        "Persons (census)": t["population"].map("{:,.0f}".format),
        "Rehoused (article)": t["rehoused"].map("{:,.0f}".format),
        "Rehoused / census population": t["ratio"].map("{:.0%}".format),
    })


def season_check_table(A: Assumptions) -> pd.DataFrame:
    """The plausibility check of a season of Butuo's daily demand, step by step, for the
    reader: step, arithmetic and result (formatted)."""
    check = housing.brick_season_check(A.construction_season_days, A.bricks_per_home,
                                       BASE_YEAR)
    shown = [f"{x:.0%}" if u == "share" else f"{x:,.0f}"
             for x, u in zip(check["value"], check["unit"])]
    return pd.DataFrame({"Step": check["quantity"], "Arithmetic": check["arithmetic"],
                         "Result": shown})


def schooling(A: Assumptions) -> Values:
    """The out-of-school accounting and its counts per child aged 5 to 14."""
    v = Values()
    acc = education_health.out_of_school_accounting()
    f = education_health.out_of_school_accounting
    v.add("ch2_oos_sum", acc["returned_plus_still_out"], "returned plus still out, children", f)
    v.add("ch2_oos_diff", acc["difference"], "peak minus (returned plus still out)", f)
    v.add("ch2_share_returned", education_health.share_returned(),
          "share of the peak who went back to school", education_health.share_returned)
    v.add("ch2_share_poor_out", education_health.share_still_out_registered_poor(),
          "share of the children still out who are from registered poor families",
          education_health.share_still_out_registered_poor)
    table = education_health.out_of_school_table().set_index("stage")
    v.add("ch2_oos_other", table.loc["still out: other", "children"],
          "children still out from other families", education_health.out_of_school_table)
    rates = education_health.out_of_school_rates(BASE_YEAR).set_index("count")
    f = education_health.out_of_school_rates
    v.add("ch2_children_5_14", rates["children_aged_5_14"].iloc[0],
          f"residents aged 5 to 14, census {BASE_YEAR}", f)
    for count, key in (("peak", "peak"), ("still out", "still"),
                       ("still out, registered poor", "poor")):
        v.add(f"ch2_oos_rate_{key}", rates.loc[count, "rate"],
              f"out-of-school children ({count}) per resident aged 5 to 14", f)
    v.add("ch2_school_years", education_health.free_education_years()["school"],
          "free years of school proper (total minus preschool)",
          education_health.free_education_years)
    return v


def medical(A: Assumptions) -> Values:
    """What patients pay: the outpatient band, an example bill over the chapter's refund share
    and its range, and an example inpatient bill."""
    v = Values()
    share = A.reimbursement_share
    a = assumptions.get("reimbursement_share")
    pay = education_health.outpatient_patient_cost
    v.add("ch2_band_max", education_health.outpatient_band_width(),
          "most a patient pays up to the threshold, yuan", education_health.outpatient_band_width)
    v.add("ch2_share", share, "refund share above the threshold (assumption)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch2_share_lo", a.low, "refund share, low end of the range",
          assumptions.get)
    v.add("ch2_share_hi", a.high, "refund share, high end of the range",
          assumptions.get)
    v.add("ch2_example_bill", EXAMPLE_BILL, "an example outpatient bill, yuan",
          "analysis.chapters.ch2.medical")
    v.add("ch2_example_pay", pay(EXAMPLE_BILL, share),
          "patient's payment on the example bill at the chapter's share, yuan", pay)
    v.add("ch2_example_pay_lo", pay(EXAMPLE_BILL, a.high),
          "patient's payment on the example bill at the highest share, yuan", pay)
    v.add("ch2_example_pay_hi", pay(EXAMPLE_BILL, a.low),
          "patient's payment on the example bill at the lowest share, yuan", pay)
    v.add("ch2_band_part", education_health.outpatient_band_width() / pay(EXAMPLE_BILL, share),
          "part of the example payment that is the band paid in full", pay)
    v.add("ch2_example_share_back", education_health.share_for_payment(
        EXAMPLE_BILL, pay(EXAMPLE_BILL, a.low)),
          "refund share that makes the example bill cost the lowest share's payment",
          education_health.share_for_payment)
    v.add("ch2_example_stay", EXAMPLE_STAY, "an example county-hospital bill, yuan",
          "analysis.chapters.ch2.medical")
    v.add("ch2_example_stay_pay", education_health.inpatient_patient_cost(EXAMPLE_STAY),
          "a poor patient's part of the example hospital bill, yuan",
          education_health.inpatient_patient_cost)
    return v


def utilities(A: Assumptions) -> Values:
    """Households without safe water, electricity, radio and television, per census family
    household."""
    v = Values()
    gaps = housing.utility_gaps(BASE_YEAR).set_index("service")
    for service, key in (("safe drinking water", "water"), ("electricity", "power"),
                         ("radio and television", "tv")):
        v.add(f"ch2_no_{key}_rate", gaps.loc[service, "share_of_households"],
              f"households without {service} per census family household ({BASE_YEAR})",
              housing.utility_gaps)
    v.add("ch2_no_power_vs_water", gaps.loc["safe drinking water", "households_without"]
          / gaps.loc["electricity", "households_without"],
          "households without safe water as a multiple of those without electricity",
          housing.utility_gaps)
    return v


def _change_words(new: float, old: float) -> str:
    """"22% less than", "9% more than" or "the same as": ``new`` against ``old``."""
    if new == old:
        return "the same as"
    change = new / old - 1
    return f"{abs(change):.0%} {'more' if change > 0 else 'less'} than"


def exercises(A: Assumptions) -> Values:
    """The values of the exercises' solutions: the chapter's season against the registry's
    default (by name, so that a solution reads right after the reader changes ``A``), and the
    break-even bricks per home of the season check."""
    v = Values()
    days = A.construction_season_days
    default = assumptions.default("construction_season_days")
    cost = housing.brick_extra_cost_per_season
    v.add("ch2_ex_season", days, "the season in force in this run, days",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch2_ex_season_default", default, "the book's default season, days",
          assumptions.default)
    v.add("ch2_ex_words", housing.season_words(days), "months of the season in force",
          housing.season_words)
    v.add("ch2_ex_words_default", housing.season_words(default),
          "months of the default season", housing.season_words)
    v.add("ch2_ex_cost_m", cost(days) / 1e6, "premium over the season in force, million yuan",
          cost)
    v.add("ch2_ex_cost_default_m", cost(default) / 1e6,
          "premium over the default season, million yuan", cost)
    v.add("ch2_ex_change_words", _change_words(cost(days), cost(default)),
          "the premium in force against the default's, in words", cost)
    v.add("ch2_ex_days_change_words", _change_words(days, default),
          "the season in force against the default's, in words",
          "analysis.chapters.ch2._change_words")
    low = assumptions.get("construction_season_days").low  # the exercise's suggested season
    v.add("ch2_ex_season_low", low, "the season the exercise suggests (the low end of the "
          "range), days", assumptions.get)
    v.add("ch2_ex_words_low", housing.season_words(low), "months of that season",
          housing.season_words)
    v.add("ch2_ex_cost_low_m", cost(low) / 1e6, "premium over that season, million yuan", cost)
    v.add("ch2_ex_change_low_words", _change_words(cost(low), cost(default)),
          "the premium at the exercise's season against the default's, in words", cost)
    check = housing.brick_season_check(days, A.bricks_per_home, BASE_YEAR).set_index("key")
    v.add("ch2_ex_break_even", check.loc["bricks", "value"] / check.loc["to_build", "value"],
          "bricks per home at which a season's bricks build every home still to build",
          housing.brick_season_check)
    v.add("ch2_ex_beyond_butuo", check.loc["bricks", "value"]
          / (check.loc["to_build", "value"] * check.loc["butuo_low_income_share", "value"]),
          "bricks per home above which a season's homes fall below Butuo's part of the "
          "low-income households", housing.brick_season_check)
    return v


# ----------------------------------------------------------------------------- sensitivity


def _season_homes_share(A: Assumptions) -> float:
    check = housing.brick_season_check(A.construction_season_days, A.bricks_per_home,
                                       BASE_YEAR).set_index("key")
    return float(check.loc["share_of_to_build", "value"])


def _butuo_low_income_share() -> float:
    check = housing.brick_season_check(census_year=BASE_YEAR).set_index("key")
    return float(check.loc["butuo_low_income_share", "value"])


def _example_pay(A: Assumptions) -> float:
    return education_health.outpatient_patient_cost(EXAMPLE_BILL, A.reimbursement_share)


#: The chapter's statements that rest on an assumption, for the sensitivity table.
#:
#: :meta hide-value:
CONCLUSIONS = (
    Conclusion(
        key="ch2.season_premium",
        statement="The haulage premium over one season runs to hundreds of millions of yuan",
        compute=lambda A: housing.brick_extra_cost_per_season(A.construction_season_days),
        holds=lambda x: x >= 100e6, uses=("construction_season_days",), unit="yuan"),
    Conclusion(
        key="ch2.season_beyond_butuo",
        statement=("A season of the daily demand would build a larger part of the prefecture's "
                   "homes still to build than Butuo's part of its low-income households"),
        compute=_season_homes_share,
        holds=lambda x: x > _butuo_low_income_share(),
        uses=("construction_season_days", "bricks_per_home"), unit="share"),
    Conclusion(
        key="ch2.season_builds_all",
        statement=("A season of the daily demand would build every home still to build in the "
                   "prefecture"),
        compute=_season_homes_share, holds=lambda x: x >= 1.0,
        uses=("construction_season_days", "bricks_per_home"), unit="share"),
    Conclusion(
        key="ch2.band_is_most",
        statement=("On the example outpatient bill, the band paid in full is most of what the "
                   "patient pays"),
        compute=lambda A: education_health.outpatient_band_width() / _example_pay(A),
        holds=lambda x: x > 0.5, uses=("reimbursement_share",), unit="share"),
    Conclusion(
        key="ch2.example_under_100",
        statement="The patient pays under half of the example outpatient bill",
        compute=_example_pay, holds=lambda x: x < EXAMPLE_BILL / 2,
        uses=("reimbursement_share",), unit="yuan"),
)


def _shown(x: float, unit: str) -> str:
    if unit == "share":
        return f"{x:.0%}"
    if unit == "yuan" and abs(x) >= 1e6:
        return f"{x / 1e6:,.0f} million yuan"
    return f"{x:,.0f} {unit}"


def sensitivity_table(conclusions=CONCLUSIONS) -> pd.DataFrame:
    """Which of the chapter's conclusions flip over each assumption's range, for the reader.

    Returns:
        One row per conclusion and assumption, with the statement, the assumption and its
        range, the number at the low end, the default and the high end (each with whether
        the statement holds) and whether it flips.
    """
    raw = sweep_table(conclusions)
    rows = []
    for _, r in raw.iterrows():
        a = assumptions.get(r["assumption"])
        ends = [_shown(r[f"at_{e}"], r["unit"])
                + (" (holds)" if r[f"holds_at_{e}"] else " (fails)")
                for e in ("low", "default", "high")]
        rows.append({"Conclusion": r["statement"],
                     "Assumption (low, default, high)":
                         f"{a.what}: {_shown(a.low, a.unit)}, {_shown(a.default, a.unit)}, "
                         f"{_shown(a.high, a.unit)}",
                     "At the low end": ends[0], "At the default": ends[1],
                     "At the high end": ends[2], "Flips?": "yes" if r["flips"] else "no"})
    return pd.DataFrame(rows)


def assumptions_table() -> pd.DataFrame:
    """The chapter's assumptions for the reader: what, default, range, unit and basis (long
    addresses in the basis may wrap)."""
    t = assumptions.table("ch2")
    return pd.DataFrame({"Assumption (name in the code)":
                         [f"{w} ({n})" for w, n in zip(t["what"], t["name"])],
                         "Default": [_shown(x, u) for x, u in zip(t["default"], t["unit"])],
                         "Range": [f"{_shown(lo, u)} to {_shown(hi, u)}" for lo, hi, u in
                                   zip(t["low"], t["high"], t["unit"])],
                         "Basis": t["basis"].map(formatting.breakable)})
