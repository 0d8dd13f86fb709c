"""Chapter 4's named values and tables (numbers worked out by hand from the register and the
context tables), and the exercise that changes an assumption, done as a student would."""
import re

import pytest

from analysis.chapters import ch4, sensitivity_tables
from analysis.data import paths
from analysis.domain.assumptions import Assumptions


def _numbers(values):
    return {k: v.value for k, v in values.items()}


def test_helpers_by_hand():
    v = _numbers(ch4.helpers(Assumptions()))
    # 5,700 / 11 = 518.2 members a team; 317,000 / 5,700 = 55.6 poor a member
    assert v["ch4_members_per_team"] == pytest.approx(518.1818, abs=1e-4)
    assert v["ch4_poor_per_member"] == pytest.approx(55.614, abs=1e-3)
    # 1 - 178,000 / 317,000 = 43.85 % fewer in 2019
    assert v["ch4_poor_fall"] == pytest.approx(43.8486, abs=1e-4)
    # survey at the default share 0.45: 117,000 staff; 117,000 / 317,000 = 0.369
    assert v["ch4_survey_share"] == pytest.approx(45)
    assert v["ch4_survey_per_poor"] == pytest.approx(0.369085, abs=1e-6)
    assert v["ch4_survey_words"].startswith("45% of the survey's members")
    # exercise 4.2: 178,000 / 10 = 17,800 officials
    assert v["ch4_ex_officials"] == 17800
    every = _numbers(ch4.helpers(Assumptions(survey_liangshan_share=1.0)))
    assert every["ch4_survey_per_poor"] == pytest.approx(0.820189, abs=1e-6)
    assert every["ch4_survey_per_poor_default"] == pytest.approx(0.369085, abs=1e-6)
    assert every["ch4_survey_words"] == "every member of the survey worked in Liangshan"


def test_final_year_and_exits_by_hand():
    fy = _numbers(ch4.final_year(Assumptions()))
    assert fy["ch4_fy_to_threshold"] == pytest.approx(44500)  # 178,000 - 3 % of 4,450,000
    assert fy["ch4_fy_to_zero_per_official"] == pytest.approx(15.7857, abs=1e-4)
    ex = _numbers(ch4.exits(Assumptions()))
    assert (ex["ch4_n_exit_2019"], ex["ch4_n_exit_2020"]) == (4, 7)
    assert ex["ch4_date_2020_batch"] == "2020-11-17"
    assert ex["ch4_last_counties"] == "Butuo, Jinyang, Meigu, Puge, Xide, Yuexi, Zhaojue"
    # 1,486,731 of 4,858,359 residents: 30.6 %
    assert ex["ch4_pop_share_2020"] == pytest.approx(30.6015, abs=1e-4)


def test_every_value_the_chapter_prints_is_computed_by_a_section():
    text = (paths.CHAPTERS / "ch4_measures.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\{num\}`([a-z0-9_]+)", text))
    A = Assumptions()
    computed = set(ch4.helpers(A)) | set(ch4.final_year(A)) | set(ch4.exits(A))
    assert shown - computed == set()


def test_tables_and_sensitivity():
    A = Assumptions()
    for frame in (ch4.helpers_table(A), ch4.exits_table(), ch4.final_year_table()):
        assert not frame.isna().any().any()
    survey = ch4.helpers_table(Assumptions(survey_liangshan_share=1.0)).iloc[-1]
    assert "assumed share 100%" in survey["Ratio"] and survey["Value"] == "0.82"
    t = sensitivity_tables.sensitivity_table(ch4.CONCLUSIONS).set_index("Conclusion")
    # one in three holds from 0.45 (0.369) to 1 (0.820); one in two only at the high end
    assert list(t["Flips"]) == ["no", "yes"]
    two = t.iloc[1]
    assert two["At the default"] == "0.37 (fails)" and two["At the high end"] == "0.82 (holds)"


@pytest.mark.build
def test_the_survey_share_exercise_changes_text_figure_and_solution(tmp_path):
    from exercise import run_chapter

    run = run_chapter("ch4_measures", {"survey_liangshan_share": 1.0}, tmp_path)
    g = run.glued
    # the page's number: 260,000 / 317,000 = 0.82 staff per registered poor person
    assert g["ch4_survey_per_poor"] == pytest.approx(0.820189, abs=1e-6)
    assert g["ch4_survey_words"] == "every member of the survey worked in Liangshan"
    # the solution's comparison: the default share (45 %) and its ratio (0.369)
    assert g["ch4_survey_share"] == 100 and g["ch4_survey_share_default"] == 45
    assert g["ch4_survey_per_poor_default"] == pytest.approx(0.369085, abs=1e-6)
    # the figure: 260,000 in Liangshan, 317,000 / 260,000 = 1.2 poor per member
    texts = " ".join(run.figures["fig_mobilisation"])
    assert "assumed 100%" in texts and "1.2" in texts and "assumed 45%" not in texts


def test_survey_exercise_solution_reads_at_the_suggested_share():
    v = ch4.helpers(Assumptions())
    ex, default = v["ch4_ex_survey_per_poor"].value, v["ch4_survey_per_poor_default"].value
    # every member in Liangshan against 45 %: the ratio scales by 1 / 0.45
    assert v["ch4_ex_survey_share"].value == 100
    assert ex == pytest.approx(default / 0.45)
    assert (round(ex, 2), round(default, 2)) == (0.82, 0.37)
    assert v["ch4_ex_poor_per_survey"].value == pytest.approx(1 / ex)
