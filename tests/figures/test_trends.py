"""The figures of Chapter 1 on Liangshan: rates, the pace needed, the poverty roll."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.figures import trends as figures_trends  # noqa: E402


def _texts(fig):
    return [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes
                                                 for t in ax.texts] + \
        [ax.get_title() for ax in fig.axes]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_poverty_rates_labels_each_place_the_threshold_and_its_sources():
    fig = figures_trends.poverty_rates()
    texts = " ".join(_texts(fig))
    for place in ("Liangshan 19.8%", "Butuo 35.6%", "7.1% Liangshan", "23.6% Jinyang"):
        assert place in texts
    assert "county exit threshold in Sichuan (3%)" in texts
    assert "NBS sample survey" in texts and "liangshan.poverty_rate" not in texts
    # three article lines + two context lines; each article line has its own marker
    lines = fig.axes[0].get_lines()
    assert len(lines) == 5
    assert len({ln.get_marker() for ln in lines[:3]}) == 3


def test_pace_needed_labels_follow_the_reading_of_late():
    texts = " ".join(_texts(figures_trends.pace_needed()))
    # Butuo: 26 / 2 = 13.00 to zero, 23 / 2 = 11.50 to 3 %, 1.92 achieved
    assert "13.00" in texts and "11.50" in texts and "1.92" in texts
    assert "2 years left from the end of December 2018" in texts
    later = " ".join(_texts(figures_trends.pace_needed(3)))
    # 26 / 2.25 = 11.56; 23 / 2.25 = 10.22
    assert "11.56" in later and "10.22" in later and "end of September" in later


def test_poverty_roll_shows_the_published_and_derived_values():
    fig = figures_trends.poverty_roll()
    texts = " ".join(_texts(fig))
    for stock in ("881,000", "317,000", "178,000"):
        assert stock in texts
    # averages of 2014-2018: 131,800 exits and 19,000 entries a year; flows in thousands
    assert "average 2014-2018: 131,800" in texts and "average 2014-2018: 19,000" in texts
    assert "219" in texts and "73" in texts
    # the straight line runs from 317 (thousand) at the end of 2018 to zero at the deadline
    path = [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "--"][0]
    assert list(path.get_xdata()) == [2018, 2020] and list(path.get_ydata()) == [317, 0]
