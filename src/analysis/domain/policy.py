"""Policy balance: the cliff between registered-poor and other households (section III).

Computed from register rows of section III, paragraphs 28-29:

- the relocation schedule: ``liangshan.relocation_contribution_registered_poor`` (what a
  registered-poor household pays; the government pays the rest) and
  ``liangshan.relocation_subsidy_non_poor`` (the grant range for any other household, which
  pays the rest), with the article's statements on the gap, ``liangshan.relocation_subsidy_gap``
  ("tens of thousands") and ``liangshan.relocation_subsidy_gap_max`` ("as high as");
- the two villager groups: ``kuijiu_group2.*`` and ``wawu_group.*``;
- Jinyang's mostly-relocated villages: ``jinyang.villages_mostly_relocated``,
  ``jinyang.relocated_share_in_those_villages``, ``jinyang.village_official_households``;
- the proposed whole-village threshold ``liangshan.whole_village_relocation_threshold``.

The article gives no house costs. The schedule is therefore a function of the total cost of a
new house (yuan), and :func:`cost_for_gap` solves for the cost at which a given gap is reached.

The rules are per household; a household's size is not in the article. Per-person figures
divide by the assumption ``household_size`` (:mod:`analysis.domain.assumptions`, from the
census), and set against ``liangshan.income_reference_line`` (section II: the 4,000-yuan net
income per person per year by which the prefecture counts low-income households) they say how
many years of a household's income a payment is, for a household with that income per person.

The proposed whole-village threshold is a share of a *village's* people relocated; the article
applies it to villages (Jinyang's mostly relocated villages), and the book does not apply it to
villager groups.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.data import register
from analysis.data.problems import DataError, Problem
from analysis.domain import assumptions


def _cost(total_cost):
    arr = np.asarray(total_cost, dtype="float64")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"total_cost must be finite and not negative (yuan), got {total_cost!r}")
    return arr


def _out(arr, like):
    return float(arr) if np.ndim(like) == 0 else arr


def subsidy_range() -> tuple[float, float]:
    """The low and high ends of the grant to a household not on the poor register (yuan)."""
    f = register.fact("liangshan.relocation_subsidy_non_poor")
    return f.value, (f.value_max if f.value_max is not None else f.value)


def _subsidy(subsidy):
    if subsidy is None:
        return subsidy_range()[0]
    if not math.isfinite(subsidy) or subsidy < 0:
        raise ValueError(f"subsidy must be a non-negative number of yuan, got {subsidy!r}")
    return float(subsidy)


def household_outlay(total_cost, registered_poor: bool, subsidy: float | None = None):
    """What the household itself pays for a new house (yuan).

    A registered-poor household pays ``liangshan.relocation_contribution_registered_poor`` (or
    the whole cost, if the house costs less); any other household pays the cost less its grant
    (never below zero).

    Args:
        total_cost: total cost of the new house (yuan); a number or an array.
        registered_poor: whether the household is on the poor register.
        subsidy: the grant to a non-registered household (yuan); default the low end of
            ``liangshan.relocation_subsidy_non_poor``. Ignored for registered-poor households.

    Raises:
        ValueError: a negative or non-finite cost or subsidy.
    """
    cost = _cost(total_cost)
    if registered_poor:
        out = np.minimum(cost, register.value("liangshan.relocation_contribution_registered_poor"))
    else:
        out = np.maximum(cost - _subsidy(subsidy), 0.0)
    return _out(out, total_cost)


def public_support(total_cost, registered_poor: bool, subsidy: float | None = None):
    """What the government pays towards the new house (yuan): the cost less the outlay."""
    cost = _cost(total_cost)
    return _out(cost - np.asarray(household_outlay(cost, registered_poor, subsidy)), total_cost)


def subsidy_gap(total_cost, subsidy: float | None = None):
    """Extra public support a registered-poor household gets for the same house (yuan).

    Support of a registered-poor household minus that of a non-registered one with grant
    ``subsidy`` (default: the low end of the grant range, which gives the larger gap).
    """
    cost = _cost(total_cost)
    gap = (np.asarray(public_support(cost, True)) - np.asarray(public_support(cost, False,
                                                                                 subsidy)))
    return _out(gap, total_cost)


def cost_for_gap(gap: float, subsidy: float | None = None) -> float:
    """The house cost (yuan) at which :func:`subsidy_gap` reaches ``gap`` (yuan).

    For a house dearer than both the contribution and the grant the gap grows one for one with
    the cost: gap = cost - contribution - subsidy, so cost = gap + contribution + subsidy.

    Raises:
        ValueError: ``gap`` is not positive.
    """
    if not math.isfinite(gap) or gap <= 0:
        raise ValueError(f"gap must be a positive number of yuan, got {gap!r}")
    contribution = register.value("liangshan.relocation_contribution_registered_poor")
    cost = gap + contribution + _subsidy(subsidy)
    return cost


def gap_costs() -> pd.DataFrame:
    """House costs at which the article's two statements on the gap hold, for both grant ends.

    Rows: one per (statement, grant); columns ``statement``, ``gap_yuan``, ``subsidy_yuan``,
    ``house_cost_yuan``, ``fact_id``.
    """
    rows = []
    for fid, label in [("liangshan.relocation_subsidy_gap", "smallest gap of tens of thousands"),
                       ("liangshan.relocation_subsidy_gap_max", "largest gap named")]:
        gap = register.value(fid)
        for sub in subsidy_range():
            rows.append((label, gap, sub, cost_for_gap(gap, sub), fid))
    return pd.DataFrame(rows, columns=["statement", "gap_yuan", "subsidy_yuan",
                                       "house_cost_yuan", "fact_id"])


def schedule(costs=None) -> pd.DataFrame:
    """The relocation schedule over a grid of house costs, tidy (one row per cost and case).

    Args:
        costs: house costs (yuan); default 0 to the cost of the largest named gap at the high
            grant, plus a quarter, in 201 steps.

    Returns:
        Columns ``total_cost`` (yuan), ``case`` ("registered poor", "not registered, low grant",
        "not registered, high grant"), ``household_outlay`` and ``public_support`` (yuan).
    """
    if costs is None:
        top = cost_for_gap(register.value("liangshan.relocation_subsidy_gap_max"),
                           subsidy_range()[1]) * 1.25
        costs = np.linspace(0.0, top, 201)
    costs = _cost(costs)
    lo, hi = subsidy_range()
    parts = []
    for case, poor, sub in [("registered poor", True, None),
                            ("not registered, low grant", False, lo),
                            ("not registered, high grant", False, hi)]:
        outlay = np.asarray(household_outlay(costs, poor, sub))
        parts.append(pd.DataFrame({"total_cost": costs, "case": case,
                                   "household_outlay": outlay,
                                   "public_support": costs - outlay}))
    return pd.concat(parts, ignore_index=True)


def _check_parts(name: str, total_id: str, part_ids: list[str]) -> None:
    total = register.value(total_id)
    parts = sum(register.value(p) for p in part_ids)
    if not math.isclose(total, parts):
        raise DataError(Problem("facts.csv", total_id, "value", f"{total:g} households",
                                f"the sum of {', '.join(part_ids)} ({parts:g}) for {name}"))


def villager_groups() -> pd.DataFrame:
    """Households of the two villager groups by what relocation does for them (tidy).

    Columns ``group``, ``category``, ``households``, ``share`` (0-1 of the group), ``moves``
    (whether the category leaves the old site), ``fact_id``. Categories that do not add up to
    the group's total raise an error.

    Raises:
        DataError: a group's categories do not add up to its total.
    """
    spec = {
        "Kuijiu village, group 2 (Butuo)": ("kuijiu_group2.households", [
            ("registered poor, to be relocated", "kuijiu_group2.registered_poor_households", True),
            ("not registered, staying", "kuijiu_group2.non_poor_households", False)]),
        "Wawu village group (Jinyang)": ("wawu_group.households", [
            ("registered poor, relocated", "wawu_group.poor_households_relocated", True),
            ("without family support, moving to care", "wawu_group.care_households_to_move", True),
            ("group leader and village doctor, left behind", "wawu_group.households_left_behind",
             False)]),
    }
    rows = []
    for group, (total_id, cats) in spec.items():
        _check_parts(group, total_id, [c[1] for c in cats])
        total = register.value(total_id)
        for cat, fid, moves in cats:
            hh = register.value(fid)
            rows.append((group, cat, hh, hh / total, moves, fid))
    return pd.DataFrame(rows, columns=["group", "category", "households", "share", "moves",
                                       "fact_id"])


def group_moving_shares() -> pd.Series:
    """Share (0-1) of each villager group's households that leave the old site, by group."""
    vg = villager_groups()
    return vg[vg["moves"]].groupby("group", sort=False)["share"].sum().rename("moving_share")


def whole_village_threshold() -> float:
    """The proposed relocation share above which whole villages should move (0-1)."""
    return register.value("liangshan.whole_village_relocation_threshold") / 100.0


def above_threshold(share: float) -> bool:
    """Whether a relocation ``share`` (0-1) reaches the proposed whole-village threshold.

    Raises:
        ValueError: ``share`` is outside 0-1.
    """
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must lie between 0 and 1, got {share!r}")
    return share >= whole_village_threshold()


def jinyang_official_households_per_village() -> float:
    """Village-official households per mostly-relocated Jinyang village (households/village).

    ``jinyang.village_official_households`` / ``jinyang.villages_mostly_relocated``.
    """
    return (register.value("jinyang.village_official_households")
            / register.value("jinyang.villages_mostly_relocated"))


def _household_size(household_size: float | None) -> float:
    if household_size is None:
        return float(assumptions.default("household_size"))
    if not math.isfinite(household_size) or household_size < 1:
        raise ValueError(f"household_size must be at least one person, got {household_size!r}")
    return float(household_size)


def per_person(amount_per_household, household_size: float | None = None):
    """A per-household amount (yuan per household) divided by the household size (yuan per
    person); ``household_size`` is the assumption of that name (None for its default)."""
    return _out(np.asarray(amount_per_household, dtype="float64")
                / _household_size(household_size), amount_per_household)


def income_years(amount_per_household: float, household_size: float | None = None) -> float:
    """An amount per household in years of that household's income, for a household whose
    net income per person is ``liangshan.income_reference_line`` (years).

    amount / (household size x income line per person per year). Dividing the amount by the
    income line alone would mix a household's payment with one person's income.
    """
    line = register.value("liangshan.income_reference_line")
    return float(amount_per_household) / (_household_size(household_size) * line)


def household_size_for_income_years(amount_per_household: float, years: float) -> float:
    """The household size (persons) at which ``amount_per_household`` (yuan) equals ``years``
    of the household's income at ``liangshan.income_reference_line``: amount / (years x line).

    Raises:
        ValueError: ``years`` is not positive.
    """
    if not math.isfinite(years) or years <= 0:
        raise ValueError(f"years must be a positive number, got {years!r}")
    return float(amount_per_household) / (years * register.value(
        "liangshan.income_reference_line"))


def outlay_at_gap(gap: float | None = None) -> float:
    """What a household off the poverty roll pays itself (yuan per household) for the house
    at which its gap in public support reaches ``gap`` (default: the smallest "tens of
    thousands", ``liangshan.relocation_subsidy_gap``).

    At that house, cost = gap + contribution + grant (:func:`cost_for_gap`), so the outlay,
    cost - grant, is gap + contribution, whatever the grant.
    """
    gap = register.value("liangshan.relocation_subsidy_gap") if gap is None else gap
    return float(household_outlay(cost_for_gap(gap), False))


def per_person_table(household_sizes: dict[str, float]) -> pd.DataFrame:
    """The relocation rules per household and per person, for several household sizes.

    Args:
        household_sizes: label -> persons per household (e.g. the census means of Butuo,
            Jinyang and Liangshan, and the chapter's assumption).

    Returns:
        A DataFrame with one row per label and the columns ``household``, ``persons``,
        ``contribution_per_person`` (what a registered-poor household pays, per person),
        ``grant_low_per_person`` and ``grant_high_per_person`` (the other household's grant,
        per person), ``outlay_years`` (the other household's own outlay at the smallest gap
        of "tens of thousands", :func:`outlay_at_gap`, in years of its income at the income
        line, :func:`income_years`), all in yuan per person or years.
    """
    contribution = register.value("liangshan.relocation_contribution_registered_poor")
    lo, hi = subsidy_range()
    outlay = outlay_at_gap()
    rows = [(label, size, per_person(contribution, size), per_person(lo, size),
             per_person(hi, size), income_years(outlay, size))
            for label, size in household_sizes.items()]
    return pd.DataFrame(rows, columns=["household", "persons", "contribution_per_person",
                                       "grant_low_per_person", "grant_high_per_person",
                                       "outlay_years"])


def villages_at_threshold() -> bool:
    """Whether Jinyang's mostly relocated villages (``jinyang.relocated_share_in_those_villages``
    of their people moved) reach the proposed whole-village threshold."""
    return above_threshold(register.value("jinyang.relocated_share_in_those_villages") / 100.0)
