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


def _ordered_frame(n, seed, province_shift=0.0, last_step_b=None):
    """n counties in 20 provinces (list codes 11xxxx .. 30xxxx) drawn from an ordered logit
    with coefficients 1.0 (a) and -0.5 (b) per standard deviation and thresholds -1, 0, 1
    (years 2017 .. 2020). ``province_shift``: a province effect on the latent scale, and the
    same amount added to the province's mean of ``a`` (so ``a`` and the province are confounded).
    ``last_step_b``: b's coefficient for the last step only (a violation of proportional odds)."""
    rng = np.random.default_rng(seed)
    prov = np.arange(n) % 20
    effect = rng.normal(size=20)[prov] * province_shift
    x1 = rng.normal(size=n) + effect
    x2 = rng.normal(size=n)
    latent = 1.0 * x1 - 0.5 * x2 + effect + rng.logistic(size=n)
    years = 2017 + np.searchsorted([-1.0, 0.0, 1.0], latent)
    if last_step_b is not None:  # the last step decided by its own rule
        last = -2.0 + last_step_b * x2 + x1 + rng.logistic(size=n) > 0
        years = np.where(years >= 2019, np.where(last, 2020, 2019), years)
    return pd.DataFrame({"list_code": [f"{11 + p:02d}{i:04d}" for p, i in zip(prov, range(n))],
                         "exit_year": years, "census_2010_method": "code", "a": x1, "b": x2})


def test_the_ordered_model_recovers_known_coefficients():
    """Drawn from an ordered logit with known coefficients (1.0 and -0.5 per standard deviation,
    thresholds -1, 0, 1): the fit recovers them within sampling error, across the list and
    within provinces; the separate logits agree and the Brant-type test does not reject."""
    f = _ordered_frame(2000, seed=7)
    m = dom.exit_model(f, predictors=("a", "b"))
    assert m.n == 2000 and m.left_out.empty and m.n_provinces == 20
    for table in (m.coefficients, m.within, m.naive):
        assert table.loc["a", "coef"] == pytest.approx(1.0, abs=0.12)
        assert table.loc["b", "coef"] == pytest.approx(-0.5, abs=0.12)
    assert m.lr_pvalue < 1e-10 and m.hit_rate > m.modal_rate
    # the separate logits of "k or later" agree with one another under this model
    assert m.proportional_odds.loc["a"].between(0.8, 1.2).all()
    assert m.brant.loc[dom.ALL_PREDICTORS, "df"] == 4  # 2 predictors x (3 steps - 1)
    assert m.brant.loc[dom.ALL_PREDICTORS, "p_value"] > 0.01
    # the probabilities of each county sum to 1 over the four years
    assert m.probabilities.sum(axis=1).to_numpy() == pytest.approx(np.ones(2000))


def test_clustered_intervals_widen_and_fixed_effects_remove_a_province_confounder():
    """Provinces shift both the latent exit and the mean of a (by a standard normal draw per
    province, times 1.5): counties of one province are not independent, so the clustered
    interval of a is wider than the naive one; pooled, a absorbs the province effect (its
    coefficient per unit of a exceeds 1.0), within provinces it is back near 1.0. Provinces
    whose counties all left in one year are left out of the within fit, and named."""
    f = _ordered_frame(1200, seed=3, province_shift=1.5)
    m = dom.exit_model(f, predictors=("a", "b"))
    width = {name: t.loc["a", "upper"] - t.loc["a", "lower"]
             for name, t in (("clustered", m.coefficients), ("naive", m.naive))}
    assert width["clustered"] > 1.5 * width["naive"]
    # coefficients are the same fit; only the covariance differs
    assert m.coefficients.loc["a", "coef"] == pytest.approx(m.naive.loc["a", "coef"])
    # the model counts a in standard deviations of the whole frame: per unit, divide by it
    sd = f["a"].std(ddof=0)
    assert m.coefficients.loc["a", "coef"] / sd > 1.3
    assert m.within.loc["a", "coef"] / sd == pytest.approx(1.0, abs=0.2)
    one_year = f.groupby(f["list_code"].str[:2])["exit_year"].nunique()
    assert sorted(m.within_left_out.index) == sorted(one_year[one_year == 1].index)
    assert len(m.within_left_out) > 0 and (m.within_left_out == 60).all()  # 1200 / 20


def test_brant_test_rejects_steps_that_differ():
    """b weighs -0.5 on the first steps but +1.5 on the last: its separate logits differ and
    the test rejects for b (and for all at once)."""
    f = _ordered_frame(2000, seed=11, last_step_b=1.5)
    m = dom.exit_model(f, predictors=("a", "b"))
    po = m.proportional_odds.loc["b"]
    assert po.iloc[0] < 0 < po.iloc[-1]
    assert m.brant.loc["b", "p_value"] < 1e-6 and m.brant.loc["b", "df"] == 2
    assert m.brant.loc[dom.ALL_PREDICTORS, "p_value"] < 1e-6


def test_brant_statistic_for_two_steps_by_hand():
    """Two steps, one predictor: the statistic is (b1 - b2)^2 / (v11 + v22 - 2 v12), with v the
    covariances Brant gives, written out here with explicit sums over counties."""
    from statsmodels.discrete.discrete_model import Logit

    rng = np.random.default_rng(5)
    x = rng.normal(size=400)
    codes = np.searchsorted([-0.5, 0.7], 0.8 * x + rng.logistic(size=400))
    xc = np.column_stack([np.ones(400), x])
    fits = [Logit((codes >= j).astype(float), xc).fit(disp=False) for j in (1, 2)]
    pi = [f.predict(xc) for f in fits]

    def info(w):  # the 2 x 2 matrix sum_i w_i (1, x_i)' (1, x_i)
        return np.array([[w.sum(), (w * x).sum()], [(w * x).sum(), (w * x * x).sum()]])
    v1, v2 = np.linalg.inv(info(pi[0] * (1 - pi[0]))), np.linalg.inv(info(pi[1] * (1 - pi[1])))
    v12 = v1 @ info(pi[1] * (1 - pi[0])) @ v2  # a county past step 2 is past step 1
    diff = fits[0].params[1] - fits[1].params[1]
    chi2 = diff ** 2 / (v1[1, 1] + v2[1, 1] - 2 * v12[1, 1])
    out = dom.brant_test(codes, pd.DataFrame({"x": x}))
    assert out.loc["x", "chi2"] == pytest.approx(chi2, rel=1e-6)
    assert out.loc["x", "df"] == 1
    with pytest.raises(ValueError, match="three ordered outcome values"):
        dom.brant_test(np.minimum(codes, 1), pd.DataFrame({"x": x}))


def test_expected_by_batch_by_hand():
    """Three counties with their probabilities of 2019 and 2020; the group is the first two and
    a fourth outside the fit: expected 2019 = 0.9 + 0.4 = 1.3, 2020 = 0.1 + 0.6 = 0.7;
    observed one in each year."""
    probs = pd.DataFrame({2019: [0.9, 0.4, 0.5], 2020: [0.1, 0.6, 0.5]},
                         index=pd.Index(["a", "b", "c"], name="list_code"))
    observed = pd.Series({"a": 2019, "b": 2020, "c": 2020, "d": 2020})
    members = pd.Series({"a": True, "b": True, "c": False, "d": True})
    e = dom.expected_by_batch(probs, observed, members)
    assert e["observed"].to_dict() == {2019: 1, 2020: 1}
    assert e["expected"].to_dict() == pytest.approx({2019: 1.3, 2020: 0.7})


def test_model_frame_lists_what_it_leaves_out():
    f = pd.DataFrame({"list_code": ["1", "2", "3"], "census_2010_method": ["code", "unmatched",
                                                                           "code"],
                      "a": [1.0, np.nan, np.nan]})
    used, left = dom.model_frame(f, ("a",))
    assert used["list_code"].tolist() == ["1"]
    assert left.set_index("list_code")["reason"].to_dict() == {
        "2": "not in the 2010 census tabulation", "3": "no value for a"}
