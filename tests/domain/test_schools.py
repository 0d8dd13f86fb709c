"""Tests of analysis.domain.schools (values worked out by hand from the register)."""
import pytest

from analysis.domain import schools


def test_large_class_share():
    # 355 / 699 = 0.507868; 699 - 355 = 344 classes below the cut-off
    assert schools.large_class_share() == pytest.approx(0.507868, abs=1e-6)
    assert schools.other_classes() == 344


def test_max_class_ratios_and_norms():
    # 135 / 55 = 2.4545; 135 - 45 = 90 pupils over the assumed primary norm; 135 - 50 = 85
    assert schools.max_class_over(55) == pytest.approx(2.454545, abs=1e-6)
    assert schools.over_norm(135, "primary") == 90
    assert schools.over_norm(135, "junior_secondary") == 85
    assert schools.over_norm(30, "primary", norms={"primary": 40}) == -10
    with pytest.raises(ValueError, match="level"):
        schools.over_norm(135, "senior")
    with pytest.raises(ValueError, match="positive"):
        schools.max_class_over(0)


def test_zhaizi_bounds():
    # 95 - 32 - 2 = 61 pupils in the other classes, each of 2..32 pupils:
    # at least ceil(61 / 32) = 2 more classes -> 4; at most floor(61 / 2) = 30 more -> 32
    assert schools.zhaizi_class_count_bounds() == (4, 32)
    lo, hi = schools.zhaizi_mean_class_bounds()
    assert lo == pytest.approx(95 / 32)  # 2.96875
    assert hi == pytest.approx(23.75)    # 95 / 4
    # one class per grade, six grades: 95 / 6 = 15.8333
    assert schools.zhaizi_mean_if_one_class_per_grade() == pytest.approx(15.833333, abs=1e-6)
    with pytest.raises(ValueError, match="classes"):
        schools.zhaizi_mean_if_one_class_per_grade(3)


def test_beds_per_boarder():
    # two or three boarders per bed -> 1/3 to 1/2 bed each
    assert schools.beds_per_boarder() == pytest.approx((1 / 3, 0.5))


def test_norms_and_grades_default_to_the_registry():
    assert schools.norm() == 45 and schools.norm("junior_secondary") == 50
    assert schools.norm("primary", 40) == 40
    with pytest.raises(ValueError, match="positive"):
        schools.norm("primary", 0)
    with pytest.raises(ValueError, match="level"):
        schools.norm("senior")
    assert schools.grades_words() == "six grades" and schools.grades_words(1) == "one grade"
    # one class in each of five grades: 95 / 5 = 19.0 pupils
    assert schools.zhaizi_mean_if_one_class_per_grade(5) == pytest.approx(19.0)


def test_zhaizi_mean_over_the_norm():
    # 95 / 6 = 15.8333 pupils over a norm of 45 = 0.351852; five grades and a norm of 40:
    # 19 / 40 = 0.475
    assert schools.zhaizi_mean_over_norm() == pytest.approx(0.351852, abs=1e-6)
    assert schools.zhaizi_mean_over_norm(5, 40) == pytest.approx(0.475)

