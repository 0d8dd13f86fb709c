"""analysis.context: the context tables load typed, join into the county table, and each kind
of bad input is reported with file, line, column, found and expected."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from analysis import context, paths
from analysis.problems import ContextDataError

SHARED = paths.ROOT.parent / "shared" / "context"
CI = "context/county_indicators.csv"
STATUS = "context/poverty_county_status.csv"
NATIONAL = "context/poverty_national.csv"
SL = "context/poverty_sichuan_liangshan.csv"
BUTUO, JINYANG = "513429", "513430"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _replace(data_dir: Path, rel: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a data file."""
    path = data_dir / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(data_dir: Path, rel: str, start: str) -> int:
    """File line (header = 1) of the row starting with ``start``."""
    lines = (data_dir / rel).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if line.startswith(start)]
    assert len(hits) == 1, hits
    return hits[0]


# ----------------------------------------------------------------------------- good data


def test_context_tables_have_no_problems():
    assert context.check_context(schema=True) == []


@pytest.fixture(scope="module")
def table():
    return context.county_table()


def test_county_table_joins_17_counties(table):
    assert len(table) == 17
    assert table["adcode"].is_unique
    assert set(table["adcode"]) == set(context.counties()["adcode"])
    assert not table[["pop_2010", "pop_2020", "area_km2", "minority_share_2020"]].isna().any().any()


def test_butuo_population_equals_the_data_file(table):
    rows = [r for r in _rows(paths.DATA / CI) if r["adcode"] == BUTUO
            and r["indicator"] == "resident_population" and r["year"] == "2020"]
    assert len(rows) == 1
    butuo = table.set_index("adcode").loc[BUTUO]
    assert butuo["pop_2020"] == float(rows[0]["value"]) == 185553
    assert butuo["pop_2010"] == 160151
    assert butuo["pop_change_pct"] == pytest.approx((185553 / 160151 - 1) * 100)
    assert butuo["name_pinyin"] == "Butuo" and butuo["name_zh"] == "布拖县"
    assert butuo["minority_share_2020"] == 95.89


def test_poverty_status_counts_and_batches(table):
    counts = table["poverty_status"].value_counts()
    assert counts[context.STATUS_2019] == 4
    assert counts[context.STATUS_2020] == 7
    assert counts[context.STATUS_NONE] == 6
    t = table.set_index("adcode")
    assert t.loc[BUTUO, "exit_approval_date"] == pd.Timestamp("2020-11-17")
    assert t.loc["513422", "exit_batch_year"] == 2019  # Muli
    assert t.loc["513401", "status_basis"] == "inferred_not_named"  # Xichang
    assert pd.isna(t.loc["513401", "exit_batch_year"])


def test_density_uses_given_areas(table):
    areas = pd.Series(1000.0, index=table["adcode"])
    dens = context.county_table(areas_km2=areas).set_index("adcode")
    assert dens.loc[BUTUO, "density_2020"] == pytest.approx(185.553)
    assert dens.loc[BUTUO, "area_basis"] == "measured (boundaries)"
    assert table.set_index("adcode").loc[BUTUO, "density_2020"] == pytest.approx(185553 / 1685)
    with pytest.raises(ContextDataError, match="areas_km2"):
        context.county_table(areas_km2=areas.drop(BUTUO))


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
                 context.poverty_national, context.poverty_sichuan_liangshan):
        assert set(load()["source_id"]) <= ids


# ----------------------------------------------------------------------------- copied values


def _shared(name: str) -> list[dict]:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"the collected context tables are not on this machine ({SHARED})")
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
        key = (r["source_id"], r["indicator"], r["year"], r["value"])
        if r["indicator"] == "poverty_line_constant_2010_prices":
            key = (r["source_id"], r["indicator"], "2010", r["value"])
        if r["indicator"] == "poor_counties_exited":
            continue  # from the exit-batch table, checked below
        assert key in expected, key


def test_exit_batches_and_county_values_are_copied_exactly():
    batches = {(r["exit_batch_year"], r["value"], r["source_id"])
               for r in _shared("sichuan_poor_county_exit_batches.csv")}
    ours = {(r["year"], r["value"], r["source_id"]) for r in _rows(paths.DATA / SL)
            if r["indicator"] == "poor_counties_exited"}
    assert ours == batches
    theirs = {(r["adcode_2022"], r["year"], r["value"], r["source_id"])
              for r in _shared("liangshan_county_indicators.csv")}
    for r in _rows(paths.DATA / CI):
        assert (r["adcode"], r["year"], r["value"], r["source_id"]) in theirs, r


# ----------------------------------------------------------------------------- bad input


def _problems_of(exc_info):
    return exc_info.value.problems


def test_non_numeric_cell(data_copy):
    _replace(data_copy, CI, f"{BUTUO},resident_population,2020,185553,",
             f"{BUTUO},resident_population,2020,185 553,")
    line = _line_of(data_copy, CI, f"{BUTUO},resident_population,2020")
    with pytest.raises(ContextDataError) as exc:
        context.county_indicators(data_copy)
    hits = [p for p in _problems_of(exc) if p.column == "value"]
    assert len(hits) == 1
    assert (hits[0].file, hits[0].row) == (CI, line)
    assert "185 553" in hits[0].found and "number" in hits[0].expected


def test_source_id_not_in_sources(data_copy, rehash):
    _replace(data_copy, CI, f"{BUTUO},resident_population,2020,185553,persons,S01",
             f"{BUTUO},resident_population,2020,185553,persons,S99")
    rehash(data_copy)
    line = _line_of(data_copy, CI, f"{BUTUO},resident_population,2020")
    with pytest.raises(ContextDataError) as exc:
        context.county_table(data_copy)
    (p,) = _problems_of(exc)
    assert (p.file, p.row) == (CI, line)
    assert "S99" in p.found and "referenced table" in p.expected


def test_unknown_adcode(data_copy, rehash):
    _replace(data_copy, CI, f"{JINYANG},area,c.2004,", "513499,area,c.2004,")
    rehash(data_copy)
    line = _line_of(data_copy, CI, "513499,area")
    problems = context.check_context(data_copy)
    hit = [p for p in problems if p.column == "adcode"]
    assert len(hit) == 1
    assert (hit[0].file, hit[0].row, hit[0].found) == (CI, line, "'513499'")
    # Jinyang now lacks its area, and the prefecture's area no longer adds up
    assert any(p.row == JINYANG and "area c.2004" in p.found for p in problems)
    with pytest.raises(ContextDataError):
        context.county_indicators(data_copy)


def test_missing_required_value(data_copy, rehash):
    _replace(data_copy, CI, f"{BUTUO},area,c.2004,1685,km2,", f"{BUTUO},area,c.2004,1685,,")
    rehash(data_copy)
    with pytest.raises(ContextDataError) as exc:
        context.county_indicators(data_copy)
    (p,) = _problems_of(exc)
    assert (p.file, p.column) == (CI, "unit")
    assert p.row == _line_of(data_copy, CI, f"{BUTUO},area")
    assert "required" in p.expected


def test_wrong_unit_for_indicator(data_copy, rehash):
    _replace(data_copy, CI, f"{BUTUO},area,c.2004,1685,km2,", f"{BUTUO},area,c.2004,1685,persons,")
    rehash(data_copy)
    (p,) = context.check_context(data_copy)
    assert (p.file, p.column, p.found) == (CI, "unit", "'persons'")
    assert "'km2'" in p.expected


def test_prefecture_total_must_add_up(data_copy, rehash):
    _replace(data_copy, CI, f"{BUTUO},resident_population,2010,160151,",
             f"{BUTUO},resident_population,2010,160152,")
    rehash(data_copy)
    (p,) = context.check_context(data_copy)
    line = _line_of(data_copy, CI, "513400,resident_population,2010")
    assert (p.file, p.row, p.column) == (CI, line, "value")
    assert p.found == "4532809" and p.expected.startswith("4532810")


def test_two_primary_rows_for_one_point(data_copy, rehash):
    cross_check = "2012,rural_poor_population,98990000,persons,{},false,S27"
    _replace(data_copy, NATIONAL, cross_check.format("false"), cross_check.format("true"))
    rehash(data_copy)
    (p,) = context.check_context(data_copy)
    assert (p.file, p.column) == (NATIONAL, "primary")
    assert p.row == _line_of(data_copy, NATIONAL, cross_check.format("true"))
    with pytest.raises(ContextDataError):
        context.poverty_national(data_copy)


def test_poverty_county_without_exit_date(data_copy, rehash):
    _replace(data_copy, STATUS, f"{BUTUO},true,named_in_exit_notice,2020-11-17,",
             f"{BUTUO},true,named_in_exit_notice,,")
    rehash(data_copy)
    (p,) = context.check_context(data_copy)
    assert (p.file, p.row, p.column) == (STATUS, _line_of(data_copy, STATUS, BUTUO),
                                         "exit_approval_date")


def test_unknown_corroborating_source(data_copy, rehash):
    text = (data_copy / STATUS).read_text(encoding="utf-8")
    (data_copy / STATUS).write_text(text.replace(",S10b;S39,", ",S10b;S98,", 1), encoding="utf-8")
    rehash(data_copy)
    (p,) = context.check_context(data_copy)
    assert (p.file, p.column, p.found) == (STATUS, "corroborated_by", "'S98'")


def test_county_missing_from_status_table(data_copy, rehash):
    path = data_copy / STATUS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(BUTUO)),
                    encoding="utf-8")
    rehash(data_copy)
    problems = context.check_context(data_copy)
    assert [(p.file, p.row) for p in problems] == [(STATUS, BUTUO)]
    with pytest.raises(ContextDataError):
        context.county_table(data_copy)


def test_population_change_summary():
    from analysis.context import county_indicators, population_change

    ci = county_indicators()
    pop = ci[(ci["adcode"] == "513400") & (ci["indicator"] == "resident_population")]
    p2010 = float(pop.loc[pop["year"].astype(str) == "2010", "value"].iloc[0])
    p2020 = float(pop.loc[pop["year"].astype(str) == "2020", "value"].iloc[0])
    s = population_change()
    # the county sums equal the prefecture totals (4,532,809 and 4,858,359): +7.18 %
    assert s["prefecture_pct"] == pytest.approx(100 * (p2020 / p2010 - 1))
    assert s["prefecture_pct"] == pytest.approx(7.18, abs=0.01)
    assert s["counties"] == 17 and s["counties_losing"] == 5  # Huili, Muli, Xide, Huidong, Yanyuan
    assert s["butuo_pct"] == pytest.approx(15.86, abs=0.01)


def test_prefecture_census_gives_the_value_and_its_source():
    assert context.prefecture_census("rural_population", "2020") == (3_062_784.0, "S01")
    assert context.prefecture_census("resident_population", 2010) == (4_532_809.0, "S01")
    with pytest.raises(KeyError, match="expected one row for the prefecture"):
        context.prefecture_census("rural_population", "2015")


def test_a_series_can_carry_the_source_of_each_value():
    ctx = context.poverty_sichuan_liangshan(primary_only=True)
    src = context.series(ctx, "registered_poor_population", column="source_id",
                         geography="Sichuan", period="end of year")
    assert src.loc[2018] == "S17"
