"""analysis.data.context: the context tables load typed, join into the county table, and each kind
of bad input is reported with file, line, column, found and expected."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from datafiles import BUTUO, CI, NATIONAL, SL, line_of, problems_of, replace_once
from outside import skip_without_shared

from analysis.data import context, paths
from analysis.data.problems import ContextDataError

SHARED = paths.shared_dir() / "context"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ----------------------------------------------------------------------------- good data


def test_loaders_are_typed_by_the_schema():
    nat = context.poverty_national()
    assert str(nat["year"].dtype) == "Int64"
    assert nat["value"].dtype == "float64"
    assert str(nat["primary"].dtype) == "boolean"
    status = context.poverty_county_status()
    assert pd.api.types.is_datetime64_any_dtype(status["exit_approval_date"])
    assert context.county_indicators()["year"].isin(["2010", "2020", "c.2004"]).all()


def test_primary_series_have_one_value_per_point():
    nat = context.poverty_national(primary_only=True)
    assert not nat.duplicated(["year", "indicator"]).any()
    stock = context.series(nat, "rural_poor_population")
    assert stock[2012] == 98_990_000 and stock[2019] == 5_510_000
    ls = context.series(context.poverty_sichuan_liangshan(), "registered_poor_population",
                        geography="Liangshan")
    assert ls[2013] == 881_000
    with pytest.raises(KeyError):
        context.series(nat, "no_such_indicator")


def test_every_cited_source_is_listed():
    ids = set(context.sources()["source_id"])
    for load in (context.counties, context.county_indicators, context.poverty_county_status,
                 context.poverty_national, context.poverty_sichuan_liangshan,
                 context.health_national):
        assert set(load()["source_id"]) <= ids


# ----------------------------------------------------------------------------- copied values


def _shared(name: str) -> list[dict]:
    path = skip_without_shared(SHARED / name, "the collectors' copies of the context tables "
                               "(the values in data/context/ are checked against them)")
    return _rows(path)


def _persons(value: str, unit: str) -> str:
    return str(int(Decimal(value) * 10000)) if unit.startswith("10^4 persons") else value


@pytest.mark.parametrize("ours, theirs", [(NATIONAL, "poverty_china_national.csv"),
                                          (SL, "poverty_sichuan_liangshan.csv")])
def test_poverty_values_are_copied_exactly(ours, theirs):
    expected = {(r["source_id"], r["indicator"], r["year"].split(" ")[0].split("-")[0],
                 _persons(r["value"], r["unit"]))
                for r in _shared(theirs) if not r["value"].startswith("NOT FOUND")}
    for r in _rows(paths.DATA / ours):
        if r.get("derived") == "true" or r["source_id"] in READ_BY_THE_BOOK:
            continue  # arithmetic, or read later by the book (see the test below)
        key = (r["source_id"], r["indicator"], r["year"], r["value"])
        if r["indicator"] == "poverty_line_constant_2010_prices":
            key = (r["source_id"], r["indicator"], "2010", r["value"])
        if r["indicator"] == "poor_counties_exited":
            continue  # from the exit-batch table, checked below
        assert key in expected, key


#: Sources read by the book itself after the context tables were collected (Chapter 1's poverty
#: roll and the county exit rule); their values are checked against the source notes below.
READ_BY_THE_BOOK = {f"S{n}" for n in range(50, 60)}


def test_values_read_by_the_book_are_stated_in_their_source_notes():
    notes = {r["source_id"]: r["note"] for r in _rows(paths.DATA / "context/sources.csv")}
    checked = 0
    for r in _rows(paths.DATA / SL):
        if r["source_id"] in READ_BY_THE_BOOK:
            value = float(r["value"])
            written = f"{value:,.0f}" if value >= 1000 else f"{value:g} %"
            assert written in notes[r["source_id"]], (r["source_id"], written)
            checked += 1
    assert checked == 3  # 440,000 (S55); 659,400 and 19.8 % (S56)
    rules = _rows(paths.DATA / "context/poverty_exit_rules.csv")
    for r in rules:
        if r["source_id"] in READ_BY_THE_BOOK:
            assert f"{r['threshold']} %" in notes[r["source_id"]], r["rule_id"]


def test_exit_batches_and_county_values_are_copied_exactly():
    batches = {(r["exit_batch_year"], r["value"], r["source_id"])
               for r in _shared("sichuan_poor_county_exit_batches.csv")}
    ours = {(r["year"], r["value"], r["source_id"]) for r in _rows(paths.DATA / SL)
            if r["indicator"] == "poor_counties_exited"}
    assert ours == batches
    theirs = {(r["adcode_2022"], r["year"], r["value"], r["source_id"])
              for r in _shared("liangshan_county_indicators.csv")}
    for r in _rows(paths.DATA / CI):
        if r["indicator"] in FROM_RAW_CENSUS or r["indicator"] in _HOUSEHOLD_COLUMNS["2010"]:
            continue  # taken from the census tabulations, checked below
        assert (r["adcode"], r["year"], r["value"], r["source_id"]) in theirs, r


#: Indicators of county_indicators.csv taken from the raw census rows of the collection
#: (shared/context/raw), with the census columns each one sums.
FROM_RAW_CENSUS = {
    "family_households": {"2010": ["户数"], "2020": ["家庭户数"]},
    "population_aged_5_14": {
        "2010": ["5-9岁（男）", "5-9岁（女）", "10-14岁（男）", "10-14岁（女）"],
        "2020": ["男_5到9岁", "女_5到9岁", "男_10到14岁", "女_10到14岁"]},
}


def test_census_rows_taken_from_the_raw_tabulations_are_copied_exactly():
    raw = {}
    for year in ("2010", "2020"):
        path = SHARED / "raw" / f"leiii_census_county_{year}_v1__liangshan_rows.csv"
        if not path.is_file():
            pytest.skip(f"the raw census rows are not on this machine ({path})")
        raw[year] = {r["区划代码"].strip(): r for r in _rows(path)}
    checked = 0
    for r in _rows(paths.DATA / CI):
        if r["indicator"] not in FROM_RAW_CENSUS:
            continue
        # the census row is the one the source location names (Huili: its 2020 code, 513425)
        code = r["source_location"].split("区划代码=")[1][:6]
        row = raw[r["year"]][code]
        total = sum(int(float(row[c])) for c in FROM_RAW_CENSUS[r["indicator"]][r["year"]])
        assert int(r["value"]) == total and r["source_id"] == "S01", r
        checked += 1
    # the prefecture and 17 counties, two census years, two indicators
    assert checked == 18 * 2 * 2

#: The census columns of the rows of people in family households and of their mean size
#: (2010 and 2020 tabulations, S01), for the prefecture, Butuo and Jinyang.
_HOUSEHOLD_COLUMNS = {
    "2010": {"family_household_population": "人口数", "family_household_size": "户规模（人/户）"},
    "2020": {"family_household_population": "家庭户人口数", "family_household_size": "户规模"},
}


def test_household_rows_are_copied_exactly_from_the_census_tables():
    census_dir = paths.shared_dir() / "national" / "census"
    tables = {}
    for year in ("2010", "2020"):
        path = census_dir / f"leiii_census_county_{year}_v1.csv"
        if not path.is_file():
            pytest.skip(f"the national census tables are not on this machine ({census_dir})")
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header = [c.replace("\n", "") for c in rows[0]]
        code = header.index("区划代码")
        tables[year] = {r[code]: dict(zip(header, r)) for r in rows[1:]}
    checked = 0
    for r in _rows(paths.DATA / CI):
        if r["indicator"] not in _HOUSEHOLD_COLUMNS["2020"]:
            continue
        column = _HOUSEHOLD_COLUMNS[r["year"]][r["indicator"]]
        assert column in r["source_location"] and r["source_id"] == "S01", r
        assert float(tables[r["year"]][r["adcode"]][column]) == float(r["value"]), r
        checked += 1
    assert checked == 12  # 3 places (Liangshan, Butuo, Jinyang) x 2 censuses x 2 indicators


# ----------------------------------------------------------------------------- bad input


def test_non_numeric_cell(data_copy):
    replace_once(data_copy, CI, f"{BUTUO},resident_population,2020,185553,",
             f"{BUTUO},resident_population,2020,185 553,")
    line = line_of(data_copy, CI, f"{BUTUO},resident_population,2020")
    with pytest.raises(ContextDataError) as exc:
        context.county_indicators()
    hits = [p for p in problems_of(exc) if p.column == "value"]
    assert len(hits) == 1
    assert (hits[0].file, hits[0].row) == (CI, line)
    assert "185 553" in hits[0].found and "number" in hits[0].expected


def test_source_id_not_in_sources(data_copy, rehash):
    replace_once(data_copy, CI, f"{BUTUO},resident_population,2020,185553,persons,S01",
             f"{BUTUO},resident_population,2020,185553,persons,S08")
    rehash(data_copy)
    line = line_of(data_copy, CI, f"{BUTUO},resident_population,2020")
    with pytest.raises(ContextDataError) as exc:
        context.county_indicators()
    (p,) = problems_of(exc)
    assert (p.file, p.row) == (CI, line)
    assert "S08" in p.found and p.expected == "a source_id listed in context/sources.csv"


def test_missing_required_value(data_copy, rehash):
    replace_once(data_copy, CI, f"{BUTUO},area,c.2004,1685,km2,", f"{BUTUO},area,c.2004,1685,,")
    rehash(data_copy)
    with pytest.raises(ContextDataError) as exc:
        context.county_indicators()
    (p,) = problems_of(exc)
    assert (p.file, p.column) == (CI, "unit")
    assert p.row == line_of(data_copy, CI, f"{BUTUO},area")
    assert "required" in p.expected


def test_a_wrong_unit_in_the_health_table_is_reported_with_its_line(data_copy, rehash):
    rel = "context/health_national.csv"
    replace_once(data_copy, rel, "2018,visits_per_resident,6.0,visits per person per year,",
                 "2018,visits_per_resident,6.0,visits,")
    rehash(data_copy)
    with pytest.raises(ContextDataError) as exc:
        context.health_national()
    (p,) = problems_of(exc)
    assert (p.file, p.column) == (rel, "unit")
    assert p.row == line_of(data_copy, rel, "2018,visits_per_resident")
    assert p.found == "'visits'" and "visits per person per year" in p.expected


def test_a_series_can_carry_the_source_of_each_value():
    ctx = context.poverty_sichuan_liangshan(primary_only=True)
    src = context.series(ctx, "registered_poor_population", column="source_id",
                         geography="Sichuan", period="end of year")
    assert src.loc[2018] == "S17"
