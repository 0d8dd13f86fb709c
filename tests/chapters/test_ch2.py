"""Chapter 2's named values, conclusions and tables (analysis.chapters.ch2): numbers worked out
by hand from the register, the census counts and the assumptions."""
import pytest

from analysis.chapters import ch2
from analysis.domain.assumptions import Assumptions


def _numbers(values):
    return {k: v.value for k, v in values.items()}


def test_incomes():
    v = _numbers(ch2.incomes(Assumptions()))
    # 61,000 x 20,000 = 1,220,000,000 yuan = 1.22 billion
    assert v["ch2_migrant_total_bn"] == pytest.approx(1.22)
    # 1,295,600 / 0.52 = 2,491,538 -> 2,490,000; x 0.18 = 448,477 -> 450,000; 52 + 18 = 70
    assert v["ch2_labour_force"] == 2_490_000 and v["ch2_shortfall"] == 450_000
    assert v["ch2_province_rate"] == 70
    # rest = 45,533 - 5,516 - 3,107 = 36,910, 0.81062 of the total
    assert v["ch2_low_rest"] == 36_910
    assert v["ch2_low_rest_share"] == pytest.approx(0.81062, abs=1e-5)
    # rates per family household (2020): 5,516 / 47,744 = 0.115533; 36,910 / 1,320,043 =
    # 0.027961; their ratio 4.1319
    assert v["ch2_low_rate_butuo"] == pytest.approx(0.115533, abs=1e-6)
    assert v["ch2_low_rate_rest"] == pytest.approx(0.027961, abs=1e-6)
    assert v["ch2_low_butuo_over_rest"] == pytest.approx(4.1319, abs=1e-4)
    # 45,533 / 1,411,269 = 0.032264
    assert v["ch2_low_rate"] == pytest.approx(0.032264, abs=1e-6)
    # lines: 2,300 (2010 prices), 2,952 (2016), 3,218 (2019); 4,000 / 3,218 = 1.24301
    assert (v["ch2_line_2010"], v["ch2_line_2016"], v["ch2_line_2019"]) == (2300, 2952, 3218)
    assert v["ch2_mark_over_2019"] == pytest.approx(1.24301, abs=1e-5)
    # over 80: pension 100-117 plus subsidy 50-100 = 150-217 yuan a month
    assert (v["ch2_old_min"], v["ch2_old_max"]) == (150, 217)


def test_housing_at_the_defaults():
    v = _numbers(ch2.housing_values(Assumptions()))
    assert v["ch2_season_days"] == 275 and v["ch2_season_words"] == "March to November"
    # 1,000,000 yuan a day x 275 = 275 million; range 214 (May) to 303 (February) days
    assert v["ch2_brick_cost_season_m"] == pytest.approx(275)
    assert (v["ch2_season_lo"], v["ch2_season_hi"]) == (214, 303)
    assert (v["ch2_season_lo_words"], v["ch2_season_hi_words"]) == ("May to November",
                                                                    "February to November")
    assert (v["ch2_brick_cost_lo_m"], v["ch2_brick_cost_hi_m"]) == pytest.approx((214, 303))
    # 825,000,000 bricks / 20,000 = 41,250 homes = 0.950724 of 43,388
    assert v["ch2_season_bricks_m"] == pytest.approx(825)
    assert v["ch2_season_homes"] == pytest.approx(41_250)
    assert v["ch2_season_homes_share"] == pytest.approx(0.950724, abs=1e-6)
    # 2,670,000 / 3,062,784 = 0.87176 ; / 4,858,359 = 0.54957
    assert v["ch2_rehoused_ratio_rural_2020"] == pytest.approx(0.87176, abs=1e-5)
    assert v["ch2_rehoused_ratio_all_2020"] == pytest.approx(0.54957, abs=1e-5)
    # 43,388 / 1,411,269 = 0.030744
    assert v["ch2_homes_per_household"] == pytest.approx(0.030744, abs=1e-6)


def test_housing_follows_the_chapter_assumptions():
    v = _numbers(ch2.housing_values(Assumptions(construction_season_days=300,
                                                bricks_per_home=40_000)))
    # 300 days from 4 February: 300 million yuan; 900,000,000 bricks / 40,000 = 22,500 homes
    assert v["ch2_season_words"] == "4 February to 30 November"
    assert v["ch2_brick_cost_season_m"] == pytest.approx(300)
    assert v["ch2_season_homes"] == pytest.approx(22_500)
    # the range's ends do not move with the chapter's value
    assert v["ch2_brick_cost_lo_m"] == pytest.approx(214)


def test_schooling_and_utilities():
    v = _numbers(ch2.schooling(Assumptions()))
    # 39,271 + 22,601 = 61,872, the peak; 22,601 - 5,541 = 17,060 from other families
    assert v["ch2_oos_sum"] == 61_872 and v["ch2_oos_diff"] == 0 and v["ch2_oos_other"] == 17_060
    # 22,601 / 950,141 = 0.023787
    assert v["ch2_oos_rate_still"] == pytest.approx(0.023787, abs=1e-6)
    assert v["ch2_school_years"] == 12
    u = _numbers(ch2.utilities(Assumptions()))
    # 20,003 / 4,420 = 4.5256; 4,420 / 1,411,269 = 0.003132
    assert u["ch2_no_power_vs_water"] == pytest.approx(4.5256, abs=1e-4)
    assert u["ch2_no_power_rate"] == pytest.approx(0.003132, abs=1e-6)


def test_medical_follows_the_chapter_share():
    v = _numbers(ch2.medical(Assumptions()))
    # 200-yuan bill: 70 + 0.25 x 100 = 95 at 0.75; 70 + 0.1 x 100 = 80 at 0.9; 120 at 0.5
    assert (v["ch2_example_pay"], v["ch2_example_pay_lo"], v["ch2_example_pay_hi"]) == \
        pytest.approx((95, 80, 120))
    assert v["ch2_band_part"] == pytest.approx(70 / 95)
    assert v["ch2_example_share_back"] == pytest.approx(0.5)
    # 5% of 10,000 = 500
    assert v["ch2_example_stay_pay"] == pytest.approx(500)
    v = _numbers(ch2.medical(Assumptions(reimbursement_share=0.6)))
    # 70 + 0.4 x 100 = 110
    assert v["ch2_share"] == 0.6 and v["ch2_example_pay"] == pytest.approx(110)


@pytest.mark.parametrize("days, words, change", [
    (275, "March to November", "the same as"),
    (214, "May to November", "22% less than"),     # 214 / 275 = 0.778
    (300, "4 February to 30 November", "9% more than"),  # 300 / 275 = 1.091
])
def test_exercise_compares_the_season_in_force_with_the_default(days, words, change):
    v = _numbers(ch2.exercises(Assumptions(construction_season_days=days)))
    assert v["ch2_ex_season"] == days and v["ch2_ex_words"] == words
    assert v["ch2_ex_season_default"] == 275
    assert v["ch2_ex_words_default"] == "March to November"
    assert v["ch2_ex_cost_m"] == pytest.approx(days)  # 1 million yuan a day
    assert v["ch2_ex_cost_default_m"] == pytest.approx(275)
    assert v["ch2_ex_change_words"] == change == v["ch2_ex_days_change_words"]


def test_break_even_bricks_per_home():
    v = _numbers(ch2.exercises(Assumptions()))
    # 825,000,000 / 43,388 = 19,014.47 bricks a home
    assert v["ch2_ex_break_even"] == pytest.approx(19_014.47, abs=0.01)
    # Butuo's part: 43,388 x 5,516 / 45,533 = 5,256.1 homes; 825,000,000 / 5,256.1 = 156,959
    assert v["ch2_ex_beyond_butuo"] == pytest.approx(156_959, abs=1)


def test_sensitivity_table_says_which_conclusions_flip():
    t = ch2.sensitivity_table()
    assert len(t) == 7  # five conclusions, two of them over two assumptions
    builds_all = t[t["Conclusion"].str.contains("every home")]
    # 214 days: 642,000,000 / 20,000 / 43,388 = 0.74 (fails); 303: 1.047 (holds) -> flips;
    # 10,000 bricks: 1.90 (holds), 40,000: 0.475 (fails) -> flips
    assert builds_all["Flips?"].tolist() == ["yes", "yes"]
    assert builds_all["At the low end"].tolist() == ["74% (fails)", "190% (holds)"]
    assert builds_all["At the high end"].tolist() == ["105% (holds)", "48% (fails)"]
    # Butuo's part (5,516 / 45,533 = 0.121) is below the season's share even at 40,000
    # bricks (0.475) and at 214 days (0.74)
    beyond = t[t["Conclusion"].str.contains("Butuo's part")]
    assert beyond["Flips?"].tolist() == ["no", "no"]
    # at a refund share of 0.5 the 200-yuan bill costs 120 yuan, not under 100 -> flips
    under = t[t["Conclusion"].str.startswith("The patient pays under half")].iloc[0]
    assert under["At the low end"] == "120 yuan (fails)" and under["Flips?"] == "yes"
    assert (t["Flips?"] == "yes").sum() == 3


def test_chapter_tables_are_complete():
    for frame in (ch2.labour_table(), ch2.rehoused_table(), ch2.assumptions_table(),
                  ch2.season_check_table(Assumptions())):
        assert not frame.isna().any().any() and len(frame)
    check = ch2.season_check_table(Assumptions(construction_season_days=214))
    assert check["Arithmetic"].iloc[0] == "3,000,000 a day x 214 days"
    assert check["Result"].iloc[0] == "642,000,000"
    basis = ch2.assumptions_table().set_index("Assumption (name in the code)")["Basis"]
    # the address in the basis of bricks_per_home may wrap after "/" and "." in the HTML
    assert "https:/\u200b/\u200bm.\u200bw09." in basis.iloc[1]
    assert basis.index[0].endswith("(construction_season_days)")
    labour = ch2.labour_table().set_index("Quantity")
    assert labour.loc["rural labour force (implied)", "Value"] == "about 2,490,000"
    assert labour.loc["workers transferred", "Given or implied"] == "the article"


def test_season_exercise_solution_reads_at_the_low_end():
    # the low end, 214 days, at the fixed daily premium: 214 against 275 million yuan, 22 % less
    v = _numbers(ch2.exercises(Assumptions()))
    assert v["ch2_ex_season_low"] == 214
    assert v["ch2_ex_cost_low_m"] / v["ch2_ex_cost_default_m"] == pytest.approx(214 / 275)
    assert round(v["ch2_ex_cost_low_m"]) == 214 and round(v["ch2_ex_cost_default_m"]) == 275
    assert v["ch2_ex_change_low_words"] == "22% less than"
