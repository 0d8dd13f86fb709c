"""Exercise 2.1 done as a student would: change the building season in the chapter's
assumptions cell, run the chapter, and check that the page's number, the figure's label and
the solution's comparison all change together (a scratch run in a fresh kernel)."""
import re

import pytest
from exercise import run_chapter

from analysis.data import paths

CHAPTER = "ch2_basic_needs"


@pytest.mark.build
def test_changing_the_season_changes_prose_figure_and_solution(tmp_path):
    run = run_chapter(CHAPTER, {"construction_season_days": 300}, tmp_path)
    g = run.glued
    # the page's number: 300 days of a premium of 1,000,000 yuan a day = 300 million yuan,
    # a season that starts 299 days before 30 November, on 4 February
    assert g["ch2_season_days"] == 300
    assert g["ch2_season_words"] == "4 February to 30 November"
    assert g["ch2_brick_cost_season_m"] == pytest.approx(300)
    # the plausibility check moves too: 3,000,000 x 300 = 900 million bricks / 20,000 = 45,000
    assert g["ch2_season_homes"] == pytest.approx(45_000)
    # the figure's label: the diamond at the chapter's value, not at the default
    texts = [t.strip() for t in run.figures["fig_brick_season"]]
    assert "this chapter: 300 days (4 February to 30 November)" in texts
    assert "300 million yuan" in texts and "275 million yuan" not in texts
    # the solution's comparison: the value in force against the registry's default, by name
    assert (g["ch2_ex_season"], g["ch2_ex_season_default"]) == (300, 275)
    assert g["ch2_ex_words"] == "4 February to 30 November"
    assert g["ch2_ex_words_default"] == "March to November"
    assert (g["ch2_ex_cost_m"], g["ch2_ex_cost_default_m"]) == pytest.approx((300, 275))
    # 300 / 275 - 1 = 0.0909: "9% more than", for the days and the premium alike
    assert g["ch2_ex_change_words"] == g["ch2_ex_days_change_words"] == "9% more than"


def test_the_solution_prints_both_sides_of_the_comparison():
    """The solution's text shows the value in force and the default, each by its glued key,
    so that it reads right after the edit (and never compares a result with itself)."""
    text = (paths.CHAPTERS / f"{CHAPTER}.md").read_text(encoding="utf-8")
    solution = re.search(r"```\{solution\} ex-ch2-season\n(.*?)```", text, re.S).group(1)
    for key in ("ch2_ex_season", "ch2_ex_season_default", "ch2_ex_cost_m",
                "ch2_ex_cost_default_m", "ch2_ex_change_words", "ch2_ex_words",
                "ch2_ex_words_default"):
        assert re.search(r"\{num\}`" + key + r"(:[^`]*)?`", solution), key
    exercise = re.search(r"```\{exercise\}\n:label: ex-ch2-season\n(.*?)```", text, re.S).group(1)
    assert "{ref}`assumptions cell <ch2-assumptions>`" in exercise
    assert "A.construction_season_days" in exercise
