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
    # both above the 80% line
    assert all(policy.above_threshold(s) for s in shares)
    assert not policy.above_threshold(0.79)


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
