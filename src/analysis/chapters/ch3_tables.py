"""Chapter 3's tables for readers: formatted frames the chapter shows with
:func:`analysis.notebook.table` (the numbers come from the domain layer; only the wording and
the formatting of cells happen here).
"""
from __future__ import annotations

import pandas as pd

from analysis.chapters import ch3
from analysis.domain import assumptions, census, policy, sensitivity
from analysis.domain.assumptions import Assumptions
from analysis.formatting import number


def gap_costs_frame() -> pd.DataFrame:
    """The house costs at which the article's stated gaps hold, for readers (yuan, formatted)."""
    g = policy.gap_costs()
    statement = {"liangshan.relocation_subsidy_gap": "Smallest gap read as tens of thousands",
                 "liangshan.relocation_subsidy_gap_max": "Largest gap named"}
    return pd.DataFrame({
        "Statement": g["fact_id"].map(statement),
        "Gap (yuan)": g["gap_yuan"].map(number),
        "Grant to the other household (yuan)": g["subsidy_yuan"].map(number),
        "House cost at which the gap is reached (yuan)": g["house_cost_yuan"].map(number),
    })


def per_person_frame(A: Assumptions) -> pd.DataFrame:
    """The relocation rules per person, for the census household sizes and the chapter's own.

    Rows: Butuo, Jinyang and Liangshan (2020 census means) and the assumption in force;
    columns: persons per household, the registered-poor payment, the low and high grant per
    person (yuan), and the other household's outlay at the smallest gap of tens of thousands in
    years of its income at the income line.
    """
    sizes = {f"{name}, 2020 census": census.household_size(code, "2020")
             for code, name in ((census.BUTUO, "Butuo"), (census.JINYANG, "Jinyang"),
                                (census.LIANGSHAN, "Liangshan"))}
    sizes["This chapter's assumption"] = A.household_size
    t = policy.per_person_table(sizes)
    return pd.DataFrame({
        "Household": t["household"],
        "Persons per household": t["persons"].map(lambda x: number(x, 2)),
        "Registered-poor payment per person (yuan)":
            t["contribution_per_person"].map(lambda x: number(x, 0)),
        "Grant per person, low to high (yuan)":
            [f"{number(a, 0)} to {number(b, 0)}" for a, b in
             zip(t["grant_low_per_person"], t["grant_high_per_person"])],
        "Outlay off the roll, years of income": t["outlay_years"].map(lambda x: number(x, 2)),
    })


def assumptions_frame() -> pd.DataFrame:
    """The chapter's assumptions for readers: what each is (and its name in the code), its
    default with unit, its range, and the basis of both."""
    t = assumptions.table("ch3")
    return pd.DataFrame({
        "Assumption (name in the code)": [f"{w} ({n})" for w, n in zip(t["what"], t["name"])],
        "Default": [f"{number(d)} {u}" for d, u in zip(t["default"], t["unit"])],
        "Range": [f"{number(lo)} to {number(hi)}" for lo, hi in zip(t["low"], t["high"])],
        "Basis": t["basis"],
    })


def sensitivity_frame() -> pd.DataFrame:
    """The chapter's sensitivity table for readers: one row per conclusion and assumption.

    Columns: the conclusion; the assumption moved and its range; the number behind the
    conclusion at the low end, the default and the high end (with its unit); and whether the
    conclusion holds over the whole range or flips, at which end.
    """
    sweep = sensitivity.table(list(ch3.CONCLUSIONS))

    def where(row):
        if not row["flips"]:
            return "holds over the whole range"
        ends = [end for end in ("low", "high") if row[f"holds_at_{end}"] != row[
            "holds_at_default"]]
        return "flips at the " + " and ".join(ends) + " end"

    rows = []
    for _, r in sweep.iterrows():
        a = assumptions.get(r["assumption"])
        numbers = " / ".join(number(r[c], 2) for c in ("at_low", "at_default", "at_high"))
        rows.append({
            "Conclusion": r["statement"],
            "Assumption moved": f"{a.what}, {number(a.low)} to {number(a.high)} {a.unit}",
            "Number at low / default / high end": f"{numbers} {r['unit']}",
            "Verdict": where(r),
        })
    return pd.DataFrame(rows)
