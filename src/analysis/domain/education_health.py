"""Schooling and medical costs in Liangshan (section II of the article; free schooling from
section I).

Inputs are register rows, read by ``fact_id``, and the census count of children aged 5 to
14 (``county_indicators.csv``, S01), the base of the out-of-school rates. The article leaves
one number out: the share of an outpatient bill above the reimbursement threshold that is
refunded. It is the assumption ``reimbursement_share`` of :mod:`analysis.domain.assumptions`;
functions take it as an argument, ``None`` meaning the registry's default, and the shares the
book draws (:func:`illustrative_shares`) are illustrations, not facts.

Computed here:

* the out-of-school accounting: peak = returned + still out (:func:`out_of_school_accounting`),
  the share returned and the registered-poor share of those still out, and the counts per
  child aged 5 to 14 in the census (:func:`out_of_school_rates`);
* what a patient pays for a township outpatient bill (:func:`outpatient_patient_cost`) and a
  poor patient for a county inpatient bill (:func:`inpatient_patient_cost`);
* the free-schooling guarantee split into preschool and school years
  (:func:`free_education_years`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data import register
from analysis.domain import assumptions, counties


def refund_share(share: float | None = None) -> float:
    """``share`` checked against the limits of ``reimbursement_share`` (``None``: default)."""
    a = assumptions.get("reimbursement_share")
    return a.check(assumptions.default(a.name) if share is None else share)


def illustrative_shares(share: float | None = None) -> tuple[float, ...]:
    """The refund shares a figure draws: the low and high ends of ``reimbursement_share`` and
    ``share`` (``None``: the default), in rising order, each once. ILLUSTRATIVE ASSUMPTIONS,
    not numbers of the article."""
    a = assumptions.get("reimbursement_share")
    return tuple(sorted({float(a.low), refund_share(share), float(a.high)}))


# ----------------------------------------------------------------------------- schooling


def out_of_school_accounting() -> dict:
    """Check that the peak of out-of-school children equals those returned plus those still out.

    Returns:
        A dict with ``peak`` (``liangshan.out_of_school_children_peak``), ``returned``
        (``liangshan.out_of_school_children_returned``), ``still_out``
        (``liangshan.out_of_school_children``), ``returned_plus_still_out``, ``difference``
        (peak minus the sum; persons) and ``balances`` (True when the difference is zero).
        Both sides are returned, so that a mismatch is visible rather than hidden.
    """
    peak = register.value("liangshan.out_of_school_children_peak")
    returned = register.value("liangshan.out_of_school_children_returned")
    still_out = register.value("liangshan.out_of_school_children")
    total = returned + still_out
    return {"peak": peak, "returned": returned, "still_out": still_out,
            "returned_plus_still_out": total, "difference": peak - total,
            "balances": bool(np.isclose(peak, total, rtol=0, atol=0.5))}


def share_returned() -> float:
    """Share (0-1) of the peak of out-of-school children who have gone back to school."""
    acc = out_of_school_accounting()
    return acc["returned"] / acc["peak"]


def share_still_out_registered_poor() -> float:
    """Share (0-1) of the children still out of school who come from registered poor families.

    ``liangshan.out_of_school_children_registered_poor`` / ``liangshan.out_of_school_children``.

    Raises:
        ValueError: the registered-poor part exceeds the whole.
    """
    poor = register.value("liangshan.out_of_school_children_registered_poor")
    still_out = register.value("liangshan.out_of_school_children")
    if poor > still_out:
        raise ValueError(f"registered-poor children out of school ({poor:g}) exceed all those "
                         f"out of school ({still_out:g})")
    return poor / still_out


def out_of_school_table() -> pd.DataFrame:
    """The out-of-school counts as a tidy table (persons), for a figure or a table.

    Returns:
        A DataFrame with columns ``stage`` ("peak", "returned to school", "still out:
        registered poor", "still out: other"), ``children`` (persons), ``fact_id`` (or
        "derived").
    """
    acc = out_of_school_accounting()
    poor = register.value("liangshan.out_of_school_children_registered_poor")
    share_still_out_registered_poor()  # raises if the parts do not fit
    rows = [("peak", acc["peak"], "liangshan.out_of_school_children_peak"),
            ("returned to school", acc["returned"], "liangshan.out_of_school_children_returned"),
            ("still out: registered poor", poor,
             "liangshan.out_of_school_children_registered_poor"),
            ("still out: other", acc["still_out"] - poor, "derived")]
    return pd.DataFrame(rows, columns=["stage", "children", "fact_id"])


#: Register rows of the out-of-school counts, by the names :func:`out_of_school_rates` uses.
OUT_OF_SCHOOL_FACTS = {
    "peak": "liangshan.out_of_school_children_peak",
    "returned": "liangshan.out_of_school_children_returned",
    "still out": "liangshan.out_of_school_children",
    "still out, registered poor": "liangshan.out_of_school_children_registered_poor",
}


def out_of_school_rates(census_year: str = "2020") -> pd.DataFrame:
    """The out-of-school counts per child aged 5 to 14 in the census of ``census_year``.

    The census base (``population_aged_5_14``, S01, a sum of its age columns) approximates
    the children of compulsory-school age (6 to 15) and is counted on 1 November of the
    census year, while the peak's date is not given: the rates are orders of magnitude.

    Returns:
        Columns ``count`` (the names of :data:`OUT_OF_SCHOOL_FACTS`), ``children`` (persons),
        ``children_aged_5_14`` (census), ``rate`` (0-1).
    """
    base, _ = counties.prefecture_census("population_aged_5_14", census_year)
    rows = [(name, register.value(fid)) for name, fid in OUT_OF_SCHOOL_FACTS.items()]
    frame = pd.DataFrame(rows, columns=["count", "children"])
    frame["children_aged_5_14"] = base
    frame["rate"] = frame["children"] / base
    return frame


def free_education_years() -> dict:
    """The free-schooling guarantee, split into preschool and school years (years).

    ``liangshan.free_education_years`` - ``liangshan.free_preschool_years`` = school years. The
    article does not split the school years further (into compulsory and senior secondary).
    """
    total = register.value("liangshan.free_education_years")
    preschool = register.value("liangshan.free_preschool_years")
    if preschool > total:
        raise ValueError(f"preschool years ({preschool:g}) exceed the total ({total:g})")
    return {"total": total, "preschool": preschool, "school": total - preschool}


# ----------------------------------------------------------------------------- health costs


def outpatient_band_width() -> float:
    """Most a patient pays for a township outpatient bill up to the threshold, in yuan.

    ``butuo_jinyang.outpatient_reimbursement_threshold`` - ``butuo_jinyang.outpatient_free_amount``
    (the band the patient pays in full; it does not depend on the refund share).
    """
    return (register.value("butuo_jinyang.outpatient_reimbursement_threshold")
            - register.value("butuo_jinyang.outpatient_free_amount"))


def outpatient_patient_cost(bill_yuan, reimbursement_share: float | None = None):
    """What a patient pays for a township outpatient bill, in yuan (Butuo and Jinyang).

    The schedule (register rows ``butuo_jinyang.outpatient_free_amount``,
    ``butuo_jinyang.outpatient_patient_paid_band``,
    ``butuo_jinyang.outpatient_reimbursement_threshold``): the first part of the bill is free;
    the patient pays the band between the free amount and the threshold in full; of the part
    above the threshold the patient pays ``1 - reimbursement_share``.

    Args:
        bill_yuan: the bill, yuan (a number or an array of numbers, each at least 0).
        reimbursement_share: refunded share (0-1) of the part above the threshold, an
            ASSUMPTION (the article does not give it); ``None``: the default of
            ``reimbursement_share``.

    Returns:
        The patient's payment in yuan (a float, or an array like ``bill_yuan``).

    Raises:
        ValueError: a negative or non-finite bill, or a share outside 0-1.
    """
    share = refund_share(reimbursement_share)
    bill = np.asarray(bill_yuan, dtype=float)
    if np.any(~np.isfinite(bill)) or np.any(bill < 0):
        raise ValueError(f"bill must be a finite amount of at least 0 yuan (got {bill_yuan!r})")
    free = register.value("butuo_jinyang.outpatient_free_amount")
    threshold = register.value("butuo_jinyang.outpatient_reimbursement_threshold")
    band = np.clip(bill, free, threshold) - free
    above = np.clip(bill - threshold, 0.0, None)
    cost = band + (1.0 - share) * above
    return float(cost) if cost.ndim == 0 else cost


def share_for_payment(bill_yuan: float, payment_yuan: float) -> float:
    """The refund share at which a bill above the threshold costs the patient ``payment_yuan``.

    Solves band + (1 - share) x (bill - threshold) = payment for the share.

    Raises:
        ValueError: the bill is not above the threshold, or no share in 0-1 gives the payment.
    """
    threshold = register.value("butuo_jinyang.outpatient_reimbursement_threshold")
    if bill_yuan <= threshold:
        raise ValueError(f"a bill of {bill_yuan:g} yuan is not above the threshold "
                         f"({threshold:g} yuan): no share changes what the patient pays")
    share = 1.0 - (payment_yuan - outpatient_band_width()) / (bill_yuan - threshold)
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"no refund share between 0 and 1 makes a bill of {bill_yuan:g} yuan "
                         f"cost {payment_yuan:g} yuan")
    return share


def outpatient_schedule(bills, shares=None) -> pd.DataFrame:
    """:func:`outpatient_patient_cost` over bills and ASSUMED refund shares, as a tidy table.

    Args:
        bills: bills in yuan.
        shares: refund shares (0-1); ``None``: :func:`illustrative_shares` of the default.

    Returns:
        Columns ``bill_yuan``, ``reimbursement_share_assumed``, ``patient_pays_yuan``.
    """
    shares = illustrative_shares() if shares is None else shares
    bills = np.asarray(bills, dtype=float)
    parts = [pd.DataFrame({"bill_yuan": bills, "reimbursement_share_assumed": float(s),
                           "patient_pays_yuan": outpatient_patient_cost(bills, s)})
             for s in shares]
    return pd.concat(parts, ignore_index=True)


def inpatient_patient_cost(total_bill_yuan):
    """What a poor patient pays of a county-hospital inpatient bill, in yuan.

    ``total_bill_yuan`` times ``butuo_jinyang.inpatient_cost_share_poor`` / 100 (the article
    says "about", so the result is approximate).

    Raises:
        ValueError: a negative or non-finite bill.
    """
    bill = np.asarray(total_bill_yuan, dtype=float)
    if np.any(~np.isfinite(bill)) or np.any(bill < 0):
        raise ValueError(f"bill must be a finite amount of at least 0 yuan "
                         f"(got {total_bill_yuan!r})")
    cost = bill * register.value("butuo_jinyang.inpatient_cost_share_poor") / 100.0
    return float(cost) if cost.ndim == 0 else cost
