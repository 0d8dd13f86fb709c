"""The book's assumptions: one registry, checked values, and an object chapters override."""
import pytest

from analysis.domain import assumptions, clinics, housing, schools
from analysis.domain.assumptions import Assumption, Assumptions


def test_every_assumption_has_a_range_around_its_default_and_a_basis():
    for a in assumptions.REGISTRY.values():
        assert a.low <= a.default <= a.high, a.name
        assert a.low < a.high, f"{a.name}: a range of one value cannot be explored"
        assert len(a.basis) > 40 and a.what and a.unit, a.name


def test_the_building_season_default_is_march_to_november():
    # 1 March to 30 November 2019: 31+30+31+30+31+31+30+31+30 = 275 days
    assert assumptions.default("construction_season_days") == 275
    assert housing.season_days(3, 11) == 275
    assert housing.season_words(None) == "March to November"


def test_the_domain_modules_take_their_defaults_from_the_registry():
    assert clinics.WORKING_DAYS_PER_YEAR_ASSUMED == assumptions.default("clinic_working_days")
    assert schools.CLASS_SIZE_NORM_ASSUMED == {"primary": 45, "junior_secondary": 50}


def test_an_override_is_checked_and_reported():
    A = Assumptions()
    assert A.construction_season_days == 275 and A.changed() == {}
    A.construction_season_days = 300
    assert A.construction_season_days == 300
    assert A.changed() == {"construction_season_days": 300}
    assert "construction_season_days=300" in repr(A)
    assert Assumptions(clinic_working_days=260).clinic_working_days == 260


@pytest.mark.parametrize("value, message", [
    (400, "outside the values that make sense, 1 to 366 days"),
    (275.5, "expected a whole number"),
    ("300", "expected a number"),
    (float("nan"), "expected a number"),
])
def test_a_value_that_makes_no_sense_is_refused(value, message):
    A = Assumptions()
    with pytest.raises(ValueError, match=message):
        A.construction_season_days = value
    assert A.construction_season_days == 275


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(AttributeError, match="construction_season_days"):
        Assumptions().season_length  # noqa: B018
    with pytest.raises(KeyError, match="no assumption 'season_length'"):
        Assumptions(season_length=3)


def test_an_inconsistent_definition_is_refused():
    with pytest.raises(ValueError, match="low <= default <= high"):
        Assumption("x", default=5, low=6, high=7, unit="days", what="x", basis="b",
                   chapter="ch1", limits=(0, 10))


def test_the_table_lists_a_chapters_assumptions():
    t = assumptions.table("ch3")
    assert set(t["name"]) == {"clinic_working_days", "class_norm_primary",
                              "class_norm_junior_secondary", "primary_grades", "household_size"}
    assert list(t.columns) == ["name", "what", "default", "low", "high", "unit", "basis",
                               "chapter"]
