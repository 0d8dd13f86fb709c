"""Liangshan's poverty roll as a stock with flows (numbers worked out by hand from the register
and poverty_sichuan_liangshan.csv)."""
import math

import pandas as pd
import pytest

from analysis.domain import roll


def test_roll_table_marks_each_value():
    t = roll.roll_table().set_index("year")
    assert list(t.index) == list(range(2013, 2021))
    # stocks: the article (2013, 2018), the radio report (2019), derived zero (2020)
    assert t.loc[2013, "stock"] == 881000 and t.loc[2013, "stock_status"] == roll.SOURCED
    assert t.loc[2018, "stock"] == 317000
    assert t.loc[2019, "stock"] == 178000 and t.loc[2019, "stock_source"] == "S13"
    assert t.loc[2020, "stock"] == 0 and t.loc[2020, "stock_status"] == roll.DERIVED
    for year in (2014, 2015, 2016, 2017):
        assert math.isnan(t.loc[year, "stock"]) and t.loc[year, "stock_status"] == roll.NOT_FOUND
    # exits: published for 2016 (113,500, S33) and 2019 (142,000, S13); derived from the
    # cumulative totals for 2018 (659,000 - 440,000 = 219,000) and 2020 (1,052,000 - 801,000
    # = 251,000)
    assert (t.loc[2016, "exits"], t.loc[2016, "exits_status"]) == (113500, roll.SOURCED)
    assert (t.loc[2019, "exits"], t.loc[2019, "exits_status"]) == (142000, roll.SOURCED)
    assert (t.loc[2018, "exits"], t.loc[2018, "exits_status"]) == (219000, roll.DERIVED)
    assert t.loc[2020, "exits"] == 251000
    # entries where stock, stock before and exits are known: 2019: 178,000 - 317,000 +
    # 142,000 = 3,000; 2020: 0 - 178,000 + 251,000 = 73,000
    assert t.loc[2019, "entries"] == 3000 and t.loc[2020, "entries"] == 73000
    assert t.loc[2018, "entries_status"] == roll.NOT_FOUND  # no stock for the end of 2017
    assert t.loc[2013, "cumulative_exits"] == 0 and t.loc[2017, "cumulative_exits"] == 440000
    # incidence: the article's 19.8 % (2013) and 7.1 % (2018), the radio report's 4 % at the
    # end of 2019 (S13), zero derived from the zero stock of 2020; none for 2014-2017 (the
    # report's 11 % for 2018 names no point in the year and stays out)
    assert [t.loc[y, "incidence"] for y in (2013, 2018, 2019, 2020)] == [19.8, 7.1, 4.0, 0.0]
    assert [t.loc[y, "incidence_status"] for y in (2013, 2018, 2019, 2020)] == \
        [roll.SOURCED, roll.SOURCED, roll.SOURCED, roll.DERIVED]
    assert t.loc[2019, "incidence_source"] == "S13"
    assert t.loc[2014:2017, "incidence"].isna().all()


def test_average_year_by_hand():
    a = roll.average_year()
    # 2014-2018: exits 659,000 (cumulative at end-2018); fall 881,000 - 317,000 = 564,000;
    # entries 659,000 - 564,000 = 95,000; a year: 131,800 exits, 19,000 entries, 112,800 fall
    assert (a["exits"], a["net_fall"], a["entries"]) == (659000, 564000, 95000)
    assert a["exits_per_year"] == pytest.approx(131800)
    assert a["entries_per_year"] == pytest.approx(19000)
    assert a["net_fall_per_year"] == pytest.approx(112800)
    with pytest.raises(ValueError, match="first must be 2014"):
        roll.average_year(2015, 2018)


def test_decomposition_of_2019_by_hand():
    d = roll.decomposition()
    # fall 317,000 - 178,000 = 139,000 = exits 142,000 - entries 3,000; against the average
    # year: 142,000 - 131,800 = 10,200 more exits, 19,000 - 3,000 = 16,000 fewer entries,
    # together 26,200 = 139,000 - 112,800; an average year would have left 204,200
    assert d["fall"] == 139000
    assert d["more_exits"] == pytest.approx(10200)
    assert d["fewer_entries"] == pytest.approx(16000)
    assert d["beat_average"] == pytest.approx(d["fall"] - d["average_fall"])
    assert d["stock_if_average"] == pytest.approx(204200)
    # the straight line from 317,000 to zero at the end of 2020: 158,500 a year; 2019 fell
    # 19,500 short; it closed (139,000 - 112,800) / (158,500 - 112,800) = 57.3 % of the gap
    assert d["path_fall"] == pytest.approx(158500)
    assert d["short_of_path"] == pytest.approx(19500)
    assert d["share_of_gap_closed"] == pytest.approx(26200 / 45700)
    # the shortfall split as the issue asks: the line needed 158,500 + 3,000 = 161,500 exits;
    # 158,500 - 142,000 = 16,500 too few exits (the shortfall with no entries) plus the
    # 3,000 entries = 19,500
    assert d["exits_needed"] == pytest.approx(161500)
    assert d["exits_short_of_path"] == pytest.approx(16500)
    assert d["exits_short_of_path"] + d["entries"] == pytest.approx(d["short_of_path"])
    # against 2018: exits 659,000 - 440,000 = 219,000; 142,000 - 219,000 = -77,000, -35.2 %
    assert d["prev_exits"] == pytest.approx(219000)
    assert d["exits_vs_prev"] == pytest.approx(-77000)
    assert d["exits_vs_prev_share"] == pytest.approx(-77 / 219)


def test_benchmarks_by_hand():
    b = roll.benchmarks(317000, 7.1, 2)
    # base 317,000 / 0.071 = 4,464,789; 3 % of it = 133,944; to take off: 183,056 in two
    # years = 91,528 a year; to zero 158,500 a year
    assert b["base"] == pytest.approx(4464788.73, abs=0.01)
    assert b["threshold_stock"] == pytest.approx(133943.66, abs=0.01)
    assert b["per_year_to_threshold"] == pytest.approx(91528.17, abs=0.01)
    assert b["per_year_to_zero"] == 158500
    # a stock already below the threshold needs nothing more by the county benchmark
    assert roll.benchmarks(1000, 1.0, 1)["to_threshold"] == 0


def test_roll_table_has_every_status_spelled_out():
    t = roll.roll_table()
    statuses = pd.unique(t[["stock_status", "exits_status", "entries_status",
                            "cumulative_status", "incidence_status"]].to_numpy().ravel())
    assert set(statuses) <= {roll.SOURCED, roll.DERIVED, roll.NOT_FOUND}
    derived = t[t["exits_status"] == roll.DERIVED]
    assert derived["exits_source"].str.contains("minus").all()
