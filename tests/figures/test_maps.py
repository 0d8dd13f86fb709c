"""analysis.figures.maps: each map has its layers, legend, scale bar, source line and extent;
drawing is deterministic (the interactive SVG map: test_maps_svg.py)."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402

from analysis.data import boundaries
from analysis.domain.counties import STATUS_ORDER, county_frame
from analysis.figures import (
    maps,
    style,  # noqa: E402
)

BUTUO, JINYANG = "513429", "513430"
SMALL = (4.0, 3.4)
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def counties():
    style.use()
    return county_frame()


@pytest.fixture(scope="module")
def prefectures():
    return boundaries.load_prefectures()


@pytest.fixture(scope="module")
def bounds(counties):
    return counties.to_crs(maps.MAP_CRS).total_bounds


def _covers(ax, bounds) -> bool:
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    minx, miny, maxx, maxy = bounds
    return x0 <= minx and x1 >= maxx and y0 <= miny and y1 >= maxy


def _fig_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts]


def _ax_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _legend_labels(fig) -> list[str]:
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    return [t.get_text() for lg in legends for t in lg.get_texts()]


def _scale_bars(ax) -> int:
    return sum(1 for p in ax.patches if p.get_gid() == "scale-bar")


def _has_source_line(fig) -> bool:
    return any(boundaries.ATTRIBUTION in t and t.startswith("Data:") for t in _fig_texts(fig))


def test_locator_map(counties, prefectures, bounds):
    fig = maps.locator_map(counties, prefectures, figsize=SMALL)
    left, right = fig.axes
    assert len(left.collections) == 2          # other prefectures, Liangshan
    assert len(right.collections) == 2         # counties, prefecture outline
    assert len(left.collections[0].get_paths()) >= 20  # 20 prefectures (some multi-part)
    assert _legend_labels(fig) == ["Liangshan Yi Autonomous Prefecture",
                                   "Other prefectures of Sichuan", "County boundary"]
    assert _covers(right, bounds) and _covers(left, prefectures.to_crs(maps.MAP_CRS).total_bounds)
    assert _scale_bars(left) == _scale_bars(right) == 2
    assert "Butuo" in _ax_texts(right) and len([t for t in _ax_texts(right)
                                                if t in set(counties["name_pinyin"])]) == 17
    assert _has_source_line(fig)


def test_poverty_status_map(counties, bounds):
    notes = {BUTUO: "Butuo: note", JINYANG: "Jinyang: note"}
    fig = maps.poverty_status_map(notes, counties, figsize=SMALL)
    (ax,) = fig.axes
    cols = [c for c in ax.collections if isinstance(c, PatchCollection)]
    assert len(cols) == 3
    assert sorted(c.get_hatch() or "" for c in cols) == ["", "...", "///"]
    assert _legend_labels(fig) == [s["label"] for s in maps.STATUS_STYLE.values()]
    texts = _ax_texts(ax)
    assert "Butuo: note" in texts and "Jinyang: note" in texts
    assert "Butuo" not in texts and "Muli" in texts  # a noted county is not labelled twice
    assert _covers(ax, bounds) and _scale_bars(ax) == 2 and _has_source_line(fig)
    with pytest.raises(KeyError, match="513499"):
        maps.poverty_status_map({"513499": "x"}, counties)


def test_population_change_map(counties, bounds):
    fig = maps.population_change_map(counties, figsize=SMALL)
    ax, cax = fig.axes
    assert len(ax.collections) == 1 and len(ax.collections[0].get_paths()) >= 17
    norm = ax.collections[0].norm
    assert norm.vmin == -norm.vmax == -35  # symmetric around zero, Xichang's +34.1 % inside
    assert "Butuo\n+15.9%" in _ax_texts(ax)
    assert "Huili\n\u22129.2%" in _ax_texts(ax)
    assert "change 2010 to 2020" in cax.get_xlabel()
    assert _covers(ax, bounds) and _scale_bars(ax) == 2 and _has_source_line(fig)


def test_highlight_map(counties, bounds):
    fig = maps.highlight_map({BUTUO: "Butuo", JINYANG: "Jinyang"}, counties, figsize=SMALL)
    (ax,) = fig.axes
    assert len(ax.collections) == 2
    assert len(ax.collections[1].get_paths()) == 2  # the two named counties
    assert _legend_labels(fig) == ["Named in this section", "Other counties of Liangshan"]
    assert {"Butuo", "Jinyang", "Muli"} <= set(_ax_texts(ax))
    assert _covers(ax, bounds) and _scale_bars(ax) == 2 and _has_source_line(fig)
    with pytest.raises(ValueError):
        maps.highlight_map({}, counties)


def test_drawing_is_deterministic(counties):
    def png():
        buf = io.BytesIO()
        style.save(maps.highlight_map({BUTUO: "Butuo"}, counties, figsize=SMALL), buf)
        return buf.getvalue()

    first = png()
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first == png()


def test_the_status_styles_follow_the_status_order():
    assert STATUS_ORDER == list(maps.STATUS_STYLE)
