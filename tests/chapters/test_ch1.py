"""Chapter 1's named values and tables (numbers worked out by hand from the register and the
context tables), and the exercise that changes an assumption, done as a student would."""
import re

import pytest

from analysis.chapters import ch1, ch1_tables, sensitivity_tables
from analysis.data import paths
from analysis.domain.assumptions import Assumptions


def _numbers(values):
    return {k: v.value for k, v in values.items()}


def test_rates_by_hand():
    v = _numbers(ch1.rates(Assumptions()))
    # Liangshan 19.8 -> 7.1: 12.7 points, 64.1 % of the 2013 rate; Butuo 35.6 -> 26: 9.6 and
    # 27.0 %; compound: 1 - (26 / 35.6) ** (1/5) = 6.09 % a year
    assert v["ch1_ls_pp"] == pytest.approx(12.7) and v["ch1_bt_pp"] == pytest.approx(9.6)
    assert v["ch1_ls_rel"] == pytest.approx(64.1414, abs=1e-4)
    assert v["ch1_bt_cagr"] == pytest.approx(6.0916, abs=1e-4)
    assert v["ch1_years"] == 5
    # Liangshan's share of Sichuan's registered poor: 881,000 / 6,250,000 = 14.1 %;
    # 317,000 / 710,000 = 44.6 %
    assert v["ch1_ls_share_sc_2013"] == pytest.approx(14.096)
    assert v["ch1_ls_share_sc_2018"] == pytest.approx(44.6479, abs=1e-4)


def test_pace_by_hand_and_by_the_assumption():
    v = _numbers(ch1.pace(Assumptions()))
    # to zero: 7.1 / 2 = 3.55 (Liangshan), 26 / 2 = 13 (Butuo), 23.6 / 2 = 11.8 (Jinyang);
    # to 3 %: 2.05, 11.5, 10.3
    assert (v["ch1_ls_need"], v["ch1_bt_need"], v["ch1_jy_need"]) == pytest.approx(
        (3.55, 13.0, 11.8))
    assert (v["ch1_ls_need_thr"], v["ch1_bt_need_thr"], v["ch1_jy_need_thr"]) == \
        pytest.approx((2.05, 11.5, 10.3))
    assert v["ch1_late_date"] == "the end of December" and v["ch1_bt_need_change"] == 0
    later = _numbers(ch1.pace(Assumptions(late_year_months_before_end=3)))
    # 26 / 2.25 = 11.556 against 13 at the default: -1.444
    assert later["ch1_bt_need"] == pytest.approx(11.5556, abs=1e-4)
    assert later["ch1_bt_need_default"] == 13.0
    assert later["ch1_bt_need_change"] == pytest.approx(-1.4444, abs=1e-4)
    assert later["ch1_late_date"] == "the end of September"


def test_poverty_roll_values_by_hand():
    v = _numbers(ch1.poverty_roll(Assumptions()))
    assert v["ch1_roll_entries_1418"] == 95000 and v["ch1_roll_exits_avg"] == 131800
    assert v["ch1_d19_more_exits"] == pytest.approx(10200)
    assert v["ch1_d19_fewer_entries"] == pytest.approx(16000)
    assert v["ch1_d19_gap_closed"] == pytest.approx(57.330, abs=1e-3)  # 26,200 / 45,700
    # against the straight line: 16,500 too few exits + 3,000 entries = 19,500 short;
    # against 2018 (219,000 exits): 77,000 fewer, 77 / 219 = 35.16 %
    assert (v["ch1_d19_exits_short_of_path"], v["ch1_d19_entries"],
            v["ch1_d19_short_of_path"]) == (16500, 3000, 19500)
    assert v["ch1_d19_exits_below_prev"] == 77000
    assert v["ch1_d19_exits_below_prev_pct"] == pytest.approx(35.160, abs=1e-3)
    # 1,052,000 lifted out since 2013 against a 2013 stock of 881,000: 171,000 entries
    assert v["ch1_entries_1420"] == 171000
    # from late 2018: 317,000 / 2 = 158,500 a year to zero; (317,000 - 133,944) / 2 = 91,528
    assert v["ch1_b18_zero"] == 158500
    assert v["ch1_b18_thr"] == pytest.approx(91528.17, abs=0.01)


def test_national_values_name_the_failed_model():
    v = _numbers(ch1.national(Assumptions()))
    assert v["ch1_ll_dw"] == pytest.approx(0.8797, abs=1e-4)
    assert v["ch1_ll_runs"] == 3 and v["ch1_ll_runs_p"] == pytest.approx(8 / 56)
    # the linear model has as few runs, mirrored: + at both ends, − in the six middle years;
    # with two + among eight signs, 2 (two runs) + 1 + 5 (three runs) = 8 of the 28 orders
    assert v["ch1_lin_runs"] == 3 and v["ch1_lin_runs_p"] == pytest.approx(8 / 28)
    assert v["ch1_lin_signs"] == "+ − − − − − − +"
    assert v["ch1_ll_signs"] == "− − + + + + + −"
    assert v["ch1_ll_err_2019"] == pytest.approx(191.86, abs=0.01)
    assert v["ch1_best_model"] == "linear"
    assert v["ch1_nat_n"] == 8 and v["ch1_forecasts"] == 5


def test_denominators_by_hand():
    v = _numbers(ch1.denominators(Assumptions()))
    # 881,000 / 0.198 = 4,449,495; 317,000 / 0.11 = 2,881,818; Kuijiu 565 / 591 = 95.60 %
    assert v["ch1_base_2013_m"] == pytest.approx(4.449495, abs=1e-6)
    assert v["ch1_press_base_2018_m"] == pytest.approx(2.881818, abs=1e-6)
    assert v["ch1_kuijiu_rate"] == pytest.approx(95.6007, abs=1e-4)


def test_every_value_the_chapter_prints_is_computed_by_a_section():
    text = (paths.CHAPTERS / "ch1_changes.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\{num\}`([a-z0-9_]+)", text))
    A = Assumptions()
    computed = set()
    for section in (ch1.places, ch1.rates, ch1.pace, ch1.poverty_roll, ch1.national,
                    ch1.denominators):
        computed |= set(section(A))
    assert shown - computed == set()


def test_tables_have_no_empty_cell():
    A = Assumptions()
    for frame in (ch1_tables.rates(A), ch1_tables.poverty_roll(), ch1_tables.decomposition(),
                  ch1_tables.yearly_changes(), ch1_tables.diagnostics(),
                  ch1_tables.backtest(), ch1_tables.backtest_summary(),
                  sensitivity_tables.sensitivity_table(ch1.CONCLUSIONS)):
        assert not frame.isna().any().any()
    roll = ch1_tables.poverty_roll().set_index("Year (end)")
    assert roll.loc["2014", "On the roll (persons)"] == "not found"
    assert roll.loc["2019", "Entries in the year"] == "3,000"


def test_sensitivity_of_the_chapter():
    t = sensitivity_tables.sensitivity_table(ch1.CONCLUSIONS)
    assert len(t) == len(ch1.CONCLUSIONS)
    # Butuo's ratio to zero: 13 / 1.92 = 6.77 at the default, 11.556 / 1.92 = 6.02 at three
    # months; both above four
    butuo = t[t["Conclusion"].str.startswith("Butuo")].iloc[0]
    assert butuo["At the default"] == "6.77 (holds)" and butuo["At the high end"] == \
        "6.02 (holds)"
    assert set(t["Flips"]) == {"no"}


@pytest.mark.build
def test_the_late_reading_exercise_changes_text_figure_and_solution(tmp_path):
    from exercise import run_chapter

    run = run_chapter("ch1_changes", {"late_year_months_before_end": 3}, tmp_path)
    g = run.glued
    # the page's number: 26 / 2.25 = 11.56 points a year for Butuo
    assert g["ch1_bt_need"] == pytest.approx(11.5556, abs=1e-4)
    assert g["ch1_late_date"] == "the end of September"
    # the solution's comparison: against the default reading (0 months, 13 points a year)
    assert g["ch1_late_months"] == 3 and g["ch1_late_months_default"] == 0
    assert g["ch1_bt_need_default"] == 13.0
    assert g["ch1_bt_need_change"] == pytest.approx(-1.4444, abs=1e-4)
    # the figure's labels follow the same value
    texts = " ".join(run.figures["fig_pace"])
    assert "11.56" in texts and "end of September" in texts and "13.00" not in texts


def test_the_late_exercise_solution_reads_at_the_suggested_setting():
    # at the default (0 months) 2.00 years are left and Butuo needs 13.00 points a year; read
    # "late" as 3 months earlier and 2.25 years are left: 13.00 x 2 / 2.25 = 11.56 points a
    # year, and the ratio 6.77 x 2 / 2.25 = 6.02; shown even when the cell keeps the default
    v = _numbers(ch1.pace(Assumptions()))
    assert v["ch1_ex_late_months"] == 3 and v["ch1_ex_years_left"] == pytest.approx(2.25)
    assert v["ch1_bt_need_default"] == pytest.approx(13.0)
    assert v["ch1_ex_bt_need"] == pytest.approx(13.0 * 2 / 2.25)
    assert v["ch1_ex_bt_ratio"] == pytest.approx(v["ch1_bt_ratio_default"] * 2 / 2.25)
    assert round(v["ch1_ex_bt_ratio"], 2) == 6.02


def test_backtest_ranking_against_the_naive_benchmark():
    v = _numbers(ch1.national(Assumptions()))
    # the first prediction (2015) rests on 2012-2014: three year-ends, the parabola's three
    # coefficients
    assert v["ch1_first_fit_n"] == 3 == v["ch1_lq_parameters"]
    # naive: 13.23 % on average, -50.3 % for 2019; without 2019, 3.65 % (linear), 3.97 %
    assert v["ch1_naive_mape"] == pytest.approx(13.230, abs=1e-3)
    assert v["ch1_naive_err_2019"] == pytest.approx(-50.272, abs=1e-3)
    assert (round(v["ch1_lin_mape_no19"], 1), round(v["ch1_naive_mape_no19"], 1)) == (3.6, 4.0)
    t = ch1_tables.backtest_summary()
    assert t["Model"].iloc[-1] == "same fall as the year before (naive)"
    assert t["Mean absolute error (% of actual)"].tolist() == ["57", "13", "27", "13"]


def test_roll_table_has_an_incidence_column_marked_by_status():
    t = ch1_tables.poverty_roll()
    assert t["Incidence (% of the base)"].tolist() == [
        "19.8 (published)", "—", "—", "—", "—", "7.1 (published)", "4.0 (published)",
        "0.0 (derived)"]
