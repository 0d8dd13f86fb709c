"""Maps of Liangshan and its counties: drawing only.

Every function returns a matplotlib Figure (or, for :func:`interactive_county_svg`, an SVG
string) and computes nothing beyond placing things: the data come from
:func:`analysis.domain.counties.county_frame` (polygons joined with
:func:`analysis.domain.counties.county_table`) and
:func:`analysis.data.boundaries.load_prefectures`, which
tests and chapters may pass in to avoid reading them again. Drawing is deterministic (no
randomness, no timestamps; save with :func:`analysis.figures.style.save`).

Every map carries pinyin labels, a legend, a scale bar and a source line naming the data and
the licence of the AMap-derived boundaries (:data:`analysis.data.boundaries.ATTRIBUTION`).
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence

import geopandas as gpd
import matplotlib.patheffects as pe
import numpy as np
import pandas as pd
import shapely
from matplotlib import colors as mcolors
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import ConnectionPatch, Patch, Rectangle

from analysis.data import boundaries
from analysis.domain.counties import STATUS_2019, STATUS_2020, STATUS_NONE, county_frame
from analysis.figures import style

#: Projected CRS of every map — WGS 84 / UTM zone 48N (central meridian 105°E). Liangshan lies
#: 100.0–103.9°E, 26.0–29.5°N, where this projection's scale factor stays between 0.9997 and
#: 1.0027 (pyproj ``Proj.get_factors``): the scale bar is true to 0.3 % and areas to 0.6 %, and,
#: being a standard EPSG code, it needs no custom definition. Sichuan (97.3–108.5°E) is drawn
#: in it too, for the locator, with at most 0.7 % scale error.
MAP_CRS = "EPSG:32648"

#: Colours of the poverty-status map (Okabe-Ito) and hatches, so colour never carries the
#: category alone. Keys are ``analysis.domain.counties.STATUS_ORDER``.
STATUS_STYLE = {
    STATUS_2019: {"facecolor": style.OKABE_ITO["sky_blue"], "hatch": "///",
                          "label": "National poverty county, exited in the 2019 batch "
                                   "(approved Feb 2020)"},
    STATUS_2020: {"facecolor": style.OKABE_ITO["vermillion"], "hatch": "...",
                          "label": "National poverty county, exited in the 2020 batch "
                                   "(approved Nov 2020)"},
    STATUS_NONE: {"facecolor": "#EDEDED", "hatch": "",
                          "label": "Not a national poverty county (inferred: not named in "
                                   "either exit notice)"},
}
#: Colour of counties named in a section (:func:`highlight_map`) and of the rest.
HIGHLIGHT = style.OKABE_ITO["blue"]
BACKGROUND = "#E3E3E3"
#: Diverging, colour-blind-safe colour map for signed changes (ColorBrewer PuOr).
DIVERGING = "PuOr"

#: Label nudges (km east, km north of the label point) where names would collide; found by
#: looking at the drawn maps.
LABEL_NUDGE_KM: dict[str, tuple[float, float]] = {}

_HALO = [pe.withStroke(linewidth=2.4, foreground="white")]
#: How far the locator's prefecture borders may move when simplified (km): about 0.2 pt at its
#: printed scale (some 400 km to the inch).
LOCATOR_TOLERANCE_KM = 1.0


# ----------------------------------------------------------------------------- helpers


def _counties(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    gdf = county_frame() if frame is None else frame
    return gdf.to_crs(MAP_CRS)


def _source(fig: Figure, data: str) -> None:
    style.source_line(fig, f"Data: {data}. {boundaries.ATTRIBUTION}.")


def _map_axes(fig: Figure, rect) -> Axes:  # noqa: F821 - matplotlib type
    ax = fig.add_axes(rect)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def _nice_length_km(span_km: float) -> float:
    """A round scale-bar length of about a fifth of ``span_km`` (1, 2 or 5 times 10^n km)."""
    raw = span_km / 5
    exp = 10 ** math.floor(math.log10(raw))
    return max(m * exp for m in (1, 2, 5) if m * exp <= raw)


def scale_bar(ax, length_km: float | None = None, *, x: float = 0.04, y: float = 0.04) -> None:
    """Draw a two-segment scale bar at axes fraction (x, y) of a map in :data:`MAP_CRS`.

    The length is measured in projected metres, true to 0.3 % over Liangshan (see MAP_CRS).
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width_km = (x1 - x0) / 1000
    length_km = length_km or _nice_length_km(width_km)
    bx, by = x0 + x * (x1 - x0), y0 + y * (y1 - y0)
    h = 0.012 * (y1 - y0)
    half = length_km * 500.0
    for k, colour in enumerate(("black", "white")):
        ax.add_patch(Rectangle((bx + k * half, by), half, h, facecolor=colour,
                               edgecolor="black", linewidth=0.6, gid="scale-bar", zorder=5))
    for k, text in ((0, "0"), (2, f"{length_km:g} km")):
        ax.text(bx + k * half, by + 1.8 * h, text, ha="center", va="bottom", fontsize=7,
                path_effects=_HALO, zorder=5, gid="scale-bar")


def _label_points(gdf: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Label anchor of each county (projected metres), plus any nudge.

    The anchor is the centre of the largest circle inside the county's largest part (its pole
    of inaccessibility), which keeps labels inside narrow or crooked counties.
    """
    out = {}
    for code, geom in zip(gdf["adcode"], gdf.geometry):
        part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        centre = shapely.get_point(shapely.maximum_inscribed_circle(part, 100.0), 0)
        dx, dy = LABEL_NUDGE_KM.get(code, (0.0, 0.0))
        out[code] = (centre.x + dx * 1000, centre.y + dy * 1000)
    return out


def _labels(ax, gdf: gpd.GeoDataFrame, texts: Mapping[str, str], *, fontsize=7.5,
            color="black", weight="normal") -> None:
    pts = _label_points(gdf)
    for code, text in texts.items():
        x, y = pts[code]
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color=color,
                fontweight=weight, path_effects=_HALO, zorder=4, gid=f"label-{code}")


def _fit(ax, gdf: gpd.GeoDataFrame, pad: float = 0.03, right: float = 0.0) -> None:
    """Axes limits around ``gdf`` with a margin, optionally widened on the right."""
    minx, miny, maxx, maxy = gdf.total_bounds
    w, h = maxx - minx, maxy - miny
    ax.set_xlim(minx - pad * w, maxx + pad * w + right * w)
    ax.set_ylim(miny - pad * h, maxy + pad * h)


#: The longest line of a note in a map's right margin (characters); longer lines are wrapped.
NOTE_WIDTH = 30


def _wrap(note: str) -> str:
    import textwrap

    return "\n".join(line for part in note.split("\n")
                     for line in textwrap.wrap(part, NOTE_WIDTH) or [""])


def _annotate_right(ax, gdf: gpd.GeoDataFrame, notes: Mapping[str, str]) -> None:
    """Write each note in the right margin, level with its county, with a leader line (lines
    longer than :data:`NOTE_WIDTH` characters wrapped, so that the notes stay on the page)."""
    notes = {code: _wrap(text) for code, text in notes.items()}
    pts = _label_points(gdf)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    tx = gdf.total_bounds[2] + 0.04 * (x1 - x0)
    fig = ax.get_figure()
    ax_height_in = ax.get_position().height * fig.get_figheight()
    line = 7.5 * 1.25 / 72 / ax_height_in * (y1 - y0)  # one text line, in data units
    prev: tuple[float, int] | None = None  # (y, lines) of the note above
    for code in sorted(notes, key=lambda c: -pts[c][1]):
        x, y = pts[code]
        lines = notes[code].count("\n") + 1
        ty = y if prev is None else min(y, prev[0] - ((prev[1] + lines) / 2 + 1.2) * line)
        prev = (ty, lines)
        ax.plot([x], [y], marker="o", markersize=3.5, color="black", markeredgecolor="white",
                markeredgewidth=0.8, zorder=6, gid=f"note-dot-{code}")
        ax.annotate(notes[code], xy=(x, y), xytext=(tx, ty), fontsize=7.5, va="center",
                    ha="left", zorder=6, gid=f"note-{code}",
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                          "edgecolor": "#555555", "linewidth": 0.6},
                    arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.8,
                                "shrinkA": 0, "shrinkB": 2})


def _check_codes(gdf: gpd.GeoDataFrame, codes) -> None:
    unknown = sorted(set(codes) - set(gdf["adcode"]))
    if unknown:
        raise KeyError(f"not a county code of Liangshan: {', '.join(unknown)} "
                       f"(known: {', '.join(sorted(gdf['adcode']))})")


# ----------------------------------------------------------------------------- maps


def locator_map(counties: gpd.GeoDataFrame | None = None,
                prefectures: gpd.GeoDataFrame | None = None, *,
                figsize=(7.0, 4.3)) -> Figure:
    """Sichuan's 21 prefectures with Liangshan highlighted (left); its 17 counties (right).

    Args:
        counties: :func:`analysis.domain.counties.county_frame` output (read when None).
        prefectures: :func:`analysis.data.boundaries.load_prefectures` output (read when None).
    """
    cty = _counties(counties)
    pref = (boundaries.load_prefectures() if prefectures is None
            else prefectures).to_crs(MAP_CRS)
    # Sichuan is drawn small: its borders simplified to LOCATOR_TOLERANCE_KM (shared borders
    # stay shared), which nobody can see in print and which keeps the file small
    pref = pref.set_geometry(shapely.coverage_simplify(np.asarray(pref.geometry.values),
                                                       LOCATOR_TOLERANCE_KM * 1000))
    fig = Figure(figsize=figsize)
    left = _map_axes(fig, (0.0, 0.17, 0.45, 0.76))
    right = _map_axes(fig, (0.47, 0.17, 0.53, 0.76))
    is_ls = pref["adcode"] == boundaries.LIANGSHAN
    pref[~is_ls].plot(ax=left, facecolor=BACKGROUND, edgecolor="white", linewidth=0.5)
    pref[is_ls].plot(ax=left, facecolor=HIGHLIGHT, edgecolor="white", linewidth=0.5)
    _fit(left, pref, pad=0.02)
    ls = pref[is_ls].geometry.iloc[0]
    lx, ly = ls.representative_point().x, ls.representative_point().y
    left.text(lx, ly, "Liangshan", ha="center", va="center", fontsize=8, color="white",
              fontweight="bold")
    chengdu = pref[pref["adcode"] == "510100"]
    if len(chengdu):
        p = chengdu.geometry.iloc[0].representative_point()
        left.text(p.x, p.y, "Chengdu", ha="center", va="center", fontsize=7, color="#333333")
    left.set_title("Sichuan", loc="left", fontsize=9)
    scale_bar(left)

    cty.plot(ax=right, facecolor="#F6F6F6", edgecolor=HIGHLIGHT, linewidth=0.8)
    cty.dissolve().boundary.plot(ax=right, color=HIGHLIGHT, linewidth=1.6)
    _fit(right, cty, pad=0.02)
    _labels(right, cty, dict(zip(cty["adcode"], cty["name_pinyin"])), fontsize=7)
    right.set_title("Liangshan Yi Autonomous Prefecture:\n17 county-level divisions",
                    loc="left", fontsize=9)
    scale_bar(right)
    minx, miny, maxx, maxy = cty.total_bounds
    left.add_patch(Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False,
                             edgecolor="black", linewidth=0.7, zorder=3))
    for ya, yb in ((maxy, 1.0), (miny, 0.0)):
        fig.add_artist(ConnectionPatch(xyA=(maxx, ya), coordsA=left.transData,
                                       xyB=(0.0, yb), coordsB=right.transAxes,
                                       color="#777777", linewidth=0.6))
    handles = [Patch(facecolor=HIGHLIGHT, label="Liangshan Yi Autonomous Prefecture"),
               Patch(facecolor=BACKGROUND, label="Other prefectures of Sichuan"),
               Line2D([], [], color=HIGHLIGHT, linewidth=0.8, label="County boundary")]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.07), ncol=3,
               fontsize=7.5)
    _source(fig, "division codes and names, context/counties.csv (NBS codes via "
                 "modood/Administrative-divisions-of-China)")
    return fig


def poverty_status_map(highlight: Mapping[str, str] | None = None,
                       counties: gpd.GeoDataFrame | None = None, *,
                       figsize=(7.0, 5.6)) -> Figure:
    """Each county's national poverty-county status and exit batch.

    Args:
        highlight: optional notes to write beside named counties, adcode -> text (e.g. the
            register's poverty rates of Butuo and Jinyang, formatted by the chapter).
        counties: :func:`analysis.domain.counties.county_frame` output (read when None).
    """
    cty = _counties(counties)
    highlight = dict(highlight or {})
    _check_codes(cty, highlight)
    fig = Figure(figsize=figsize)
    ax = _map_axes(fig, (0.0, 0.2, 1.0, 0.78))
    for status, st in STATUS_STYLE.items():
        part = cty[cty["poverty_status"] == status]
        if len(part):
            part.plot(ax=ax, facecolor=st["facecolor"], hatch=st["hatch"], edgecolor="white",
                      linewidth=0.9)
    _fit(ax, cty, right=0.42 if highlight else 0.0)
    _labels(ax, cty, {c: n for c, n in zip(cty["adcode"], cty["name_pinyin"])
                      if c not in highlight})
    if highlight:
        _annotate_right(ax, cty, highlight)
    scale_bar(ax)
    handles = [Patch(facecolor=st["facecolor"], hatch=st["hatch"], edgecolor="white",
                     label=st["label"]) for st in STATUS_STYLE.values()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.005), fontsize=7.5,
              handleheight=1.6, handlelength=2.4)
    _source(fig, "provincial exit notices of 2020-02-18 and 2020-11-17 and press reports, "
                 "context/poverty_county_status.csv")
    return fig


def population_change_map(counties: gpd.GeoDataFrame | None = None, *,
                          figsize=(6.4, 6.0)) -> Figure:
    """Census population change 2010 to 2020 (percent) by county, values written on each.

    Each census counts residents within the borders of its day. The boundary layers suggest
    that Xichang took territory from Zhaojue and Xide at some point (the date is not verified),
    so part of Xichang's gain, and of their losses, may be a change of border, not of people.
    """
    cty = _counties(counties)
    values = cty["pop_change_pct"].astype(float)
    lim = 5 * math.ceil(values.abs().max() / 5)
    norm = mcolors.Normalize(vmin=-lim, vmax=lim)
    fig = Figure(figsize=figsize)
    ax = _map_axes(fig, (0.0, 0.2, 1.0, 0.78))
    cty.assign(_v=values).plot(ax=ax, column="_v", cmap=DIVERGING, norm=norm,
                               edgecolor="white", linewidth=0.9)
    _fit(ax, cty)
    texts = {code: f"{name}\n{v:+.1f}%".replace("-", "\u2212") for code, name, v in
             zip(cty["adcode"], cty["name_pinyin"], values)}
    _labels(ax, cty, texts, fontsize=7)
    scale_bar(ax)
    cax = fig.add_axes((0.25, 0.15, 0.5, 0.025))
    sm = _scalar_mappable(norm, DIVERGING)
    cb = fig.colorbar(sm, cax=cax, orientation="horizontal")
    cb.set_label("Resident population, change 2010 to 2020 (%)", fontsize=8)
    cb.ax.tick_params(labelsize=7)
    cb.ax.grid(False)
    _source(fig, "6th and 7th population censuses, county tabulations (leiii/census), "
                 "context/county_indicators.csv")
    return fig


def _scalar_mappable(norm, cmap):
    """A ScalarMappable for a colour bar."""
    from matplotlib.cm import ScalarMappable

    sm = ScalarMappable(norm=norm, cmap=cmap)
    sm.set_array(np.array([]))
    return sm


def highlight_map(adcodes_to_labels: Mapping[str, str],
                  counties: gpd.GeoDataFrame | None = None, *,
                  figsize=(7.0, 5.6), source: str | None = None) -> Figure:
    """The counties named in a section, in colour, labelled in the right margin; others grey.

    Args:
        adcodes_to_labels: adcode -> label text (e.g. ``{"513429": "Butuo"}``).
        counties: :func:`analysis.domain.counties.county_frame` output (read when None).
        source: what the section's data are, for the source line (default: the codes).
    """
    cty = _counties(counties)
    named = dict(adcodes_to_labels)
    if not named:
        raise ValueError("highlight_map needs at least one county (adcode -> label)")
    _check_codes(cty, named)
    is_named = cty["adcode"].isin(list(named))
    fig = Figure(figsize=figsize)
    ax = _map_axes(fig, (0.0, 0.14, 1.0, 0.84))
    cty[~is_named].plot(ax=ax, facecolor=BACKGROUND, edgecolor="white", linewidth=0.9)
    cty[is_named].plot(ax=ax, facecolor=HIGHLIGHT, edgecolor="white", linewidth=0.9)
    _fit(ax, cty, right=0.35)
    others = {c: n for c, n in zip(cty["adcode"], cty["name_pinyin"]) if c not in named}
    _labels(ax, cty, others, fontsize=7, color="#555555")
    _annotate_right(ax, cty, named)
    scale_bar(ax)
    handles = [Patch(facecolor=HIGHLIGHT, label="Named in this section"),
               Patch(facecolor=BACKGROUND, label="Other counties of Liangshan")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), fontsize=7.5,
              ncol=2)
    _source(fig, source or "division codes and names, context/counties.csv")
    return fig


# ----------------------------------------------------------------------------- SVG


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
           "</style>",
           _svg_patterns(scope, font),
           '<g class="counties">']
    label_pts = _label_points(proj)
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
