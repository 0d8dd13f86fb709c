"""An audit of the article's numbers: every arithmetic relation among them that can be checked.

Each check is named (``check_id``), says in our words what it tests, lists the register rows
(``fact_ids``) and context sources it uses, and gives what was expected, what was computed,
their difference, the tolerance and a verdict:

* ``consistent`` - the relation holds exactly (or the inequality holds);
* ``rounding`` - it holds within the rounding of the printed numbers;
* ``inconsistent`` - it does not hold, even allowing for rounding (the note says what might
  explain it: a different basis, entries to the register...);
* ``cannot check`` - the article implies a number but nothing, in the article or the context
  tables, says what it should be; the number is computed and shown, not judged.

Kinds of check (column ``kind``): ``sum`` (parts add up to a printed whole), ``ratio`` (a
printed ratio recomputed from its parts), ``bound`` (a part may not exceed its whole),
``range`` (bands that must join), ``hedge`` (a hedged phrase against the computed number),
``base`` (population bases implied by counts and rates), ``stock-flow`` (counts over time that
must balance), ``implied`` (numbers the article implies) and ``outside record`` (the article
against the context tables).

Rounding tolerances come from the way each number is printed (:func:`rounding_tolerance` of
the register's ``as_written``); the constants below are the only other inputs.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from analysis.data import context, register
from analysis.domain import assumptions, counties
from analysis.formatting import number

#: Verdicts, in the order tables list them.
VERDICTS = ["consistent", "rounding", "inconsistent", "cannot check"]

#: Assumption (not a sourced norm) — "almost X" is read as lying between (1 - ALMOST_BAND) * X
#: and X; default, range and basis in :mod:`analysis.domain.assumptions`.
ALMOST_BAND = assumptions.default("almost_band")

#: Half the rounding unit of the press figures in the context tables that were printed in
#: units of 10,000 (万) with one decimal (e.g. 17.8万 = 178,000): they are exact to 1,000
#: persons, so each may be off by 500.
WAN_ONE_DECIMAL_TOLERANCE = 500.0

#: Relative tolerance under which two computed values count as equal (floating point only).
EXACT_RTOL = 1e-9

_SCALE = {"million": 1e6, "cents": 0.01, "cent": 0.01}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


# ----------------------------------------------------------------------------- helpers


def rounding_tolerance(as_written: str, *, trailing_zeros_rounded: bool = False) -> float:
    """Half a unit of the last printed digit of a number as the article writes it.

    ``"95.6%"`` -> 0.05; ``"12.4"`` -> 0.05; ``"26%"`` -> 0.5; ``"3 million"`` -> 500,000;
    ``"30 cents"`` -> 0.005 (yuan). Number words (``"three"``) count as exact integers (0.5).

    Args:
        as_written: the number as printed (the register's ``as_written``).
        trailing_zeros_rounded: read the trailing zeros of an integer as rounding
            (``"881,000"`` -> 500 rather than 0.5), for counts that are evidently rounded.

    Raises:
        ValueError: a fraction word or a phrase without a number to read.
    """
    text = str(as_written).strip()
    scale = 1.0
    for word, factor in _SCALE.items():
        if re.search(rf"\b{word}\b", text, flags=re.IGNORECASE):
            scale = factor
            break
    m = _NUM.search(text)
    if m is None:
        from analysis.data.article import parse_written

        value, _ = parse_written(text)  # raises ValueError when there is no number
        if not float(value).is_integer():
            raise ValueError(f"{as_written!r} is a fraction word, not a rounded number")
        return 0.5 * scale
    digits = m.group(0).replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".")[1])
        return 0.5 * 10.0 ** (-decimals) * scale
    unit = 1.0
    if trailing_zeros_rounded and int(digits) != 0:
        zeros = len(digits) - len(digits.rstrip("0"))
        unit = 10.0 ** zeros
    return 0.5 * unit * scale


def _tol(fact_id: str, **kw) -> float:
    return rounding_tolerance(register.load_facts().loc[fact_id, "as_written"], **kw)


def _v(fact_id: str) -> float:
    return register.value(fact_id)


def verdict_equal(expected: float, computed: float, tolerance: float) -> str:
    """``consistent`` if equal, ``rounding`` if within ``tolerance``, else ``inconsistent``."""
    if any(map(lambda x: x is None or (isinstance(x, float) and math.isnan(x)),
               (expected, computed, tolerance))):
        return "cannot check"
    diff = abs(computed - expected)
    if diff <= EXACT_RTOL * max(1.0, abs(expected)):
        return "consistent"
    if diff <= tolerance * (1 + EXACT_RTOL):
        return "rounding"
    return "inconsistent"


def verdict_at_most(part: float, whole: float) -> str:
    """``consistent`` if ``part <= whole``, else ``inconsistent``."""
    return "consistent" if part <= whole * (1 + EXACT_RTOL) else "inconsistent"


def _row(check_id, kind, description, fact_ids, expected, computed, tolerance, verdict,
         note="", sources=""):
    diff = computed - expected if not (pd.isna(expected) or pd.isna(computed)) else np.nan
    return {"check_id": check_id, "kind": kind, "description": description,
            "fact_ids": "; ".join(fact_ids), "context_sources": sources,
            "expected": float(expected), "computed": float(computed),
            "difference": float(diff), "tolerance": float(tolerance), "verdict": verdict,
            "note": note}


def _pct(x: float, d: int = 1) -> str:
    return f"{x * 100:.{d}f}%"


def _ctx(geography: str, year: int, indicator: str, period: str = "end of year"):
    frame = context.poverty_sichuan_liangshan(primary_only=True)
    hit = frame[(frame["geography"] == geography) & (frame["year"] == year)
                & (frame["indicator"] == indicator) & (frame["period"] == period)]
    if len(hit) != 1:
        raise KeyError(f"no primary row {geography} {year} {indicator} ({period}) in "
                       "poverty_sichuan_liangshan.csv")
    return float(hit["value"].iloc[0]), str(hit["source_id"].iloc[0])


# ----------------------------------------------------------------------------- checks


def _sums() -> list[dict]:
    rows = []
    peak, back, out = ("liangshan.out_of_school_children_peak",
                       "liangshan.out_of_school_children_returned",
                       "liangshan.out_of_school_children")
    rows.append(_row("schooling.peak_identity", "sum",
                     "Children brought back to school plus those still out equal the peak "
                     "count of out-of-school children.", [back, out, peak],
                     _v(peak), _v(back) + _v(out), 0.0,
                     verdict_equal(_v(peak), _v(back) + _v(out), 0.0), "children"))
    tot, a, b = ("kuijiu_group2.households", "kuijiu_group2.registered_poor_households",
                 "kuijiu_group2.non_poor_households")
    rows.append(_row("kuijiu_group2.households", "sum",
                     "In Kuijiu's second villager group, the poor households to be moved plus "
                     "the unregistered ones that stay make up the group.", [a, b, tot],
                     _v(tot), _v(a) + _v(b), 0.0, verdict_equal(_v(tot), _v(a) + _v(b), 0.0),
                     "households"))
    parts = ["wawu_group.poor_households_relocated", "wawu_group.care_households_to_move",
             "wawu_group.households_left_behind"]
    s = sum(_v(p) for p in parts)
    rows.append(_row("wawu_group.households", "sum",
                     "In the Wawu group, households already moved, those about to enter care "
                     "homes and those left on the mountain make up the group.",
                     parts + ["wawu_group.households"], _v("wawu_group.households"), s, 0.0,
                     verdict_equal(_v("wawu_group.households"), s, 0.0), "households"))
    return rows


def _ratios() -> list[dict]:
    rows = []
    rate, poor, res = "kuijiu.poverty_rate", "kuijiu.poor_population", "kuijiu.residents"
    comp = _v(poor) / _v(res) * 100.0
    rows.append(_row("kuijiu.poverty_rate", "ratio",
                     "Kuijiu's poverty rate recomputed from its poor and its residents.",
                     [poor, res, rate], _v(rate), comp, _tol(rate),
                     verdict_equal(_v(rate), comp, _tol(rate)),
                     "percent; the printed rate is the quotient rounded to one decimal"))
    per, staff, clinics = ("butuo.medical_workers_per_clinic", "butuo.township_clinic_staff",
                           "butuo.township_clinics")
    comp = _v(staff) / _v(clinics)
    rows.append(_row("butuo.staff_per_clinic", "ratio",
                     "Butuo's average staff per township health centre recomputed from staff "
                     "and centres.", [staff, clinics, per], _v(per), comp, _tol(per),
                     verdict_equal(_v(per), comp, _tol(per)), "medical workers per clinic"))
    return rows


def _bounds() -> list[dict]:
    rows = []

    def bound(check_id, description, part_ids, whole_ids, note_fn=None):
        part = sum(_v(p) for p in part_ids)
        whole = sum(_v(w) for w in whole_ids)
        note = note_fn(part, whole) if note_fn else f"share {_pct(part / whole)}"
        rows.append(_row(check_id, "bound", description, part_ids + whole_ids, whole, part,
                         0.0, verdict_at_most(part, whole), note))

    bound("butuo.posts_filled", "Butuo's township health staff do not exceed the approved posts.",
          ["butuo.township_clinic_staff"], ["butuo.township_clinic_posts"],
          lambda p, w: f"fill rate {_pct(p / w)}; {number(w - p)} posts vacant")
    bound("housing.relocation_within_needed",
          "Homes for resettlement are part of the safe homes still to be built.",
          ["liangshan.relocation_homes_needed"], ["liangshan.safe_homes_needed"],
          lambda p, w: f"resettlement homes are {_pct(p / w)} of those still to build")
    bound("income.county_subsets",
          "Butuo's and Jinyang's low-income households together fit within the prefecture's.",
          ["butuo.households_income_below_4000", "jinyang.households_income_below_4000"],
          ["liangshan.households_income_below_4000"],
          lambda p, w: f"the two counties hold {_pct(p / w)} of these households")
    bound("migrants.households_remaining",
          "Self-relocated registered households still poor do not exceed all such households.",
          ["liangshan.spontaneous_migrant_poor_households_remaining"],
          ["liangshan.spontaneous_migrant_poor_households"],
          lambda p, w: f"{_pct(p / w)} still poor; {number(w - p)} households have left poverty")
    bound("migrants.persons_remaining",
          "Members of those households still poor do not exceed all registered members.",
          ["liangshan.spontaneous_migrant_poor_population_remaining"],
          ["liangshan.spontaneous_migrant_poor_population"],
          lambda p, w: f"{_pct(p / w)} still poor; {number(w - p)} people have left poverty")
    bound("migrants.registered_within_all",
          "Registered-poor self-relocated people do not exceed all self-relocated people "
          "(within and beyond the prefecture).",
          ["liangshan.spontaneous_migrant_poor_population"],
          ["liangshan.spontaneous_migrants_within", "liangshan.spontaneous_migrants_outside"],
          lambda p, w: f"registered poor are {_pct(p / w)} of the self-relocated")
    bound("bricks.capacity_below_demand",
          "Butuo's brick works make fewer bricks a day than its building sites use.",
          ["butuo.brick_capacity"], ["butuo.brick_demand"],
          lambda p, w: f"daily shortfall {number(w - p)} bricks; local works cover "
                       f"{_pct(p / w)} of demand")
    bound("schooling.registered_poor_subset",
          "Out-of-school children from registered poor families are part of all "
          "out-of-school children.",
          ["liangshan.out_of_school_children_registered_poor"],
          ["liangshan.out_of_school_children"])
    bound("jinyang.large_classes_subset",
          "Jinyang's classes at or above the large-class mark are part of all its classes.",
          ["jinyang.classes_55_plus"], ["jinyang.compulsory_education_classes"],
          lambda p, w: f"large classes are {_pct(p / w)} of all classes")
    bound("zhaizi.extreme_classes_fit",
          "Zhaizi school's largest and smallest classes together fit within its enrolment.",
          ["zhaizi_school.largest_class", "zhaizi_school.smallest_class"],
          ["zhaizi_school.students"],
          lambda p, w: f"{number(w - p)} pupils are in the other classes")
    bound("kuijiu_group2.within_village",
          "Kuijiu's second villager group is part of the village's households.",
          ["kuijiu_group2.households"], ["kuijiu.households"])
    bound("labour.poor_migrants_within_transferred",
          "Registered-poor migrant workers of 2018 are part of all labourers transferred "
          "that year.",
          ["liangshan.migrant_workers_registered_poor.2018"],
          ["liangshan.labour_transferred.2018"])
    # a lower bound: Kuijiu is one of the villages said to be above the floor
    floor, rate = "trip.visited_villages_poverty_rate", "kuijiu.poverty_rate"
    rows.append(_row("kuijiu.above_visited_floor", "bound",
                     "Kuijiu, one of the villages visited, is above the stated floor of the "
                     "visited villages' poverty rates.", [rate, floor], _v(floor), _v(rate),
                     0.0, verdict_at_most(_v(floor), _v(rate)), "percent"))
    return rows


def _ranges() -> list[dict]:
    free, band, thr = ("butuo_jinyang.outpatient_free_amount",
                       "butuo_jinyang.outpatient_patient_paid_band",
                       "butuo_jinyang.outpatient_reimbursement_threshold")
    f_band = register.fact(band)
    rows = [_row("health.outpatient_bands_join_low", "range",
                 "The free outpatient amount ends where the patient-paid band begins.",
                 [free, band], f_band.value, _v(free), 0.0,
                 verdict_equal(f_band.value, _v(free), 0.0), "yuan"),
            _row("health.outpatient_bands_join_high", "range",
                 "The patient-paid band ends where reimbursement begins.", [band, thr],
                 f_band.value_max, _v(thr), 0.0, verdict_equal(f_band.value_max, _v(thr), 0.0),
                 "yuan")]
    return rows


def almost_band(target: float, band: float = ALMOST_BAND) -> tuple[float, float]:
    """The interval that "almost ``target``" is read as: ((1 - band) * target, target)."""
    return (1.0 - band) * target, target


def _hedges() -> list[dict]:
    v16, v18, dec = ("butuo.primary_care_visits.2016", "butuo.primary_care_visits.2018",
                     "butuo.primary_care_visits_decline")
    a, b = _v(v16), _v(v18)
    fall = (a - b) / a
    lo, hi = almost_band(_v(dec))
    verdict = "consistent" if lo <= fall <= hi else "inconsistent"
    ta, tb = _tol(v16, trailing_zeros_rounded=True), _tol(v18, trailing_zeros_rounded=True)
    fmin = ((a - ta) - (b + tb)) / (a - ta)
    fmax = ((a + ta) - (b - tb)) / (a + ta)
    note = (f"fall of {_pct(fall)}; with the visit counts rounded to thousands it lies between "
            f"{_pct(fmin)} and {_pct(fmax)}; 'almost half' read as {_pct(lo, 0)} to "
            f"{_pct(hi, 0)} (assumption ALMOST_BAND = {ALMOST_BAND:g})")
    return [_row("butuo.visits_almost_half", "hedge",
                 "Butuo's fall in primary-care visits from 2016 to 2018 against the phrase "
                 "'almost half'.", [v16, v18, dec], hi, fall, hi - lo, verdict, note)]


def _bases() -> list[dict]:
    c13, r13, c18, r18 = ("liangshan.poor_population.2013", "liangshan.poverty_rate.2013",
                          "liangshan.poor_population.2018", "liangshan.poverty_rate.2018")

    def base_and_halfwidth(c, r):
        base = _v(c) / (_v(r) / 100.0)
        rel = _tol(c, trailing_zeros_rounded=True) / _v(c) + _tol(r) / _v(r)
        return base, base * rel

    b13, h13 = base_and_halfwidth(c13, r13)
    b18, h18 = base_and_halfwidth(c18, r18)
    rows = [_row("liangshan.implied_bases", "base",
                 "The population base implied by the 2018 count and rate against the one "
                 "implied by the 2013 count and rate.", [c13, r13, c18, r18], b13, b18,
                 h13 + h18, verdict_equal(b13, b18, h13 + h18),
                 f"persons; bases {number(round(b13))} and {number(round(b18))}: a change of "
                 f"{(b18 / b13 - 1) * 100:+.2f}%, within the rounding of the printed rates")]
    pop19, src_p = _ctx("Liangshan", 2019, "registered_poor_population")
    rate19, src_r = _ctx("Liangshan", 2019, "poverty_incidence")
    b19 = pop19 / (rate19 / 100.0)
    h19 = b19 * (WAN_ONE_DECIMAL_TOLERANCE / pop19 + 0.5 / rate19)
    rows.append(_row("liangshan.base_2019_press", "outside record",
                     "The base implied by the press's end-2019 count and rate against the "
                     "article's 2018 base.", [c18, r18], b18, b19, h18 + h19,
                     verdict_equal(b18, b19, h18 + h19),
                     "persons; the whole-percent rate of the press figure leaves a wide "
                     "margin", f"{src_p}; {src_r}"))
    return rows


def _stock_flow() -> list[dict]:
    c13, c18, lifted = ("liangshan.poor_population.2013", "liangshan.poor_population.2018",
                        "liangshan.poor_lifted")
    fall = _v(c13) - _v(c18)
    tol = sum(_tol(f, trailing_zeros_rounded=True) for f in (c13, c18, lifted))
    entries = _v(lifted) - fall
    lifted20, s20 = _ctx("Liangshan", 2020, "cumulative_poor_lifted_from_2013_baseline")
    stock13, s13 = _ctx("Liangshan", 2013, "registered_poor_population")
    entries20 = lifted20 - stock13
    rows = [_row("liangshan.stock_flow", "stock-flow",
                 "The fall in Liangshan's poor from 2013 to 2018 against the number said to "
                 "have left poverty.", [c13, c18, lifted], _v(lifted), fall, tol,
                 verdict_equal(_v(lifted), fall, tol),
                 f"persons; the identity closes only if about {number(entries)} people entered "
                 "the register after 2013 (households identified later, newly impoverished or "
                 "self-relocated); by end-2020 the press reports more people lifted out than "
                 f"the 2013 stock, implying at least {number(entries20)} entries", f"{s20}; {s13}"),
            _row("liangshan.entries_grow", "outside record",
                 "Register entries implied by end-2018 do not exceed those implied by the "
                 "end-2020 totals.", [c13, c18, lifted], entries20, entries, 0.0,
                 verdict_at_most(entries, entries20),
                 "persons; entries = lifted out - fall in the stock", f"{s20}; {s13}")]
    return rows


def _implied() -> list[dict]:
    rows = []
    lab, rate, gap = ("liangshan.labour_transferred.2018", "liangshan.transfer_rate.2018",
                      "liangshan.transfer_rate_gap_to_province.2018")
    force = _v(lab) / (_v(rate) / 100.0)
    lo = _v(lab) / ((_v(rate) + _tol(rate)) / 100.0)
    hi = _v(lab) / ((_v(rate) - _tol(rate)) / 100.0)
    rural, src = counties.prefecture_census("rural_population", "2020")
    rows.append(_row("labour.implied_labour_force", "implied",
                     "The rural labour force implied by the workers transferred and the "
                     "transfer rate.", [lab, rate], np.nan, force, hi - force, "cannot check",
                     f"persons; between {number(round(lo, -3))} and {number(round(hi, -3))} "
                     f"given the whole-percent rate; no source gives the labour force "
                     f"(census rural residents 2020: {number(rural)}, a different concept)", src))
    rows.append(_row("labour.provincial_average", "implied",
                     "The Sichuan average transfer rate implied by Liangshan's rate and its gap.",
                     [rate, gap], np.nan, _v(rate) + _v(gap), _tol(rate) + _tol(gap),
                     "cannot check", "percent; no context table gives Sichuan's rate"))
    hh, pp = ("liangshan.spontaneous_migrant_poor_households",
              "liangshan.spontaneous_migrant_poor_population")
    hr, pr = ("liangshan.spontaneous_migrant_poor_households_remaining",
              "liangshan.spontaneous_migrant_poor_population_remaining")
    left = (_v(pp) - _v(pr)) / (_v(hh) - _v(hr))
    rows.append(_row("migrants.household_size", "implied",
                     "Persons per household among all registered self-relocated households "
                     "and among those still poor.", [hh, pp, hr, pr], _v(pp) / _v(hh),
                     _v(pr) / _v(hr), 0.0, "cannot check",
                     f"persons per household; all {_v(pp) / _v(hh):.2f}, still poor "
                     f"{_v(pr) / _v(hr):.2f}, those who left {left:.2f}: larger households "
                     "remain poor; nothing fixes what the sizes should be"))
    n_min, n_max = zhaizi_class_bounds()
    rows.append(_row("zhaizi.class_count", "implied",
                     "How many classes Zhaizi school can have, given its enrolment and its "
                     "largest and smallest classes.",
                     ["zhaizi_school.students", "zhaizi_school.largest_class",
                      "zhaizi_school.smallest_class"], np.nan, n_min, 0.0, "cannot check",
                     f"classes; between {n_min} and {n_max}; the article does not give the "
                     "number of classes"))
    return rows


def zhaizi_class_bounds() -> tuple[int, int]:
    """Fewest and most classes Zhaizi school can have (register rows ``zhaizi_school.*``).

    With enrolment N, largest class L and smallest S, the other classes hold N - L - S pupils,
    each between S and L: at least ceil((N - L - S) / L) and at most floor((N - L - S) / S) of
    them (a single class when only one is given is excluded since L > S).

    Raises:
        ValueError: the largest and smallest classes do not fit in the enrolment.
    """
    n, big, small = (_v("zhaizi_school.students"), _v("zhaizi_school.largest_class"),
                     _v("zhaizi_school.smallest_class"))
    rest = n - big - small
    if rest < 0 or small <= 0 or big < small:
        raise ValueError("the class sizes do not fit the enrolment")
    return 2 + math.ceil(rest / big), 2 + math.floor(rest / small)


def _outside() -> list[dict]:
    rows = []
    r18 = "liangshan.poverty_rate.2018"
    cnr, src = _ctx("Liangshan", 2018, "poverty_incidence")
    rows.append(_row("liangshan.rate_2018_press", "outside record",
                     "The article's end-2018 poverty rate against the rate a national radio "
                     "report gives for the same date.", [r18], cnr, _v(r18),
                     _tol(r18) + 0.5, verdict_equal(cnr, _v(r18), _tol(r18) + 0.5),
                     "percent; neither source states its denominator: a different basis is "
                     "the likeliest reading (the article's rate matches its own counts)", src))
    c13 = "liangshan.poor_population.2013"
    s14, src = _ctx("Liangshan", 2013, "registered_poor_population")
    rows.append(_row("liangshan.stock_2013_press", "outside record",
                     "The article's 2013 poor population against the provincial press.", [c13],
                     s14, _v(c13), WAN_ONE_DECIMAL_TOLERANCE,
                     verdict_equal(s14, _v(c13), WAN_ONE_DECIMAL_TOLERANCE), "persons", src))
    c18 = "liangshan.poor_population.2018"
    rem19, s_a = _ctx("Liangshan", 2019, "registered_poor_population")
    out19, s_b = _ctx("Liangshan", 2019, "poor_lifted_during_year", period="during the year")
    derived = rem19 + out19
    tol = _tol(c18, trailing_zeros_rounded=True) + 2 * WAN_ONE_DECIMAL_TOLERANCE
    rows.append(_row("liangshan.stock_2018_press", "outside record",
                     "The article's 2018 poor population against the end-2019 remainder plus "
                     "those lifted out during 2019.", [c18], derived, _v(c18), tol,
                     verdict_equal(derived, _v(c18), tol),
                     f"persons; a gap of {number(abs(_v(c18) - derived))} "
                     f"({abs(_v(c18) / derived - 1) * 100:.1f}%), small enough to be entries "
                     "to the register during 2019", f"{s_a}; {s_b}"))
    lifted = "liangshan.poor_lifted"
    s32, src = _ctx("Liangshan", 2018, "cumulative_poor_lifted_from_2013_baseline")
    rows.append(_row("liangshan.lifted_press", "outside record",
                     "The article's number lifted out of poverty against the press total for "
                     "end-2018.", [lifted], s32, _v(lifted), 0.0,
                     verdict_equal(s32, _v(lifted), 0.0),
                     "persons; the article's figure is the end-2018 cumulative total", src))
    counties = "liangshan.deeply_poor_counties"
    status = context.poverty_county_status()
    n_poor = int(status["national_poverty_county"].sum())
    rows.append(_row("liangshan.poor_counties", "outside record",
                     "The deeply poor counties receiving provincial teams against the national "
                     "poverty counties of Liangshan in the county status table.", [counties],
                     n_poor, _v(counties), 0.0, verdict_equal(n_poor, _v(counties), 0.0),
                     "counties", "; ".join(sorted(set(status["source_id"])))))
    return rows


# ----------------------------------------------------------------------------- the audit


def run_audit() -> pd.DataFrame:
    """Run every check; one row per check.

    Returns:
        Columns check_id, kind, description, fact_ids (``; ``-separated register ids),
        context_sources (source ids of the context tables, or ``""``), expected, computed,
        difference (computed - expected), tolerance (same unit as the values), verdict (one of
        :data:`VERDICTS`), note (units and what the result means). ``expected`` is NaN for
        ``cannot check`` rows that have nothing to compare with.
    """
    rows = (_sums() + _ratios() + _bounds() + _ranges() + _hedges() + _bases()
            + _stock_flow() + _implied() + _outside())
    frame = pd.DataFrame(rows)
    if frame["check_id"].duplicated().any():
        raise ValueError("duplicate check ids in the audit")
    bad = set(frame["verdict"]) - set(VERDICTS)
    if bad:
        raise ValueError(f"unknown verdicts {sorted(bad)}")
    return frame


def verdict_counts(frame: pd.DataFrame | None = None) -> pd.Series:
    """Number of checks per verdict (every verdict listed, zeros included)."""
    frame = run_audit() if frame is None else frame
    return frame["verdict"].value_counts().reindex(VERDICTS, fill_value=0)


def _fmt(x: float) -> str:
    if pd.isna(x):
        return "—"
    if abs(x) >= 100:
        return number(round(x))
    if float(x).is_integer():
        return number(x)
    return f"{x:,.3f}".rstrip("0").rstrip(".")


#: Columns of :func:`audit_table` for each ``part``.
TABLE_PARTS = {
    "results": ["Check", "Kind", "What is tested", "Expected", "Computed", "Difference",
                "Tolerance", "Verdict"],
    "notes": ["Check", "Verdict", "Note", "Register rows", "Context sources"],
}


def audit_table(frame: pd.DataFrame | None = None, part: str = "all") -> pd.DataFrame:
    """The audit formatted for the book: strings only, no NaN, readable column names.

    Args:
        frame: :func:`run_audit` output (run when None).
        part: ``"all"`` columns, or one of :data:`TABLE_PARTS` (``"results"``, ``"notes"``).

    Raises:
        ValueError: an unknown ``part``.
    """
    if part != "all" and part not in TABLE_PARTS:
        raise ValueError(f"part must be 'all' or one of {sorted(TABLE_PARTS)}, got {part!r}")
    frame = run_audit() if frame is None else frame
    out = pd.DataFrame({
        "Check": frame["check_id"],
        "Kind": frame["kind"],
        "What is tested": frame["description"],
        "Expected": frame["expected"].map(_fmt),
        "Computed": frame["computed"].map(_fmt),
        "Difference": frame["difference"].map(_fmt),
        "Tolerance": frame["tolerance"].map(_fmt),
        "Verdict": frame["verdict"].str.upper(),
        "Note": frame["note"],
        "Register rows": frame["fact_ids"],
        "Context sources": frame["context_sources"].replace("", "—"),
    })
    return out if part == "all" else out[TABLE_PARTS[part]]
