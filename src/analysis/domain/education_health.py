"""Schooling and medical costs in Liangshan (section II of the article; free schooling from
section I).

Inputs are register rows, read by ``fact_id``. The article leaves one number out: the share
of an outpatient bill above the reimbursement threshold that is refunded. It is therefore a
required argument of :func:`outpatient_patient_cost`; the shares the book draws
(:data:`ILLUSTRATIVE_REIMBURSEMENT_SHARES`) are illustrations, not facts.

Computed here:

* the out-of-school accounting: peak = returned + still out (:func:`out_of_school_accounting`),
  the share returned and the registered-poor share of those still out;
* what a patient pays for a township outpatient bill (:func:`outpatient_patient_cost`) and a
  poor patient for a county inpatient bill (:func:`inpatient_patient_cost`);
* the free-schooling guarantee split into preschool and school years
  (:func:`free_education_years`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data import register
from analysis.domain import assumptions

#: ILLUSTRATIVE ASSUMPTIONS, not numbers of the article — refund shares (0-1), the low end,
#: default and high end of ``reimbursement_share`` in :mod:`analysis.domain.assumptions`.
ILLUSTRATIVE_REIMBURSEMENT_SHARES = tuple(
    getattr(assumptions.get("reimbursement_share"), k) for k in ("low", "default", "high"))


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


def outpatient_patient_cost(bill_yuan, reimbursement_share_above_100):
    """What a patient pays for a township outpatient bill, in yuan (Butuo and Jinyang).

    The schedule (register rows ``butuo_jinyang.outpatient_free_amount``,
    ``butuo_jinyang.outpatient_patient_paid_band``,
    ``butuo_jinyang.outpatient_reimbursement_threshold``): the first part of the bill is free;
    the patient pays the band between the free amount and the threshold in full; of the part
    above the threshold the patient pays ``1 - reimbursement_share_above_100``.

    Args:
        bill_yuan: the bill, yuan (a number or an array of numbers, each at least 0).
        reimbursement_share_above_100: refunded share (0-1) of the part above the threshold.
            REQUIRED: the article does not give it, so any value is an assumption of the caller.

    Returns:
        The patient's payment in yuan (a float, or an array like ``bill_yuan``).

    Raises:
        ValueError: a negative or non-finite bill, or a share outside 0-1.
    """
    share = float(reimbursement_share_above_100)
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"reimbursement share must lie between 0 and 1 (got {share!r})")
    bill = np.asarray(bill_yuan, dtype=float)
    if np.any(~np.isfinite(bill)) or np.any(bill < 0):
        raise ValueError(f"bill must be a finite amount of at least 0 yuan (got {bill_yuan!r})")
    free = register.value("butuo_jinyang.outpatient_free_amount")
    threshold = register.value("butuo_jinyang.outpatient_reimbursement_threshold")
    band = np.clip(bill, free, threshold) - free
    above = np.clip(bill - threshold, 0.0, None)
    cost = band + (1.0 - share) * above
    return float(cost) if cost.ndim == 0 else cost


def outpatient_schedule(bills, shares=ILLUSTRATIVE_REIMBURSEMENT_SHARES) -> pd.DataFrame:
    """:func:`outpatient_patient_cost` over bills and ASSUMED refund shares, as a tidy table.

    Returns:
        Columns ``bill_yuan``, ``reimbursement_share_assumed``, ``patient_pays_yuan``.
    """
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
