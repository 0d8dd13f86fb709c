"""Trends of section I: changes, paces by two benchmarks of done, bases, the comparison series."""

import pytest

from analysis.data.problems import DataError
from analysis.domain import trends


def test_period_year_reads_year_end_periods_and_rejects_others():
    assert trends.period_year("2013-end") == 2013
    with pytest.raises(DataError):
        trends.period_year("2016/2018")
    with pytest.raises(DataError):
        trends.period_year("2019")


def test_span_is_computed_from_the_periods():
    # late 2013 to late 2018
    assert trends.span_years("liangshan.poverty_rate.2013", "liangshan.poverty_rate.2018") == 5
    with pytest.raises(DataError):  # reversed: the end is not after the start
        trends.span_years("liangshan.poverty_rate.2018", "liangshan.poverty_rate.2013")


def test_compound_annual_change_by_hand():
    # halving in one year: -50%; (26/35.6) ** (1/5) - 1 = 0.730337 ** 0.2 - 1 = -0.060916
    assert trends.compound_annual_change(10, 5, 1) == pytest.approx(-50.0)
    assert trends.compound_annual_change(35.6, 26, 5) == pytest.approx(-6.0916, abs=1e-3)
    for bad in [(0, 1, 1), (1, -1, 1), (1, 1, 0)]:
        with pytest.raises(ValueError):
            trends.compound_annual_change(*bad)


def test_implied_base_by_hand_and_bad_rates():
    # 881000 / 0.198 = 4,449,494.9
    assert trends.implied_base(881000, 19.8) == pytest.approx(4449494.95, abs=0.01)
    with pytest.raises(ValueError):
        trends.implied_base(10, 0)
    with pytest.raises(ValueError):
        trends.implied_base(10, 120)


def test_rate_changes_by_hand():
    t = trends.rate_changes().set_index("place")
    assert list(t.index) == ["Liangshan", "Butuo", "Jinyang"]
    assert (t["years"] == 5).all() and (t["years_left"] == 2).all()
    # Butuo: 26 - 35.6 = -9.6 pp; (26-35.6)/35.6 = -26.97%; pace 9.6/5 = 1.92 pp a year;
    # needed 26/2 = 13 pp a year; ratio 13/1.92 = 6.77
    b = t.loc["Butuo"]
    assert b["change_pp"] == pytest.approx(-9.6)
    assert b["change_relative_pct"] == pytest.approx(-26.966, abs=1e-3)
    assert b["pace_achieved_pp"] == pytest.approx(1.92)
    assert b["pace_needed_pp"] == pytest.approx(13.0)
    assert b["pace_ratio"] == pytest.approx(6.7708, abs=1e-4)
    # to the county threshold (3 %): (26 - 3) / 2 = 11.5 pp a year; 11.5 / 1.92 = 5.99
    assert b["threshold"] == 3 and b["threshold_source"] == "S11"
    assert b["pace_needed_threshold_pp"] == pytest.approx(11.5)
    assert b["pace_ratio_threshold"] == pytest.approx(5.9896, abs=1e-4)
    # Liangshan: (19.8-7.1)/5 = 2.54; 7.1/2 = 3.55; to 3 %: 4.1/2 = 2.05, below the pace
    # achieved (ratio 2.05/2.54 = 0.807); Jinyang: (38.1-23.6)/5 = 2.9
    assert t.loc["Liangshan", "pace_achieved_pp"] == pytest.approx(2.54)
    assert t.loc["Liangshan", "pace_needed_pp"] == pytest.approx(3.55)
    assert t.loc["Liangshan", "pace_ratio_threshold"] == pytest.approx(0.80709, abs=1e-5)
    assert t.loc["Jinyang", "pace_achieved_pp"] == pytest.approx(2.9)
    assert list(t["level"]) == ["prefecture", "county", "county"]
    assert (t["measure"] == trends.MEASURE_REGISTER).all()


def test_reading_late_as_earlier_lengthens_the_time_left_only():
    t = trends.rate_changes(late_months=3).set_index("place")
    # three months before the end of 2018: 2 + 3/12 = 2.25 years left; Butuo 26 / 2.25 =
    # 11.556 pp a year; the span (5 years) and the pace achieved do not change
    assert (t["years_left"] == 2.25).all() and (t["years"] == 5).all()
    assert t.loc["Butuo", "pace_needed_pp"] == pytest.approx(11.5556, abs=1e-4)
    assert t.loc["Butuo", "pace_achieved_pp"] == pytest.approx(1.92)
    assert trends.years_left(2018, late_months=0) == 2
    assert trends.late_date_words(0) == "the end of December"
    assert trends.late_date_words(3) == "the end of September"
    with pytest.raises(ValueError, match="late_year_months_before_end"):
        trends.rate_changes(late_months=12)


def test_exit_threshold_is_the_sourced_county_rule():
    # poverty_exit_rules.csv: 3 % in the western region (S50) and as applied in Sichuan (S11),
    # 2 % in the central region
    assert trends.exit_threshold("Sichuan") == (3.0, "S11")
    assert trends.exit_threshold("western region") == (3.0, "S50")
    assert trends.exit_threshold("central region")[0] == 2.0
    with pytest.raises(KeyError, match="no county exit rule"):
        trends.exit_threshold("Atlantis")


def test_deadline_must_be_after_the_last_year():
    with pytest.raises(ValueError):
        trends.rate_changes(deadline_year=2018)


def test_implied_bases_by_hand():
    b = trends.implied_bases().set_index("year")
    # 317000 / 0.071 = 4,464,788.7; change 4464788.7 / 4449494.9 - 1 = +0.3437%
    assert b.loc[2018, "implied_base"] == pytest.approx(4464788.73, abs=0.01)
    assert b.loc[2018, "base_change_pct"] == pytest.approx(0.3437, abs=1e-3)
    assert b.loc[2013, "base_change_pct"] == 0


def test_stock_flow_gap_by_hand():
    s = trends.stock_flow()
    # 881000 - 317000 = 564000; 659000 - 564000 = 95000
    assert s["fall"] == 564000 and s["gap"] == 95000


def test_series_carry_their_measure():
    nat = trends.national_series(2012, 2019)
    assert set(nat["measure"]) == {trends.MEASURE_SURVEY}
    assert nat["year"].between(2012, 2019).all()
    reg = trends.register_series("Liangshan")
    assert set(reg["measure"]) == {trends.MEASURE_REGISTER}
    with pytest.raises(KeyError):
        trends.register_series("Atlantis")


def test_comparison_rates_by_hand():
    c = trends.comparison_rates().set_index("place")
    # Sichuan register 9.6 -> 1.1: -8.5 pp; China survey 8.5 -> 1.7: -6.8 pp, -80%
    assert c.loc["Sichuan", "change_pp"] == pytest.approx(-8.5)
    assert c.loc["China (rural)", "change_relative_pct"] == pytest.approx(-80.0)
    assert c.loc["China (rural)", "measure"] == trends.MEASURE_SURVEY


def test_register_value_can_take_a_rate_whose_point_in_the_year_is_not_fixed():
    # the radio report's 11 % for 2018 (S13), whatever period the context table gives it
    value, source = trends.register_value("Liangshan", 2018, "poverty_incidence", period=None)
    assert (value, source) == (11.0, "S13")
    with pytest.raises(KeyError):
        trends.register_value("Liangshan", 2016, "poverty_incidence")
