"""Tests of analysis.domain.policy (values worked out by hand from the register)."""
import numpy as np
import pytest

from analysis.data.problems import DataError
from analysis.domain import policy


def test_household_outlay():
    # registered poor pay 10,000 of a 120,000 house; a cheaper house (6,000) is paid in full
    assert policy.household_outlay(120000, True) == 10000
    assert policy.household_outlay(6000, True) == 6000
    # not registered, grant 30,000 (default low end): 120,000 - 30,000 = 90,000
    assert policy.household_outlay(120000, False) == 90000
    # grant 50,000: 120,000 - 50,000 = 70,000; a 40,000 house costs them nothing
    assert policy.household_outlay(120000, False, subsidy=50000) == 70000
    assert policy.household_outlay(40000, False, subsidy=50000) == 0
    arr = policy.household_outlay(np.array([0.0, 120000.0]), True)
    assert list(arr) == [0.0, 10000.0]


def test_support_and_gap():
    # 120,000 house: poor get 110,000, others 30,000 -> gap 80,000
    assert policy.public_support(120000, True) == 110000
    assert policy.subsidy_gap(120000) == 80000
    # with the high grant: 110,000 - 50,000 = 60,000
    assert policy.subsidy_gap(120000, subsidy=50000) == 60000


def test_cost_for_gap_solves_the_article_gap():
    # 100,000 = cost - 10,000 - 30,000 -> cost = 140,000; with 50,000 grant -> 160,000
    assert policy.cost_for_gap(100000) == 140000
    assert policy.cost_for_gap(100000, subsidy=50000) == 160000
    assert policy.subsidy_gap(policy.cost_for_gap(100000)) == pytest.approx(100000)
    g = policy.gap_costs()
    # "tens of thousands" read as at least 20,000: 20,000 + 10,000 + 30,000 = 60,000, or
    # 80,000 with the 50,000 grant
    assert sorted(g["house_cost_yuan"]) == [60000, 80000, 140000, 160000]


def test_bad_inputs():
    with pytest.raises(ValueError, match="total_cost"):
        policy.household_outlay(-1, True)
    with pytest.raises(ValueError, match="subsidy"):
        policy.household_outlay(1000, False, subsidy=-5)
    with pytest.raises(ValueError, match="gap"):
        policy.cost_for_gap(0)
    with pytest.raises(ValueError, match="share"):
        policy.above_threshold(1.5)


def test_schedule_shape():
    s = policy.schedule([0, 100000])
    assert len(s) == 6  # 2 costs x 3 cases
    row = s[(s["case"] == "not registered, high grant") & (s["total_cost"] == 100000)].iloc[0]
    assert row["household_outlay"] == 50000 and row["public_support"] == 50000


def test_villager_groups():
    vg = policy.villager_groups()
    assert vg["households"].sum() == 86  # 53 + 33
    shares = policy.group_moving_shares()
    # Kuijiu: 45 / 53 = 0.849057; Wawu: (28 + 3) / 33 = 0.939394
    assert shares.iloc[0] == pytest.approx(0.849057, abs=1e-6)
    assert shares.iloc[1] == pytest.approx(0.939394, abs=1e-6)
    # the threshold itself (a share of a village's people relocated): 0.80 and above
    assert policy.above_threshold(0.80) and not policy.above_threshold(0.79)


def test_villager_groups_inconsistent_register(monkeypatch):
    real = policy.register.value

    def fake(fid, *a):
        return 54.0 if fid == "kuijiu_group2.households" else real(fid, *a)

    monkeypatch.setattr(policy.register, "value", fake)
    with pytest.raises(DataError, match="kuijiu_group2.households"):
        policy.villager_groups()


def test_jinyang_officials_per_village():
    # 175 / 119 = 1.470588
    assert policy.jinyang_official_households_per_village() == pytest.approx(1.470588, abs=1e-6)


def test_jinyang_villages_reach_the_whole_village_threshold():
    # 80 % of their villagers relocated, against a threshold of "80 % or more"
    assert policy.whole_village_threshold() == pytest.approx(0.80)
    assert policy.villages_at_threshold()


def test_per_person_and_in_years_of_income():
    # 10,000 yuan / 3.70 persons = 2,702.70 yuan per person (default household size)
    assert policy.per_person(10000) == pytest.approx(2702.7027, abs=1e-4)
    assert list(policy.per_person(np.array([30000.0, 50000.0]), 4.0)) == [7500.0, 12500.0]
    # 30,000 yuan / (3.70 x 4,000 yuan) = 2.027 years; over one person's income: 7.5 years
    assert policy.income_years(30000) == pytest.approx(2.027027, abs=1e-6)
    assert policy.income_years(30000, 1.0) == pytest.approx(7.5)
    # two years at 4,000 yuan a person: 30,000 / 8,000 = 3.75 persons
    assert policy.household_size_for_income_years(30000, 2.0) == pytest.approx(3.75)
    with pytest.raises(ValueError, match="household_size"):
        policy.per_person(1000, 0.5)
    with pytest.raises(ValueError, match="years"):
        policy.household_size_for_income_years(1000, 0)


def test_outlay_at_the_smallest_gap_is_gap_plus_contribution():
    # house of 60,000 (gap 20,000 + 10,000 + 30,000): the other household pays 60,000 - 30,000
    assert policy.outlay_at_gap() == 30000
    # a gap of 50,000: house 90,000, outlay 60,000
    assert policy.outlay_at_gap(50000) == 60000


def test_the_per_person_table():
    t = policy.per_person_table({"four": 4.0, "two": 2.0}).set_index("household")
    # 10,000 / 4 = 2,500; 30,000 / 4 = 7,500; 50,000 / 4 = 12,500; 30,000 / (4 x 4,000) = 1.875
    assert t.loc["four"].tolist() == [4.0, 2500.0, 7500.0, 12500.0, 1.875]
    assert t.loc["two", "outlay_years"] == pytest.approx(3.75)  # 30,000 / 8,000
