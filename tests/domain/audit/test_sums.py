"""Sums, ratios and ranges inside the article, by hand."""
import pytest

from analysis.data import register
from analysis.domain.audit import sums


def _by_id(rows):
    return {c.check_id: c for c in rows}


def test_sums_by_hand():
    s = _by_id(sums.sums())
    # 39,271 + 22,601 = 61,872; 45 + 8 = 53; 28 + 3 + 2 = 33
    assert (s["schooling.peak_identity"].computed, s["schooling.peak_identity"].expected) == \
        (61_872, 61_872)
    assert s["kuijiu_group2.households"].computed == 53
    assert s["wawu_group.households"].computed == 33
    assert {c.verdict for c in s.values()} == {"consistent"}


def test_ratios_by_hand():
    r = _by_id(sums.ratios())
    # 565 / 591 = 0.956007 -> 95.60 %, printed 95.6: within 0.05 but not exact
    k = r["kuijiu.poverty_rate"]
    assert k.computed == pytest.approx(95.6007, abs=1e-4)
    assert (k.agreement, k.verdict) == ("within rounding", "consistent")
    # 372 / 30 = 12.4 exactly
    assert r["butuo.staff_per_clinic"].agreement == "exact"
    # 11 teams for 11 counties: one each; 5,700 / 11 = 518 members a team
    t = r["working_teams.one_per_county"]
    assert t.computed == 1 and t.verdict == "consistent" and "518 members" in t.note


def test_ranges_by_hand():
    r = _by_id(sums.ranges())
    assert (r["health.outpatient_bands_join_low"].expected,
            r["health.outpatient_bands_join_low"].computed) == (30, 30)
    assert r["health.outpatient_bands_join_high"].computed == 100
    # the usual holding ends at half a hectare, below the largest, two thirds
    land = r["land.usual_within_maximum"]
    assert land.computed == 0.5 and land.expected == pytest.approx(0.6667, abs=1e-4)
    assert land.agreement == "the bound holds"


def test_range_max_refuses_a_single_number():
    assert sums.range_max(register.fact("liangshan.pension_monthly")) == 117
    with pytest.raises(ValueError, match="kuijiu.residents is not a range"):
        sums.range_max(register.fact("kuijiu.residents"))
