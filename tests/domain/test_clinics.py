"""Tests of analysis.domain.clinics (values worked out by hand from the register)."""
import math

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


def test_clinic_indicators_table():
    t = clinics.clinic_indicators()
    assert list(t.columns) == ["indicator", "value", "unit", "fact_ids", "note"]
    assert not t["value"].isna().any()
    assert t["value"].map(math.isfinite).all()
    row = t[t["indicator"].str.contains("posts filled")].iloc[0]
    assert row["value"] == pytest.approx(95.3846, abs=1e-4)  # 372 / 390 * 100
