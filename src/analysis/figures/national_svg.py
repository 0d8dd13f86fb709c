"""The interactive maps of the chapter "Beyond the article" for the HTML book: China's
poverty counties by exit year, one focusable path per county, and the zoom on Liangshan.

Split from :mod:`analysis.figures.national` (the static figures), whose colours, hatches,
projection and southern edge both forms share, so that the HTML and the printed map agree.
Drawing only; no JavaScript and no network.
"""
from __future__ import annotations

import html
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.data import boundaries, national
from analysis.figures import maps_svg, style
from analysis.figures.national import (
    CHINA_CRS,
    LIANGSHAN_EDGE,
    OTHER,
    SOUTH_EDGE,
    YEAR_COLOURS,
    YEAR_HATCHES,
    YEARS,
)


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
                parts.append(maps_svg._ring_path(ints))
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


def _north_of_edge(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``gdf`` in WGS84 with every geometry cut at :data:`SOUTH_EDGE`; emptied rows dropped."""
    out = gdf.to_crs("EPSG:4326")
    out["geometry"] = shapely.clip_by_rect(np.asarray(out.geometry.values), -180, SOUTH_EDGE,
                                           180, 90)
    return out[~out.geometry.is_empty]


def interactive_exit_svg(mf: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame | None = None, *,
                         tolerance_km: float = 9.0, precision_km: float = 2.0) -> str:
    """Inline SVG of the national map for the HTML book: each poverty county a focusable path
    (``tabindex="0"``, ``role="img"``) whose ``<title>`` gives name, exit year and 2010
    values; the other counties drawn in one path outside the tab order; province borders;
    Liangshan outlined. Simplified as one coverage (``tolerance_km``), coordinates rounded to
    ``precision_km``, so the whole map stays near half a megabyte."""
    prov = (national.province_boundaries() if provinces is None else provinces)
    # counties and provinces cut at SOUTH_EDGE (the South China Sea islands, no poverty
    # county among them), so that nothing is drawn in the legend's strip below the map
    wgs = _north_of_edge(mf)
    wgs = wgs[wgs["adcode"].str[:2] != "71"]
    proj = wgs.to_crs(CHINA_CRS).sort_values("adcode").reset_index(drop=True)
    geoms = shapely.coverage_simplify(np.asarray(proj.geometry.values), tolerance_km * 1000)
    scale = 1.0 / precision_km
    pgeo = _north_of_edge(prov[prov["province_code"].isin(proj["province_code"])])
    pgeo = pgeo.to_crs(CHINA_CRS)
    pgeo = shapely.coverage_simplify(np.asarray(pgeo.geometry.values), tolerance_km * 1000)
    minx, miny, maxx, maxy = proj.total_bounds / 1000 * scale
    # the legend in two columns of four rows below the map, in type large enough to read
    # when the map is drawn on a phone (some 370 px wide)
    legend_font = 0.025 * (maxx - minx)
    legend_h = 4 * 1.6 * 1.1 * legend_font + legend_font
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
           maps_svg._svg_patterns(scope, font)]
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
            pattern = maps_svg._HATCH_PATTERNS[YEAR_HATCHES[year]]
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
    box = 1.1 * legend_font
    y0 = vb[1] + vb[3] - legend_h + 0.4 * box
    out.append('<g class="legend">')
    entries = [(f"Left in {y}", YEAR_COLOURS[y], YEAR_HATCHES.get(y, "")) for y in YEARS]
    entries += [("Not a poverty county", OTHER, ""), ("Liangshan (outline)", "#ffffff", "")]
    for k, (lab, colour, hatch) in enumerate(entries):
        x = vb[0] + 0.02 * vb[2] + (k // 4) * 0.5 * vb[2]
        y = y0 + (k % 4) * 1.6 * box
        stroke = LIANGSHAN_EDGE if lab.startswith("Liangshan") else "#333333"
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box:.0f}" height="{box:.0f}" '
                   f'fill="{colour}" stroke="{stroke}" stroke-width="1.5" '
                   'vector-effect="non-scaling-stroke"/>')
        if hatch:
            out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box:.0f}" height="{box:.0f}" '
                       f'fill="url(#{scope}-{maps_svg._HATCH_PATTERNS[hatch]})"/>')
        out.append(f'<text x="{x + 1.4 * box:.0f}" y="{y + 0.85 * box:.0f}" '
                   f'font-family="sans-serif" font-size="{legend_font:.0f}px" '
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
    return maps_svg.interactive_county_svg(
        gdf, {"exit_text": "National poverty county"},
        "Liangshan's counties by the year they left the national list", colors=colours,
        hatches=hatches, legend=legend, id_prefix="liangshan-exit")
