"""analysis.data.boundaries: the layers load and pass their checks; each kind of broken layer is
reported with the file and the feature (adcode) concerned, and the loaders refuse it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.data import boundaries, context
from analysis.data import package as descriptor
from analysis.data.problems import ContextDataError
from analysis.domain.counties import county_frame

COUNTY_FILE = "geo/liangshan_counties.geojson"
BUTUO, JINYANG = "513429", "513430"


@pytest.fixture(scope="module")
def counties():
    return boundaries.load_counties()


@pytest.fixture(scope="module")
def prefectures():
    return boundaries.load_prefectures()


def _edit_counties(data_dir: Path, fn) -> None:
    path = data_dir / COUNTY_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    fn(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _feature(doc, code):
    (f,) = [f for f in doc["features"] if f["properties"]["adcode"] == code]
    return f


# ----------------------------------------------------------------------------- good data


def test_boundaries_have_no_problems():
    assert boundaries.check_boundaries() == []


def test_counties_match_the_county_list(counties):
    assert len(counties) == 17
    assert set(counties["adcode"]) == set(context.counties()["adcode"])
    assert counties.crs.to_epsg() == 4326
    assert list(counties["adcode"]) == sorted(counties["adcode"])


def test_prefectures_include_liangshan(prefectures):
    assert len(prefectures) == 21
    assert boundaries.LIANGSHAN in set(prefectures["adcode"])
    assert set(prefectures["adcode"].str[:2]) == {"51"}


def test_measured_areas(counties, prefectures):
    areas = boundaries.measured_areas_km2(counties)
    stated = descriptor.current().resource(boundaries.COUNTIES)["x-measured-area-km2"]
    assert areas.sum() == pytest.approx(stated, rel=1e-4)
    assert areas[BUTUO] == pytest.approx(1692, abs=1)       # CHECKS.md of the shared layer
    assert areas["513401"] == pytest.approx(2897, abs=1)    # Xichang, after its enlargement
    # the counties tile the prefecture polygon of the other layer (to 0.01 %)
    ls = prefectures[prefectures["adcode"] == boundaries.LIANGSHAN]
    assert boundaries.measured_areas_km2(ls).iloc[0] == pytest.approx(areas.sum(), rel=1e-4)


def test_county_frame_joins_table_and_polygons():
    frame = county_frame()
    assert len(frame) == 17 and frame.crs.to_epsg() == 4326
    butuo = frame.set_index("adcode").loc[BUTUO]
    assert butuo["pop_2020"] == 185553 and butuo["name_pinyin"] == "Butuo"
    measured = county_frame(measured_density=True).set_index("adcode")
    assert measured.loc[BUTUO, "density_2020"] == pytest.approx(185553 / 1691.5, rel=1e-3)


# ----------------------------------------------------------------------------- bad input


def test_county_missing_from_the_boundaries(data_copy, rehash):
    _edit_counties(data_copy, lambda d: d["features"].remove(_feature(d, BUTUO)))
    rehash(data_copy)
    problems = boundaries.check_boundaries()
    missing = [p for p in problems if p.row == f"adcode {BUTUO}"]
    assert len(missing) == 1
    assert missing[0].file == COUNTY_FILE and "no feature" in missing[0].found
    assert any(p.found == "16 features" for p in problems)
    with pytest.raises(ContextDataError, match=f"adcode {BUTUO}"):
        boundaries.load_counties()


def test_code_that_matches_no_county(data_copy, rehash):
    def recode(doc):
        _feature(doc, BUTUO)["properties"]["adcode"] = "513499"

    _edit_counties(data_copy, recode)
    rehash(data_copy)
    problems = boundaries.check_boundaries()
    unknown = [p for p in problems if "513499" in str(p.row)]
    assert len(unknown) == 1
    assert unknown[0].file == COUNTY_FILE and "not in context/counties.csv" in unknown[0].found
    assert any(p.row == f"adcode {BUTUO}" for p in problems)  # and Butuo is now missing


def test_invalid_geometry(data_copy, rehash):
    bowtie = {"type": "Polygon", "coordinates": [[[102.6, 27.6], [102.8, 27.8], [102.8, 27.6],
                                                  [102.6, 27.8], [102.6, 27.6]]]}

    def twist(doc):
        _feature(doc, BUTUO)["geometry"] = bowtie

    _edit_counties(data_copy, twist)
    rehash(data_copy)
    problems = boundaries.check_boundaries()
    invalid = [p for p in problems if p.column == "geometry" and "Self-intersection" in p.found]
    assert len(invalid) == 1
    assert invalid[0].file == COUNTY_FILE and BUTUO in invalid[0].row
    with pytest.raises(ContextDataError, match="Self-intersection"):
        boundaries.load_counties()


def test_overlapping_counties(data_copy, rehash):
    import shapely
    from shapely.geometry import mapping, shape

    def grow(doc):
        f = _feature(doc, BUTUO)
        f["geometry"] = mapping(shapely.buffer(shape(f["geometry"]), 0.005))

    _edit_counties(data_copy, grow)
    rehash(data_copy)
    overlaps = [p for p in boundaries.check_boundaries() if "overlap" in p.found]
    assert overlaps and all(p.file == COUNTY_FILE for p in overlaps)
    assert any(BUTUO in p.row and JINYANG in p.found or JINYANG in p.row and BUTUO in p.found
               for p in overlaps)


def test_area_and_crs_against_the_descriptor(data_copy):
    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == boundaries.COUNTIES)
    res["x-measured-area-km2"] = 70000
    res["x-crs"] = "EPSG:32648"
    path.write_text(json.dumps(desc), encoding="utf-8")
    problems = boundaries.check_boundaries()
    assert {p.column for p in problems} == {"geometry", "crs"}
    area = next(p for p in problems if p.column == "geometry")
    assert "60,237 km2" in area.found and "70,000" in area.expected


def test_changed_file_is_refused_by_the_loader(data_copy):
    _edit_counties(data_copy, lambda d: d.update(name="edited"))
    assert boundaries.check_boundaries() == []  # content still fine ...
    with pytest.raises(ContextDataError, match="hash"):    # ... but not the described file
        boundaries.load_counties()
