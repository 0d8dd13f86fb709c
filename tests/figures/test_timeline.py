"""The primer's timeline figure: one mark and one label per event, drawn to scale."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.domain import timeline  # noqa: E402
from analysis.figures import timeline as figures_timeline  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _labels(fig):
    return [t for t in fig.axes[0].texts]


def test_each_event_has_its_label_in_date_order():
    ev = timeline.events()
    fig = figures_timeline.campaign_timeline(ev)
    labels = _labels(fig)
    assert len(labels) == len(ev) == 14
    joined = [t.get_text().replace("\n", " ") for t in labels]
    assert joined[0].startswith("3 Nov 2013: Xi Jinping")
    assert joined[1].startswith("2014: Poor households")          # the year only
    assert joined[-1] == "25 Feb 2021: Absolute rural poverty declared ended"
    # time runs downwards: each label's slot lies later on the axis than the one before
    slots = [t.get_position()[1] for t in labels]
    assert slots == sorted(slots)
    assert fig.axes[0].get_ylim()[0] > fig.axes[0].get_ylim()[1]   # inverted axis


def test_a_day_is_a_point_and_a_year_a_bar_on_the_time_axis():
    fig = figures_timeline.campaign_timeline()
    lines = fig.axes[0].get_lines()
    points = [ln for ln in lines if ln.get_marker() not in ("None", "", None)
              and ln.get_linestyle() == "None"]
    bars = [ln for ln in lines if ln.get_linewidth() == 7]
    assert len(points) == 13 and len(bars) == 1
    # the bar of 2014 runs from 1 January 2014 to 1 January 2015 (the whole year)
    y = bars[0].get_ydata()
    assert (y[0], y[1]) == (mdates.date2num(pd.Timestamp("2014-01-01")),
                            mdates.date2num(pd.Timestamp("2015-01-01")))
    # shapes tell the tracks apart: China o, Liangshan s, the article D
    assert {ln.get_marker() for ln in points} == {"o", "s", "D"}


def test_legend_title_and_source_line():
    fig = figures_timeline.campaign_timeline()
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["China", "Liangshan", "The article", "known only to the month or year"]
    assert ax.get_title(loc="left") == ("The targeted poverty alleviation campaign, "
                                        "2013 to 2021")
    source = " ".join(t.get_text() for t in fig.texts)
    assert "(Appendix C)" in source and ".csv" not in source   # a source in words, no file


def test_a_month_is_drawn_as_the_whole_month():
    frame = pd.DataFrame({
        "event_id": ["m", "d"], "date": ["2016-04", "2017-06-23"],
        "precision": ["month", "day"], "track": ["China", "Liangshan"],
        "label": ["A month", "A day"], "source_id": ["S99", "S94"],
        "paragraph": [pd.NA, pd.NA]})
    fig = figures_timeline.campaign_timeline(timeline.events(frame))
    (bar,) = [ln for ln in fig.axes[0].get_lines() if ln.get_linewidth() == 7]
    # 1 April to 1 May 2016: the 30 days of April
    assert bar.get_ydata()[1] - bar.get_ydata()[0] == 30
    assert [t.get_text() for t in _labels(fig)] == ["Apr 2016: A month", "23 Jun 2017: A day"]
    # only the tracks present are in the legend
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[:2] == ["China", "Liangshan"] and "The article" not in legend
