"""analysis.figures.maps_svg: the interactive SVG map has one accessible path per county, no
script and no network, and carries meaning besides colour."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from analysis.domain.counties import county_frame
from analysis.figures import maps_svg

BUTUO = "513429"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def counties():
    return county_frame()


def test_interactive_svg(counties):
    svg = maps_svg.interactive_county_svg(counties, {"pop_2020": "Population 2020",
                                                 "poverty_status": "Status"}, "Counties")
    assert len(svg.encode()) < 150_000
    assert "<script" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no network
    root = ET.fromstring(svg)
    assert root.get("role") == "group" and root.get("aria-label") == "Counties"
    paths_ = root.findall(f".//{SVG_NS}path")
    assert len(paths_) == 17
    for p in paths_:
        assert p.get("tabindex") == "0" and p.get("role") == "img"
        title = p.find(f"{SVG_NS}title").text
        assert title == p.get("aria-label")
        assert re.search(r"\(5134\d\d\)", title) and "Population 2020: " in title
    assert root.get("class") == "lsmap-counties"
    butuo = root.find(f".//{SVG_NS}path[@id='lsmap-counties-{BUTUO}']")
    assert butuo.find(f"{SVG_NS}title").text.startswith("Butuo (513429). Population 2020: 185,553")
    assert butuo.find(f"{SVG_NS}desc").text == "布拖县"
    assert ".lsmap-counties .county:hover" in svg and ".lsmap-counties .county:focus" in svg
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for el in root.iter():
        if el.text and cjk.search(el.text):
            assert el.get("lang") == "zh", el.tag
    # path data starts inside the view box
    vb = [float(v) for v in root.get("viewBox").split()]
    x, y = (float(v) for v in re.match(r"M(-?\d+) (-?\d+)", butuo.get("d")).groups())
    assert vb[0] <= x <= vb[0] + vb[2] and vb[1] <= y <= vb[1] + vb[3]


def test_svg_needs_name_columns(counties):
    with pytest.raises(KeyError, match="name_zh"):
        maps_svg.interactive_county_svg(counties.drop(columns="name_zh"), ["pop_2020"], "x")


def test_interactive_svg_hatches_and_legend_carry_meaning_besides_colour():
    from analysis.figures import trends as figures_trends

    svg = figures_trends.county_svg()
    # 4 counties of the 2019 batch and 7 of the 2020 batch are hatched; 2 legend swatches too
    assert svg.count('-diagonal)"') == 4 + 1 and svg.count('-dots)"') == 7 + 1
    assert svg.count('class="legend"') == 1 and "exited in the 2020 batch" in svg
