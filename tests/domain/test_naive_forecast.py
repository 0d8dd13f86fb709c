"""The naive benchmark of chapter 1's backtest (numbers worked out by hand from the national
survey's counts)."""
import pytest

from analysis.domain import naive_forecast, national_models


def test_naive_predictions_by_hand():
    b = naive_forecast.backtest().set_index("year")
    # same years as the models' backtest: 2015-2019
    assert b.index.tolist() == sorted(national_models.backtest()["year"].unique()) == \
        [2015, 2016, 2017, 2018, 2019]
    # 2019: 30.46 million at the end of 2017 and 16.60 at the end of 2018; 16.60 - (30.46 -
    # 16.60) = 2.74 million against 5.51 found: (2.74 - 5.51) / 5.51 = -50.3 %
    assert b.loc[2019, "predicted"] == pytest.approx(2_740_000)
    assert b.loc[2019, "actual"] == pytest.approx(5_510_000)
    assert b.loc[2019, "error_pct"] == pytest.approx((2.74 - 5.51) / 5.51 * 100)


def test_naive_summary_and_the_year_2019():
    s = naive_forecast.summary()
    # mean of |3.77|, |-4.66|, |1.61|, |5.84|, |-50.27| = 13.23 %, the linear model's 12.67
    assert s["forecasts"] == 5 and s["mape"] == pytest.approx(13.230, abs=1e-3)
    assert s["worst_year"] == 2019
    w = naive_forecast.mape_without(2019)
    # without 2019: naive (3.77 + 4.66 + 1.61 + 5.84) / 4 = 3.97; linear (1.23 + 4.64 +
    # 5.63 + 3.10) / 4 = 3.65
    assert w["naive"] == pytest.approx(3.970, abs=1e-3)
    assert w["linear"] == pytest.approx(3.650, abs=1e-3)
    assert set(national_models.backtest_summary()["worst_year"]) == {2019}
