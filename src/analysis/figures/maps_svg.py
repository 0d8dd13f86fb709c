"""The interactive county map of the HTML book: one self-contained inline SVG, drawing only.

Split from :mod:`analysis.figures.maps` (the static maps), whose projection
(:data:`analysis.figures.maps.MAP_CRS`) and label points it shares, so that both kinds of map
place a county's name at the same spot. No JavaScript and no network: hover and keyboard focus
are CSS only.
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.figures import style
from analysis.figures.maps import MAP_CRS, label_points


def _fmt(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "n/a"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return str(value)


def _ring_path(coords: np.ndarray) -> str:
    """SVG path data of one closed ring: absolute start, then relative integer steps."""
    pts = coords[:-1] if len(coords) > 1 and (coords[0] == coords[-1]).all() else coords
    steps = np.diff(pts, axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    start = f"M{pts[0][0]} {pts[0][1]}"
    return start + "l" + " ".join(f"{dx} {dy}" for dx, dy in steps) + "z"


def _geom_path(geom, scale: float) -> str:
    """Path data of a (multi)polygon; coordinates in units of 1/scale km, y flipped."""
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            ints = np.column_stack([np.rint(xy[:, 0] / 1000 * scale),
                                    np.rint(-xy[:, 1] / 1000 * scale)]).astype(np.int64)
            parts.append(_ring_path(ints))
    return "".join(parts)


def interactive_county_svg(gdf: gpd.GeoDataFrame,
                           value_columns: Sequence[str] | Mapping[str, str], title: str, *,
                           colors: Mapping[str, str] | None = None,
                           hatches: Mapping[str, str] | None = None,
                           legend: Sequence[tuple[str, str, str]] = (),
                           notes: Mapping[str, str] | None = None, notes_title: str = "",
                           tolerance_km: float = 0.3, precision_km: float = 0.1,
                           max_width_px: int = 640, id_prefix: str | None = None) -> str:
    """A self-contained inline SVG map of the counties, for the HTML book.

    One ``<path>`` per county, focusable (``tabindex="0"``), with ``role="img"``, an
    ``aria-label`` and a ``<title>`` (shown on hover) giving its name, code and the values of
    ``value_columns``; its Chinese name is in a ``<desc lang="zh">`` and in the visible label.
    Hover and keyboard focus highlight the county (CSS only: no JavaScript, no network).

    Args:
        gdf: county polygons with ``adcode``, ``name_pinyin``, ``name_zh`` (any CRS), e.g.
            :func:`analysis.domain.counties.county_frame`.
        value_columns: columns to show, or a mapping column -> label.
        title: the map's title (also its accessible name).
        colors: optional fill colour per adcode (otherwise a neutral grey).
        hatches: optional hatching per adcode, matplotlib-style (``"///"`` diagonal lines,
            ``"..."`` dots), drawn over the fill so that colour is not the only carrier.
        legend: ``(label, colour, hatch)`` entries drawn below the map.
        notes: optional text per adcode, written in the map's south-east corner with a line to
            the county (a callout that needs no hover, e.g. the article's rates of two
            counties); stacked from north to south, under ``notes_title``.
        tolerance_km: simplification tolerance (shared borders stay shared).
        precision_km: coordinate rounding; the SVG stays well under 150 KB at 0.1 km.
        max_width_px: the largest width the SVG is drawn at.
        id_prefix: what makes the SVG's CSS class and element ids unique on a page (default:
            the title), e.g. ``lsmap-<title>-513429`` for Butuo's path.
    """
    labels = (dict(value_columns) if isinstance(value_columns, Mapping)
              else {c: c for c in value_columns})
    missing = [c for c in ["adcode", "name_pinyin", "name_zh", *labels] if c not in gdf]
    if missing:
        raise KeyError(f"columns missing from the frame: {', '.join(missing)}")
    proj = gdf.to_crs(MAP_CRS).sort_values("adcode").reset_index(drop=True)
    geoms = shapely.coverage_simplify(np.asarray(proj.geometry.values), tolerance_km * 1000)
    scale = 1.0 / precision_km
    minx, miny, maxx, maxy = proj.total_bounds / 1000 * scale
    pad = 0.02 * max(maxx - minx, maxy - miny)
    vb = (math.floor(minx - pad), math.floor(-maxy - pad),
          math.ceil(maxx - minx + 2 * pad), math.ceil(maxy - miny + 2 * pad))
    font = 0.022 * vb[2]
    map_bottom = vb[1] + vb[3]
    if legend:  # a strip below the map for the legend
        vb = (vb[0], vb[1], vb[2], math.ceil(vb[3] + (len(legend) + 0.5) * 1.65 * font))
    esc = html.escape
    # CSS in inline SVG applies to the whole HTML page: scope it, and keep ids unique per map
    scope = "lsmap-" + (re.sub(r"[^a-z0-9]+", "-", (id_prefix or title).lower()).strip("-")
                        or "map")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vb[0]} {vb[1]} {vb[2]} {vb[3]}" '
           f'class="{scope}" role="group" aria-label="{esc(title)}" lang="en" '
           f'style="width:100%;max-width:{max_width_px}px;height:auto">',
           f"<title>{esc(title)}</title>",
           "<style>"
           f".{scope} .county{{stroke:#ffffff;stroke-width:1.2px;"
           "vector-effect:non-scaling-stroke;cursor:pointer}"
           f".{scope} .county:hover,.{scope} .county:focus{{"
           f"fill:{style.OKABE_ITO['yellow']};stroke:#000000;stroke-width:2px;outline:none}}"
           f".{scope} .label{{font-family:sans-serif;font-size:{font:.0f}px;"
           "text-anchor:middle;pointer-events:none;fill:#111111;paint-order:stroke;"
           f"stroke:#ffffff;stroke-width:{font / 5:.0f}px}}"
           f".{scope} .zh{{font-size:{0.85 * font:.0f}px}}"
           f".{scope} .note{{font-family:sans-serif;font-size:{0.85 * font:.0f}px;"
           "font-weight:bold;fill:#111111}"
           "</style>",
           _svg_patterns(scope, font),
           '<g class="counties">']
    label_pts = label_points(proj)
    for i, row in proj.iterrows():
        code = row["adcode"]
        name = f"{row['name_pinyin']}"
        facts = "; ".join(f"{lab}: {_fmt(row[col])}" for col, lab in labels.items())
        text = f"{name} ({code}). {facts}"
        fill = (colors or {}).get(code, "#d9d9d9")
        out.append(f'<path class="county" id="{scope}-{code}" d="{_geom_path(geoms[i], scale)}" '
                   f'fill="{esc(fill)}" fill-rule="evenodd" tabindex="0" role="img" '
                   f'aria-label="{esc(text)}"><title>{esc(text)}</title>'
                   f'<desc lang="zh">{esc(row["name_zh"])}</desc></path>')
        hatch = (hatches or {}).get(code, "")
        if hatch in _HATCH_PATTERNS:
            out.append(f'<path d="{_geom_path(geoms[i], scale)}" fill="url(#{scope}-'
                       f'{_HATCH_PATTERNS[hatch]})" pointer-events="none" aria-hidden="true"/>')
    out.append("</g>")
    out.append('<g class="labels" aria-hidden="true">')
    for code, zh, py in zip(proj["adcode"], proj["name_zh"], proj["name_pinyin"]):
        x, y = label_pts[code]
        lx, ly = x / 1000 * scale, -y / 1000 * scale
        out.append(f'<text class="label" x="{lx:.0f}" y="{ly:.0f}">{esc(py)}'
                   f'<tspan class="zh" lang="zh" x="{lx:.0f}" dy="1.1em">{esc(zh)}</tspan>'
                   "</text>")
    out.append("</g>")
    out += _callouts(notes or {}, notes_title, label_pts, scale, vb, font, scope)
    if legend:
        box = 1.1 * font
        y0 = map_bottom + 0.3 * box
        out.append('<g class="legend">')
        for k, (lab, colour, hatch) in enumerate(legend):
            x, y = vb[0] + 0.02 * vb[2], y0 + k * 1.5 * box
            out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box:.0f}" height="{box:.0f}" '
                       f'fill="{esc(colour)}" stroke="#333333" stroke-width="1" '
                       'vector-effect="non-scaling-stroke"/>')
            if hatch in _HATCH_PATTERNS:
                out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{box:.0f}" '
                           f'height="{box:.0f}" fill="url(#{scope}-{_HATCH_PATTERNS[hatch]})"/>')
            out.append(f'<text x="{x + 1.4 * box:.0f}" y="{y + 0.85 * box:.0f}" '
                       f'font-family="sans-serif" font-size="{0.8 * font:.0f}px" '
                       f'fill="#111111">{esc(lab)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _callouts(notes: Mapping[str, str], title: str, label_pts, scale: float, vb, font: float,
              scope: str) -> list[str]:
    """The ``notes`` as callouts: texts stacked in the map's south-east corner, north to south
    in the order of their counties, each with a thin line to its county's label."""
    if not notes:
        return []
    points = sorted(((label_pts[c][0] / 1000 * scale, -label_pts[c][1] / 1000 * scale, text)
                     for c, text in notes.items()), key=lambda p: p[1])
    x_text = vb[0] + 0.74 * vb[2]
    y_text = max(p[1] for p in points) + 6 * font
    out = [f'<g class="{scope}-callouts" aria-hidden="true">']
    if title:
        out.append(f'<text class="note" x="{x_text:.0f}" y="{y_text - 1.5 * font:.0f}" '
                   f'style="font-weight:normal">{html.escape(title)}</text>')
    for k, (lx, ly, text) in enumerate(points):
        y = y_text + k * 1.5 * font
        out.append(f'<line x1="{lx:.0f}" y1="{ly + 1.5 * font:.0f}" x2="{x_text - 0.3 * font:.0f}" '
                   f'y2="{y - 0.3 * font:.0f}" stroke="#111111" stroke-width="1" '
                   'vector-effect="non-scaling-stroke"/>')
        out.append(f'<text class="note" x="{x_text:.0f}" y="{y:.0f}">{html.escape(text)}</text>')
    out.append("</g>")
    return out


#: Matplotlib hatch strings drawn in the interactive SVG, and the pattern that draws each.
_HATCH_PATTERNS = {"///": "diagonal", "...": "dots"}


def _svg_patterns(scope: str, font: float) -> str:
    """SVG ``<pattern>`` definitions for the hatches of :data:`_HATCH_PATTERNS`."""
    step = 0.6 * font
    return (f'<defs><pattern id="{scope}-diagonal" patternUnits="userSpaceOnUse" '
            f'width="{step:.0f}" height="{step:.0f}" patternTransform="rotate(45)">'
            f'<line x1="0" y1="0" x2="0" y2="{step:.0f}" stroke="#1a1a1a" '
            f'stroke-width="{step / 6:.1f}" stroke-opacity="0.55"/></pattern>'
            f'<pattern id="{scope}-dots" patternUnits="userSpaceOnUse" width="{step:.0f}" '
            f'height="{step:.0f}"><circle cx="{step / 2:.1f}" cy="{step / 2:.1f}" '
            f'r="{step / 7:.1f}" fill="#1a1a1a" fill-opacity="0.6"/></pattern></defs>')
