"""The article against the county status table, the census and the press's county count."""
import pytest

from analysis.domain.audit import outside


@pytest.fixture(scope="module")
def by_id():
    return {c.check_id: c for c in outside.county_counts() + outside.census()}


def test_counties(by_id):
    assert by_id["liangshan.poor_counties"].computed == 11
    # 11 - 4 counties of the 2019 batch = 7 left at the start of 2020 (S13)
    r = by_id["liangshan.counties_remaining_2020"]
    assert (r.computed, r.expected, r.verdict) == (7, 7, "consistent")
    assert "S13" in r.sources and "S09" in r.sources


def test_census(by_id):
    # all minorities, 2020: Butuo 95.89, Jinyang 84.47; the lower, 84.47, is above 80
    m = by_id["butuo_jinyang.minority_share"]
    assert (m.computed, m.expected, m.verdict) == (84.47, 80, "consistent")
    # 2,670,000 / 3,285,257 = 81.3 %
    h = by_id["housing.rehoused_within_rural"]
    assert (h.computed, h.expected) == (2_670_000, 3_285_257) and "81.3%" in h.note
