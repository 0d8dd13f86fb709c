"""Figures of Chapter 1 (section I): poverty rates, the pace needed, Liangshan's poverty roll.

Plotting only: every number comes from :mod:`analysis.domain.trends` and
:mod:`analysis.domain.roll` (the national series' figures are in
:mod:`analysis.figures.national_models`). Figures are made with
:class:`matplotlib.figure.Figure` (not pyplot), so a notebook shows each once and no global state
is left behind. Each function applies the house style (:mod:`analysis.figures.style`), marks series
by colour *and* marker or line style, writes a source
line naming its sources in words, and returns the Figure (nothing is saved).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.domain import counties, roll, trends
from analysis.figures import style
from analysis.formatting import number

_GREY = "#7a7a7a"
#: A white box behind a label, so that no line runs through its text.
_LABEL_BOX = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}


def poverty_rates(with_context: bool = True):
    """Slope chart: poverty rates at the end of 2013 and 2018, Liangshan, Butuo and Jinyang.

    Args:
        with_context: also draw Sichuan (poverty roll) and rural China (NBS survey) in grey, dotted,
            labelled with their measure.

    Returns:
        The Figure, drawn from :func:`analysis.domain.trends.rate_changes` and
        :func:`analysis.domain.trends.comparison_rates`.
    """
    style.use()
    art = trends.rate_changes()
    fig = Figure(figsize=(7.0, 4.8))
    ax = fig.subplots()
    y0, y1 = int(art["year_start"].iloc[0]), int(art["year_end"].iloc[0])
    for i, row in art.iterrows():
        colour, marker = style.CYCLE[i], style.MARKERS[i]
        ax.plot([y0, y1], [row["rate_start"], row["rate_end"]], color=colour, marker=marker,
                linestyle=style.LINESTYLES[i], linewidth=2, markersize=8)
        ax.annotate(f"{row['place']} {row['rate_start']:.1f}%", (y0, row["rate_start"]),
                    xytext=(-8, 0), textcoords="offset points", ha="right", va="center",
                    color=colour, fontsize=9)
        ax.annotate(f"{row['rate_end']:.1f}% {row['place']}", (y1, row["rate_end"]),
                    xytext=(8, 0), textcoords="offset points", ha="left", va="center",
                    color=colour, fontsize=9)
    sources = "the article (section I; the book's register, Appendix A)"
    if with_context:
        cmp_ = trends.comparison_rates(y0, y1)
        for j, row in cmp_.iterrows():
            marker = ["s", "^"][j % 2]
            ax.plot([y0, y1], [row["rate_start"], row["rate_end"]], color=_GREY, marker=marker,
                    markerfacecolor="white", linestyle=":", linewidth=1.3,
                    label=f"{row['place']}: {row['measure']}")
            # on white, above the dotted lines they sit near (threshold, the other series)
            ax.annotate(f"{row['place']} {row['rate_start']:.1f}%", (y0, row["rate_start"]),
                        xytext=(-8, -6 if j else 6), textcoords="offset points", ha="right",
                        va="center", color=_GREY, fontsize=8, bbox=_LABEL_BOX, zorder=4)
            ax.annotate(f"{row['rate_end']:.1f}% {row['place']}", (y1, row["rate_end"]),
                        xytext=(8, 6 if j else -6), textcoords="offset points", ha="left",
                        va="center", color=_GREY, fontsize=8, bbox=_LABEL_BOX, zorder=4)
        ax.legend(title="Context (grey, dotted)", loc="upper right", fontsize=8,
                  title_fontsize=8)
        sources += "; Sichuan's poverty roll (press report of 2019); rural China: NBS " \
                   "sample survey (press releases)"
    threshold = float(art["threshold"].iloc[0])
    ax.hlines(threshold, y0 - 2.8, y1, color=_GREY, linestyle=(0, (1, 2)), linewidth=1)
    ax.annotate(f"county exit threshold in Sichuan ({number(threshold)}%)", (y0 - 2.7, threshold),
                xytext=(0, 3), textcoords="offset points", fontsize=7.5, color="#444444")
    sources += "; exit threshold: the 2016 national rule as applied in Sichuan (press reports)"
    ax.set_xlim(y0 - 2.8, y1 + 2.0)
    ax.set_xticks([y0, y1], [f"end of {y0}", f"end of {y1}"])
    ax.set_ylim(-2, max(art["rate_start"].max(), art["rate_end"].max()) * 1.25)
    ax.set_ylabel("Poverty rate (% of the population base)")
    # a little room below zero, so that the lowest end label clears the axis line
    ax.set_ylim(bottom=-2.5)
    ax.set_yticks([t for t in ax.get_yticks() if 0 <= t <= ax.get_ylim()[1]])
    ax.set_title(f"Poverty rates, end of {y0} and end of {y1}")
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(bottom=0.2)
    style.source_line(fig, "Source: " + sources + ".")
    return fig


def pace_needed(late_months: int | None = None):
    """The pace each place of the article achieved (2013-2018) against the pace it needed from
    late 2018 by each benchmark of "done": below the county exit threshold, and zero.

    Args:
        late_months: months before 31 December that "late" stands (None: the default of the
            assumption ``late_year_months_before_end``); it sets the time left.

    Returns:
        The Figure, drawn from :func:`analysis.domain.trends.rate_changes`; each bar carries
        its value.
    """
    style.use()
    rc = trends.rate_changes(late_months=late_months)
    fig = Figure(figsize=(7.0, 4.2))
    ax = fig.subplots()
    thr = number(float(rc["threshold"].iloc[0]))
    bars = [("pace_achieved_pp", "achieved, 2013-2018", style.OKABE_ITO["blue"], ""),
            ("pace_needed_threshold_pp", f"needed to fall below {thr}% (county rule)",
             style.OKABE_ITO["orange"], "//"),
            ("pace_needed_pp", "needed to reach zero", style.OKABE_ITO["vermillion"], "xx")]
    height = 0.26
    for j, (col, label, colour, hatch) in enumerate(bars):
        ys = np.arange(len(rc)) + (j - 1) * height
        ax.barh(ys, rc[col], height=height, color=colour, hatch=hatch, edgecolor="black",
                linewidth=0.5, label=label)
        for y, v in zip(ys, rc[col]):
            ax.text(v + 0.15, y, f"{v:.2f}", va="center", fontsize=8)
    ax.set_yticks(range(len(rc)), rc["place"])
    ax.invert_yaxis()
    ax.set_xlim(0, rc["pace_needed_pp"].max() * 1.18)
    ax.set_xlabel("Percentage points a year", labelpad=2)
    left = float(rc["years_left"].iloc[0])
    when = trends.late_date_words(late_months)
    ax.set_title(f"Pace achieved and pace needed ({left:g} years left from {when} 2018)",
                 fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.14), ncol=3, fontsize=7.5)
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(bottom=0.3)
    style.source_line(fig, "Source: the article (section I); the county exit threshold as "
                           "applied in Sichuan (press reports); deadline: the end of "
                           f"{trends.DEADLINE_YEAR}.")
    return fig


def poverty_roll():
    """Liangshan's poverty roll, 2013-2020: (a) the stock at each year-end where a figure
    exists, with the straight line to zero at the deadline and the average year continued;
    (b) exits and entries in each year where they are known.

    Returns:
        The Figure, drawn from :func:`analysis.domain.roll.roll_table`,
        :func:`analysis.domain.roll.average_year` and :func:`analysis.domain.roll.decomposition`;
        derived values are drawn hollow or hatched.
    """
    style.use()
    t = roll.roll_table()
    d = roll.decomposition()
    avg = roll.average_year()
    fig = Figure(figsize=(7.4, 6.2))
    ax, bx = fig.subplots(2, 1, height_ratios=[3, 2])
    blue, orange, green = (style.OKABE_ITO[k] for k in ("blue", "orange", "bluish_green"))
    st = t.dropna(subset=["stock"])
    for derived, face in ((False, blue), (True, "white")):
        sel = st[(st["stock_status"] == roll.DERIVED) == derived]
        ax.plot(sel["year"], sel["stock"] / 1e3, "o", color=blue, markerfacecolor=face,
                markersize=8, linestyle="none",
                label="on the roll (derived)" if derived else "on the roll (published)")
    for row in st.itertuples():
        ax.annotate(number(row.stock), (row.year, row.stock / 1e3), xytext=(6, 4),
                    textcoords="offset points", fontsize=8)
    y0 = d["year"] - 1
    ax.plot([y0, trends.DEADLINE_YEAR], [d["stock_before"] / 1e3, 0], color=orange,
            linestyle="--", label="straight line to zero by the deadline")
    ax.plot([y0, y0 + 1], [d["stock_before"] / 1e3, d["stock_if_average"] / 1e3],
            color=green, linestyle=":", marker="s", markerfacecolor="white",
            label="2019 as an average year of 2014-2018")
    ax.set_xlim(2012.5, trends.DEADLINE_YEAR + 0.6)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("Thousands of people")
    ax.set_title("(a) People on Liangshan's poverty roll at the end of each year", loc="left",
                 fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    fl = t.dropna(subset=["exits"])
    for col, colour, shift, label in (("exits", blue, -0.2, "lifted out"),
                                      ("entries", orange, 0.2, "entries (implied)")):
        sel = fl.dropna(subset=[col])
        hatches = ["//" if s == roll.DERIVED else "" for s in sel[f"{col}_status"]]
        bx.bar(sel["year"] + shift, sel[col] / 1e3, width=0.4, color=colour, hatch=hatches,
               edgecolor="black", linewidth=0.5, label=label)
        for year, val in zip(sel["year"], sel[col]):
            bx.annotate(number(round(val, -3) / 1e3), (year + shift, val / 1e3), xytext=(0, 2),
                        textcoords="offset points", ha="center", fontsize=7,
                        bbox=_LABEL_BOX, zorder=4)
    for key, colour in (("exits_per_year", blue), ("entries_per_year", orange)):
        bx.hlines(avg[key] / 1e3, 2013.6, 2018.4, color=colour, linestyle=(0, (2, 2)),
                  linewidth=1.6, zorder=1.5)
        bx.annotate(f"average 2014-2018: {number(avg[key])}", (2013.6, avg[key] / 1e3),
                    xytext=(0, 3), textcoords="offset points", fontsize=7.5, color="#333333")
    bx.set_xlim(ax.get_xlim())
    bx.set_ylabel("Thousands of people")
    bx.set_title("(b) Flows in the year (hatched: derived; dashed: the 2014-2018 average)",
                 loc="left", fontsize=10)
    # the years before 2016 have no bars: the legend goes there, clear of every bar's label
    bx.set_ylim(0, float(fl[["exits", "entries"]].max().max()) / 1e3 * 1.15)
    bx.legend(loc="upper left", fontsize=8)
    fig.subplots_adjust(bottom=0.12, hspace=0.35)
    style.source_line(fig, "Source: the article (2013, 2018); press reports of the poverty "
                           "roll (Appendix C); derived values by the identity stock = stock "
                           "of the year before + entries - exits.")
    return fig

# ----------------------------------------------------------------------------- maps


def rate_labels() -> dict[str, str]:
    """Map notes for the counties whose rates the article gives: adcode -> text.

    Built from the register rows of :data:`analysis.domain.trends.RATE_FACTS` (county rows only, by
    their ``adcode``), formatted by :func:`analysis.formatting.value`, e.g.
    ``"Butuo: 35.6% → 26% (end-2013 → end-2018)"``.
    """
    from analysis.data import register
    from analysis.formatting import value

    facts = register.load_facts()
    out = {}
    for place, (f0, f1) in trends.RATE_FACTS.items():
        code = facts.loc[f0, "adcode"]
        if facts.loc[f0, "place_level"] != "county" or pd.isna(code):
            continue
        a, b = register.fact(f0), register.fact(f1)
        out[str(code)] = (f"{place}: {value(a.value, a.unit)} → {value(b.value, b.unit)} "
                          f"(end-{trends.period_year(a.period)} → "
                          f"end-{trends.period_year(b.period)})")
    return out


def _county_frame_with_status():
    """The counties with the texts, fills, hatches and legend that both forms of the county
    map show (:func:`county_svg`, :func:`county_key_map`)."""
    from analysis.figures import maps

    gdf = counties.county_frame()
    labels = rate_labels()
    gdf["article_rates"] = [labels.get(c, "not given in the article") for c in gdf["adcode"]]
    gdf["status_text"] = gdf["poverty_status"].astype(str)
    gdf["rate_change"] = [labels.get(c, "").split(": ")[-1].split(" (")[0] or "\u2014"
                          for c in gdf["adcode"]]
    colours = {c: maps.STATUS_STYLE[s]["facecolor"]
               for c, s in zip(gdf["adcode"], gdf["poverty_status"])}
    hatches = {c: maps.STATUS_STYLE[s]["hatch"]
               for c, s in zip(gdf["adcode"], gdf["poverty_status"])}
    legend = [(st["label"], st["facecolor"], st["hatch"]) for st in maps.STATUS_STYLE.values()]
    return gdf, colours, hatches, legend


#: The title of the county map, in both its forms.
COUNTY_MAP_TITLE = "Liangshan's counties: poverty-county status and the article's rates"


def county_svg() -> str:
    """Interactive SVG of the counties (the HTML form of :func:`county_map`): name,
    poverty-county status and, for Butuo and Jinyang, the register's rates; fill colours as in
    the static form; Butuo's and Jinyang's rates are also written on the map (no hover
    needed)."""
    from analysis.figures import maps_svg

    gdf, colours, hatches, legend = _county_frame_with_status()
    start, end = (trends.period_year(register_period) for register_period in _rate_periods())
    notes = {c: f"{name} {r}"
             for c, name, r in zip(gdf["adcode"], gdf["name_pinyin"], gdf["rate_change"])
             if r != "\u2014"}
    return maps_svg.interactive_county_svg(
        gdf, {"status_text": "National poverty county status",
              "article_rates": "Poverty rate in the article (poverty roll)"},
        COUNTY_MAP_TITLE, colors=colours, hatches=hatches, legend=legend, notes=notes,
        notes_title=f"Rate, {start} \u2192 {end}:")


def county_key_map() -> Figure:
    """The static form of :func:`county_map`, for print: the same fills and hatches (the
    poverty-county status, explained by the legend), every county named in pinyin and Chinese,
    and a key with each county's code, names, status fill and the article's rates
    (:func:`analysis.figures.interactive.static_county_map`)."""
    from analysis.figures import interactive

    gdf, colours, hatches, legend = _county_frame_with_status()
    start, end = (trends.period_year(register_period) for register_period in _rate_periods())
    return interactive.static_county_map(
        gdf, {"rate_change": f"Rate, {start} \u2192 {end}"},
        COUNTY_MAP_TITLE, colors=colours, hatches=hatches, legend=legend,
        source="the statistical bureau's division codes, provincial exit notices and press "
               "reports (Appendix C); rates: the article, section I")


def _rate_periods() -> tuple[str, str]:
    from analysis.data import register

    f0, f1 = next(iter(trends.RATE_FACTS.values()))
    return register.fact(f0).period, register.fact(f1).period


def county_map():
    """Liangshan's counties as one figure in two forms
    (:class:`analysis.figures.interactive.InteractiveFigure`): the interactive SVG
    (:func:`county_svg`) in the HTML book, its static twin (:func:`county_key_map`) in print."""
    from analysis.figures import interactive

    return interactive.InteractiveFigure(county_svg(), county_key_map())
