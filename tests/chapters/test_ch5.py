"""Chapter 5's named values: on a small list worked out by hand, and on the shipped data (the
counts by batch of the list's README)."""
import pandas as pd
import pytest

from analysis.chapters import ch5
from analysis.domain import national

LS, NJ, LX = (national.PREFECTURES[k] for k in ("Liangshan", "Nujiang", "Linxia"))


def _numbers(values):
    return {k: v.value for k, v in values.items()}


def _small():
    """Eight counties: two batches of the derived group's prefectures and four others."""
    rows = [  # list_code, prefecture, exit year, derived group
        ("513429", LS, 2020, True), ("513430", LS, 2020, True), ("513422", LS, 2019, True),
        ("533300", NJ, 2020, True), ("622900", LX, 2018, True),
        ("100001", "A", 2018, False), ("100002", "A", 2019, False), ("100003", "B", 2020, False),
    ]
    f = pd.DataFrame(rows, columns=["list_code", "prefecture_zh", "exit_year",
                                    "sanqu_sanzhou_derived"])
    f["liangshan"] = f["prefecture_zh"] == LS
    return f


def test_batches_by_hand():
    v = _numbers(ch5.batches(_small()))
    assert v["ch5_total"] == 8 and (v["ch5_first_year"], v["ch5_last_year"]) == (2018, 2020)
    assert (v["ch5_batch_2018"], v["ch5_batch_2019"], v["ch5_batch_2020"]) == (2, 2, 4)
    assert (v["ch5_ls_batch_2019"], v["ch5_ls_batch_2020"]) == (1, 2)
    # Liangshan: 2 of the last batch of 4 = 50 %; before its first (2019): 2 of 8 = 25 %
    assert v["ch5_ls_share_of_last_pct"] == pytest.approx(50.0)
    assert v["ch5_ls_before_first_pct"] == pytest.approx(25.0)
    assert v["ch5_trip_in_last"] == 2  # Butuo and Jinyang
    assert v["ch5_trip_in_last_words"] == "both"


def test_groups_by_hand():
    v = _numbers(ch5.groups(_small()))
    # derived group: 5 counties, mean (2020+2020+2019+2020+2018)/5 = 2019.4, 3 of 5 last
    assert v["ch5_sq_n"] == 5 and v["ch5_sq_mean"] == pytest.approx(2019.4)
    assert v["ch5_sq_last_pct"] == pytest.approx(60.0)
    # the rest: 3 counties, mean 2019, 1 of 3 last; ratio 60 / 33.3 = 1.8
    assert v["ch5_rest_mean"] == pytest.approx(2019.0)
    assert v["ch5_sq_last_ratio"] == pytest.approx(1.8)
    assert (v["ch5_nj_last_pct"], v["ch5_lx_last_pct"]) == (pytest.approx(100.0),
                                                             pytest.approx(0.0))


def test_values_on_the_shipped_list():
    v = _numbers(ch5.batches())
    # ../shared/national/README.md: 28, 125, 282, 345, 52; Liangshan 4 in 2019, 7 in 2020
    assert [v[f"ch5_batch_{y}"] for y in range(2016, 2021)] == [28, 125, 282, 345, 52]
    assert (v["ch5_ls_batch_2019"], v["ch5_ls_batch_2020"], v["ch5_ls_counties"]) == (4, 7, 11)
    # 28 + 125 + 282 = 435 of 832 had left before 2019: 52.28 %; 7 / 52 = 13.46 %
    assert v["ch5_ls_before_first_pct"] == pytest.approx(435 / 832 * 100)
    assert v["ch5_ls_share_of_last_pct"] == pytest.approx(7 / 52 * 100)
    c = _numbers(ch5.census_change())
    # every listed county falls in exactly one comparison class
    assert c["ch5_same_code"] + c["ch5_changed"] + c["ch5_by_hand"] + c["ch5_not_matched"] == 832
    # the falls the prose prints are the changes with the sign turned: "shrank by 6.9%"
    assert c["ch5_pop_fall_all_2019"] == pytest.approx(-c["ch5_pop_all_2019"])
    assert c["ch5_pop_fall_all_2019"] > 0 and c["ch5_pop_fall_same_2019"] > 0
    m = _numbers(ch5.map_values())
    assert (m["ch5_n_polygons"], m["ch5_not_on_map"]) == (2875, 1)
    # each unmatched county of the crosswalk is a row of the table, none dropped: 4 + 1 + 1
    assert len(ch5.unmatched_table()) == 6


def _model(probabilities, lr_pvalue=0.0):
    """An ExitModel built by hand: two predictors, coefficients 0 and log 2 (odds ratio 2),
    intervals log 2 +- 0.5; separate logits of three steps for each."""
    import numpy as np

    idx = ["minority_share_2010", "urban_share_2010"]
    coefs = pd.DataFrame({"coef": [0.0, np.log(2)], "lower": [-0.5, np.log(2) - 0.5],
                          "upper": [0.5, np.log(2) + 0.5], "p_value": [1.0, 0.0004]},
                         index=idx)
    coefs["odds_ratio"] = np.exp(coefs["coef"])
    steps = pd.DataFrame({"2018 or later": [0.0, np.log(0.5)], "2019 or later": [0.0, 0.0],
                          "2020 or later": [np.log(3), np.log(4)]}, index=idx)
    brant = pd.DataFrame({"chi2": [1.0, 30.0, 31.0], "df": [2, 2, 4],
                          "p_value": [0.6065, 3e-7, 3e-6]},
                         index=idx + [national.ALL_PREDICTORS])
    return national.ExitModel(
        coefficients=coefs, naive=coefs, within=coefs,
        within_left_out=pd.Series(dtype=int), n=len(probabilities), n_provinces=3,
        left_out=pd.DataFrame({"list_code": [], "reason": []}), pseudo_r2=0.1,
        lr_pvalue=lr_pvalue, hit_rate=0.5, modal_rate=0.4, proportional_odds=steps,
        brant=brant, probabilities=probabilities,
        last_step=pd.Series(0.5, index=probabilities.index))


def test_liangshan_expected_by_hand():
    f = _small()
    # each county: 2018 0.2, 2019 0.5, 2020 0.3, except Butuo (513429): 2020 0.9
    probs = pd.DataFrame({2018: 0.2, 2019: 0.5, 2020: 0.3}, index=f["list_code"])
    probs.loc["513429"] = [0.0, 0.1, 0.9]
    v = _numbers(ch5.liangshan_expected(_model(probs), f))
    # Liangshan: three counties; expected in 2020: 0.9 + 0.3 + 0.3 = 1.5, observed 2
    assert v["ch5_ls_expected_2020"] == pytest.approx(1.5)
    assert v["ch5_ls_expected_2019"] == pytest.approx(0.1 + 0.5 + 0.5)
    assert (v["ch5_ls_observed_last"], v["ch5_ls_n_model"]) == (2, 3)
    assert v["ch5_ls_expected_last_ratio"] == pytest.approx(2 / 1.5)
    # expected in the last two batches: (1.1 + 1.5) / 3 = 86.7 %
    assert v["ch5_ls_expected_late_pct"] == pytest.approx(2.6 / 3 * 100)
    # derived group (5 counties): 2020 expected 0.9 + 4 x 0.3 = 2.1; observed 3
    assert (v["ch5_sq_observed_last"], v["ch5_sq_expected_last"]) == (3, pytest.approx(2.1))
    # the last step's own logit gives every county 0.5 here: 3 x 0.5 and 5 x 0.5
    assert v["ch5_ls_expected_last_logit"] == pytest.approx(1.5)
    assert v["ch5_sq_expected_last_logit"] == pytest.approx(2.5)
    t = ch5.expected_table(_model(probs), f).set_index("Exit batch")
    assert t.loc["2020", "Liangshan, observed"] == 2
    assert t.loc["2020", "Liangshan, expected"] == pytest.approx(1.5)


def test_model_values_and_tables_by_hand():
    probs = pd.DataFrame({2018: [1.0]}, index=["1"])
    m = _model(probs, lr_pvalue=0.0)
    v = _numbers(ch5.model(m))
    # a p-value that underflows to 0 prints as "< 0.001", never "0"
    assert v["ch5_lr_p"] == "< 0.001" and v["ch5_p_urban"] == "< 0.001"
    assert v["ch5_p_minority"] == "1.000"
    # urban: odds ratio 2, interval exp(log 2 -+ 0.5) = 1.213 to 3.297
    assert v["ch5_or_urban"] == pytest.approx(2.0)
    assert v["ch5_or_urban_lo"] == pytest.approx(2 * 0.60653, rel=1e-4)
    assert v["ch5_or_fe_urban_hi"] == pytest.approx(2 * 1.64872, rel=1e-4)
    # urban's separate logits: odds ratios 0.5, 1, 4; the last step's is 4
    assert (v["ch5_step_urban_min"], v["ch5_step_urban_max"]) == (pytest.approx(0.5),
                                                                   pytest.approx(4.0))
    assert v["ch5_step_minority_last"] == pytest.approx(3.0)
    assert v["ch5_brant_p_minority"] == "0.607" and v["ch5_brant_p"] == "< 0.001"
    assert (v["ch5_brant_df"], v["ch5_within_left_out"]) == (4, 0)
    steps = ch5.step_table(m).set_index("Predictor (2010, standardised)")
    assert steps.loc["Urban share, 2010 (%)", "Left 2020 or later"] == 4.0
    assert steps.loc["Urban share, 2010 (%)", "Equal steps: p-value"] == "< 0.001"
    coef = ch5.coefficient_table(m).set_index("Predictor (2010, standardised)")
    assert coef.loc["Urban share, 2010 (%)", "95% interval (clustered)"] == "1.21 to 3.30"


@pytest.mark.build
def test_model_on_the_shipped_data():
    """The full fit (a few seconds): the numbers the referee re-fitted with statsmodels."""
    v = _numbers(ch5.model()) | _numbers(ch5.liangshan_expected())
    assert v["ch5_n"] == 826 and v["ch5_n_provinces"] == 22 and v["ch5_within_left_out"] == 0
    # province-clustered: minority share 1.43 (1.02 to 2.01), p = 0.04
    assert (v["ch5_or_minority_lo"], v["ch5_or_minority_hi"]) == (
        pytest.approx(1.02, abs=0.01), pytest.approx(2.01, abs=0.01))
    assert v["ch5_p_minority"] == "0.040"
    # within provinces illiteracy 1.87, p < 0.001
    assert v["ch5_or_fe_illiteracy"] == pytest.approx(1.87, abs=0.01)
    # Liangshan: 7 of 11 in the last batch against about 1.6 expected
    assert v["ch5_ls_observed_last"] == 7
    assert v["ch5_ls_expected_2020"] == pytest.approx(1.56, abs=0.02)
    # the separate logit of the last step alone still expects under 4 (3.67)
    assert v["ch5_ls_expected_last_logit"] == pytest.approx(3.67, abs=0.02)
