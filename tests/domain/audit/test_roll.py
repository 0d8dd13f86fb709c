"""The poverty roll as stocks and flows, its bases and rates against the press, by hand."""
import pytest
from datafiles import SL, replace_once

from analysis.data import context
from analysis.domain.audit import roll


def test_the_accounts_of_the_roll():
    a = roll.accounts()
    # article: 881,000 - 317,000 = 564,000 fall; 659,000 lifted: 95,000 entries to 2018
    assert (a["fall_to_2018"], a["entries_to_2018"]) == (564_000, 95_000)
    # press: 178,000 - 317,000 + 142,000 = 3,000 entries during 2019
    assert a["entries_2019"] == 3_000
    # 801,000 - (881,000 - 178,000) = 98,000 = 95,000 + 3,000
    assert a["entries_to_2019"] == 98_000
    # 1,052,000 - 801,000 = 251,000 lifted in 2020; 0 - 178,000 + 251,000 = 73,000 entries
    assert (a["lifted_2020"], a["entries_2020"]) == (251_000, 73_000)
    # 1,052,000 - (881,000 - 0) = 171,000 entries by the end of 2020
    assert a["entries_to_2020"] == 171_000
    assert a["sources"]["stock_2020"] == "S39" and a["sources"]["lifted_to_2020"] == "S14"


@pytest.fixture(scope="module")
def by_id():
    return {c.check_id: c for c in roll.bases() + roll.stock_flow() + roll.press_rates()
            + roll.migrant_entries()}


def test_bases(by_id):
    # 881,000 / 0.198 = 4,449,494.9; 317,000 / 0.071 = 4,464,788.7: 15,293.8 apart
    b = by_id["liangshan.implied_bases"]
    assert b.computed - b.expected == pytest.approx(15_293.8, abs=0.5)
    assert b.agreement == "within rounding"
    # 178,000 / 0.04 = 4,450,000
    assert by_id["liangshan.base_2019_press"].computed == pytest.approx(4_450_000)


def test_stock_flow_failures_are_explained_by_entries(by_id):
    s = by_id["liangshan.stock_flow"]
    assert (s.expected, s.computed, s.tolerance) == (659_000, 564_000, 1_500)
    assert (s.agreement, s.verdict) == ("beyond rounding", "explained")
    assert (s.mechanism.needed, s.mechanism.high) == (95_000, 171_000)
    # 178,000 + 142,000 = 320,000 against 317,000: 3,000 apart, beyond 500 + 2 x 500
    p = by_id["liangshan.stock_2018_press"]
    assert (p.expected, p.tolerance, p.verdict) == (320_000, 1_500, "explained")
    assert (p.mechanism.needed, p.mechanism.high) == (3_000, 76_000)  # 171,000 - 95,000
    e = by_id["liangshan.exits_2020_press"]
    # entries fill the gap in sign, but nothing bounds them: shown, not judged (F6)
    assert (e.expected, e.computed, e.verdict) == (178_000, 251_000, "cannot check")
    assert e.mechanism.needed == 73_000 and not e.mechanism.bounded
    assert "counted twice" in e.note
    # 659,000 + 142,000 = 801,000 exactly
    assert by_id["liangshan.cumulative_2019_press"].agreement == "exact"
    assert by_id["liangshan.entries_grow"].verdict == "consistent"  # 95,000 <= 171,000


def test_the_radio_rate_dated_to_2018_only(by_id):
    r = by_id["liangshan.rate_2018_press"]
    # 4 <= 7.1 <= 11: the article's end-2018 rate lies between the report's two rates
    assert (r.expected, r.computed, r.verdict) == (11, 7.1, "consistent")
    assert r.agreement == "the bound holds"
    # (11 + 4) / 2 = 7.5; |7.1 - 7.5| = 0.4 <= 0.5 + 0.05
    p = by_id["liangshan.rate_path_press"]
    assert p.expected == 7.5 and p.tolerance == pytest.approx(0.55)
    assert (p.agreement, p.verdict) == ("holds on an unstated reading", "cannot check")
    # the roll's own bounds on the end-2017 stock, on the base 317,000 / 0.071 = 4,464,789:
    # at most 317,000 + (659,000 - 440,000) = 536,000, 12.005 %; at least 881,000 - 440,000
    # = 441,000, 9.877 %; 11 lies between
    b = by_id["liangshan.rate_start_2018_bounds"]
    assert b.computed == 11 and (b.agreement, b.verdict) == ("within the reading", "consistent")
    assert b.expected - b.tolerance == pytest.approx(441_000 / (317_000 / 0.071) * 100)
    assert b.expected + b.tolerance == pytest.approx(536_000 / (317_000 / 0.071) * 100)
    assert round(b.expected - b.tolerance, 2) == 9.88 and round(b.expected + b.tolerance,
                                                                2) == 12.01


def test_the_press_and_the_province(by_id):
    assert by_id["liangshan.stock_2013_press"].agreement == "exact"
    assert by_id["liangshan.lifted_press"].agreement == "exact"
    # 317,000 / 710,000 = 44.6 %; 881,000 / 6,250,000 = 14.1 %; 178,000 / 200,000 = 89.0 %
    w = by_id["liangshan.within_sichuan"]
    assert "44.6%" in w.note and "14.1%" in w.note and "89.0%" in w.note
    # 25,424 of the 98,000 entries to the end of 2019: 25.9 %
    m = by_id["liangshan.entries_from_migrants"]
    assert (m.computed, m.expected) == (25_424, 98_000) and "25.9%" in m.note


def test_the_re_dated_radio_rate_is_in_the_data():
    frame = context.poverty_sichuan_liangshan()
    row = frame[(frame["geography"] == "Liangshan") & (frame["indicator"] == "poverty_incidence")
                & (frame["year"] == 2018)]
    assert row["period"].tolist() == ["point in the year not stated"]
    assert row["value"].tolist() == [11] and row["source_id"].tolist() == ["S13"]


def test_entries_that_would_be_negative_explain_nothing(data_copy, rehash):
    # with 170,000 poor left at the end of 2019, 170,000 - 317,000 + 142,000 = -5,000 entries
    # during 2019: the gap cannot be entries, and the check is inconsistent
    replace_once(data_copy, SL, "Liangshan,2019,end of year,registered_poor_population,178000",
                 "Liangshan,2019,end of year,registered_poor_population,170000")
    rehash(data_copy)
    p = {c.check_id: c for c in roll.stock_flow()}["liangshan.stock_2018_press"]
    assert p.mechanism.needed == -5_000
    assert (p.agreement, p.verdict) == ("beyond rounding", "inconsistent")
