"""Checks of Liangshan's poverty roll (建档立卡): the stock of registered poor, the flows out
of it and into it, the rates and the bases they are taken over, in the article and in the press.

The roll was open: households were registered after 2013 (the article names self-relocated
families registered in recent years, paragraph 32, and families that became poor after the
first identification, paragraph 14). Stock at the end of a year = stock at its start +
entries - people lifted out, so the entries are what the other three leave over
(:func:`accounts`). Where a stock-flow relation fails as a closed identity, the entries it
needs are weighed as the mechanism (:class:`~analysis.domain.audit.core.Mechanism`): they
cannot be negative, and they cannot exceed the entries that the press totals imply by the end
of 2020.
"""
from __future__ import annotations

import math

from analysis.domain.audit.core import (
    WAN_ONE_DECIMAL_TOLERANCE,
    WHOLE_PERCENT_TOLERANCE,
    Check,
    Mechanism,
    agreement_at_most,
    agreement_equal,
    agreement_within,
    pct,
    press,
    tolerance,
    value,
)
from analysis.formatting import number

C13, C18 = "liangshan.poor_population.2013", "liangshan.poor_population.2018"
R13, R18 = "liangshan.poverty_rate.2013", "liangshan.poverty_rate.2018"
LIFTED = "liangshan.poor_lifted"
#: Who names the entries to the roll.
ENTRIES_NAMED_BY = "the article, paragraphs 14 and 32"


def _entries(when: str, needed: float, high: float) -> Mechanism:
    """Entries to the roll ``when`` as the mechanism: at least none, at most ``high``."""
    return Mechanism(f"households registered {when}", ENTRIES_NAMED_BY, needed, 0.0, high,
                     "persons")


def accounts() -> dict:
    """Liangshan's poverty roll as stocks and flows, from the article and the press.

    Returns:
        Persons by key, ``stock_2013``, ``stock_2018`` (article), ``lifted_to_2018``
        (article, cumulative since 2013), ``lifted_2019`` and ``stock_2019`` (S13),
        ``lifted_to_2019`` (S12), ``lifted_to_2020`` (S14), ``stock_2020`` (Sichuan's
        end-2020 roll, S39: zero, so Liangshan's is zero too), ``fall_to_2018``,
        ``entries_to_2018`` (lifted - fall, 2013 to 2018), ``entries_2019`` (during 2019),
        ``entries_to_2019``, ``lifted_2020`` (during 2020), ``entries_2020``,
        ``entries_to_2020``; and ``sources``, the press sources by key.
    """
    s = {}
    out = {"stock_2013": value(C13), "stock_2018": value(C18), "lifted_to_2018": value(LIFTED)}
    for key, args in {"lifted_2019": ("Liangshan", 2019, "poor_lifted_during_year",
                                      "during the year"),
                      "stock_2019": ("Liangshan", 2019, "registered_poor_population"),
                      "lifted_to_2019": ("Liangshan", 2019,
                                         "cumulative_poor_lifted_from_2013_baseline"),
                      "lifted_to_2020": ("Liangshan", 2020,
                                         "cumulative_poor_lifted_from_2013_baseline"),
                      "stock_2020": ("Sichuan", 2020, "registered_poor_population")}.items():
        out[key], s[key] = press(*args)
    out["fall_to_2018"] = out["stock_2013"] - out["stock_2018"]
    out["entries_to_2018"] = out["lifted_to_2018"] - out["fall_to_2018"]
    out["entries_2019"] = out["stock_2019"] - out["stock_2018"] + out["lifted_2019"]
    out["entries_to_2019"] = out["lifted_to_2019"] - (out["stock_2013"] - out["stock_2019"])
    out["lifted_2020"] = out["lifted_to_2020"] - out["lifted_to_2019"]
    out["entries_2020"] = out["stock_2020"] - out["stock_2019"] + out["lifted_2020"]
    out["entries_to_2020"] = out["lifted_to_2020"] - (out["stock_2013"] - out["stock_2020"])
    out["sources"] = s
    return out


def _base(count_id: str, rate_id: str) -> tuple[float, float]:
    """The base implied by a count and a rate, and its half-width from their rounding."""
    base = value(count_id) / (value(rate_id) / 100.0)
    rel = (tolerance(count_id, trailing_zeros_rounded=True) / value(count_id)
           + tolerance(rate_id) / value(rate_id))
    return base, base * rel


def bases() -> list[Check]:
    """The population bases implied by counts and rates (article; press for 2019)."""
    b13, h13 = _base(C13, R13)
    b18, h18 = _base(C18, R18)
    pop19, src_p = press("Liangshan", 2019, "registered_poor_population")
    rate19, src_r = press("Liangshan", 2019, "poverty_incidence")
    b19 = pop19 / (rate19 / 100.0)
    h19 = b19 * (WAN_ONE_DECIMAL_TOLERANCE / pop19 + WHOLE_PERCENT_TOLERANCE / rate19)
    return [
        Check("liangshan.implied_bases", "base",
              "The population base implied by the 2018 count and rate against the one implied "
              "by the 2013 count and rate.", (C13, R13, C18, R18), b13, b18, h13 + h18,
              agreement_equal(b13, b18, h13 + h18),
              f"persons; bases {number(round(b13))} and {number(round(b18))}: a change of "
              f"{(b18 / b13 - 1) * 100:+.2f}%, within the rounding of the printed rates"),
        Check("liangshan.base_2019_press", "outside record",
              "The base implied by the press's end-2019 count and rate against the article's "
              "2018 base.", (C18, R18), b18, b19, h18 + h19, agreement_equal(b18, b19, h18 + h19),
              "persons; the whole-percent rate of the press figure leaves a wide margin: the "
              "check says the press does not contradict the article's base, not that it "
              "confirms it", (src_p, src_r)),
    ]


def stock_flow() -> list[Check]:
    """The stock and the flows of the roll, closed and with entries allowed for."""
    a = accounts()
    src = a["sources"]
    tol = sum(tolerance(f, trailing_zeros_rounded=True) for f in (C13, C18, LIFTED))
    s13, s_s13 = press("Liangshan", 2013, "registered_poor_population")
    entries = _entries("after 2013", a["entries_to_2018"], a["entries_to_2020"])
    rows = [
        Check("liangshan.stock_flow", "stock-flow",
              "The fall in Liangshan's poor from 2013 to 2018 against the number said to have "
              "left poverty.", (C13, C18, LIFTED), value(LIFTED), a["fall_to_2018"], tol,
              agreement_equal(value(LIFTED), a["fall_to_2018"], tol),
              f"persons; as a closed identity it fails by {number(a['entries_to_2018'])}; "
              "it closes if that many people entered the roll after 2013, fewer than the "
              f"{number(a['entries_to_2020'])} entries the press totals imply by the end of 2020",
              (src["lifted_to_2020"], s_s13), entries),
        Check("liangshan.entries_grow", "outside record",
              "Entries to the roll implied by the end of 2018 do not exceed those implied by "
              "the end-2020 totals.", (C13, C18, LIFTED), a["entries_to_2020"],
              a["entries_to_2018"], 0.0,
              agreement_at_most(a["entries_to_2018"], a["entries_to_2020"]),
              "persons; entries = lifted out - fall in the stock",
              (src["lifted_to_2020"], s_s13)),
    ]
    # the press's 2019 flow carried back to the end of 2018
    derived = a["stock_2019"] + a["lifted_2019"]
    tol18 = tolerance(C18, trailing_zeros_rounded=True) + 2 * WAN_ONE_DECIMAL_TOLERANCE
    rows.append(Check(
        "liangshan.stock_2018_press", "outside record",
        "The article's end-2018 poor population against the press's end-2019 remainder plus "
        "those lifted out during 2019.", (C18,), derived, value(C18), tol18,
        agreement_equal(derived, value(C18), tol18),
        f"persons; a gap of {number(abs(value(C18) - derived))} "
        f"({abs(value(C18) / derived - 1) * 100:.1f}%): the entries to the roll during 2019",
        (src["stock_2019"], src["lifted_2019"]),
        _entries("during 2019", a["entries_2019"],
                 a["entries_to_2020"] - a["entries_to_2018"])))
    total = a["lifted_to_2018"] + a["lifted_2019"]
    tol19 = tolerance(LIFTED, trailing_zeros_rounded=True) + 2 * WAN_ONE_DECIMAL_TOLERANCE
    rows.append(Check(
        "liangshan.cumulative_2019_press", "stock-flow",
        "The number lifted out by the end of 2018 plus those lifted out during 2019 against "
        "the press's total for the end of 2019.", (LIFTED,), a["lifted_to_2019"], total, tol19,
        agreement_equal(a["lifted_to_2019"], total, tol19),
        "persons; three sources, one chain of yearly totals",
        (src["lifted_2019"], src["lifted_to_2019"])))
    tol20 = 3 * WAN_ONE_DECIMAL_TOLERANCE
    rows.append(Check(
        "liangshan.exits_2020_press", "stock-flow",
        "People lifted out during 2020 (the end-2020 total less the end-2019 total) against "
        "the poor left at the start of 2020, when the roll was empty by the end of 2020.",
        (), a["stock_2019"] - a["stock_2020"], a["lifted_2020"], tol20,
        agreement_equal(a["stock_2019"] - a["stock_2020"], a["lifted_2020"], tol20),
        f"persons; {number(a['lifted_2020'])} lifted out of a stock of "
        f"{number(a['stock_2019'])}: {number(a['entries_2020'])} people entered the roll "
        "during 2020, or the cumulative count differs from the roll by definition (people "
        "who left, fell back and left again counted twice; revisions of the roll); nothing "
        "bounds the entries from above, so the gap is shown, not judged",
        (src["lifted_to_2020"], src["lifted_to_2019"], src["stock_2019"], src["stock_2020"]),
        _entries("during 2020", a["entries_2020"], math.inf)))
    return rows


def press_rates() -> list[Check]:
    """The article's rates and stocks against the press's."""
    a = accounts()
    cnr, s_cnr = press("Liangshan", 2018, "poverty_incidence", "point in the year not stated")
    r19, s_r19 = press("Liangshan", 2019, "poverty_incidence")
    r18 = value(R18)
    inside = r19 <= r18 <= cnr
    rows = [Check(
        "liangshan.rate_2018_press", "outside record",
        "The article's end-2018 poverty rate against a radio report's rate for 2018, which "
        "gives no point in the year, and its rate for the end of 2019.", (R18,), cnr, r18, 0.0,
        "the bound holds" if inside else "the bound is broken",
        f"percent; while the rate falls, the rate at the end of 2018 ({number(r18)}) can "
        f"be no higher than a rate from within 2018 ({number(cnr)}) and no lower than the "
        f"rate at the end of 2019 ({number(r19)}). Had the {number(cnr)}% been for the end "
        "of 2018, the two sources would disagree; the report does not say so",
        (s_cnr, s_r19))]
    mid = (cnr + r19) / 2.0
    tol = WHOLE_PERCENT_TOLERANCE + tolerance(R18)
    holds = agreement_equal(mid, r18, tol) in ("exact", "within rounding")
    rows.append(Check(
        "liangshan.rate_path_press", "outside record",
        "If the radio report's 2018 rate was the rate at the start of 2018, and the rate fell "
        "by equal steps to its end-2019 rate, the rate at the end of 2018 lies half-way.",
        (R18,), mid, r18, tol,
        "holds on an unstated reading" if holds else "fails on an unstated reading",
        f"percent; ({number(cnr)} + {number(r19)}) / 2 = {mid:g}; a reading the report "
        "allows, not one it states, so the check is shown, not judged; the tolerance is half "
        "a point for two whole-percent rates plus the rounding of the article's rate",
        (s_cnr, s_r19)))
    rows.append(start_2018_bounds(a, cnr, s_cnr))
    s13, src = press("Liangshan", 2013, "registered_poor_population")
    rows.append(Check(
        "liangshan.stock_2013_press", "outside record",
        "The article's 2013 poor population against the provincial press.", (C13,), s13,
        value(C13), WAN_ONE_DECIMAL_TOLERANCE,
        agreement_equal(s13, value(C13), WAN_ONE_DECIMAL_TOLERANCE), "persons", (src,)))
    s32, src = press("Liangshan", 2018, "cumulative_poor_lifted_from_2013_baseline")
    rows.append(Check(
        "liangshan.lifted_press", "outside record",
        "The article's number lifted out of poverty against the press total for the end of "
        "2018.", (LIFTED,), s32, value(LIFTED), 0.0, agreement_equal(s32, value(LIFTED), 0.0),
        "persons; the article does not date its figure; it equals the press's cumulative "
        "total to the end of 2018", (src,)))
    sc18, src = press("Sichuan", 2018, "registered_poor_population")
    sc13, src13 = press("Sichuan", 2013, "registered_poor_population")
    rows.append(Check(
        "liangshan.within_sichuan", "outside record",
        "Liangshan's poor at the end of 2018 are part of Sichuan's.", (C18,), sc18, value(C18),
        0.0, agreement_at_most(value(C18), sc18),
        f"persons; Liangshan holds {pct(value(C18) / sc18)} of Sichuan's poor at the end of "
        f"2018, against {pct(value(C13) / sc13)} at the end of 2013 and "
        f"{pct(a['stock_2019'] / press('Sichuan', 2019, 'registered_poor_population')[0])} "
        "at the end of 2019", (src13, src)))
    return rows


def start_2018_bounds(a: dict, cnr: float, s_cnr: str) -> Check:
    """The radio report's 2018 rate, read as the rate at the start of 2018, against the
    bounds the roll puts on the end-2017 stock, as rates on the article's 2018 base.

    stock(2017) = stock(2018) + exits(2018) - entries(2018) <= stock(2018) + exits(2018),
    and stock(2017) = stock(2013) + entries(2014-17) - exits(2014-17) >= stock(2013) -
    exits(2014-17), as entries cannot be negative; exits(2018) is the cumulative total at the
    end of 2018 less that at the end of 2017.
    """
    to_2017, s_17 = press("Liangshan", 2017, "cumulative_poor_lifted_from_2013_baseline")
    exits_2018 = a["lifted_to_2018"] - to_2017
    base, _ = _base(C18, R18)
    low = (a["stock_2013"] - to_2017) / base * 100.0
    high = (a["stock_2018"] + exits_2018) / base * 100.0
    return Check(
        "liangshan.rate_start_2018_bounds", "stock-flow",
        "The radio report's 2018 rate, read as the rate at the start of 2018, lies between "
        "the rates that the roll's stocks and flows allow for the end of 2017.",
        (C13, C18, R18, LIFTED),
        (low + high) / 2.0, cnr, (high - low) / 2.0, agreement_within(cnr, low, high),
        f"percent of the article's 2018 base ({number(round(base))} persons); end-2017 stock "
        f"at most {number(a['stock_2018'])} + {number(exits_2018)} = "
        f"{number(a['stock_2018'] + exits_2018)} ({high:.1f}%), at least "
        f"{number(a['stock_2013'])} - {number(to_2017)} = "
        f"{number(a['stock_2013'] - to_2017)} ({low:.1f}%)", (s_cnr, s_17))


def migrant_entries() -> list[Check]:
    """The self-relocated households the article says were registered, against the entries."""
    a = accounts()
    pp = "liangshan.spontaneous_migrant_poor_population"
    return [Check(
        "liangshan.entries_from_migrants", "outside record",
        "The self-relocated people registered as poor fit within the entries to the roll "
        "implied by the end of 2019.", (pp,), a["entries_to_2019"], value(pp), 0.0,
        agreement_at_most(value(pp), a["entries_to_2019"]),
        f"persons; if all were registered after 2013, as the article's account suggests, "
        f"they are {pct(value(pp) / a['entries_to_2019'])} of the "
        f"{number(a['entries_to_2019'])} entries; the rest would be households identified "
        "later or newly impoverished", (a["sources"]["lifted_to_2019"],
                                        a["sources"]["stock_2019"]))]
