"""Tests of analysis.domain.census: the census bases of the chapters' rates (values copied by
hand from the census tabulations, S01)."""
import pytest

from analysis.domain import assumptions, census


def test_population_and_its_bounds():
    # Butuo: 160,151 residents in 2010, 185,553 in 2020
    assert census.population(census.BUTUO, 2010) == 160151
    assert census.population(census.BUTUO, "2020") == 185553
    assert census.population_bounds(census.BUTUO) == (160151, 185553)


def test_households_and_their_size():
    assert census.households(census.LIANGSHAN, 2020) == 1411269
    assert census.household_size(census.BUTUO, 2020) == pytest.approx(3.70)
    assert census.household_size(census.JINYANG, 2010) == pytest.approx(4.27)


@pytest.mark.parametrize("code", [census.LIANGSHAN, census.BUTUO, census.JINYANG])
@pytest.mark.parametrize("year", census.YEARS)
def test_the_published_size_is_population_over_households(code, year):
    # e.g. Butuo 2020: 176,596 / 47,744 = 3.6988, published 3.70; Liangshan 2010:
    # 4,396,442 / 1,182,922 = 3.7166, published 3.72 (rounded to two decimals)
    assert census.household_size_computed(code, year) == pytest.approx(
        census.household_size(code, year), abs=0.005)


def test_a_missing_row_names_what_was_asked():
    with pytest.raises(KeyError, match=r"\(513401\), family_household_size, '2020'"):
        census.household_size("513401", 2020)  # Xichang: no household size in the table


def test_the_household_size_assumption_is_the_census_range():
    # default Butuo 2020 (3.70), low Liangshan 2020 (3.25), high the largest of the six means
    # of Liangshan, Butuo and Jinyang in 2010 and 2020 (Jinyang 2010, 4.27)
    a = assumptions.get("household_size")
    sizes = [census.household_size(c, y) for c in (census.LIANGSHAN, census.BUTUO,
                                                   census.JINYANG) for y in census.YEARS]
    assert a.default == census.household_size(census.BUTUO, 2020)
    assert a.low == census.household_size(census.LIANGSHAN, 2020)
    assert a.high == max(sizes) == census.household_size(census.JINYANG, 2010)
