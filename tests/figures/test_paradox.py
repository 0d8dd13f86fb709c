"""Tests of analysis.figures.paradox: one figure per sector, bars from zero, labels computed
from the domain layer and the assumptions passed in, sources named in words, deterministic."""
import io

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.figures import paradox as figures_paradox
from analysis.figures import style


@pytest.fixture(autouse=True)
def house_style():
    style.use()


def _png(fig):
    buf = io.BytesIO()
    style.save(fig, buf)
    return buf.getvalue()


def _texts(fig):
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        legend = ax.get_legend()
        out += [t.get_text() for t in legend.get_texts()] if legend else []
    return out


def _bars_start_at_zero(ax):
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    return bars and ax.get_xscale() == ax.get_yscale() == "linear" and \
        (min(ax.get_ylim()) == 0 or min(ax.get_xlim()) == 0)


def test_health_figure_labels_come_from_the_numbers_and_the_assumption():
    fig = figures_paradox.health()
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    texts = " ".join(_texts(fig))
    # 372 / 390 = 95.4 %; 61,000 / 372 / 250 = 0.66 and 33,000 / 372 / 250 = 0.35 visits per
    # worker-day; Butuo's visits per resident: 0.18 to 0.21 in 2018; China 5.8 and 6.0
    for label in ("95.4% of posts filled", "0.66", "0.35", "0.18 to 0.21", "0.33 to 0.38",
                  "5.8", "6.0", "3.2", "250 days a year, about 4.8 a week"):
        assert label in texts, label
    assert "censuses" in texts and "statistical bulletins" in texts  # sources in words
    assert all(_bars_start_at_zero(ax) for ax in fig.axes)


def test_health_figure_follows_the_working_year_it_is_given():
    texts = " ".join(_texts(figures_paradox.health(300)))
    # 33,000 / 372 / 300 = 0.30; 61,000 / 372 / 300 = 0.55
    assert "300 days a year, about 5.8 a week" in texts and "0.30" in texts and "0.55" in texts
    assert "250 days" not in texts


def test_schools_figure_draws_the_norms_it_is_given():
    fig = figures_paradox.schools_figure(40, 48, 5)
    texts = " ".join(_texts(fig))
    # 355 / 699 = 50.8 %; 699 - 355 = 344; Zhaizi 95 / 5 = 19.0 with five grades
    for label in ("55 pupils or more: 355", "(50.8%)", "fewer: 344", "norm, primary: 40",
                  "norm, junior secondary: 48", "19.0", "five grades", "3.0 to 23.8"):
        assert label in texts, label
    assert _bars_start_at_zero(fig.axes[0])
    default = " ".join(_texts(figures_paradox.schools_figure()))
    assert "norm, primary: 45" in default and "six grades" in default and "15.8" in default


def test_figures_are_deterministic():
    assert _png(figures_paradox.health()) == _png(figures_paradox.health())
    assert _png(figures_paradox.schools_figure()) == _png(figures_paradox.schools_figure())
