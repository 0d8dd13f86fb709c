"""Doing chapter 3's exercise as a student would: a longer working year set in the chapter's
assumptions cell reaches the prose, the figure and the solution, which compares it with the
registry's default."""
import pytest
from exercise import run_chapter

from analysis.domain import assumptions


@pytest.mark.build
def test_a_longer_working_year_reaches_prose_figure_and_solution(tmp_path):
    assert assumptions.default("clinic_working_days") == 250
    run = run_chapter("ch3_problems", {"clinic_working_days": 300}, tmp_path)
    g = run.glued
    # the page: 33,000 visits / 372 staff / 300 days = 0.295699 (0.354839 at the default 250)
    assert g["ch3_visits_per_day"] == pytest.approx(0.295699, abs=1e-6)
    assert g["ch3_working_year"] == "300 days a year, about 5.8 a week"
    # the solution: the value in force against the default, by name
    assert g["ch3_ex_per_day"] == pytest.approx(0.295699, abs=1e-6)
    assert g["ch3_ex_per_day_default"] == pytest.approx(0.354839, abs=1e-6)
    assert g["ch3_ex_week_default"] == "250 days a year, about 4.8 a week"
    assert g["ch3_ex_direction"] == "lighter"
    assert g["ch3_ex_change"] == pytest.approx(1 / 6)  # 1 - 250 / 300
    # the figure: panel (b) labels and its note on the working year
    texts = run.figures["fig_health"]
    assert "0.30" in texts and "0.55" in texts  # 0.295699 and 61,000 / 372 / 300 = 0.546595
    assert any("300 days a year, about 5.8 a week" in t for t in texts)
    assert not any("250 days" in t for t in texts)
    # the sensitivity table is built from the registry, not from the chapter's override
    assert g["ch3_n_flips"] == 1
