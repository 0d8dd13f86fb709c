"""Numbers the article implies but does not print (``implied``): computed and shown with the
verdict ``cannot check``, since nothing says what they should be."""
from __future__ import annotations

import math

import numpy as np

from analysis.data import register
from analysis.domain import counties
from analysis.domain.audit.core import Check, pct, tolerance, value
from analysis.formatting import number

NOTHING = "nothing to compare with"


def zhaizi_class_bounds() -> tuple[int, int]:
    """Fewest and most classes Zhaizi school can have (register rows ``zhaizi_school.*``).

    With enrolment N, largest class L and smallest S, the other classes hold N - L - S pupils,
    each between S and L: at least ceil((N - L - S) / L) and at most floor((N - L - S) / S) of
    them (a single class when only one is given is excluded since L > S).

    Raises:
        ValueError: the largest and smallest classes do not fit in the enrolment.
    """
    n, big, small = (value("zhaizi_school.students"), value("zhaizi_school.largest_class"),
                     value("zhaizi_school.smallest_class"))
    rest = n - big - small
    if rest < 0 or small <= 0 or big < small:
        raise ValueError("the class sizes do not fit the enrolment")
    return 2 + math.ceil(rest / big), 2 + math.floor(rest / small)


def implied() -> list[Check]:
    """The rural labour force, Sichuan's transfer rate, household sizes, Zhaizi's classes and
    what pensions cover."""
    rows = []
    lab, rate, gap = ("liangshan.labour_transferred.2018", "liangshan.transfer_rate.2018",
                      "liangshan.transfer_rate_gap_to_province.2018")
    force = value(lab) / (value(rate) / 100.0)
    lo = value(lab) / ((value(rate) + tolerance(rate)) / 100.0)
    hi = value(lab) / ((value(rate) - tolerance(rate)) / 100.0)
    rural, src = counties.prefecture_census("rural_population", "2020")
    rows.append(Check(
        "labour.implied_labour_force", "implied",
        "The rural labour force implied by the workers transferred and the transfer rate.",
        (lab, rate), np.nan, force, hi - force, NOTHING,
        f"persons; between {number(round(lo, -3))} and {number(round(hi, -3))} given the "
        f"whole-percent rate; no source gives the labour force (census rural residents 2020: "
        f"{number(rural)}, a different concept)", (src,)))
    rows.append(Check(
        "labour.provincial_average", "implied",
        "The Sichuan average transfer rate implied by Liangshan's rate and its gap.",
        (rate, gap), np.nan, value(rate) + value(gap), tolerance(rate) + tolerance(gap), NOTHING,
        "percent; no context table gives Sichuan's rate"))
    hh, pp = ("liangshan.spontaneous_migrant_poor_households",
              "liangshan.spontaneous_migrant_poor_population")
    hr, pr = ("liangshan.spontaneous_migrant_poor_households_remaining",
              "liangshan.spontaneous_migrant_poor_population_remaining")
    left = (value(pp) - value(pr)) / (value(hh) - value(hr))
    rows.append(Check(
        "migrants.household_size", "implied",
        "Persons per household among all registered self-relocated households and among those "
        "still poor.", (hh, pp, hr, pr), value(pp) / value(hh), value(pr) / value(hr), 0.0,
        NOTHING,
        f"persons per household; all {value(pp) / value(hh):.2f}, still poor "
        f"{value(pr) / value(hr):.2f}, those who left {left:.2f}: the households still poor "
        "are larger on average; nothing fixes what the sizes should be"))
    n_min, n_max = zhaizi_class_bounds()
    rows.append(Check(
        "zhaizi.class_count", "implied",
        "How many classes Zhaizi school can have, given its enrolment and its largest and "
        "smallest classes.",
        ("zhaizi_school.students", "zhaizi_school.largest_class", "zhaizi_school.smallest_class"),
        np.nan, n_min, 0.0, NOTHING,
        f"classes; between {n_min} and {n_max}; the article does not give the number of "
        "classes"))
    rows.append(_pensions())
    return rows


def _pensions() -> Check:
    """What a pension and the old-age subsidy cover of the article's income line."""
    pension, subsidy, line = ("liangshan.pension_monthly", "liangshan.old_age_subsidy",
                              "liangshan.income_reference_line")
    p, s = register.fact(pension), register.fact(subsidy)
    low60, high60 = 12 * p.value, 12 * p.value_max
    low80, high80 = 12 * (p.value + s.value), 12 * (p.value_max + s.value_max)
    return Check(
        "income.pensions_against_line", "implied",
        "What the monthly pension, and with it the old-age subsidy after 80, pays in a year "
        "against the article's income line.", (pension, subsidy, line), np.nan,
        high80 / value(line), 0.0, NOTHING,
        f"share of the line; {number(low60)} to {number(high60)} yuan a year over 60 "
        f"({pct(low60 / value(line), 0)} to {pct(high60 / value(line), 0)} of "
        f"{number(value(line))}), {number(low80)} to {number(high80)} over 80 "
        f"({pct(low80 / value(line), 0)} to {pct(high80 / value(line), 0)}); the article says "
        "that welfare payments together can reach the minimum, which rests on subsistence "
        "allowances it does not quantify")
