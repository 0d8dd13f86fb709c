"""analysis.domain.national on small synthetic frames (numbers worked out in the comments) and
on the shipped data."""
import numpy as np
import pandas as pd
import pytest

from analysis.domain import national as dom


def _frame(years, liangshan, sanqu):
    return pd.DataFrame({"exit_year": years, "liangshan": liangshan,
                         "sanqu_sanzhou_derived": sanqu,
                         "prefecture_zh": ["凉山彝族自治州" if x else "x" for x in liangshan]})


def test_batches_and_liangshan_position_on_a_small_list():
    f = _frame([2018, 2019, 2019, 2020, 2020], [False, True, False, True, False],
               [False, True, True, True, False])
    b = dom.batches(f).set_index("exit_year")
    assert b["counties"].tolist() == [1, 2, 2] and b["cumulative"].tolist() == [1, 3, 5]
    assert b["liangshan"].tolist() == [0, 1, 1]
    pos = dom.liangshan_position(f)
    # 1 of the 2 last-batch counties is Liangshan's: 50 %; 1 of 5 left before 2019: 20 %
    assert pos["share_of_last_pct"] == 50 and pos["before_first_pct"] == 20


def test_counts_by_batch_and_liangshan_on_the_data():
    f = dom.county_frame()
    b = dom.batches(f).set_index("exit_year")
    assert b["counties"].to_dict() == {2016: 28, 2017: 125, 2018: 282, 2019: 345, 2020: 52}
    # Liangshan: 4 in Sichuan's 2019 batch, 7 in the last (context/poverty_county_status.csv)
    assert b["liangshan"].to_dict() == {2016: 0, 2017: 0, 2018: 0, 2019: 4, 2020: 7}
    assert f["sanqu_sanzhou_derived"].sum() == 197


def test_census_change_by_batch_by_hand():
    f = pd.DataFrame({"exit_year": [2019, 2019], "comparison": [dom.SAME_CODE, dom.CHANGED],
                      "population_2010": [100.0, 300.0], "population_2020": [90.0, 330.0],
                      "minority_share_2010": [50.0, 10.0], "minority_share_2020": [60.0, 10.0],
                      "urban_share_2010": [10.0, 20.0], "urban_share_2020": [20.0, 40.0]})
    ch = dom.census_change_by_batch(f).set_index("set")
    # all: 420 / 400 - 1 = +5 %; same code only: 90 / 100 - 1 = -10 %
    assert ch.loc["all matched", "population_change_pct"] == pytest.approx(5.0)
    assert ch.loc["same code only", "population_change_pct"] == pytest.approx(-10.0)
    # minority, weighted: 2020 (60*90 + 10*330) / 420 = 20.714; 2010 (5000 + 3000) / 400 = 20
    assert ch.loc["all matched", "minority_change_pp"] == pytest.approx(0.714, abs=1e-3)


def test_the_ordered_model_recovers_known_coefficients():
    """A synthetic frame drawn from an ordered logit with known coefficients (1.0 and -0.5 per
    standard deviation, thresholds -1, 0, 1): the fit recovers them within sampling error."""
    rng = np.random.default_rng(7)
    n = 3000
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    latent = 1.0 * x1 - 0.5 * x2 + rng.logistic(size=n)
    years = 2017 + np.searchsorted([-1.0, 0.0, 1.0], latent)
    f = pd.DataFrame({"list_code": [f"{i:06d}" for i in range(n)], "exit_year": years,
                      "census_2010_method": "code", "a": x1, "b": x2})
    m = dom.exit_model(f, predictors=("a", "b"))
    assert m.n == n and m.left_out.empty
    assert m.coefficients.loc["a", "coef"] == pytest.approx(1.0, abs=0.1)
    assert m.coefficients.loc["b", "coef"] == pytest.approx(-0.5, abs=0.1)
    assert m.lr_pvalue < 1e-10 and m.hit_rate > m.modal_rate
    # the separate logits of "k or later" agree with one another under this model
    assert m.proportional_odds.loc["a"].between(0.8, 1.2).all()


def test_model_frame_lists_what_it_leaves_out():
    f = pd.DataFrame({"list_code": ["1", "2", "3"], "census_2010_method": ["code", "unmatched",
                                                                           "code"],
                      "a": [1.0, np.nan, np.nan]})
    used, left = dom.model_frame(f, ("a",))
    assert used["list_code"].tolist() == ["1"]
    assert left.set_index("list_code")["reason"].to_dict() == {
        "2": "not in the 2010 census tabulation", "3": "no value for a"}
