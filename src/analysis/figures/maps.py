"""Static maps of Liangshan and its counties (matplotlib; HTML and PDF): drawing only.

Every function returns a deterministic matplotlib Figure and places things, computing nothing:
the data come from :func:`analysis.domain.counties.county_frame` and
:func:`analysis.data.boundaries.load_prefectures`, which tests and chapters may pass in. Every
map carries pinyin labels, a legend, a scale bar and a source line naming the data and the
licence of the AMap-derived boundaries (:data:`analysis.data.boundaries.ATTRIBUTION`). The
interactive SVG map is in :mod:`analysis.figures.maps_svg`.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import geopandas as gpd
import matplotlib.patheffects as pe
import numpy as np
import shapely
from matplotlib import colors as mcolors
from matplotlib.cm import ScalarMappable
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
#: How far the locator's prefecture borders may move when simplified, in km; about 0.2 pt at
#: its printed scale (some 400 km to the inch).
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


def label_points(gdf: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
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
    pts = label_points(gdf)
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
    pts = label_points(gdf)
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
    _source(fig, "the statistical bureau's division codes and names (Appendix C)")
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
    _source(fig, "provincial exit notices of 2020-02-18 and 2020-11-17 and press reports "
                 "(Appendix C)")
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
    cb = fig.colorbar(ScalarMappable(norm=norm, cmap=DIVERGING), cax=cax,
                      orientation="horizontal")
    cb.set_label("Resident population, change 2010 to 2020 (%)", fontsize=8)
    cb.ax.tick_params(labelsize=7)
    cb.ax.grid(False)
    _source(fig, "county tabulations of the 2010 and 2020 population censuses "
                 "(Appendix C)")
    return fig


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
    _source(fig, source or "the statistical bureau's division codes and names (Appendix C)")
    return fig

