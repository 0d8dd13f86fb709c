"""Figures of Chapter 2 (basic needs): drawing only; the numbers come from
:mod:`analysis.domain.income`, :mod:`analysis.domain.housing` and
:mod:`analysis.domain.education_health`.

Each function returns a matplotlib Figure in the house style (:mod:`analysis.figures.style`):
Okabe-Ito colours doubled by hatching, markers or line styles, a white background, bars from
zero on a linear scale, and a source line naming the sources in words (the register ids are
in the chapter's folded cells). Functions that draw an assumption take its value (the
chapter passes its ``A.<name>``; ``None`` means the registry's default). Nothing is saved to
disk here.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter

from analysis.data import register
from analysis.domain import assumptions, education_health, housing, income
from analysis.figures import style
from analysis.formatting import number

_C = style.OKABE_ITO
_HATCHES = ["", "//", "..", "xx"]


def _thousands(ax, axis="y"):
    fmt = FuncFormatter(lambda x, _pos: number(x))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _labelled_hbars(ax, values, labels, colours, hatches, notes, headroom):
    """Horizontal bars, first value on top, each with its note at its end; thousands on the x
    axis, which runs to ``headroom`` times the largest value to leave room for the notes."""
    y = np.arange(len(values))[::-1]
    for yi, value, colour, hatch, note in zip(y, values, colours, hatches, notes):
        ax.barh(yi, value, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6)
        ax.text(value, yi, "  " + note, va="center", ha="left", fontsize=9)
    ax.set_yticks(y, labels)
    ax.set_xlim(0, max(values) * headroom)
    _thousands(ax, "x")
    ax.grid(axis="y", visible=False)


def _millions(ax, axis="y", decimals=0):
    fmt = FuncFormatter(lambda x, _pos: f"{x / 1e6:,.{decimals}f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def low_income_households(census_year: str = "2020"):
    """Horizontal bars: households below the income mark in Butuo, Jinyang and the rest.

    Each bar carries its count, its share of the prefecture's total and its rate per census
    family household of the place; the derived "rest" bar is hatched.
    """
    frame = income.low_income_households_by_county(census_year)
    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    _labelled_hbars(
        ax, list(frame["households"]),
        [p + (" (derived)" if d else "") for p, d in zip(frame["place"], frame["derived"])],
        [_C["vermillion"], _C["orange"], _C["sky_blue"]],
        ["//" if d else "" for d in frame["derived"]],
        [f"{number(n)}: {s:.0%} of the total, {r:.1%} of households"
         for n, s, r in zip(frame["households"], frame["share"], frame["rate"])], 1.75)
    ax.set_xlabel("households below the income mark (yearly net income per head)")
    ax.set_title("Low-income households: two counties and the rest")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    style.source_line(fig, f"Source: the article's counts (book's register); family households "
                           f"from the {census_year} census. Rest = total minus the two "
                           f"counties.")
    return fig


def brick_gap():
    """Stacked bar of Butuo's daily brick demand: made in the county vs brought in."""
    gap = housing.brick_gap()
    fig, ax = plt.subplots(figsize=(5.2, 4.2))
    bottom = 0.0
    for (_, row), colour, hatch in zip(gap.iterrows(), [_C["bluish_green"], _C["vermillion"]],
                                       ["", "//"]):
        ax.bar(0, row["bricks_per_day"], bottom=bottom, width=0.5, color=colour, hatch=hatch,
               edgecolor="black", linewidth=0.6,
               label=f"{row['part']} ({row['price_yuan_per_brick']:.2f} yuan a brick)")
        ax.text(0.3, bottom + row["bricks_per_day"] / 2,
                f"{row['part']}\n{row['bricks_per_day'] / 1e6:,.1f} million a day",
                va="center", ha="left", fontsize=9)
        bottom += row["bricks_per_day"]
    ax.set_xlim(-0.5, 1.3)
    ax.set_ylim(0, bottom * 1.05)
    ax.set_xticks([])
    _millions(ax, decimals=1)
    ax.set_ylabel("bricks per building day (millions)")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=1, fontsize=8.5)
    ax.set_title("Butuo's daily brick demand")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    style.source_line(fig, "Source: the article's figures for Butuo (book's register).")
    return fig


def brick_cost_by_season(season_days: int | None = None):
    """Line: extra brick cost per season against the ASSUMED season length, with the
    assumption's range shaded and the chapter's value (``season_days``) marked.

    Args:
        season_days: the season the chapter uses (its ``A.construction_season_days``);
            ``None``: the registry's default.
    """
    chosen = housing.season_length(season_days)
    table = housing.brick_cost_by_season_length(season_days=chosen)
    a = assumptions.get("construction_season_days")
    fig, ax = plt.subplots(figsize=(7.0, 4.0))
    ax.axvspan(a.low, a.high, color=_C["sky_blue"], alpha=0.25, hatch="..", linewidth=0,
               label=f"assumption's range, {a.low:.0f} to {a.high:.0f} days")
    ax.plot(table["season_days"], table["extra_cost_yuan"], color=_C["blue"],
            linestyle=style.LINESTYLES[0], label="extra cost of bricks brought in")
    cost = housing.brick_extra_cost_per_season(chosen)
    ax.plot([chosen], [cost], marker="D", markersize=8, color=_C["vermillion"],
            linestyle="none",
            label=f"this chapter: {chosen} days ({housing.season_words(chosen)})")
    ax.axvline(chosen, color=_C["vermillion"], linestyle=style.LINESTYLES[1], linewidth=1)
    ax.annotate(f"{cost / 1e6:,.0f} million yuan", (chosen, cost), xytext=(-12, 8),
                textcoords="offset points", ha="right", fontsize=9,
                bbox=dict(facecolor="white", edgecolor="none", pad=1))
    ax.set_ylim(0, table["extra_cost_yuan"].max() * 1.08)
    _millions(ax)
    ax.set_xlabel("building season ending 30 November, days "
                  "(assumed: the article gives no length)")
    ax.set_ylabel("extra cost per season (million yuan)")
    ax.legend(loc="lower right", fontsize=8.5, frameon=True, facecolor="white",
              edgecolor="none", framealpha=1)
    ax.set_title("Haulage premium on Butuo's bricks, by assumed season length")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    style.source_line(fig, "Source: the article's figures for Butuo (book's register); the "
                           "season length is an assumption of the book.")
    return fig


def outpatient_schedule(reimbursement_share: float | None = None,
                        max_bill_yuan: float = 400.0):
    """Lines: what a patient pays against the outpatient bill, for ASSUMED refund shares.

    Args:
        reimbursement_share: the chapter's refund share above the threshold (its
            ``A.reimbursement_share``; ``None``: the default), drawn with the two ends of the
            assumption's range - all assumptions, the article gives none.
        max_bill_yuan: right end of the bill axis, yuan (a display choice).
    """
    chosen = education_health.refund_share(reimbursement_share)
    bills = np.linspace(0.0, max_bill_yuan, 401)
    shares = education_health.illustrative_shares(chosen)
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    ax.plot(bills, bills, color="#777777", linestyle=":", linewidth=1, label="whole bill")
    for i, share in enumerate(shares):
        pays = education_health.outpatient_patient_cost(bills, share)
        mark = " - this chapter" if share == chosen else ""
        ax.plot(bills, pays, color=style.CYCLE[i], linestyle=style.LINESTYLES[i],
                marker=style.MARKERS[i], markevery=50,
                label=f"refund share above threshold: {share:.0%} (assumed{mark})")
    free = register.value("butuo_jinyang.outpatient_free_amount")
    threshold = register.value(
        "butuo_jinyang.outpatient_reimbursement_threshold")
    ax.axvspan(0, free, color=_C["bluish_green"], alpha=0.12, hatch="..", linewidth=0)
    ax.axvspan(free, threshold, color=_C["orange"], alpha=0.12, hatch="//", linewidth=0)
    ax.text(free / 2, max_bill_yuan * 0.9, "free", ha="center", fontsize=8.5)
    ax.text((free + threshold) / 2, max_bill_yuan * 0.9, "patient\npays", ha="center",
            fontsize=8.5)
    ax.set_xlim(0, max_bill_yuan)
    ax.set_ylim(0, max_bill_yuan)
    ax.set_xlabel("township outpatient bill (yuan)")
    ax.set_ylabel("patient pays (yuan)")
    # an opaque legend: the "whole bill" diagonal passes behind it, not through its text
    ax.legend(loc="upper left", bbox_to_anchor=(0.33, 0.98), fontsize=8.5, frameon=True,
              facecolor="white", edgecolor="#cccccc", framealpha=1)
    ax.set_title("Outpatient cost to the patient (refund shares are assumptions)")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    style.source_line(fig, "Source: the article's outpatient rules (book's register); refund "
                           "shares above the threshold are assumptions.")
    return fig


def out_of_school():
    """Waterfall: peak of out-of-school children -> returned -> still out (registered poor
    part hatched)."""
    table = education_health.out_of_school_table().set_index("stage")
    peak = table.loc["peak", "children"]
    returned = table.loc["returned to school", "children"]
    poor = table.loc["still out: registered poor", "children"]
    other = table.loc["still out: other", "children"]
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    kw = dict(width=0.6, edgecolor="black", linewidth=0.6)
    ax.bar(0, peak, color=_C["blue"], label="peak", **kw)
    ax.bar(1, returned, bottom=peak - returned, color=_C["bluish_green"], hatch="..",
           label="returned to school", **kw)
    ax.bar(2, other, color=_C["orange"], label="still out: other families", **kw)
    ax.bar(2, poor, bottom=other, color=_C["vermillion"], hatch="//",
           label="still out: registered poor families", **kw)
    ax.plot([0.3, 0.7], [peak, peak], color="black", linewidth=0.8)
    ax.plot([1.3, 1.7], [peak - returned] * 2, color="black", linewidth=0.8)
    for x, top, val in [(0, peak, peak), (1, peak, returned), (2, other + poor, other + poor)]:
        ax.text(x, top, number(val), ha="center", va="bottom", fontsize=9)
    ax.text(2, other + poor / 2, number(poor), ha="center", va="center", fontsize=8.5,
            bbox=dict(facecolor="white", edgecolor="none", pad=1))
    ax.set_xticks([0, 1, 2], ["peak", "returned\n(minus)", "still out"])
    ax.set_xlim(-0.5, 3.0)
    ax.set_ylim(0, peak * 1.12)
    _thousands(ax)
    ax.set_ylabel("school-age children (persons)")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.62), fontsize=8.5)
    ax.set_title("Children out of school: from the peak to those still out")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    style.source_line(fig, "Source: the article's counts for the prefecture (book's register).")
    return fig


def utility_gaps(census_year: str = "2020"):
    """Horizontal bars: households still without safe water, electricity, radio and TV, each
    with its count and its share of the census family households."""
    frame = housing.utility_gaps(census_year)
    fig, ax = plt.subplots(figsize=(7.0, 2.8))
    _labelled_hbars(ax, list(frame["households_without"]), list(frame["service"]),
                    [_C["blue"], _C["sky_blue"], _C["orange"]], _HATCHES,
                    [f"{number(n)} ({s:.1%} of households)" for n, s in
                     zip(frame["households_without"], frame["share_of_households"])], 1.45)
    ax.set_xlabel("households without the service")
    ax.set_title("Households still without basic services")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    style.source_line(fig, f"Source: the article's counts (book's register); family households "
                           f"from the {census_year} census.")
    return fig


def old_age_support():
    """Step bands: monthly pension plus old-age subsidy by age, lowest and highest ends."""
    p_age = register.value("liangshan.pension_age")
    s_age = register.value("liangshan.old_age_subsidy_age")
    lo, hi = p_age - 10, s_age + 10  # display span: ten years either side (a display choice)
    edges = [lo, p_age, s_age, hi]
    mids = [(a + b) / 2 for a, b in zip(edges[:-1], edges[1:])]
    table = income.old_age_support_schedule(mids)
    low = list(table["monthly_min_yuan"]) + [table["monthly_min_yuan"].iloc[-1]]
    high = list(table["monthly_max_yuan"]) + [table["monthly_max_yuan"].iloc[-1]]
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    ax.fill_between(edges, low, high, step="post", color=_C["sky_blue"], alpha=0.5, hatch="//",
                    edgecolor=_C["blue"], label="range given by the article")
    ax.step(edges, high, where="post", color=_C["blue"], linestyle="-", label="highest")
    ax.step(edges, low, where="post", color=_C["vermillion"], linestyle="--", label="lowest")
    ax.set_xlim(lo, hi)
    ax.set_xlabel("age (years; 'over' read as strictly above the stated age)")
    ax.set_ylabel("yuan per month")
    ax.legend(loc="upper left")
    ax.set_title("Pension and old-age subsidy due each month, by age")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    style.source_line(fig, "Source: the article's pension and subsidy rules (book's register).")
    return fig
