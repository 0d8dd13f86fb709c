"""analysis.data.national: the shipped files load, the crosswalk is what was checked by hand,
and bad input gets one clear message naming the row or feature (no traceback, no NaN)."""
import json
import re

import pytest

from analysis.data import national
from analysis.data.validate import main

NAT = "national"


def test_the_files_load_with_their_counts():
    assert len(national.poverty_counties()) == 832
    assert len(national.crosswalk()) == 832
    assert len(national.county_boundaries()) == 2875
    assert len(national.province_boundaries()) == 34
    assert national.check_national() == []


def test_batches_in_the_list():
    # counts by exit year of the list (../shared/national/README.md): 28, 125, 282, 345, 52
    years = national.poverty_counties()["exit_year"].value_counts().sort_index()
    assert years.to_dict() == {2016: 28, 2017: 125, 2018: 282, 2019: 345, 2020: 52}


@pytest.mark.parametrize("code, c2010, c2020, boundary", [
    # the five known code problems (qa_note of the shared list), looked up by hand
    ("532600", "532621", "532601", "532601"),   # 文山市: prefecture code; 2010 still 文山县
    ("622900", "622901", "622901", "622901"),   # 临夏市: prefecture code
    ("610981", "610928", "610928", "610928"),   # 旬阳: post-2021 city code
    ("520581", "522423", "520522", "520581"),   # 黔西: post-2021 code, drawn under it
    ("632825", "", "632857", "632825"),         # 大柴旦: statistical code 632857 in 2020
    # a sixth: 冷湖行委 carries the code of Xining's 城西区; matched nowhere
    ("630104", "", "", ""),
    # a merger: 宣化县's code is the old 宣化区 in 2010
    ("130705", "130721", "130705", "130705"),
    # Tibet's prefectures became cities: 2010 codes differ
    ("540402", "542621", "540402", "540402"),
    ("513431", "513431", "513431", "513431"),   # Zhaojue: no change
])
def test_crosswalk_cases_checked_by_hand(code, c2010, c2020, boundary):
    row = national.crosswalk().set_index("list_code").loc[code]
    got = [row[f"{k}_code"] if isinstance(row[f"{k}_code"], str) else ""
           for k in ("census_2010", "census_2020", "boundary")]
    assert got == [c2010, c2020, boundary]


def test_every_unmatched_county_is_listed_with_a_reason():
    cw = national.crosswalk()
    for key in ("census_2010", "census_2020", "boundary"):
        miss = cw[cw[f"{key}_method"] == "unmatched"]
        assert miss[f"{key}_code"].isna().all() and miss[f"{key}_note"].notna().all()
    # 双湖 and the three administrative committees of Haixi in 2010; 冷湖 in 2020 and the map
    assert (cw["census_2010_method"] == "unmatched").sum() == 4
    assert (cw["census_2020_method"] == "unmatched").sum() == 1
    assert (cw["boundary_method"] == "unmatched").sum() == 1


def test_census_agrees_with_the_liangshan_context_table():
    from analysis.data import context

    ci = context.county_indicators()
    ours = national.census().set_index(["census_year", "code"])
    for year in (2010, 2020):
        want = ci[(ci["indicator"] == "resident_population") & (ci["year"] == str(year))
                  & (ci["adcode"] == "513431")]["value"].iloc[0]
        assert ours.loc[(year, "513431"), "population"] == want


def _edit(data_copy, rel, old, new):
    p = data_copy / rel
    text = p.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def _geojson(data_copy, edit):
    p = data_copy / NAT / "counties.geojson"
    gj = json.loads(p.read_text(encoding="utf-8"))
    edit(gj["features"])
    p.write_text(json.dumps(gj, ensure_ascii=False), encoding="utf-8")


def _feature(features, code):
    return next(f for f in features if f["properties"]["adcode"] == code)


def _bowtie(features):
    _feature(features, "513431")["geometry"] = {"type": "Polygon", "coordinates": [[
        [102.0, 27.0], [102.5, 27.5], [102.5, 27.0], [102.0, 27.5], [102.0, 27.0]]]}


def _abroad(features):
    f = _feature(features, "513431")
    f["geometry"] = {"type": "Polygon", "coordinates": [[[2.0, 48.0], [2.5, 48.0],
                                                          [2.5, 48.5], [2.0, 48.0]]]}


CASES = [
    ("unknown-code", lambda d: _edit(d, f"{NAT}/crosswalk.csv", "513431,513431,code,,513431",
                                     "513431,513499,code,,513431"),
     ["national/crosswalk.csv, line", "census_2010_code", "513499, a code that matches nothing"]),
    ("missing-exit-year", lambda d: _edit(d, f"{NAT}/poverty_counties.csv",
                                          "Sichuan,west,2020,", "Sichuan,west,,"),
     ["national/poverty_counties.csv, line", "column 'exit_year'", "found an empty cell"]),
    ("invalid-polygon", lambda d: _geojson(d, _bowtie),
     ["national/counties.geojson, feature", "adcode 513431", "elf-intersection"]),
    ("outside-china", lambda d: _geojson(d, _abroad),
     ["national/counties.geojson, feature", "adcode 513431", "a polygon inside China"]),
]


@pytest.mark.parametrize("name, corrupt, needles", CASES, ids=[c[0] for c in CASES])
def test_bad_national_input_is_named(name, corrupt, needles, data_copy, rehash, capsys):
    corrupt(data_copy)
    rehash(data_copy)
    status = main()
    out = capsys.readouterr().out
    assert status == 1
    for needle in needles:
        assert needle in out, f"{needle!r} not in:\n{out}"
    assert "Traceback" not in out and not re.search(r"\bnan\b", out, re.I)
