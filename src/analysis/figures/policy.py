"""Figures of the policy-balance and mobilisation findings (sections III and IV).

Drawing only: numbers come from :mod:`analysis.domain.policy` and :mod:`analysis.domain.social`.
Each function
returns a matplotlib Figure in the house style, with hatching or markers beside colour and a
source line naming the register rows and context tables; nothing is saved here.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from analysis.data import register
from analysis.domain import policy, social
from analysis.figures import style
from analysis.formatting import number

_C = style.OKABE_ITO


def _thousand_yuan(ax, axis="both"):
    fmt = FuncFormatter(lambda x, _pos: number(x / 1000.0))
    if axis in ("x", "both"):
        ax.xaxis.set_major_formatter(fmt)
    if axis in ("y", "both"):
        ax.yaxis.set_major_formatter(fmt)


def subsidy_schedule() -> Figure:
    """Household outlay and the support gap against the total cost of a new house.

    Left: what a registered-poor household pays (flat) and what another household pays (a band
    between the low and high grant). Right: the gap in public support, with the article's two
    statements on its size and the house costs at which they hold (from
    :func:`analysis.domain.policy.gap_costs`).
    """
    sched = policy.schedule()
    lo, hi = policy.subsidy_range()
    gaps = policy.gap_costs()
    # at about the printed width (style.TEXT_WIDTH_IN): the smallest type prints at 6.5 pt
    fig = Figure(figsize=(6.9, 4.4))
    ax1 = fig.add_axes((0.1, 0.22, 0.36, 0.66))
    ax2 = fig.add_axes((0.63, 0.22, 0.35, 0.66))
    label = {"fontsize": 9}

    poor = sched[sched["case"] == "registered poor"]
    low = sched[sched["case"] == "not registered, low grant"]
    high = sched[sched["case"] == "not registered, high grant"]
    x = poor["total_cost"].to_numpy()
    ax1.fill_between(x, high["household_outlay"], low["household_outlay"], facecolor="#F6D3BC",
                     edgecolor=_C["vermillion"], hatch="..", linewidth=0,
                     label=f"not registered: grant of {number(lo)}-{number(hi)}")
    ax1.plot(x, low["household_outlay"], color=_C["vermillion"], linestyle="--",
             label=f"not registered, grant {number(lo)}")
    ax1.plot(x, high["household_outlay"], color=_C["vermillion"], linestyle=":",
             label=f"not registered, grant {number(hi)}")
    ax1.plot(x, poor["household_outlay"], color=_C["blue"], linestyle="-", marker="o",
             markevery=25, label="registered poor")
    ax1.set_xlabel("Total cost of the new house (thousand yuan)", **label)
    ax1.set_ylabel("Paid by the household (thousand yuan)", **label)
    ax1.set_title("(a) What the household pays", loc="left")
    _thousand_yuan(ax1)
    ax1.legend(fontsize=7.5, loc="upper left")

    for sub, ls in [(lo, "--"), (hi, ":")]:
        g = np.asarray(policy.subsidy_gap(x, sub))
        ax2.plot(x, g, color=_C["bluish_green"], linestyle=ls,
                 label=f"gap with a grant of {number(sub)}")
    for _, row in gaps.iterrows():
        mk = "s" if row["subsidy_yuan"] == lo else "D"
        ax2.plot([row["house_cost_yuan"]], [row["gap_yuan"]], marker=mk, color="black",
                 linestyle="none")
        ax2.annotate(number(row["house_cost_yuan"] / 1000.0), (row["house_cost_yuan"],
                     row["gap_yuan"]), xytext=(4, -12), textcoords="offset points",
                     fontsize=7.5)
    for fid, text, at_right in [("liangshan.relocation_subsidy_gap_max", "article: as high as",
                                 False),
                                ("liangshan.relocation_subsidy_gap",
                                 "tens of thousands from", True)]:
        y = register.value(fid)
        ax2.axhline(y, color="#555555", linewidth=0.8, linestyle="-.")
        ax2.text(x[-1] if at_right else x[0], y, f" {text} {number(y / 1000.0)} ",
                 va="bottom", ha="right" if at_right else "left", fontsize=7.5)
    ax2.set_xlabel("Total cost of the new house (thousand yuan)", **label)
    ax2.set_ylabel("Extra public support for the registered-\npoor household (thousand yuan)",
                   **label)
    ax2.set_title("(b) The gap between the two", loc="left")
    _thousand_yuan(ax2)
    ax2.legend(fontsize=7.5, loc="upper left", bbox_to_anchor=(0.0, 0.92))
    style.source_line(fig, "Source: the article (section III, paragraph 28): what a household "
                      "on the poverty roll pays, the grant to other households and the stated "
                      "gaps. House costs are not in the article: they are the x-axis. Markers: "
                      "costs at which the stated gaps are reached (thousand yuan).")
    return fig


_CATEGORY_STYLE = {  # (colour, hatch) by what relocation does for the households
    "moves, registered poor": (_C["blue"], ""),
    "moves, care": (_C["bluish_green"], ".."),
    "stays": (_C["vermillion"], "xx"),
}


def _kind(row) -> str:
    if not row["moves"]:
        return "stays"
    return "moves, care" if "care" in row["category"] else "moves, registered poor"


def villager_groups() -> Figure:
    """The two villager groups as 100% bars: who moves and who stays.

    No whole-village threshold is drawn: the article proposes it for villages, and a villager
    group is a part of a village.
    """
    vg = policy.villager_groups()
    vg = vg.assign(kind=vg.apply(_kind, axis=1))
    groups = list(dict.fromkeys(vg["group"]))
    fig = Figure(figsize=(7.6, 3.6))
    ax = fig.add_axes((0.27, 0.3, 0.68, 0.58))
    for i, group in enumerate(groups):
        left = 0.0
        for _, row in vg[vg["group"] == group].iterrows():
            colour, hatch = _CATEGORY_STYLE[row["kind"]]
            width = row["share"] * 100.0
            ax.barh(i, width, left=left, color=colour, hatch=hatch, edgecolor="black",
                    linewidth=0.6)
            ax.text(left + width / 2, i, number(row["households"]), ha="center", va="center",
                    fontsize=8, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            left += width
    totals = vg.groupby("group", sort=False)["households"].sum()
    ax.set_yticks(range(len(groups)),
                  [f"{g}\n({number(totals[g])} households)" for g in groups], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(groups) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("Share of the group's households (%); numbers in bars: households")
    ax.set_title("Who leaves the mountain and who is left behind", loc="left")
    from matplotlib.patches import Patch

    labels = {"moves, registered poor": "on the poverty roll, moving or moved",
              "moves, care": "no family support, moving into care",
              "stays": "not on the poverty roll, staying behind"}
    ax.legend(handles=[Patch(facecolor=c, hatch=h, edgecolor="black", label=labels[k])
                       for k, (c, h) in _CATEGORY_STYLE.items()],
              loc="upper center", bbox_to_anchor=(0.35, -0.2), ncol=2, fontsize=7.5)
    style.source_line(fig, "Source: the article (section III, paragraph 28): the second group "
                      "of Kuijiu village, Butuo, and a group of Wawu village, Jinyang.")
    return fig


def migrants() -> Figure:
    """Spontaneous migrants (within / outside Liangshan) and the registered poor among them."""
    m = social.migrants().set_index("measure")
    fig = Figure(figsize=(7.0, 3.9))
    ax = fig.add_axes((0.22, 0.36, 0.74, 0.54))
    bars = [
        ("All spontaneous movers", [("moved within Liangshan", _C["blue"], ""),
                                    ("moved outside Liangshan", _C["sky_blue"], "..")]),
        ("Registered poor\namong them", [("of whom not yet out of poverty", _C["vermillion"],
                                          "xx"),
                                         ("of whom out of poverty", _C["bluish_green"], "//")]),
    ]
    for i, (_label, parts) in enumerate(bars):
        left = 0.0
        for measure, colour, hatch in parts:
            w = float(m.loc[measure, "persons"])
            ax.barh(i, w, left=left, color=colour, hatch=hatch, edgecolor="black",
                    linewidth=0.6, label=measure)
            left += w
        ax.text(left * 1.02, i, " + ".join(number(float(m.loc[p[0], "persons"]))
                                           for p in parts) + f" = {number(left)}",
                va="center", fontsize=8)
    ax.set_xlim(0, float(m.loc["all spontaneous movers", "persons"]) * 1.6)
    ax.set_yticks([0, 1], [b[0] for b in bars])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: number(v)))
    ax.set_xlabel("Persons")
    ax.set_title("Spontaneous migrants of Liangshan", loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.22), ncol=2, fontsize=7.5)
    style.source_line(fig, "Source: the article (section III, paragraph 32): people who moved "
                      "on their own, and those of them put on the poverty roll; 'out of "
                      "poverty' is the difference between the roll and those not yet out.")
    return fig


def mobilisation(survey_liangshan_share: float | None = None) -> Figure:
    """Head counts of the people mobilised and of the remaining poor, and their ratios.

    Left: persons on a logarithmic axis (helpers blue, poor orange and hatched), with the
    survey's staff in Liangshan at the assumed share. Right: registered poor per official, per
    working-team member and per survey member in Liangshan
    (:func:`analysis.domain.social.mobilisation_ratios`,
    :func:`analysis.domain.social.survey_in_liangshan`).

    Args:
        survey_liangshan_share: share of the survey's staff in Liangshan (None: the default
            of the assumption ``survey_liangshan_share``).
    """
    rp = social.remaining_poor()
    survey = social.survey_in_liangshan(survey_liangshan_share)
    share = f"{survey['share']:.0%}"
    heads = [
        ("Officials and specialists (Liangshan)",
         register.value("liangshan.poverty_alleviation_officials"), "helpers"),
        ("Working-team members", register.value("sichuan.working_team_members"), "helpers"),
        ("Survey staff (scope not stated)", survey["staff"], "helpers"),
        (f"Survey staff in Liangshan (assumed {share})", survey["staff_liangshan"], "helpers"),
    ] + [(f"Registered poor, {r.geography} end-{r.year}", r.persons, "poor")
         for r in rp.itertuples()]
    # at about the printed width, the row labels inside it (style.TEXT_WIDTH_IN)
    fig = Figure(figsize=(6.9, 4.6))
    ax1 = fig.add_axes((0.36, 0.24, 0.27, 0.64))
    ax2 = fig.add_axes((0.8, 0.24, 0.17, 0.64))
    for i, (_label, val, kind) in enumerate(heads):
        colour, hatch = ((_C["blue"], "") if kind == "helpers" else (_C["orange"], "xx"))
        ax1.barh(i, val, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6)
        ax1.text(val * 1.1, i, number(val), va="center", fontsize=7.5)
    ax1.set_xscale("log")
    ax1.set_xlim(1000, 1e7)
    # the powers of ten in words, not as 10 with a superscript (printed below 6 pt)
    ax1.set_xticks([1e3, 1e4, 1e5, 1e6, 1e7], ["1k", "10k", "100k", "1m", "10m"],
                   fontsize=8)
    ax1.xaxis.set_minor_formatter(NullFormatter())
    ax1.set_yticks(range(len(heads)), [h[0] for h in heads], fontsize=8)
    ax1.invert_yaxis()
    ax1.set_xlabel("Persons (log scale)")
    ax1.set_title("(a) Helpers and poor", loc="left")

    ratios = social.mobilisation_ratios().set_index("ratio")["value"]
    shown = [("per official,\nend-2018", ratios["remaining poor per official, end-2018"], "o"),
             ("per official,\nend-2019", ratios["remaining poor per official, end-2019"], "s"),
             ("per team member,\nend-2018",
              ratios["remaining poor per working-team member, end-2018"], "D"),
             (f"per survey member\nin Liangshan ({share}),\nend-2018", survey["poor_per_staff"],
              "^")]
    for i, (_label, v, mk) in enumerate(shown):
        ax2.hlines(i, 0, v, color=_C["reddish_purple"], linewidth=2)
        ax2.plot([v], [i], marker=mk, color=_C["reddish_purple"])
        ax2.annotate(number(v, 1), (v, i), xytext=(6, 0), textcoords="offset points",
                     va="center", fontsize=7.5)
    ax2.set_yticks(range(len(shown)), [s[0] for s in shown], fontsize=7.5)
    ax2.invert_yaxis()
    ax2.set_xlim(0, max(s[1] for s in shown) * 1.2)
    ax2.set_xlabel("Registered poor persons per helper")
    ax2.set_title("(b) Poor per helper", loc="left")
    style.source_line(fig, "Source: the article (sections I and IV); registered poor of "
                      "Liangshan at the end of 2019 and of Sichuan at the end of 2018: press "
                      "reports of the poverty roll (Appendix C); the survey's share in Liangshan "
                      "is an assumption of the book. Blue: helpers; orange, hatched: poor.")
    return fig


def exit_map(counties=None) -> Figure:
    """Poverty-county status map with the exit date written beside the two visited counties.

    Notes come from :func:`analysis.domain.social.exit_batches` (context table
    poverty_county_status.csv); drawing by :func:`analysis.figures.maps.poverty_status_map`.

    Args:
        counties: :func:`analysis.domain.counties.county_frame` output (read when None).
    """
    from analysis.figures import maps

    ex = social.exit_batches().set_index("adcode")
    notes = {code: f"{ex.loc[code, 'county']}: visited in 2019;\nleft the list "
                   f"{ex.loc[code, 'exit_approval_date']}"
             for code in ("513429", "513430")}
    return maps.poverty_status_map(highlight=notes, counties=counties)


def exit_batches_population() -> Figure:
    """Liangshan's counties by exit batch, counted in counties and in residents (2020 census):
    the share of the 17 counties beside the share of the prefecture's people in each group
    (:func:`analysis.domain.social.exit_batches_with_population`)."""
    style.use()
    t = social.exit_batches_with_population()
    fig = Figure(figsize=(7.0, 3.6))
    ax = fig.subplots()
    height = 0.38
    ys = np.arange(len(t))
    for j, (col, label, colour, hatch) in enumerate((
            ("county_share", "share of the 17 counties", _C["blue"], ""),
            ("population_share", "share of the residents (2020 census)", _C["orange"], "//"))):
        pos = ys + (j - 0.5) * height
        ax.barh(pos, t[col], height=height, color=colour, hatch=hatch, edgecolor="black",
                linewidth=0.5, label=label)
        for y, v in zip(pos, t[col]):
            ax.text(v + 0.8, y, f"{v:.0f}%", va="center", fontsize=8)
    ax.set_yticks(ys, [f"{g}\n({n} counties)" for g, n in zip(t["group"], t["counties"])],
                  fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Per cent of the prefecture")
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(left=0.3, bottom=0.22)
    style.source_line(fig, "Source: the provincial exit notices (Appendix C); residents from the "
                           "2020 census county tabulations.")
    return fig
