"""Trends of section I: changes, paces, bases, the national fit and the extrapolations."""
import math

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
    # Liangshan: (19.8-7.1)/5 = 2.54; 7.1/2 = 3.55; Jinyang: (38.1-23.6)/5 = 2.9
    assert t.loc["Liangshan", "pace_achieved_pp"] == pytest.approx(2.54)
    assert t.loc["Liangshan", "pace_needed_pp"] == pytest.approx(3.55)
    assert t.loc["Jinyang", "pace_achieved_pp"] == pytest.approx(2.9)
    assert (t["measure"] == trends.MEASURE_REGISTER).all()


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


def test_national_fit_is_a_fall_with_an_interval_around_it():
    fit = trends.national_trend_fit()
    assert fit.n == 8 and fit.start == 2012 and fit.end == 2019
    # the end points alone: (551/9899) ** (1/7) - 1 = -33.76% a year; the fit is near it
    assert fit.annual_change_low < fit.annual_change_pct < fit.annual_change_high < 0
    assert -40 < fit.annual_change_pct < -25
    assert fit.half_life_low < fit.half_life < fit.half_life_high
    # half-life = ln 0.5 / ln(1 + r)
    assert fit.half_life == pytest.approx(math.log(0.5) / math.log1p(fit.annual_change_pct / 100))
    band = trends.trend_band(fit)
    assert (band["lower"] < band["fitted"]).all() and (band["fitted"] < band["upper"]).all()
    assert len(trends.fit_table(fit)) == 2


def test_fit_refuses_zero_counts_and_too_few_years():
    with pytest.raises(ValueError):
        trends.national_trend_fit(2012, 2020)  # the 2020 zero
    with pytest.raises(ValueError):
        trends.national_trend_fit(2018, 2019)


def test_extrapolations_by_hand():
    e = trends.liangshan_extrapolation()
    pop = e[e["quantity"] == "poor_population"].set_index(["method", "year"])["value"]
    # linear: (881000-317000)/5 = 112800 a year -> 2019: 204200, 2020: 91400
    assert pop[("linear", 2019)] == pytest.approx(204200)
    assert pop[("linear", 2020)] == pytest.approx(91400)
    # constant rate: 317000 * (317/881) ** (2/5) = 317000 * 0.66441 = 210,617
    assert pop[("constant rate", 2020)] == pytest.approx(210617, abs=1)
    rate = e[e["quantity"] == "poverty_rate"].set_index(["method", "year"])["value"]
    # linear rate: 7.1 - 2 * 2.54 = 2.02
    assert rate[("linear", 2020)] == pytest.approx(2.02)


def test_extrapolation_against_the_end_2019_record():
    v = trends.extrapolation_vs_official().set_index("quantity")
    # 178000 - 204200 = -26200 (fewer poor than even the linear pace implied)
    assert v.loc["poor_population", "official"] == 178000
    assert v.loc["poor_population", "official_minus_linear"] == pytest.approx(-26200)
    # rate: 4 - 4.56 = -0.56
    assert v.loc["poverty_rate", "official_minus_linear"] == pytest.approx(-0.56)
    assert v.loc["poverty_rate", "source_id"] == "S13"


def test_summary_table_has_no_missing_values():
    t = trends.trend_summary_table()
    assert len(t) == 5 and not t.isna().any().any()
    assert "n/a" in set(t.iloc[:, -1])
