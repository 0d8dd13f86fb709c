"""Figures of Chapter 1 (section I): poverty rates, the national trend, Liangshan's pace.

Plotting only: every number comes from :mod:`analysis.domain.trends`. Figures are made with
:class:`matplotlib.figure.Figure` (not pyplot), so a notebook shows each once and no global state
is left behind. Each function applies the house style (:mod:`analysis.figures.style`), marks series
by colour *and* marker or line style, writes a source
line naming the register rows or context tables, and returns the Figure (nothing is saved).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.domain import counties, trends
from analysis.figures import style
from analysis.formatting import number

_GREY = "#7a7a7a"


def poverty_rates(with_context: bool = True):
    """Slope chart: poverty rates at the end of 2013 and 2018, Liangshan, Butuo and Jinyang.

    Args:
        with_context: also draw Sichuan (register) and rural China (NBS survey) in grey, dashed,
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
    sources = "register rows " + ", ".join(f"{a}, {b}" for a, b in trends.RATE_FACTS.values())
    if with_context:
        cmp_ = trends.comparison_rates(y0, y1)
        for j, row in cmp_.iterrows():
            marker = ["s", "^"][j % 2]
            ax.plot([y0, y1], [row["rate_start"], row["rate_end"]], color=_GREY, marker=marker,
                    markerfacecolor="white", linestyle=":", linewidth=1.3,
                    label=f"{row['place']}: {row['measure']}")
            ax.annotate(f"{row['place']} {row['rate_start']:.1f}%", (y0, row["rate_start"]),
                        xytext=(-8, -6 if j else 6), textcoords="offset points", ha="right",
                        va="center", color=_GREY, fontsize=8)
            ax.annotate(f"{row['rate_end']:.1f}% {row['place']}", (y1, row["rate_end"]),
                        xytext=(8, 6 if j else -6), textcoords="offset points", ha="left",
                        va="center", color=_GREY, fontsize=8)
        ax.legend(title="Context (grey, dotted)", loc="upper right", fontsize=8,
                  title_fontsize=8)
        sources += "; context table poverty_sichuan_liangshan.csv (S17) and " \
                   "poverty_national.csv (NBS: S25, S20)"
    ax.set_xlim(y0 - 2.8, y1 + 2.0)
    ax.set_xticks([y0, y1], [f"end of {y0}", f"end of {y1}"])
    ax.set_ylim(-2, max(art["rate_start"].max(), art["rate_end"].max()) * 1.25)
    ax.set_ylabel("Poverty rate (% of the population base)")
    ax.set_title(f"Poverty rates, end of {y0} and end of {y1}")
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(bottom=0.2)
    style.source_line(fig, "Source: " + sources + ".")
    return fig


def national_trend(start: int = 2012, end: int = 2019):
    """National rural poor (NBS survey) with the log-linear OLS trend and its 95% band.

    Derived points of the context table (computed there from two published numbers) are drawn
    hollow. The 2020 zero (a declaration, not a survey estimate) is not drawn.

    Returns:
        The Figure, drawn from :func:`analysis.domain.trends.national_series`,
        :func:`analysis.domain.trends.national_trend_fit`,
        :func:`analysis.domain.trends.trend_band`.
    """
    style.use()
    nat = trends.national_series(start, end)
    pop = nat[nat["indicator"] == "rural_poor_population"]
    fit = trends.national_trend_fit(start, end)
    grid = np.linspace(start, end, 8 * (end - start) + 1)
    band = trends.trend_band(fit, grid)
    fig = Figure(figsize=(7.0, 4.4))
    ax = fig.subplots()
    blue, orange = style.OKABE_ITO["blue"], style.OKABE_ITO["orange"]
    ax.fill_between(band["year"], band["lower"] / 1e6, band["upper"] / 1e6, color=orange,
                    alpha=0.25, hatch="///", edgecolor=orange, linewidth=0,
                    label=f"{fit.level:.0%} band of the fitted trend")
    ax.plot(band["year"], band["fitted"] / 1e6, color=orange, linestyle="--", linewidth=2,
            label=f"constant-rate trend ({fit.annual_change_pct:+.1f}% per year)")
    pub = pop[~pop["derived"]]
    der = pop[pop["derived"]]
    ax.plot(pub["year"], pub["value"] / 1e6, "o", color=blue, markersize=7,
            label="published (NBS survey)")
    if len(der):
        ax.plot(der["year"], der["value"] / 1e6, "o", color=blue, markerfacecolor="white",
                markersize=7, label="derived in the context table")
    ax.set_xlabel("End of year")
    ax.set_ylabel("Rural poor (millions of people)")
    ax.set_title("China's rural poor (NBS survey) and a constant-rate trend")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right")
    fig.subplots_adjust(bottom=0.2)
    ids = ", ".join(sorted(set(pop["source_id"])))
    style.source_line(fig, f"Source: context table poverty_national.csv (NBS; {ids}); "
                           "log-linear OLS fit by analysis.domain.trends.national_trend_fit.")
    return fig


def liangshan_pace():
    """Liangshan's registered poor: 2013 and 2018, two extrapolations to the deadline, and the
    end-2019 figure reported by China National Radio (a different source).

    Returns:
        The Figure, drawn from :func:`analysis.domain.trends.liangshan_extrapolation`,
        :func:`analysis.domain.trends.official_end_2019`.
    """
    style.use()
    ext = trends.liangshan_extrapolation()
    ext = ext[ext["quantity"] == "poor_population"]
    off = trends.official_end_2019()
    off = off[off["quantity"] == "poor_population"].iloc[0]
    fig = Figure(figsize=(7.0, 4.6))
    ax = fig.subplots()
    art = ext[ext["method"] == "article"]
    ax.plot(art["year"], art["value"] / 1e3, color="black", marker="o", markersize=8,
            linewidth=1.5, label="the article (register)")
    styles = {"linear": (style.OKABE_ITO["blue"], "--", "s",
                         "same fall in persons each year"),
              "constant rate": (style.OKABE_ITO["vermillion"], "-.", "^",
                                "same percentage fall each year")}
    for method, (colour, ls, marker, label) in styles.items():
        sel = ext[ext["method"] == method]
        ax.plot(sel["year"], sel["value"] / 1e3, color=colour, linestyle=ls, marker=marker,
                label=f"extrapolated: {label}")
        last = sel.iloc[-1]
        ax.annotate(number(round(last["value"], -2)), (last["year"], last["value"] / 1e3),
                    xytext=(6, 0), textcoords="offset points", va="center", color=colour,
                    fontsize=8.5)
    ax.plot([off["year"]], [off["value"] / 1e3], marker="*", markersize=15,
            color=style.OKABE_ITO["bluish_green"], linestyle="none",
            label=f"reported for end-{int(off['year'])} (register, press source "
                  f"{off['source_id']})")
    ax.annotate(number(off["value"]), (off["year"], off["value"] / 1e3), xytext=(-8, -12),
                textcoords="offset points", ha="right", color=style.OKABE_ITO["bluish_green"],
                fontsize=8.5)
    ax.axvline(trends.DEADLINE_YEAR, color=_GREY, linestyle=":", linewidth=1)
    ax.annotate(f"national deadline (end-{trends.DEADLINE_YEAR})",
                (trends.DEADLINE_YEAR, ax.get_ylim()[1] * 0.97), xytext=(-4, 0),
                textcoords="offset points", ha="right", fontsize=8, color=_GREY)
    ax.set_xlim(art["year"].min() - 0.5, trends.DEADLINE_YEAR + 0.9)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("End of year")
    ax.set_ylabel("Registered poor (thousands of people)")
    ax.set_title("Liangshan's registered poor and the pace to the deadline")
    ax.legend(loc="lower left", fontsize=8.5)
    fig.subplots_adjust(bottom=0.2)
    ids = ", ".join(f for pair in trends.LIANGSHAN_COUNTS.values() for f in pair[:1])
    style.source_line(fig, f"Source: register rows {ids}; context table "
                           f"poverty_sichuan_liangshan.csv ({off['source_id']}); extrapolations "
                           "by analysis.domain.trends.liangshan_extrapolation.")
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


def poverty_status_map():
    """The poverty-status map of :func:`analysis.figures.maps.poverty_status_map`, with Butuo and
    Jinyang annotated by their register rates (:func:`rate_labels`)."""
    from analysis.figures import maps

    return maps.poverty_status_map(highlight=rate_labels())


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
    the static status map."""
    from analysis.figures import maps

    gdf, colours, hatches, legend = _county_frame_with_status()
    return maps.interactive_county_svg(
        gdf, {"status_text": "National poverty county status",
              "article_rates": "Poverty rate in the article (register)"},
        COUNTY_MAP_TITLE, colors=colours, hatches=hatches, legend=legend)


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
        source="provincial exit notices and press reports, context/poverty_county_status.csv; "
               "rates from register rows " + ", ".join(
                   f for place, pair in trends.RATE_FACTS.items()
                   if place in ("Butuo", "Jinyang") for f in pair))


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
