"""Figures of the chapter "Beyond the article": exit batches, the national map of exit year
(static for the PDF, an interactive SVG for the HTML book), census change by batch and the
ordered model's coefficients.

Drawing only: the numbers come from :mod:`analysis.domain.national`. Maps are drawn in an
Albers equal-area projection for China (:data:`CHINA_CRS`); every map names the AMap-derived
boundaries' licence and the unknown licence of the 832 list.
"""
from __future__ import annotations

import html
import math

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
#: Colours of the exit years (light to dark; cividis, colour-blind safe), then hatches so
#: that the last two batches differ in more than colour.
YEARS = (2016, 2017, 2018, 2019, 2020)
YEAR_COLOURS = dict(zip(YEARS, ("#FFE945", "#BCAF6F", "#7C7B78", "#3B496C", "#00204D")))
YEAR_HATCHES = {2019: "///", 2020: "..."}
OTHER = "#EDEDED"
LIANGSHAN_EDGE = style.OKABE_ITO["vermillion"]
#: The southern edge of the main map, in degrees north; the South China Sea islands, none a
#: poverty county, fall outside its frame.
SOUTH_EDGE = 17.5
#: Where the static map's inset of Liangshan sits, in figure fractions (left, bottom, width,
#: height): the south-west corner, which holds no Chinese county.
INSET = (0.005, 0.215, 0.25, 0.22)


def _source(fig: Figure, data: str) -> None:
    style.source_line(fig, f"Data: {data}. {national.LIST_LICENCE}. {boundaries.ATTRIBUTION}.")


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
              style.OKABE_ITO["sky_blue"], "///"),
             (b["liangshan"], "Liangshan", LIANGSHAN_EDGE, "...")]
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
    _source(fig, "national/poverty_counties.csv")
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
                                                          linewidth=1.2)
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
    _source(fig, "national/poverty_counties.csv, national/crosswalk.csv; South China Sea "
                 "islands outside the frame")
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
    axes[0].legend(fontsize=7.5, loc="lower left")
    fig.subplots_adjust(bottom=0.28, wspace=0.4)
    _source(fig, "national/census.csv (6th and 7th censuses, leiii/census), by exit batch")
    return fig


def coefficient_chart(coefficients: pd.DataFrame) -> Figure:
    """Odds ratios (per standard deviation, log scale) with 95 % intervals."""
    style.use()
    c = coefficients.iloc[::-1]
    fig = Figure(figsize=(7.0, 3.2))
    ax = fig.subplots()
    y = np.arange(len(c))
    ax.errorbar(np.exp(c["coef"]), y, xerr=[np.exp(c["coef"]) - np.exp(c["lower"]),
                                            np.exp(c["upper"]) - np.exp(c["coef"])],
                fmt="o", color=style.CYCLE[0], capsize=3)
    ax.axvline(1, color="#777777", linestyle="--", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yticks(y, [dom.PREDICTORS.get(i, i) for i in c.index])
    ax.set_xlabel("Odds ratio of a later exit, per standard deviation (log scale)")
    fig.subplots_adjust(left=0.36, bottom=0.25)
    _source(fig, "ordered logit on national/census.csv (2010)")
    return fig


# ----------------------------------------------------------------------------- SVG


def _path(geom, scale: float) -> str:
    """SVG path data of a (multi)polygon in projected metres, as
    ``analysis.figures.maps_svg._geom_path`` writes it, without the rings that rounding to
    the grid collapses to fewer than three distinct points (an empty ``l`` command would stop
    the browser from drawing the rest of the path)."""
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            ints = np.column_stack([np.rint(xy[:, 0] / 1000 * scale),
                                    np.rint(-xy[:, 1] / 1000 * scale)]).astype(np.int64)
            if len(np.unique(ints, axis=0)) >= 3:
                parts.append(maps._ring_path(ints))
    return "".join(parts)


def _label(row) -> str:
    place = f"{row['list_name_zh']}, {row['list_prefecture_zh']}, {row['list_province']}"
    pop = row["list_population_2010"]
    minority = row["list_minority_share_2010"]
    facts = f"left the list in {int(row['list_exit_year'])}"
    if pd.notna(pop):
        facts += f"; 2010 census: {pop:,.0f} residents"
    if pd.notna(minority):
        facts += f", minorities {minority:.0f}%"
    return f"Poverty county {place} ({row['adcode']}): {facts}"


def interactive_exit_svg(mf: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame | None = None, *,
                         tolerance_km: float = 9.0, precision_km: float = 2.0) -> str:
    """Inline SVG of the national map for the HTML book: each poverty county a focusable path
    (``tabindex="0"``, ``role="img"``) whose ``<title>`` gives name, exit year and 2010
    values; the other counties drawn in one path outside the tab order; province borders;
    Liangshan outlined. Simplified as one coverage (``tolerance_km``), coordinates rounded to
    ``precision_km``, so the whole map stays near half a megabyte."""
    prov = (national.province_boundaries() if provinces is None else provinces)
    proj = mf.to_crs(CHINA_CRS).sort_values("adcode").reset_index(drop=True)
    keep = proj.geometry.bounds["maxy"] > gpd.GeoSeries(
        [shapely.Point(105, SOUTH_EDGE)], crs="EPSG:4326").to_crs(CHINA_CRS).y.iloc[0]
    proj = proj[keep & (proj["adcode"].str[:2] != "71")].reset_index(drop=True)
    geoms = shapely.coverage_simplify(np.asarray(proj.geometry.values), tolerance_km * 1000)
    scale = 1.0 / precision_km
    pgeo = prov[prov["province_code"].isin(proj["province_code"])].to_crs(CHINA_CRS)
    pgeo = shapely.coverage_simplify(np.asarray(pgeo.geometry.values), tolerance_km * 1000)
    minx, miny, maxx, maxy = proj.total_bounds / 1000 * scale
    legend_h = 0.12 * (maxy - miny)
    vb = (math.floor(minx), math.floor(-maxy), math.ceil(maxx - minx),
          math.ceil(maxy - miny + legend_h))
    font = 0.018 * vb[2]
    esc = html.escape
    scope = "natmap"
    title = "China's 832 poverty counties by the year they left the national list"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vb[0]} {vb[1]} {vb[2]} {vb[3]}" '
           f'class="{scope}" role="group" aria-label="{esc(title)}" lang="en" '
           'style="width:100%;max-width:760px;height:auto">', f"<title>{esc(title)}</title>",
           f"<style>.{scope} .pc{{stroke:#ffffff;stroke-width:0.4px;"
           "vector-effect:non-scaling-stroke}"
           f".{scope} .pc:hover,.{scope} .pc:focus{{fill:{style.OKABE_ITO['orange']};"
           "stroke:#000000;stroke-width:2px;outline:none}</style>",
           maps._svg_patterns(scope, font)]
    others = "".join(_path(g, scale) for g, listed in zip(geoms, proj["listed"])
                     if not listed)
    out.append(f'<path d="{others}" fill="{OTHER}" stroke="#ffffff" stroke-width="0.3" '
               'vector-effect="non-scaling-stroke" aria-hidden="true"/>')
    out.append('<g class="counties">')
    for i, row in proj[proj["listed"]].iterrows():
        year = int(row["list_exit_year"])
        d = _path(geoms[i], scale)
        text = esc(_label(row))
        out.append(f'<path class="pc" d="{d}" fill="{YEAR_COLOURS[year]}" tabindex="0" '
                   f'role="img" aria-label="{text}"/>')
        if year in YEAR_HATCHES:
            pattern = maps._HATCH_PATTERNS[YEAR_HATCHES[year]]
            out.append(f'<path d="{d}" fill="url(#{scope}-{pattern})" pointer-events="none" '
                       'aria-hidden="true"/>')
    out.append("</g>")
    borders = "".join(_path(g, scale) for g in pgeo)
    out.append(f'<path d="{borders}" fill="none" stroke="#444444" stroke-width="0.8" '
               'vector-effect="non-scaling-stroke" pointer-events="none" aria-hidden="true"/>')
    ls = shapely.coverage_union_all(geoms[proj["adcode"].str.startswith("5134").to_numpy()])
    out.append(f'<path d="{_path(ls, scale)}" fill="none" stroke="{LIANGSHAN_EDGE}" '
               'stroke-width="2" vector-effect="non-scaling-stroke" pointer-events="none" '
               'aria-hidden="true"/>')
    box = 1.1 * font
    y0 = vb[1] + vb[3] - legend_h + 0.4 * box
    out.append('<g class="legend">')
    entries = [(f"Left in {y}", YEAR_COLOURS[y], YEAR_HATCHES.get(y, "")) for y in YEARS]
    entries += [("Not a poverty county", OTHER, ""), ("Liangshan (outline)", "#ffffff", "")]
    for k, (lab, colour, hatch) in enumerate(entries):
        x = vb[0] + 0.02 * vb[2] + (k % 4) * 0.245 * vb[2]
        y = y0 + (k // 4) * 1.6 * box
        stroke = LIANGSHAN_EDGE if lab.startswith("Liangshan") else "#333333"
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box:.0f}" height="{box:.0f}" '
                   f'fill="{colour}" stroke="{stroke}" stroke-width="1.5" '
                   'vector-effect="non-scaling-stroke"/>')
        if hatch:
            out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box:.0f}" height="{box:.0f}" '
                       f'fill="url(#{scope}-{maps._HATCH_PATTERNS[hatch]})"/>')
        out.append(f'<text x="{x + 1.4 * box:.0f}" y="{y + 0.85 * box:.0f}" '
                   f'font-family="sans-serif" font-size="{0.85 * font:.0f}px" '
                   f'fill="#111111">{esc(lab)}</text>')
    out.append("</g></svg>")
    return "\n".join(out)


def liangshan_layer() -> gpd.GeoDataFrame:
    """Liangshan's 17 counties at full resolution (the Liangshan layer,
    :func:`analysis.data.boundaries.load_counties`), with ``name_pinyin`` (its ``name_en``).
    Read directly: the Liangshan county frame of :mod:`analysis.domain.counties` would load
    and check every context table (seconds) for names the layer already has."""
    gdf = boundaries.load_counties()
    gdf["name_pinyin"] = gdf["name_en"]
    return gdf


def liangshan_exit_svg(frame: pd.DataFrame, counties: gpd.GeoDataFrame | None = None) -> str:
    """The zoom on Liangshan: its 17 counties (``counties``, by default
    :func:`liangshan_layer`) coloured by the year they left the national list, through
    :func:`analysis.figures.maps_svg.interactive_county_svg`."""
    listed = frame[frame["liangshan"]].set_index("census_2020_code")
    gdf = (liangshan_layer() if counties is None else counties).copy()
    year = gdf["adcode"].map(listed["exit_year"])
    gdf["exit_text"] = [f"left the list in {int(y)}" if pd.notna(y) else
                        "not a national poverty county" for y in year]
    colours = {c: YEAR_COLOURS[int(y)] if pd.notna(y) else OTHER
               for c, y in zip(gdf["adcode"], year)}
    hatches = {c: YEAR_HATCHES.get(int(y), "") if pd.notna(y) else ""
               for c, y in zip(gdf["adcode"], year)}
    legend = [(f"Left the list in {y}", YEAR_COLOURS[y], YEAR_HATCHES.get(y, ""))
              for y in sorted({int(y) for y in year.dropna()})]
    legend.append(("Not a national poverty county", OTHER, ""))
    return maps.interactive_county_svg(
        gdf, {"exit_text": "National poverty county"},
        "Liangshan's counties by the year they left the national list", colors=colours,
        hatches=hatches, legend=legend, id_prefix="liangshan-exit")
