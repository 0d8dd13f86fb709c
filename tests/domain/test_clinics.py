"""Tests of analysis.domain.clinics (values worked out by hand from the register)."""
import pytest

from analysis.domain import clinics


def test_staff_per_clinic_matches_article_mean():
    # 372 / 30 = 12.4, the mean the article prints (butuo.medical_workers_per_clinic)
    assert clinics.staff_per_clinic() == pytest.approx(12.4)


def test_posts_and_fill_rate():
    # 390 / 30 = 13.0 posts per clinic; 372 / 390 = 0.953846; 390 - 372 = 18 vacant posts
    assert clinics.posts_per_clinic() == pytest.approx(13.0)
    assert clinics.post_fill_rate() == pytest.approx(0.953846, abs=1e-6)
    assert clinics.vacant_posts() == 18


def test_visits_per_worker_and_per_day():
    # 33,000 / 372 = 88.7097 visits per worker in 2018; / 250 days = 0.354839
    assert clinics.visits_per_worker(2018) == pytest.approx(88.7097, abs=1e-4)
    assert clinics.visits_per_worker_day(2018) == pytest.approx(0.354839, abs=1e-6)
    # 61,000 / 372 / 200 = 0.819892 with a 200-day year
    assert clinics.visits_per_worker_day(2016, working_days=200) == pytest.approx(0.819892,
                                                                                  abs=1e-6)


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="working_days"):
        clinics.visits_per_worker_day(2018, working_days=0)
    with pytest.raises(ValueError, match="2017"):
        clinics.visits(2017)


def test_wadu_two_readings():
    # doctors among the eight: 20 / 8 = 2.5; doctors on top: 20 / (8 + 4) = 1.6667
    assert clinics.wadu_staff(True) == 8
    assert clinics.wadu_patients_per_worker(True) == pytest.approx(2.5)
    assert clinics.wadu_staff(False) == 12
    assert clinics.wadu_patients_per_worker(False) == pytest.approx(1.666667, abs=1e-6)


def test_visits_change():
    vc = clinics.visits_change()
    # 61,000 - 33,000 = 28,000; 28,000 / 61,000 = 0.459016
    assert vc["fall"] == 28000
    assert vc["fall_share"] == pytest.approx(0.459016, abs=1e-6)
    # sqrt(33/61) - 1 = sqrt(0.540984) - 1 = 0.735516 - 1 = -0.264484
    assert vc["annual_change"] == pytest.approx(-0.264484, abs=1e-6)
    # "almost half": (0.5 - 0.459016) * 100 = 4.0984 percentage points short
    assert vc["gap_to_article"] == pytest.approx(4.0984, abs=1e-4)


def test_the_working_year_defaults_to_the_registry_and_is_put_in_words():
    # 33,000 / 372 / 250 = 0.354839 with the default of assumption clinic_working_days
    assert clinics.visits_per_worker_day(2018, None) == pytest.approx(0.354839, abs=1e-6)
    # 250 / 52 = 4.81 days a week; 300 / 52 = 5.77
    assert clinics.working_year_words(250) == "250 days a year, about 4.8 a week"
    assert clinics.working_year_words(300) == "300 days a year, about 5.8 a week"
    assert clinics.days_per_week(260) == pytest.approx(5.0)


def test_visits_per_resident_between_the_census_counts():
    # Butuo counted 160,151 (2010) and 185,553 (2020) residents
    # 2016: 61,000 / 185,553 = 0.328747; 61,000 / 160,151 = 0.380891
    lo, hi = clinics.visits_per_resident_bounds(2016)
    assert (lo, hi) == (pytest.approx(0.328747, abs=1e-6), pytest.approx(0.380891, abs=1e-6))
    # 2018: 33,000 / 185,553 = 0.177847; 33,000 / 160,151 = 0.206056
    lo, hi = clinics.visits_per_resident_bounds(2018)
    assert (lo, hi) == (pytest.approx(0.177847, abs=1e-6), pytest.approx(0.206056, abs=1e-6))


def test_national_rates_and_how_far_butuo_lies_below():
    assert clinics.national_visits_per_resident(2016) == 5.8
    assert clinics.national_visits_per_resident(2018) == 6.0
    # 5.8 visits x 55.1 % at grassroots institutions = 3.1958
    assert clinics.national_grassroots_visits_per_resident(2016) == pytest.approx(3.1958)
    # against Butuo's high bound: 3.1958 / 0.380891 = 8.3903; 6.0 / 0.206056 = 29.118
    assert clinics.national_over_butuo(2016, grassroots=True) == pytest.approx(8.3903, abs=1e-4)
    assert clinics.national_over_butuo(2018) == pytest.approx(29.118, abs=1e-3)
    with pytest.raises(KeyError, match="grassroots_share_of_visits in 2018"):
        clinics.national_grassroots_visits_per_resident(2018)

