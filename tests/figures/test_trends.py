"""The figures of Chapter 1: drawn from the data, labelled, with a source line."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.domain import trends  # noqa: E402
from analysis.figures import trends as figures_trends


def _texts(fig):
    return [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes
                                                 for t in ax.texts]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_poverty_rates_labels_each_place_and_names_its_sources():
    fig = figures_trends.poverty_rates()
    texts = " ".join(_texts(fig))
    for place in ("Liangshan 19.8%", "Butuo 35.6%", "7.1% Liangshan", "23.6% Jinyang"):
        assert place in texts
    assert "liangshan.poverty_rate.2013" in texts and "poverty_national.csv" in texts
    # three article lines + two context lines; each article line has its own marker
    lines = fig.axes[0].get_lines()
    assert len(lines) == 5
    assert len({ln.get_marker() for ln in lines[:3]}) == 3


def test_national_trend_draws_band_fit_and_points():
    fig = figures_trends.national_trend()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("95% band" in t for t in labels)
    assert any("derived" in t for t in labels)
    # the fitted line passes through the fitted values of trends.trend_band at 2012
    fit = trends.national_trend_fit()
    first = trends.trend_band(fit, [2012])["fitted"].iloc[0] / 1e6
    fitted_line = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"][0]
    assert fitted_line.get_ydata()[0] == pytest.approx(first)


def test_liangshan_pace_marks_the_press_figure_as_another_source():
    fig = figures_trends.liangshan_pace()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any("S13" in t for t in labels)
    texts = " ".join(_texts(fig))
    assert "91,400" in texts  # 317000 - 2 * 112800
    assert "178,000" in texts
