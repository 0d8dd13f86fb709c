"""Figures of the chapter "Beyond the article": exit batches, the national map of exit year
(static; its interactive SVG for the HTML book is in :mod:`analysis.figures.national_svg`),
census change by batch and the ordered model's coefficients.

Drawing only: the numbers come from :mod:`analysis.domain.national`. Maps are drawn in an
Albers equal-area projection for China (:data:`CHINA_CRS`); every map names the AMap-derived
boundaries' licence, and every figure the unknown licence of the list.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from analysis.data import boundaries, national
from analysis.domain import national as dom
from analysis.figures import maps, style

#: Albers equal-area conic for China (standard parallels 25 N and 47 N, central meridian
#: 105 E), the usual projection of national maps of China; areas are true.
CHINA_CRS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"
#: Colours of the exit years, the first three pale to mid yellow, then the two batches of
#: Liangshan's counties in the colours and hatches that Chapter 1's maps give them (sky blue
#: and hatched for 2019, vermillion and dotted for 2020, as in
#: :data:`analysis.figures.maps.STATUS_STYLE`), which differ in hue, lightness and hatch, also
#: for colour-blind readers.
YEARS = (2016, 2017, 2018, 2019, 2020)
YEAR_COLOURS = dict(zip(YEARS, ("#FBF1C4", "#EFD98A", "#C9B572",
                                maps.STATUS_STYLE[maps.STATUS_2019]["facecolor"],
                                maps.STATUS_STYLE[maps.STATUS_2020]["facecolor"])))
YEAR_HATCHES = {2019: "///", 2020: "..."}
OTHER = "#EDEDED"
#: Liangshan's outline on the maps (black, since vermillion is the 2020 batch's fill) and the
#: colour of its bars.
LIANGSHAN_EDGE = "#000000"
LIANGSHAN_BAR = style.OKABE_ITO["vermillion"]
#: The southern edge of the main map, in degrees north; the South China Sea islands, none a
#: poverty county, fall outside its frame.
SOUTH_EDGE = 17.5
#: Where the static map's inset of Liangshan sits, in figure fractions (left, bottom, width,
#: height): the south-west corner, which holds no Chinese county.
INSET = (0.005, 0.215, 0.25, 0.22)


def _source(fig: Figure, data: str, *, on_map: bool = False) -> None:
    """The source line: the data in words, the list's licence and, on maps only, the
    boundaries' attribution."""
    boundary = f" {boundaries.ATTRIBUTION}." if on_map else ""
    style.source_line(fig, f"Data: {data}. {national.LIST_LICENCE}.{boundary}")


def map_frame(frame: pd.DataFrame | None = None,
              counties: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """The county polygons with the listed counties' exit year (``exit_year`` empty for the
    others), name, province and Liangshan flag, joined through the crosswalk's boundary code."""
    frame = dom.county_frame() if frame is None else frame
    gdf = national.county_boundaries() if counties is None else counties
    listed = frame[frame["boundary_code"].notna()].set_index("boundary_code")
    out = gdf.copy()
    for col in ("exit_year", "name_zh", "province", "prefecture_zh", "liangshan",
                "minority_share_2010", "population_2010"):
        out[f"list_{col}"] = out["adcode"].map(listed[col])
    out["listed"] = out["list_exit_year"].notna()
    return out


def batch_chart(frame: pd.DataFrame) -> Figure:
    """Counties leaving the list each year, split into Liangshan, the rest of the derived
    "three regions and three prefectures", and the others; each bar labelled."""
    style.use()
    b = dom.batches(frame).set_index("exit_year")
    fig = Figure(figsize=(7.0, 4.0))
    ax = fig.subplots()
    other = b["counties"] - b["sanqu_sanzhou"]
    sanqu_rest = b["sanqu_sanzhou"] - b["liangshan"]
    x = np.arange(len(b))
    parts = [(other, "Other poverty counties", "#BBBBBB", ""),
             (sanqu_rest, "Three regions and three prefectures (derived), without Liangshan",
              style.OKABE_ITO["bluish_green"], "///"),
             (b["liangshan"], "Liangshan", LIANGSHAN_BAR, "...")]
    bottom = np.zeros(len(b))
    for values, label, colour, hatch in parts:
        ax.bar(x, values, bottom=bottom, color=colour, hatch=hatch, edgecolor="white",
               label=label)
        bottom += values.to_numpy()
    for xi, (_, row) in zip(x, b.iterrows()):
        text = f"{row['counties']:.0f}" + (f"\n(Liangshan {row['liangshan']:.0f})"
                                           if row["liangshan"] else "")
        ax.text(xi, row["counties"] + 4, text, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [str(y) for y in b.index])
    ax.set_ylim(0, b["counties"].max() * 1.45)  # the legend clear of the tallest label
    ax.set_xlabel("Year of the exit batch")
    ax.set_ylabel("Poverty counties leaving the list")
    ax.legend(loc="upper left", fontsize=8)
    fig.subplots_adjust(bottom=0.25)  # the axis label clear of the two-line source line
    _source(fig, "the list of poverty counties and their exit years (Appendix C)")
    return fig


def _draw_years(ax, mf: gpd.GeoDataFrame, *, linewidth=0.05) -> None:
    mf[~mf["listed"]].plot(ax=ax, facecolor=OTHER, edgecolor="white", linewidth=linewidth)
    for year in YEARS:
        part = mf[mf["list_exit_year"] == year]
        if len(part):
            part.plot(ax=ax, facecolor=YEAR_COLOURS[year], hatch=YEAR_HATCHES.get(year, ""),
                      edgecolor="white", linewidth=linewidth)


#: How far the national map's borders may move when simplified (km), about 0.3 pt at the
#: map's printed scale (some 800 km to the inch); it keeps the printed book's file small.
PRINT_TOLERANCE_KM = 3.0


def _simplified(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out["geometry"] = shapely.coverage_simplify(np.asarray(gdf.geometry.values),
                                                PRINT_TOLERANCE_KM * 1000)
    return out


def exit_year_map(mf: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame | None = None, *,
                  figsize=(7.0, 6.6)) -> Figure:
    """China's counties coloured by the year they left the list (grey: not listed), province
    borders, Liangshan outlined, and an inset of Liangshan with its counties' exit years."""
    style.use()
    prov = (national.province_boundaries() if provinces is None else provinces).to_crs(CHINA_CRS)
    proj = mf.to_crs(CHINA_CRS)
    fig = Figure(figsize=figsize)
    ax = maps._map_axes(fig, (0.0, 0.2, 1.0, 0.78))
    # the whole country drawn from borders simplified to PRINT_TOLERANCE_KM (shared borders
    # stay shared), far below what the printed map can show; the inset keeps every vertex
    _draw_years(ax, _simplified(proj))
    _simplified(prov).boundary.plot(ax=ax, color="#555555", linewidth=0.4)
    ls = proj[proj["list_liangshan"].fillna(False).astype(bool)
              | proj["adcode"].str.startswith("5134")]
    outline = shapely.coverage_union_all(ls.geometry.values)
    gpd.GeoSeries([outline], crs=CHINA_CRS).boundary.plot(ax=ax, color=LIANGSHAN_EDGE,
                                                          linewidth=1.4)
    south = gpd.GeoSeries([shapely.Point(105, SOUTH_EDGE)], crs="EPSG:4326").to_crs(CHINA_CRS)
    minx, _, maxx, maxy = prov[prov["province_code"] != "710000"].total_bounds
    ax.set_xlim(minx, maxx)
    ax.set_ylim(south.y.iloc[0], maxy)
    # the inset in the empty south-west corner (India, Nepal, Myanmar lie outside the map's
    # data), where it hides no county; the scale bar in the south-east, over the sea
    maps.scale_bar(ax, 500, x=0.80, y=0.05)
    inset = fig.add_axes(INSET)
    _draw_years(inset, ls, linewidth=0.6)
    inset.set_aspect("equal")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.grid(False)
    for side in ("top", "right"):
        inset.spines[side].set_visible(True)
    minx_l, miny_l, maxx_l, maxy_l = ls.total_bounds
    pad = 0.05 * (maxx_l - minx_l)
    inset.set_xlim(minx_l - pad, maxx_l + pad)
    inset.set_ylim(miny_l - pad, maxy_l + pad)
    inset.set_title("Liangshan", fontsize=8, loc="left")
    for side in inset.spines.values():
        side.set_edgecolor(LIANGSHAN_EDGE)
        side.set_linewidth(1.2)
    ax.add_patch(Rectangle((minx_l, miny_l), maxx_l - minx_l, maxy_l - miny_l, fill=False,
                           edgecolor=LIANGSHAN_EDGE, linewidth=0.8))
    handles = [Patch(facecolor=YEAR_COLOURS[y], hatch=YEAR_HATCHES.get(y, ""),
                     edgecolor="white", label=f"Left in {y}") for y in YEARS]
    handles.append(Patch(facecolor=OTHER, edgecolor="#999999", label="Not a poverty county"))
    handles.append(Patch(facecolor="white", edgecolor=LIANGSHAN_EDGE, label="Liangshan"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=4,
              fontsize=7.5)
    _source(fig, "the list of poverty counties, joined to the county boundaries through the "
                 "book's code crosswalk (Appendix C); the South China Sea islands lie outside "
                 "the frame", on_map=True)
    return fig


def census_change_chart(change: pd.DataFrame) -> Figure:
    """Three panels (population, minority share, urban share) of census change 2010 to 2020
    by exit year, for all matched counties and for those with an unchanged code."""
    style.use()
    fig = Figure(figsize=(7.0, 3.4))
    axes = fig.subplots(1, 3)
    panels = [("population_change_pct", "Population (%)"),
              ("minority_change_pp", "Minority share (points)"),
              ("urban_change_pp", "Urban share (points)")]
    for ax, (col, title) in zip(axes, panels):
        for k, (label, g) in enumerate(change.groupby("set", sort=False)):
            ax.plot(g["exit_year"] + (k - 0.5) * 0.15, g[col], marker=style.MARKERS[k],
                    linestyle="none", color=style.CYCLE[k], label=label)
        ax.axhline(0, color="#777777", linewidth=0.8)
        ax.set_title(title, fontsize=9)
        ax.set_xticks(list(YEARS), [str(y)[2:] for y in YEARS])
        ax.set_xlabel("Exit year ('16 to '20)", fontsize=8)
    # the legend below the panels, where it hides no point
    fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center",
               bbox_to_anchor=(0.5, 0.1), ncol=2, fontsize=7.5, frameon=False)
    fig.subplots_adjust(bottom=0.36, wspace=0.4)
    _source(fig, "the list of poverty counties and the county tables of the 2010 and 2020 "
                 "censuses (Appendix C), by exit batch")
    return fig


#: The tick values the odds-ratio axis may show.
PLAIN_TICKS = (0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4)


def coefficient_chart(coefficients: pd.DataFrame, within: pd.DataFrame | None = None
                      ) -> Figure:
    """Odds ratios (per standard deviation, log scale) with their 95% intervals; with
    ``within``, the within-province estimates drawn as squares just below each circle."""
    style.use()
    series = [("Across the list", coefficients, "o", style.CYCLE[0])]
    if within is not None:
        series.append(("Within provinces (province fixed effects)", within.loc[
            coefficients.index], "s", style.CYCLE[1]))
    fig = Figure(figsize=(7.0, 3.6 if within is not None else 3.2))
    ax = fig.subplots()
    y = np.arange(len(coefficients))[::-1].astype(float)
    step = 0.18 if within is not None else 0.0
    for n, (label, c, marker, colour) in enumerate(series):
        ax.errorbar(np.exp(c["coef"]), y + step * (0.5 - n) * (len(series) > 1),
                    xerr=[np.exp(c["coef"]) - np.exp(c["lower"]),
                          np.exp(c["upper"]) - np.exp(c["coef"])],
                    fmt=marker, color=colour, capsize=3, label=label)
    ax.axvline(1, color="#777777", linestyle="--", linewidth=0.8)
    ax.set_xscale("log")
    # plain ticks (0.5, 0.75, 1, 1.5, 2 ...), not powers of ten, and no minor ticks
    lo, hi = ax.get_xlim()
    ticks = [t for t in PLAIN_TICKS if lo <= t <= hi]
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.set_xticks([], minor=True)
    ax.set_yticks(y, [dom.PREDICTORS.get(i, i) for i in coefficients.index])
    ax.set_xlabel("Odds ratio of a later exit, per standard deviation (log scale);\n"
                  "95% intervals clustered by province")
    if within is not None:
        ax.legend(loc="upper center", bbox_to_anchor=(0.35, -0.32), ncol=2, frameon=False)
    fig.subplots_adjust(left=0.36, bottom=0.36 if within is not None else 0.3)
    _source(fig, "ordered logits of the exit year on the 2010 census values of the listed "
                 "counties (Appendix C)")
    return fig
