"""Interactive figures: one figure, one number, one caption, in two forms.

An :class:`InteractiveFigure` holds an interactive HTML view (an inline SVG map, say) and a
static matplotlib figure that carries the same information for print. Shown in a notebook cell
with ``mystnb: figure:`` metadata (caption, name), it is one numbered figure in both editions:
myst-nb picks its ``text/html`` form for the HTML book (and Jupyter shows it too) and its vector
``application/pdf`` form for the PDF; a ``image/png`` form serves viewers without HTML.

:func:`static_county_map` is the static twin of
:func:`analysis.figures.maps_svg.interactive_county_svg`: what the SVG shows on hover or focus (each
county's name, division code and values) it prints in a key beside the map, and the map carries
each county's name in pinyin and in Chinese.
"""
from __future__ import annotations

import base64
from collections.abc import Mapping

import geopandas as gpd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from analysis.figures import maps, style


class InteractiveFigure:
    """One figure in two forms: ``html`` for the HTML book and Jupyter, ``static`` for print.

    Attributes:
        html: the interactive view (self-contained HTML, e.g. an inline SVG).
        static: the matplotlib figure with the same information, printed in the PDF.
    """

    def __init__(self, html: str, static: Figure):
        self.html = html
        self.static = static

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        def b64(fmt: str) -> str:
            return base64.b64encode(style.render(self.static, fmt)).decode("ascii")

        return {"text/html": self.html, "image/png": b64("png"),
                "application/pdf": b64("pdf"), "text/plain": repr(self)}

    def __repr__(self) -> str:
        return "Interactive figure (an HTML view, and a static figure for print)"


#: Type sizes (points, at the printed width) of the static county map's labels and key.
LABEL_SIZE = 6.5
KEY_SIZE = 6.5


#: The source line of a county map whose data are only the division codes and names.
DIVISION_SOURCE = "the statistical bureau's division codes and names (Appendix C)"


def static_county_map(gdf: gpd.GeoDataFrame, key_columns: Mapping[str, str], title: str, *,
                      colors: Mapping[str, str] | None = None,
                      hatches: Mapping[str, str] | None = None,
                      legend: tuple[tuple[str, str, str], ...] | list = (),
                      source: str = DIVISION_SOURCE,
                      width_in: float = style.TEXT_WIDTH_IN) -> Figure:
    """The counties as :func:`~analysis.figures.maps_svg.interactive_county_svg` draws them,
    for print.

    The map (left) fills each county as the SVG does and labels it with its pinyin and Chinese
    names; the key (right) lists every county, north to south, with its division code, its names
    and the values of ``key_columns``, each row led by the county's fill; the legend explains
    the fills. Drawn at the printed width, so that its type sizes are the printed ones.

    Args:
        gdf: county polygons with ``adcode``, ``name_pinyin``, ``name_zh`` and the key columns.
        key_columns: column -> header of the values listed in the key (short texts).
        title: the figure's title.
        colors: fill colour per adcode (otherwise a neutral grey).
        hatches: matplotlib hatch per adcode.
        legend: ``(label, colour, hatch)`` entries, as for the SVG.
        source: what the data are, for the source line.
        width_in: the figure's width (inches).

    Raises:
        KeyError: a column is missing from ``gdf``.
    """
    missing = [c for c in ["adcode", "name_pinyin", "name_zh", *key_columns] if c not in gdf]
    if missing:
        raise KeyError(f"columns missing from the frame: {', '.join(missing)}")
    cty = gdf.to_crs(maps.MAP_CRS).reset_index(drop=True)
    colors, hatches = dict(colors or {}), dict(hatches or {})
    fig = Figure(figsize=(width_in - 0.2, 5.6))  # savefig pads 0.1 in on each side
    fig.suptitle(title, x=0.01, ha="left", fontsize=9, fontweight="bold")
    ax = maps._map_axes(fig, (0.0, 0.24, 0.55, 0.7))
    for code, geom in zip(cty["adcode"], cty.geometry):
        gpd.GeoSeries([geom], crs=cty.crs).plot(
            ax=ax, facecolor=colors.get(code, "#d9d9d9"), hatch=hatches.get(code, ""),
            edgecolor="white", linewidth=0.8)
    maps._fit(ax, cty, pad=0.02)
    maps._labels(ax, cty, {c: f"{py}\n{zh}" for c, py, zh in
                           zip(cty["adcode"], cty["name_pinyin"], cty["name_zh"])},
                 fontsize=LABEL_SIZE)
    maps.scale_bar(ax)
    _key(fig, cty, key_columns, colors, hatches, (0.56, 0.34, 0.44, 0.58))
    if legend:
        handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=lab)
                   for lab, c, h in legend]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.01, 0.235),
                   fontsize=KEY_SIZE + 0.5, handleheight=1.4, handlelength=2.2)
    maps._source(fig, source)
    return fig


def _key(fig: Figure, cty: gpd.GeoDataFrame, key_columns: Mapping[str, str], colors, hatches,
         rect) -> None:
    """The key: one row per county (north to south), a swatch, code, names and values."""
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    points = maps.label_points(cty)
    order = sorted(cty.index, key=lambda i: -points[cty.loc[i, "adcode"]][1])
    rows = len(order) + 1
    ax.set_ylim(rows, 0)
    headers = ["Code", "County", "Chinese", *key_columns.values()]
    cells = [[row["adcode"], row["name_pinyin"], row["name_zh"],
              *(str(row[c]) for c in key_columns)] for _, row in cty.loc[order].iterrows()]
    # each column as wide as its longest text (measured as drawn), plus a gap of one em;
    # starts in axes fractions, after the swatch
    widths = [max(_text_width(fig, str(c), bold=(r == 0)) for r, c in enumerate(col))
              for col in zip(headers, *cells)]
    em = KEY_SIZE / 72 / (rect[2] * fig.get_figwidth())
    starts = [0.07]
    for width in widths[:-1]:
        starts.append(starts[-1] + width / (rect[2] * fig.get_figwidth()) + em)
    for x, text in zip(starts, headers):
        ax.text(x, 0.5, text, fontsize=KEY_SIZE, fontweight="bold", va="center", ha="left")
    for r, row in enumerate(cells, start=1):
        code = row[0]
        ax.add_patch(Rectangle((0.0, r + 0.15), 0.05, 0.7, facecolor=colors.get(code, "#d9d9d9"),
                               hatch=hatches.get(code, ""), edgecolor="#333333",
                               linewidth=0.4))
        for x, text in zip(starts, row):
            ax.text(x, r + 0.5, text, fontsize=KEY_SIZE, va="center", ha="left")


def _text_width(fig: Figure, text: str, bold: bool = False) -> float:
    """The width in inches of ``text`` at the key's type size, as matplotlib draws it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    renderer = FigureCanvasAgg(Figure()).get_renderer()
    probe = Text(0, 0, text, fontsize=KEY_SIZE, fontweight="bold" if bold else "normal")
    probe.set_figure(fig)
    return probe.get_window_extent(renderer).width / renderer.dpi
