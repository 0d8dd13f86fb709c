"""Housing, bricks and utilities (analysis.domain.housing): values worked out by hand."""
import pytest

from analysis.domain import housing


def test_relocation_share():
    # 23,700 / 43,388 = 0.54623
    assert housing.relocation_share() == pytest.approx(0.54623, abs=1e-5)


def test_homes_against_households():
    table = housing.homes_against_households().set_index("homes")
    # census 2020: 1,411,269 family households in the prefecture
    assert (table["family_households"] == 1_411_269).all()
    # 43,388 / 1,411,269 = 0.030744 ; 23,700 / 1,411,269 = 0.016793
    assert table.loc["all safe homes", "per_household"] == pytest.approx(0.030744, abs=1e-6)
    assert table.loc["for relocation", "per_household"] == pytest.approx(0.016793, abs=1e-6)


def test_rehoused_against_census():
    table = housing.rehoused_against_census()
    assert table["census_year"].tolist() == ["2010", "2020", "2020"]
    assert table["base"].tolist() == ["rural residents", "rural residents", "all residents"]
    # 2,670,000 / 3,285,257 = 0.81272 ; / 3,062,784 = 0.87176 ; / 4,858,359 = 0.54957
    assert table["ratio"].tolist() == pytest.approx([0.81272, 0.87176, 0.54957], abs=1e-5)
    assert table["basis"].str.contains("census").all()
    with pytest.raises(KeyError):
        housing.rehoused_against_census(bases=(("rural residents", "rural_population", "1990"),))


def test_default_season_is_march_to_november():
    # March 31 + April 30 + May 31 + June 30 + July 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 = 275
    assert housing.season_length() == 275
    assert housing.season_days(3, 11) == 275


@pytest.mark.parametrize("days, words", [
    (275, "March to November"),        # 1 March - 30 November
    (214, "May to November"),          # 31 + 30 + 31 + 31 + 30 + 31 + 30 = 214: from 1 May
    (303, "February to November"),     # 28 more days: from 1 February (2019 is not leap)
    (300, "4 February to 30 November"),  # 303 - 300 = 3 days after 1 February
    (30, "November"),                  # November alone
    (31, "31 October to 30 November"),
    (365, "all year round"),
])
def test_season_words_follow_the_length(days, words):
    assert housing.season_words(days) == words


def test_season_start():
    # 300 days ending 30 November 2019 start 299 days earlier, on 4 February
    assert housing.season_start(300).isoformat() == "2019-02-04"


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
    # 3,000,000 bricks a day x 275 days = 825,000,000 bricks
    assert housing.bricks_per_season() == pytest.approx(825_000_000)


@pytest.mark.parametrize("bad", [-5, 0, 400, float("nan"), 2.5])
def test_bad_season_length_is_an_error(bad):
    with pytest.raises(ValueError, match="construction_season_days"):
        housing.brick_extra_cost_per_season(bad)


def test_cost_by_season_length_marks_the_chapter_value():
    table = housing.brick_cost_by_season_length()
    assert table["is_chapter_value"].sum() == 1
    assert table.loc[table["is_chapter_value"], "season_days"].item() == 275
    assert table["season_days"].min() == 120 and table["season_days"].max() == 365
    # the range's ends are on the curve: 214 and 303 days
    assert {214, 303} <= set(table["season_days"])
    # 120 days x 1,000,000 yuan = 120,000,000 yuan
    assert table["extra_cost_yuan"].iloc[0] == pytest.approx(120_000_000)
    other = housing.brick_cost_by_season_length(season_days=300)
    assert other.loc[other["is_chapter_value"], "season_days"].item() == 300


def test_brick_season_check_by_hand():
    check = housing.brick_season_check().set_index("key")["value"]
    # 3,000,000 x 275 = 825,000,000 bricks; / 20,000 a home = 41,250 homes
    assert check["bricks"] == pytest.approx(825_000_000)
    assert check["homes"] == pytest.approx(41_250)
    assert check["to_build"] == 43_388
    # 41,250 / 43,388 = 0.950724 ; / 47,744 Butuo family households = 0.863983
    assert check["share_of_to_build"] == pytest.approx(0.950724, abs=1e-6)
    assert check["per_butuo_household"] == pytest.approx(0.863983, abs=1e-6)
    # 47,744 / 1,411,269 = 0.033831 ; 5,516 / 45,533 = 0.121143
    assert check["butuo_household_share"] == pytest.approx(0.033831, abs=1e-6)
    assert check["butuo_low_income_share"] == pytest.approx(0.121143, abs=1e-6)
    # the low season and the high bricks: 3,000,000 x 214 = 642,000,000 / 40,000 = 16,050
    # homes; / 43,388 = 0.369918
    low = housing.brick_season_check(214, 40_000).set_index("key")
    assert low.loc["homes", "value"] == pytest.approx(16_050)
    assert low.loc["share_of_to_build", "value"] == pytest.approx(0.369918, abs=1e-6)
    assert low.loc["bricks", "arithmetic"] == "3,000,000 a day x 214 days"
    with pytest.raises(ValueError, match="bricks_per_home"):
        housing.brick_season_check(275, 0)


def test_capacity_above_demand_is_an_error(patched_values):
    patched_values({"butuo.brick_capacity": 4_000_000.0})
    with pytest.raises(ValueError, match="no gap"):
        housing.brick_gap()


def test_utility_gaps_sorted_with_shares_of_households():
    table = housing.utility_gaps()
    assert table["service"].tolist() == ["radio and television", "safe drinking water",
                                         "electricity"]
    assert table["households_without"].tolist() == [21604, 20003, 4420]
    # 21,604 / 1,411,269 = 0.015308 ; 20,003 / 1,411,269 = 0.014174 ; 4,420 / 1,411,269 =
    # 0.003132
    assert table["share_of_households"].tolist() == pytest.approx(
        [0.015308, 0.014174, 0.003132], abs=1e-6)


def test_season_days():
    # April 30 + May 31 + June 30 + July 31 + Aug 31 + Sep 30 + Oct 31 = 214
    assert housing.season_days(4, 10) == 214
    assert housing.season_days(3, 11) == 275
    # whole non-leap year 2019: 365; January of 2020 alone: 31
    assert housing.season_days(1, 12) == 365
    assert housing.season_days(1, 1, year=2020) == 31
    with pytest.raises(ValueError):
        housing.season_days(11, 3)
    with pytest.raises(ValueError):
        housing.season_days(0, 5)
