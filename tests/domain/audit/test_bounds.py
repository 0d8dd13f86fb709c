"""Parts against wholes, by hand; a bound read the wrong way round is broken."""
import pytest

from analysis.domain.audit import bounds


@pytest.fixture(scope="module")
def by_id():
    return {c.check_id: c for c in bounds.bounds() + bounds.nesting()
            + bounds.kuijiu_group2_people()}


def test_parts_within_wholes(by_id):
    posts = by_id["butuo.posts_filled"]
    # 372 of 390 posts: 95.4 %, 18 vacant
    assert (posts.computed, posts.expected) == (372, 390)
    assert "fill rate 95.4%" in posts.note and "18 posts vacant" in posts.note
    # 5,516 + 3,107 = 8,623 of 45,533: 18.9 %
    assert by_id["income.county_subsets"].computed == 8_623
    assert "18.9%" in by_id["income.county_subsets"].note
    # 18,090 of the 317,000 at the end of 2018: 5.7 %
    assert "5.7% of the end-2018 roll" in by_id["migrants.within_roll"].note
    # 5,700 of 11,276: 50.5 %
    assert "at least 50.5%" in by_id["officials.teams_within_all"].note
    assert {c.verdict for c in by_id.values()} == {"consistent"}


def test_nesting_of_the_places_visited(by_id):
    trip, teams = by_id["trip.nesting"], by_id["teams.nesting"]
    # 6 townships <= 7 villages <= 29 households; 18 <= 26 <= 84
    assert (trip.computed, trip.expected) == (6, 7) and trip.verdict == "consistent"
    assert (teams.computed, teams.expected) == (18, 26) and teams.verdict == "consistent"
    assert "4.1 households a village" in trip.note  # 29 / 7 = 4.14


def test_kuijiu_second_group_among_the_non_poor(by_id):
    c = by_id["kuijiu_group2.non_poor_people"]
    # 591 - 565 = 26 residents not poor hold the 8 unregistered households: 26 / 8 = 3.25
    # people each at most, against 591 / 166 = 3.56 for the village
    assert (c.computed, c.expected) == (8, 26) and c.verdict == "consistent"
    assert "at most 3.25 people" in c.note and "3.56" in c.note


def test_a_bound_the_wrong_way_round_is_inconsistent():
    # 390 posts do not fit within 372 staff
    c = bounds.bound("x", "posts within staff", ["butuo.township_clinic_posts"],
                     ["butuo.township_clinic_staff"])
    assert c.agreement == "the bound is broken" and c.verdict == "inconsistent"
    assert c.note == "share 104.8%"  # 390 / 372
