"""analysis.figures.national and national_svg: the maps and charts draw; the interactive map
has one focusable path per mapped poverty county, stays small and draws nothing under its
legend; the exit years' colours, the legends, ticks and source lines read as the review asked."""
import re

import numpy as np
import pytest
from matplotlib import colors as mcolors

from analysis.data import boundaries
from analysis.domain import national as dom
from analysis.figures import national as fig
from analysis.figures import national_svg


@pytest.fixture(scope="module")
def frames():
    f = dom.county_frame()
    return f, fig.map_frame(f)


def _source(figure) -> str:
    return " ".join(t.get_text() for t in figure.texts)


def test_interactive_map_focusable_counties_and_size(frames):
    f, mf = frames
    svg = national_svg.interactive_exit_svg(mf)
    focusable = re.findall(r'<path class="pc" [^>]*tabindex="0"[^>]*aria-label="([^"]+)"', svg)
    # 832 listed, one (冷湖行委) without a polygon
    assert len(focusable) == 831
    assert any("昭觉县" in t and "left the list in 2020" in t for t in focusable)
    assert svg.count('tabindex="0"') == 831  # the others are not in the tab order
    assert len(svg.encode()) < 550_000
    assert re.search(r'd="[^"]*l z', svg) is None  # no empty ring that would stop drawing


def test_interactive_map_draws_nothing_in_the_legend_strip(frames):
    _, mf = frames
    svg = national_svg.interactive_exit_svg(mf)
    top = int(svg.split('viewBox="')[1].split()[1])
    legend_y = min(int(y) for y in re.findall(r'<rect x="-?\d+" y="(-?\d+)"', svg))
    # every path's absolute start (M x y) lies above the legend's first row; the South China
    # Sea islands (down to 3.8 N) used to start there, under the legend
    starts = [int(y) for y in re.findall(r"M-?\d+ (-?\d+)l", svg)]
    assert starts and max(starts) < legend_y and min(starts) >= top


def test_liangshan_zoom_shows_its_counties(frames):
    f, _ = frames
    svg = national_svg.liangshan_exit_svg(f)
    assert svg.count('tabindex="0"') == 17
    # each in its aria-label and its title: 7 and 4 counties
    assert svg.count("left the list in 2020") == 14 and svg.count("left the list in 2019") == 8
    # the layer's names, the same as the Liangshan county frame's: Butuo, not a code
    labels = re.findall(r'aria-label="([^"]+)"', svg)
    assert any(label.startswith("Butuo") for label in labels), labels[:3]


def test_the_last_two_batches_differ_clearly_and_match_chapter_1():
    from analysis.figures import maps

    c19, c20 = (mcolors.to_rgb(fig.YEAR_COLOURS[y]) for y in (2019, 2020))
    # sky blue #56B4E9 against vermillion #D55E00: red 0.34 vs 0.84, blue 0.91 vs 0.0
    assert max(abs(a - b) for a, b in zip(c19, c20)) > 0.5
    assert fig.YEAR_COLOURS[2019] == maps.STATUS_STYLE[maps.STATUS_2019]["facecolor"]
    assert fig.YEAR_COLOURS[2020] == maps.STATUS_STYLE[maps.STATUS_2020]["facecolor"]
    assert fig.LIANGSHAN_EDGE not in fig.YEAR_COLOURS.values()  # the outline stands out


def test_static_figures_draw_and_only_maps_name_the_boundaries(frames):
    f, mf = frames
    assert boundaries.ATTRIBUTION in _source(fig.exit_year_map(mf))
    for figure in (fig.batch_chart(f), fig.census_change_chart(dom.census_change_by_batch(f))):
        assert figure.axes
        text = _source(figure)
        assert boundaries.ATTRIBUTION not in text and "list of poverty counties" in text
        assert ".csv" not in text and "/" not in text  # sources in words, no file or repo


def test_census_legend_is_outside_the_panels(frames):
    f, _ = frames
    figure = fig.census_change_chart(dom.census_change_by_batch(f))
    assert all(ax.get_legend() is None for ax in figure.axes)
    (legend,) = figure.legends
    figure.canvas.draw()
    box = legend.get_window_extent()
    assert all(box.y1 <= ax.get_window_extent().y0 for ax in figure.axes)


def test_odds_ratio_axis_has_plain_ticks():
    import pandas as pd

    # odds ratios exp(-0.6) = 0.55 to exp(0.65) = 1.92: ticks 0.75, 1, 1.5 at least
    coefs = pd.DataFrame({"coef": [-0.6, 0.65], "lower": [-0.7, 0.5], "upper": [-0.4, 0.8]},
                         index=["urban_share_2010", "population_log_2010"])
    figure = fig.coefficient_chart(coefs)
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert {"0.75", "1", "1.5"} <= set(labels)
    assert not any("10^" in s or "times" in s or "\\" in s for s in labels)
    assert len(ax.get_xticks(minor=True)) == 0
    assert boundaries.ATTRIBUTION not in _source(figure)


def test_odds_ratio_chart_draws_the_within_province_estimates_and_says_how():
    import pandas as pd

    # across: exp(-0.6) = 0.55 and exp(0.65) = 1.92; within: exp(-0.7) = 0.50, exp(0.7) = 2.01
    idx = ["urban_share_2010", "log_population_2010"]
    across = pd.DataFrame({"coef": [-0.6, 0.65], "lower": [-0.7, 0.5], "upper": [-0.4, 0.8]},
                          index=idx)
    within = pd.DataFrame({"coef": [0.7, -0.7], "lower": [0.5, -0.9], "upper": [0.9, -0.5]},
                          index=idx[::-1])
    figure = fig.coefficient_chart(across, within)
    ax = figure.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Across the list", "Within provinces (province fixed effects)"]
    assert "clustered by province" in ax.get_xlabel()
    # the squares follow the circles' order of predictors (within is reindexed): urban on top
    squares = [line for line in ax.get_lines() if line.get_marker() == "s"][0]
    xs, ys = squares.get_data()
    assert ys[0] > ys[1] and xs[0] == pytest.approx(np.exp(-0.7))
