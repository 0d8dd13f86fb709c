"""China's rural poor 2012-2019: yearly changes, three models, their diagnostics and backtest.

The expectations are worked out by hand from the counts of poverty_national.csv (millions):
98.99, 82.49, 70.17, 55.75, 43.35, 30.46, 16.60, 5.51 (2012-2019).
"""
import math

import numpy as np
import pytest

from analysis.domain import national_models as nm

COUNTS = [98.99e6, 82.49e6, 70.17e6, 55.75e6, 43.35e6, 30.46e6, 16.60e6, 5.51e6]


def test_yearly_changes_by_hand():
    ch = nm.yearly_changes().set_index("year")
    # 82.49 - 98.99 = -16.50 million, -16.50 / 98.99 = -16.67 %; 5.51 - 16.60 = -11.09,
    # -11.09 / 16.60 = -66.81 %; incidence 0.6 - 1.7 = -1.1 pp
    assert ch.loc[2013, "change"] == pytest.approx(-16.5e6)
    assert ch.loc[2013, "change_pct"] == pytest.approx(-16.668, abs=1e-3)
    assert ch.loc[2019, "change"] == pytest.approx(-11.09e6)
    assert ch.loc[2019, "change_pct"] == pytest.approx(-66.807, abs=1e-3)
    assert ch.loc[2019, "change_pp"] == pytest.approx(-1.1)
    assert math.isnan(ch.loc[2012, "change"])
    assert ch["derived"].tolist() == [False, True, False, True, False, False, False, False]


def test_log_linear_residuals_are_those_of_the_issue():
    # log-linear OLS on t = 0..7: slope = sum((t - 3.5)(ln y - mean)) / 42 = -0.36894 (a fall
    # of 30.9 % a year); residuals, rounded: -0.32, -0.13, +0.07, +0.21, +0.33, +0.35, +0.11,
    # -0.62 (the issue's numbers; +0.075 rounds to +0.07 in its text, +0.0749 here)
    f = nm.fits()
    resid = f[f["model"] == "log_linear"]["residual"].to_numpy()
    expected = [-0.3189, -0.1323, 0.0749, 0.2138, 0.3311, 0.3472, 0.1091, -0.6248]
    assert resid == pytest.approx(expected, abs=5e-4)
    # each model's fitted values reproduce the counts up to its residuals
    lin = f[f["model"] == "linear"]
    assert (lin["persons"] - lin["fitted"]).to_numpy() == pytest.approx(
        lin["residual"].to_numpy())


def test_runs_by_counting():
    # signs - - + + + + + -: three runs; with five plus and three minus signs, 2 arrangements
    # have two runs and 6 have three (positives split in two around the negatives: 4 ways;
    # negatives split in two around the positives: 2 ways): p = 8 / C(8, 3) = 8 / 56
    signs = [-1, -1, 1, 1, 1, 1, 1, -1]
    assert nm.sign_runs(signs) == 3
    assert nm.runs_exact_p(signs) == pytest.approx(8 / 56)
    # alternating signs: the most runs possible, so every arrangement has at most as many
    assert nm.runs_exact_p([1, -1, 1, -1]) == 1.0


def test_durbin_watson_p_is_simulated_for_the_design():
    x = np.column_stack([np.ones(8), np.arange(8.0)])
    # a statistic of 0 is never reached by white noise; one of 4 (the largest possible) always
    assert nm.dw_simulated_p(x, 0.0, n=2000) == 0.0
    assert nm.dw_simulated_p(x, 4.0, n=2000) == 1.0
    # the same seed gives the same p
    assert nm.dw_simulated_p(x, 1.5, n=2000) == nm.dw_simulated_p(x, 1.5, n=2000)


def test_diagnostics_of_the_three_models():
    d = nm.diagnostics().set_index("model")
    # DW = sum of squared differences of the residuals over their sum of squares: 0.880 for
    # the log-linear fit (the issue's 0.88); three runs of signs
    assert d.loc["log_linear", "durbin_watson"] == pytest.approx(0.8797, abs=1e-4)
    assert d.loc["log_linear", "runs"] == 3
    assert d.loc["log_linear", "runs_exact_p"] == pytest.approx(8 / 56)
    # at eight points the published bounds are inconclusive (dL 0.76, dU 1.33 at 5 %), but for
    # this design white noise gives so low a value rarely
    assert d.loc["log_linear", "dw_p"] < 0.05
    assert d.loc["linear", "dw_p"] > 0.05
    assert d.loc["log_quadratic", "parameters"] == 3 and (d["n"] == 8).all()
    assert (d["runs_p"].between(0, 1)).all() and (d["ljung_box_p"].between(0, 1)).all()


def test_backtest_by_hand():
    b = nm.backtest()
    # origins 2014..2018 (three points, the quadratic's minimum), predicting 2015..2019
    assert sorted(b["year"].unique()) == [2015, 2016, 2017, 2018, 2019]
    assert len(b) == 15 and set(b["n_fitted"]) == {3, 4, 5, 6, 7}
    ll = b[(b["model"] == "log_linear") & (b["year"] == 2019)].iloc[0]
    # log-linear on 2012-2018 (t = 0..6): slope = sum((t - 3)(ln y - mean)) / 28; predict
    # exp(mean + slope * (7 - 3))
    ly = np.log(COUNTS[:7])
    t = np.arange(7)
    slope = ((t - 3) * (ly - ly.mean())).sum() / 28
    expected = math.exp(ly.mean() + slope * 4)
    assert ll["predicted"] == pytest.approx(expected)
    assert ll["predicted"] == pytest.approx(16.08e6, rel=1e-3)
    assert ll["error_pct"] == pytest.approx(191.86, abs=0.01)  # (16.081 - 5.51) / 5.51
    lin = b[(b["model"] == "linear") & (b["year"] == 2015)].iloc[0]
    # linear on 98.99, 82.49, 70.17: slope (70.17 - 98.99) / 2 = -14.41; mean 83.883 at t=1;
    # predict 83.883 - 14.41 * 2 = 55.063 million for 2015 (actual 55.75)
    assert lin["predicted"] == pytest.approx(55.0633e6, rel=1e-5)


def test_backtest_summary_names_the_failure():
    s = nm.backtest_summary().set_index("model")
    assert s.loc["log_linear", "last_error_pct"] == pytest.approx(191.86, abs=0.01)
    assert (s["forecasts"] == 5).all()
    # the log-linear model over-predicts every year and has the largest mean error
    assert s["mape"].idxmax() == "log_linear" and s["mape"].idxmin() == "linear"
    assert s.loc["log_linear", "worst_year"] == 2019


def test_models_refuse_a_zero_and_unknown_keys():
    with pytest.raises(ValueError, match="positive counts"):
        nm.rural_poor(2012, 2020)  # the declared zero of 2020
    with pytest.raises(KeyError, match="no model"):
        nm.model("cubic")
    assert nm.model("linear") is nm.LINEAR
