"""Hedged phrases and stated thresholds, by hand; the reading of "almost" as an assumption."""
import pytest

from analysis.domain.audit import hedges


def test_the_fall_in_visits_with_the_rounding_of_its_counts():
    fall, least, most = hedges.visits_fall()
    # (61,000 - 33,000) / 61,000; counts rounded to the thousand: (60,500 - 33,500) / 60,500
    # and (61,500 - 32,500) / 61,500
    assert fall == pytest.approx(28 / 61)
    assert least == pytest.approx(27_000 / 60_500)
    assert most == pytest.approx(29_000 / 61_500)


def test_almost_half_under_three_readings():
    assert hedges.almost_band(0.5, 0.05) == pytest.approx((0.475, 0.5))
    assert hedges.almost_band(0.5) == pytest.approx((0.45, 0.5))  # the default, 0.10
    (default,) = hedges.hedges()
    (strict,) = hedges.hedges(0.05)
    (loose,) = hedges.hedges(0.2)
    # 0.4590 lies in [0.45, 0.50] and [0.40, 0.50], not in [0.475, 0.50]
    assert default.verdict == "consistent" and loose.verdict == "consistent"
    assert (strict.agreement, strict.verdict) == ("outside the reading", "inconsistent")
    assert "45.0% to 50.0%" in default.note and "47.5% to 50.0%" in strict.note


@pytest.fixture(scope="module")
def by_id():
    return {c.check_id: c for c in hedges.thresholds()}


def test_places_against_floors_thresholds_and_averages(by_id):
    # 95.6 above the floor of 40
    assert by_id["kuijiu.above_visited_floor"].verdict == "consistent"
    # lower county rate: min(35.6, 38.1) = 35.6 >= 19.8; min(26, 23.6) = 23.6 >= 7.1
    c13, c18 = by_id["counties.rates_above_prefecture.2013"], \
        by_id["counties.rates_above_prefecture.2018"]
    assert (c13.computed, c13.expected) == (35.6, 19.8) and "1.8 times" in c13.note
    assert (c18.computed, c18.expected) == (23.6, 7.1) and "3.3 times" in c18.note
    # 80 % relocated against the threshold of 80 % or more: exactly on it
    v = by_id["jinyang.villages_meet_threshold"]
    assert (v.computed, v.expected, v.verdict) == (80, 80, "consistent")
    # 20,000 / 4,000 = 5 persons against 25,424 / 6,652 = 3.82 a household
    w = by_id["income.migrant_wage_covers_household"]
    assert w.expected == 5 and w.computed == pytest.approx(3.822, abs=1e-3)
    # 20 a month = 240 a year, against 33,000 / 30 = 1,100 per township centre
    wadu = by_id["wadu.below_county_average"]
    assert (wadu.computed, wadu.expected, wadu.verdict) == (240, 1_100, "consistent")
