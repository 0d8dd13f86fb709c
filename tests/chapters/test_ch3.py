"""analysis.chapters.ch3: each section's values, worked out by hand from the register and the
context tables; the assumptions in force reach every value that rests on them."""
import pytest

from analysis.chapters import ch3
from analysis.domain.assumptions import Assumptions


def _n(values, key):
    return values.number(key)


def test_health_section():
    v = ch3.health(Assumptions())
    # 372 staff / 30 centres = 12.4; 390 / 30 = 13.0; 372 / 390 = 0.953846; 390 - 372 = 18
    assert _n(v, "ch3_staff_per_clinic") == pytest.approx(12.4)
    assert _n(v, "ch3_posts_per_clinic") == pytest.approx(13.0)
    assert _n(v, "ch3_fill_rate") == pytest.approx(0.953846, abs=1e-6)
    assert _n(v, "ch3_vacant") == 18
    # 33,000 / 372 = 88.71 visits per worker in 2018; / 250 days = 0.354839
    assert _n(v, "ch3_visits_per_worker") == pytest.approx(88.7097, abs=1e-4)
    assert _n(v, "ch3_visits_per_day") == pytest.approx(0.354839, abs=1e-6)
    assert _n(v, "ch3_visits_per_day_2016") == pytest.approx(0.655914, abs=1e-6)  # 61,000/372/250
    assert v.number("ch3_working_year") == "250 days a year, about 4.8 a week"
    # Wadu: 20 patients / 8 staff = 2.5; / 12 staff = 1.6667
    assert (_n(v, "ch3_wadu_a"), _n(v, "ch3_wadu_b")) == (2.5, pytest.approx(1.666667, abs=1e-6))
    # 28,000 fewer visits = 45.9 % of 61,000; compound 1 - sqrt(33/61) = 0.264484 a year
    assert _n(v, "ch3_fall") == 28000
    assert _n(v, "ch3_annual_change") == pytest.approx(0.264484, abs=1e-6)
    # per resident, 2018: 33,000 / 185,553 = 0.177847 to 33,000 / 160,151 = 0.206056
    assert _n(v, "ch3_per_res_2018_lo") == pytest.approx(0.177847, abs=1e-6)
    assert _n(v, "ch3_per_res_2018_hi") == pytest.approx(0.206056, abs=1e-6)
    assert (_n(v, "ch3_pop_small"), _n(v, "ch3_pop_large")) == (160151, 185553)
    # China: 5.8 and 6.0 visits per resident; 5.8 x 0.551 = 3.1958 at grassroots institutions
    assert (_n(v, "ch3_nat_2016"), _n(v, "ch3_nat_2018")) == (5.8, 6.0)
    assert _n(v, "ch3_nat_grass_2016") == pytest.approx(3.1958)
    assert _n(v, "ch3_nat_over_butuo_2018") == pytest.approx(29.118, abs=1e-3)  # 6.0 / 0.206056


def test_health_section_follows_the_working_year_in_force():
    v = ch3.health(Assumptions(clinic_working_days=300))
    # 33,000 / 372 / 300 = 0.295699
    assert _n(v, "ch3_visits_per_day") == pytest.approx(0.295699, abs=1e-6)
    assert _n(v, "ch3_working_days") == 300
    assert v.number("ch3_working_year") == "300 days a year, about 5.8 a week"


def test_schools_section():
    v = ch3.schools(Assumptions(class_norm_primary=40, primary_grades=5))
    # 355 / 699 = 0.507868; 699 - 355 = 344; 135 / 55 = 2.4545
    assert _n(v, "ch3_large_share") == pytest.approx(0.507868, abs=1e-6)
    assert _n(v, "ch3_other_classes") == 344
    assert _n(v, "ch3_max_over_cut") == pytest.approx(2.454545, abs=1e-6)
    # against the norm in force, 40: 135 / 40 = 3.375
    assert _n(v, "ch3_norm_primary") == 40
    assert _n(v, "ch3_max_over_norm") == pytest.approx(3.375)
    # Zhaizi: 4 to 32 classes, mean 95/32 = 2.97 to 95/4 = 23.75; five grades: 95 / 5 = 19,
    # 19 / 40 = 0.475 of the norm
    assert (_n(v, "ch3_zhaizi_classes_lo"), _n(v, "ch3_zhaizi_classes_hi")) == (4, 32)
    assert _n(v, "ch3_zhaizi_mean_hi") == pytest.approx(23.75)
    assert _n(v, "ch3_zhaizi_per_grade") == pytest.approx(19.0)
    assert _n(v, "ch3_zhaizi_over_norm") == pytest.approx(0.475)
    assert v.number("ch3_grades_words") == "five grades"
    assert (_n(v, "ch3_bed_lo"), _n(v, "ch3_bed_hi")) == (pytest.approx(1 / 3), 0.5)


def test_relocation_section():
    v = ch3.relocation(Assumptions())
    # gap = cost - 10,000 - grant: 100,000 -> 140,000 or 160,000; 20,000 -> 60,000 or 80,000
    assert [_n(v, f"ch3_cost_gap_{k}") for k in ("max_lo", "max_hi", "min_lo", "min_hi")] == \
        [140000, 160000, 60000, 80000]
    # 45 / 53 = 0.849057; (28 + 3) / 33 = 0.939394; 175 officials' households / 119 villages
    assert _n(v, "ch3_kuijiu_moving") == pytest.approx(0.849057, abs=1e-6)
    assert _n(v, "ch3_wawu_moving") == pytest.approx(0.939394, abs=1e-6)
    assert _n(v, "ch3_officials_per_village") == pytest.approx(1.470588, abs=1e-6)
    # per person at 3.70: 10,000 -> 2,702.70; 30,000 -> 8,108.11; 100,000 -> 27,027.03
    assert _n(v, "ch3_contribution_pp") == pytest.approx(2702.7027, abs=1e-4)
    assert _n(v, "ch3_grant_lo_pp") == pytest.approx(8108.1081, abs=1e-4)
    assert _n(v, "ch3_gap_max_pp") == pytest.approx(27027.027, abs=1e-3)
    # outlay 30,000 = 2.027 years at 3.70 x 4,000; 7.5 over one person's 4,000
    assert _n(v, "ch3_outlay_years") == pytest.approx(2.027027, abs=1e-6)
    assert _n(v, "ch3_outlay_years_one") == pytest.approx(7.5)
    assert _n(v, "ch3_contribution_years") == pytest.approx(0.675676, abs=1e-6)  # 10,000/14,800
    assert _n(v, "ch3_size_two_years") == pytest.approx(3.75)
    assert (_n(v, "ch3_hh_butuo_2020"), _n(v, "ch3_hh_jinyang_2010")) == (3.7, 4.27)


def test_relocation_section_follows_the_household_size_in_force():
    v = ch3.relocation(Assumptions(household_size=4.0))
    # 10,000 / 4 = 2,500 yuan per person; 30,000 / (4 x 4,000) = 1.875 years
    assert _n(v, "ch3_contribution_pp") == 2500
    assert _n(v, "ch3_outlay_years") == pytest.approx(1.875)


def test_migrants_section():
    v = ch3.migrants(Assumptions())
    # 150,800 + 34,300 = 185,100; 34,300 / 185,100 = 0.185305; 185,100 / 4,858,359 = 0.038099
    assert _n(v, "ch3_migrants_total") == 185100
    assert _n(v, "ch3_outside_share") == pytest.approx(0.185305, abs=1e-6)
    assert _n(v, "ch3_movers_share_res") == pytest.approx(0.038099, abs=1e-6)
    # 6,652 / 1,411,269 = 0.0047135; 25,424 - 18,090 = 7,334 people out of poverty
    assert _n(v, "ch3_reg_hh_share") == pytest.approx(0.0047135, abs=1e-7)
    assert (_n(v, "ch3_out_persons"), _n(v, "ch3_out_households")) == (7334, 2290)


def test_exercise_values_compare_the_value_in_force_with_the_default():
    same = ch3.exercises(Assumptions())
    assert _n(same, "ch3_ex_change") == 0 and same.number("ch3_ex_direction") == "the same"
    v = ch3.exercises(Assumptions(clinic_working_days=300, household_size=4.27))
    # 0.295699 against 0.354839: lighter by 1 - 250/300 = 0.166667
    assert _n(v, "ch3_ex_per_day") == pytest.approx(0.295699, abs=1e-6)
    assert _n(v, "ch3_ex_per_day_default") == pytest.approx(0.354839, abs=1e-6)
    assert _n(v, "ch3_ex_change") == pytest.approx(1 / 6)
    assert v.number("ch3_ex_direction") == "lighter"
    assert (_n(v, "ch3_ex_days"), _n(v, "ch3_ex_days_default")) == (300, 250)
    assert v.number("ch3_ex_week_default") == "250 days a year, about 4.8 a week"
    # 30,000 / (4.27 x 4,000) = 1.756440 years, against 2.027027 at the default 3.70
    assert _n(v, "ch3_ex_years") == pytest.approx(1.756440, abs=1e-6)
    assert _n(v, "ch3_ex_years_default") == pytest.approx(2.027027, abs=1e-6)
    # the example house of 100,000: 10,000 paid on the roll; 70,000 or 50,000 off it;
    # gaps 60,000 and 40,000
    assert [_n(v, k) for k in ("ch3_ex_poor_pays", "ch3_ex_other_lo", "ch3_ex_other_hi",
                               "ch3_ex_gap_lo", "ch3_ex_gap_hi")] == \
        [10000, 70000, 50000, 60000, 40000]


def test_conclusions_and_which_flip():
    keys = [c.key for c in ch3.CONCLUSIONS]
    assert len(keys) == len(set(keys)) == 5
    v = ch3.sensitivity_summary()
    # only the outlay conclusion flips: at 4.27 persons 30,000 / 17,080 = 1.76 years < 2
    assert (_n(v, "ch3_n_conclusions"), _n(v, "ch3_n_flips")) == (5, 1)


def test_exercise_solutions_read_at_the_suggested_settings():
    v = ch3.exercises(Assumptions())
    # 300 working days instead of 250: the load 0.3548 x 250 / 300 = 0.2957 visits a day
    assert _n(v, "ch3_ex_days_suggested") == 300
    assert _n(v, "ch3_ex_per_day_suggested") == pytest.approx(
        _n(v, "ch3_ex_per_day_default") * 250 / 300)
    assert round(_n(v, "ch3_ex_per_day_suggested"), 2) == 0.30
    # the high end, 4.27 persons: 30,000 / (4.27 x 4,000) = 1.76 years, against 2.03
    assert _n(v, "ch3_ex_size_high") == 4.27
    assert _n(v, "ch3_ex_years_high") == pytest.approx(30_000 / (4.27 * 4_000))
    assert round(_n(v, "ch3_ex_years_default"), 2) == 2.03
