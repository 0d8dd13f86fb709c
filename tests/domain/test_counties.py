"""Liangshan's counties as one table (analysis.domain.counties): joins, census change, status."""
from __future__ import annotations

import pandas as pd
import pytest
from datafiles import BUTUO, CI

from analysis.data import context, paths
from analysis.data.problems import ContextDataError
from analysis.domain import counties


@pytest.fixture(scope="module")
def table():
    return counties.county_table()


def test_county_table_joins_17_counties(table):
    assert len(table) == 17
    assert table["adcode"].is_unique
    assert set(table["adcode"]) == set(context.counties()["adcode"])
    assert not table[["pop_2010", "pop_2020", "area_km2", "minority_share_2020"]].isna().any().any()


def test_butuo_population_equals_the_data_file(table):
    raw = pd.read_csv(paths.DATA / CI, dtype=str)
    rows = [r for r in raw.to_dict("records") if r["adcode"] == BUTUO
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
    assert counts[counties.STATUS_2019] == 4
    assert counts[counties.STATUS_2020] == 7
    assert counts[counties.STATUS_NONE] == 6
    t = table.set_index("adcode")
    assert t.loc[BUTUO, "exit_approval_date"] == pd.Timestamp("2020-11-17")
    assert t.loc["513422", "exit_batch_year"] == 2019  # Muli
    assert t.loc["513401", "status_basis"] == "inferred_not_named"  # Xichang
    assert pd.isna(t.loc["513401", "exit_batch_year"])


def test_density_uses_given_areas(table):
    areas = pd.Series(1000.0, index=table["adcode"])
    dens = counties.county_table(areas_km2=areas).set_index("adcode")
    assert dens.loc[BUTUO, "density_2020"] == pytest.approx(185.553)
    assert dens.loc[BUTUO, "area_basis"] == "measured (boundaries)"
    assert table.set_index("adcode").loc[BUTUO, "density_2020"] == pytest.approx(185553 / 1685)
    with pytest.raises(ContextDataError, match="areas_km2"):
        counties.county_table(areas_km2=areas.drop(BUTUO))


def test_population_change_summary():
    from analysis.data.context import county_indicators
    from analysis.domain.counties import population_change

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
    assert counties.prefecture_census("rural_population", "2020") == (3_062_784.0, "S01")
    assert counties.prefecture_census("resident_population", 2010) == (4_532_809.0, "S01")
    with pytest.raises(KeyError, match="expected one row for the prefecture"):
        counties.prefecture_census("rural_population", "2015")


def test_census_gives_a_county_value_and_its_source():
    # Butuo (513429): 47,744 family households in the 2020 census, 39,927 in 2010 (S01)
    assert counties.census("513429", "family_households", "2020") == (47_744.0, "S01")
    assert counties.census("513429", "family_households", 2010) == (39_927.0, "S01")
    # the prefecture's 1,411,269 family households equal the sum of its 17 counties
    assert counties.prefecture_census("family_households", "2020") == (1_411_269.0, "S01")
    with pytest.raises(KeyError, match="expected one row for county"):
        counties.census("513429", "family_households", "2015")
