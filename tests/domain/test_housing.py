"""Housing, bricks and utilities (analysis.domain.housing): values worked out by hand."""
import pytest

from analysis.domain import housing


def test_relocation_share():
    # 23,700 / 43,388 = 0.54623
    assert housing.relocation_share() == pytest.approx(0.54623, abs=1e-5)


def test_rehoused_against_census():
    table = housing.rehoused_against_census()
    assert table["census_year"].tolist() == ["2010", "2020"]
    # 2,670,000 / 3,285,257 = 0.81272 ; 2,670,000 / 3,062,784 = 0.87176
    assert table["ratio"].tolist() == pytest.approx([0.81272, 0.87176], abs=1e-5)
    assert table["basis"].str.contains("census").all()
    with pytest.raises(KeyError):
        housing.rehoused_against_census(years=("1990",))


def test_default_season_is_march_to_november():
    # March 31 + April 30 + May 31 + June 30 + July 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 = 275
    assert housing.CONSTRUCTION_SEASON_DAYS_ASSUMED == 275


def test_brick_gap_and_costs():
    gap = housing.brick_gap()
    # 3,000,000 - 500,000 = 2,500,000 bricks a day brought in
    assert gap["bricks_per_day"].tolist() == [500_000, 2_500_000]
    assert housing.bricks_brought_in_per_day() == 2_500_000
    # (0.70 - 0.30) x 2,500,000 = 1,000,000 yuan a day
    assert housing.brick_extra_cost_per_day() == pytest.approx(1_000_000)
    # x 275 days = 275,000,000 yuan; x 100 days = 100,000,000 yuan
    assert housing.brick_extra_cost_per_season() == pytest.approx(275_000_000)
    assert housing.brick_extra_cost_per_season(100) == pytest.approx(100_000_000)


@pytest.mark.parametrize("bad", [-5, 400, float("nan")])
def test_bad_season_length_is_an_error(bad):
    with pytest.raises(ValueError):
        housing.brick_extra_cost_per_season(bad)


def test_cost_by_season_length_marks_default():
    table = housing.brick_cost_by_season_length()
    assert table["is_default_assumption"].sum() == 1
    row = table[table["is_default_assumption"]].iloc[0]
    assert row["season_days"] == 275
    assert table["season_days"].min() == 120 and table["season_days"].max() == 365
    # 120 days x 1,000,000 yuan = 120,000,000 yuan
    assert table["extra_cost_yuan"].iloc[0] == pytest.approx(120_000_000)


def test_capacity_above_demand_is_an_error(patched_values):
    patched_values({"butuo.brick_capacity": 4_000_000.0})
    with pytest.raises(ValueError, match="no gap"):
        housing.brick_gap()


def test_utility_gaps_sorted():
    table = housing.utility_gaps()
    assert table["service"].tolist() == ["radio and television", "safe drinking water",
                                         "electricity"]
    assert table["households_without"].tolist() == [21604, 20003, 4420]


def test_season_days():
    # April 30 + May 31 + June 30 + July 31 + Aug 31 + Sep 30 + Oct 31 = 214
    assert housing.season_days(4, 10) == 214
    assert housing.season_days(3, 11) == housing.CONSTRUCTION_SEASON_DAYS_ASSUMED
    # whole non-leap year 2019: 365; January of 2020 alone: 31
    assert housing.season_days(1, 12) == 365
    assert housing.season_days(1, 1, year=2020) == 31
    with pytest.raises(ValueError):
        housing.season_days(11, 3)
    with pytest.raises(ValueError):
        housing.season_days(0, 5)
