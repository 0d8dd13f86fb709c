"""Checks of hedged phrases and stated thresholds: a phrase such as "almost half" against the
number it describes (``hedge``), and places or examples against a floor, a threshold or an
average the article states (``bound``)."""
from __future__ import annotations

from analysis.domain import assumptions
from analysis.domain.audit.core import (
    Check,
    agreement_at_most,
    agreement_within,
    pct,
    tolerance,
    value,
)
from analysis.formatting import number


def almost_band(target: float, band: float | None = None) -> tuple[float, float]:
    """The interval that "almost ``target``" is read as: ((1 - band) * target, target).

    Args:
        target: the number the phrase names (0.5 for "almost half").
        band: how far below ``target`` the phrase may reach, as a share of it (the assumption
            ``almost_band``; None means its default).
    """
    band = assumptions.default("almost_band") if band is None else band
    return (1.0 - band) * target, target


def visits_fall() -> tuple[float, float, float]:
    """Butuo's fall in visits to community-level health facilities from 2016 to 2018, as a
    share of the 2016 count, with the least and the most it can be when both counts are read
    as rounded to the thousand.

    Returns:
        The fall (61,000 - 33,000) / 61,000, then the least and the most it can be, as
        shares of the 2016 count.
    """
    v16, v18 = "butuo.primary_care_visits.2016", "butuo.primary_care_visits.2018"
    a, b = value(v16), value(v18)
    ta = tolerance(v16, trailing_zeros_rounded=True)
    tb = tolerance(v18, trailing_zeros_rounded=True)
    return (a - b) / a, ((a - ta) - (b + tb)) / (a - ta), ((a + ta) - (b - tb)) / (a + ta)


def hedges(almost: float | None = None) -> list[Check]:
    """The phrase "almost half" against Butuo's fall in clinic visits.

    Args:
        almost: the assumption ``almost_band`` (None means its default).
    """
    almost = assumptions.default("almost_band") if almost is None else almost
    v16, v18, dec = ("butuo.primary_care_visits.2016", "butuo.primary_care_visits.2018",
                     "butuo.primary_care_visits_decline")
    fall, least, most = visits_fall()
    lo, hi = almost_band(value(dec), almost)
    return [Check(
        "butuo.visits_almost_half", "hedge",
        "Butuo's fall in visits to community-level health facilities from 2016 to 2018 "
        "against the phrase 'almost half'.", (v16, v18, dec), hi, fall, hi - lo,
        agreement_within(fall, lo, hi),
        f"share; a fall of {pct(fall)}; with the visit counts rounded to thousands it lies "
        f"between {pct(least)} and {pct(most)}; 'almost half' read as {pct(lo)} to "
        f"{pct(hi)} (an assumption of the book: almost_band = {almost:g})")]


def thresholds() -> list[Check]:
    """Places and examples against a floor, a threshold or an average the article states."""
    rows = []
    floor, rate = "trip.visited_villages_poverty_rate", "kuijiu.poverty_rate"
    rows.append(Check("kuijiu.above_visited_floor", "bound",
                      "Kuijiu, one of the villages visited, is above the stated floor of the "
                      "visited villages' poverty rates.", (rate, floor), value(floor),
                      value(rate), 0.0, agreement_at_most(value(floor), value(rate)),
                      "percent"))
    for year in (2013, 2018):
        ids = (f"butuo.poverty_rate.{year}", f"jinyang.poverty_rate.{year}",
               f"liangshan.poverty_rate.{year}")
        lower = min(value(ids[0]), value(ids[1]))
        rows.append(Check(
            f"counties.rates_above_prefecture.{year}", "bound",
            f"Butuo's and Jinyang's poverty rates at the end of {year} both exceed the "
            "prefecture's, as the province's poorest counties would.", ids,
            value(ids[2]), lower, 0.0, agreement_at_most(value(ids[2]), lower),
            f"percent; the lower of the two county rates ({number(lower)}) is "
            f"{lower / value(ids[2]):.1f} times the prefecture's"))
    share, threshold = ("jinyang.relocated_share_in_those_villages",
                        "liangshan.whole_village_relocation_threshold")
    rows.append(Check(
        "jinyang.villages_meet_threshold", "bound",
        "The Jinyang villages that have moved most of their people reach the relocation rate "
        "at which the article proposes moving whole villages.",
        ("jinyang.villages_mostly_relocated", share, threshold), value(threshold),
        value(share), 0.0, agreement_at_most(value(threshold), value(share)),
        f"percent; {number(value('jinyang.villages_mostly_relocated'))} villages at "
        f"{number(value(share))}% against a threshold of {number(value(threshold))}% or more: "
        "they qualify, with nothing to spare"))
    wage, line = "liangshan.average_migrant_earnings.2018", "liangshan.income_reference_line"
    pp, hh = ("liangshan.spontaneous_migrant_poor_population",
              "liangshan.spontaneous_migrant_poor_households")
    covered = value(wage) / value(line)
    size = value(pp) / value(hh)
    rows.append(Check(
        "income.migrant_wage_covers_household", "bound",
        "One migrant worker's average yearly earnings lift a household of the size of a "
        "registered-poor household above the article's income line.", (wage, line, pp, hh),
        covered, size, 0.0, agreement_at_most(size, covered),
        f"persons; {number(value(wage))} / {number(value(line))} = {covered:g} persons, "
        f"against {size:.2f} per registered self-relocated household; before the worker's own "
        "living costs, which the article does not give"))
    per_month, clinics, visits = ("wadu_clinic.patients_per_month", "butuo.township_clinics",
                                  "butuo.primary_care_visits.2018")
    wadu = value(per_month) * 12
    average = value(visits) / value(clinics)
    rows.append(Check(
        "wadu.below_county_average", "bound",
        "The Wadu clinic, the article's example of low use, sees fewer patients in a year "
        "than Butuo's township health centres see on average at most.",
        (per_month, clinics, visits), average, wadu, 0.0, agreement_at_most(wadu, average),
        f"patients a year; {number(value(per_month))} a month is {number(wadu)} a year; "
        f"{number(value(visits))} visits over {number(value(clinics))} centres is "
        f"{number(round(average))} each, an upper bound since village clinics share the "
        "visits; Wadu's figure is for 2019, the county's for 2018"))
    return rows
