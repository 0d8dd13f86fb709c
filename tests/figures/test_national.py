"""analysis.figures.national: the maps and charts draw, and the interactive map has one
focusable path per mapped poverty county and stays small."""
import re

import pytest

from analysis.domain import national as dom
from analysis.figures import national as fig


@pytest.fixture(scope="module")
def frames():
    f = dom.county_frame()
    return f, fig.map_frame(f)


def test_interactive_map_focusable_counties_and_size(frames):
    f, mf = frames
    svg = fig.interactive_exit_svg(mf)
    focusable = re.findall(r'<path class="pc" [^>]*tabindex="0"[^>]*aria-label="([^"]+)"', svg)
    # 832 listed, one (冷湖行委) without a polygon
    assert len(focusable) == 831
    assert any("昭觉县" in t and "left the list in 2020" in t for t in focusable)
    assert svg.count('tabindex="0"') == 831  # the others are not in the tab order
    assert len(svg.encode()) < 550_000
    assert re.search(r'd="[^"]*l z', svg) is None  # no empty ring that would stop drawing


def test_liangshan_zoom_shows_its_counties(frames):
    f, _ = frames
    svg = fig.liangshan_exit_svg(f)
    assert svg.count('tabindex="0"') == 17
    # each in its aria-label and its title: 7 and 4 counties
    assert svg.count("left the list in 2020") == 14 and svg.count("left the list in 2019") == 8
    # the layer's names, the same as the Liangshan county frame's: Butuo, not a code
    labels = re.findall(r'aria-label="([^"]+)"', svg)
    assert any(label.startswith("Butuo") for label in labels), labels[:3]


def test_static_figures_draw(frames):
    f, mf = frames
    for figure in (fig.exit_year_map(mf), fig.batch_chart(f),
                   fig.census_change_chart(dom.census_change_by_batch(f))):
        assert figure.axes
