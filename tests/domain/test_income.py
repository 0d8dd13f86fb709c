"""Income and labour (analysis.domain.income): values worked out by hand from the register."""
import pytest

from analysis.domain import income


def test_migrant_earnings_total():
    # 61,000 workers x 20,000 yuan = 1,220,000,000 yuan a year
    assert income.migrant_earnings_total() == pytest.approx(1.22e9)


def test_implied_labour_force_and_shortfall():
    # 1,295,600 / 0.52 = 2,491,538.46 persons
    assert income.implied_labour_force() == pytest.approx(2_491_538.46, abs=0.01)
    # 52 + 18 = 70 percent
    assert income.provincial_transfer_rate() == pytest.approx(70.0)
    # 2,491,538.46 x 0.18 = 448,476.92 persons
    assert income.transfer_shortfall() == pytest.approx(448_476.92, abs=0.01)


def test_labour_transfer_table_rows():
    table = income.labour_transfer_table()
    assert list(table.columns) == ["quantity", "value", "unit", "basis"]
    assert len(table) == 5
    assert not table.isna().any().any()
    assert table.loc[table["basis"] == "transfer_shortfall", "unit"].item() == "persons"


def test_low_income_households_by_county():
    table = income.low_income_households_by_county()
    assert list(table["place"]) == ["Butuo", "Jinyang", "rest of Liangshan"]
    # rest = 45,533 - 5,516 - 3,107 = 36,910
    assert table["households"].tolist() == [5516, 3107, 36910]
    # 5,516 / 45,533 = 0.12114; 3,107 / 45,533 = 0.06824
    assert table["share"].iloc[0] == pytest.approx(0.12114, abs=1e-5)
    assert table["share"].iloc[1] == pytest.approx(0.06824, abs=1e-5)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["derived"].tolist() == [False, False, True]
    # family households, census 2020: Butuo 47,744; Jinyang 43,482; the rest 1,411,269 -
    # 47,744 - 43,482 = 1,320,043
    assert table["family_households"].tolist() == [47_744, 43_482, 1_320_043]
    # 5,516 / 47,744 = 0.115533; 3,107 / 43,482 = 0.071455; 36,910 / 1,320,043 = 0.027961
    assert table["rate"].tolist() == pytest.approx([0.115533, 0.071455, 0.027961], abs=1e-6)


def test_low_income_rate_on_both_census_bases():
    # 45,533 / 1,411,269 = 0.032264 (2020); 45,533 / 1,182,922 = 0.038492 (2010)
    assert income.low_income_rate() == pytest.approx(0.032264, abs=1e-6)
    assert income.low_income_rate("2010") == pytest.approx(0.038492, abs=1e-6)


def test_low_income_counties_exceeding_total_is_an_error(patched_values):
    patched_values({"liangshan.households_income_below_4000": 8000.0})  # < 5,516 + 3,107
    with pytest.raises(ValueError, match="exceed"):
        income.low_income_households_by_county()


def test_land_in_mu():
    # 1 ha = 15 mu: 0.5 ha = 7.5 mu; 0.6667 ha = 10.0005 mu
    assert income.hectares_to_mu(0.5) == pytest.approx(7.5)
    table = income.land_holdings()
    assert table["hectares"].tolist() == pytest.approx([0.3333, 0.5, 0.6667])
    assert table["mu"].tolist() == pytest.approx([4.9995, 7.5, 10.0005])
    with pytest.raises(ValueError):
        income.hectares_to_mu(-1)


@pytest.mark.parametrize("age, expected", [
    (45, (0, 0)),
    (60, (0, 0)),          # "over 60": not yet at 60
    (61, (100, 117)),      # pension only
    (80, (100, 117)),      # "over 80": not yet at 80
    (85, (150, 217)),      # 100 + 50 = 150; 117 + 100 = 217
])
def test_monthly_old_age_support(age, expected):
    assert income.monthly_old_age_support(age) == pytest.approx(expected)


@pytest.mark.parametrize("bad", [-1, "sixty", float("nan"), True])
def test_monthly_old_age_support_rejects_bad_age(bad):
    with pytest.raises(ValueError):
        income.monthly_old_age_support(bad)


def test_old_age_schedule_default_ages():
    table = income.old_age_support_schedule()
    # default ages: 60, 61 and 81
    assert table["age"].tolist() == [60, 61, 81]
    assert table["monthly_max_yuan"].tolist() == [0, 117, 217]


def test_income_mark_vs_poverty_line():
    table = income.income_mark_vs_poverty_line()
    const = table[table["measure"].str.contains("constant")]
    assert const["yuan_per_person_per_year"].tolist() == [2300]
    # 4,000 / 2,300 = 1.7391
    assert const["mark_over_line"].item() == pytest.approx(1.7391, abs=1e-4)
    cur = table[(table["measure"].str.contains("current")) & (table["year"] == 2016)]
    # 4,000 / 2,952 = 1.3550
    assert cur["mark_over_line"].item() == pytest.approx(1.3550, abs=1e-4)
    assert not table.isna().any().any()


def test_mark_over_line_selects_by_indicator_and_year():
    # 2019 line 3,218 yuan: 4,000 / 3,218 = 1.24301
    line, ratio = income.mark_over_line("poverty_line_current_prices", 2019)
    assert line == 3218 and ratio == pytest.approx(1.24301, abs=1e-5)
    assert income.mark_over_line("poverty_line_constant_2010_prices", 2010)[0] == 2300
    with pytest.raises(KeyError, match="2017"):
        income.mark_over_line("poverty_line_current_prices", 2017)


def test_labour_force_against_bases_by_hand():
    from analysis.domain import income
    t = income.labour_force_against_bases().set_index("year")
    # 2,491,538 implied (transferred / rate); / 3,062,784 rural residents (2020) = 81.3 %;
    # / 3,285,257 (2010) = 75.8 %; / (317,000 / 0.071 = 4,464,789) = 55.8 %
    lf = income.implied_labour_force()
    assert lf == pytest.approx(2_491_538.46, abs=0.01)
    assert t.loc[2020, "share"] == pytest.approx(lf / 3_062_784)
    assert t.loc[2010, "share"] == pytest.approx(lf / 3_285_257)
    assert t.loc[2018, "share"] == pytest.approx(lf / (317_000 / 0.071))
    assert [round(t.loc[y, "share"] * 100, 1) for y in (2020, 2010, 2018)] == [81.3, 75.8, 55.8]
