"""Tests of analysis.figures.paradox: figures build, carry their sources and are deterministic."""
import io

from matplotlib.figure import Figure

from analysis.figures import paradox as figures_paradox
from analysis.figures import style


def _png(fig):
    buf = io.BytesIO()
    style.save(fig, buf)
    return buf.getvalue()


def _texts(fig):
    return " ".join(t.get_text() for t in fig.texts)


def test_crowded_vs_idle():
    style.use()
    fig = figures_paradox.crowded_vs_idle()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 4
    assert "butuo.township_clinic_staff" in _texts(fig)
    assert "Assumption" in _texts(fig)
    # the assumed norms appear as labelled reference lines in panel (d)
    labels = " ".join(t.get_text() for t in fig.axes[3].texts)
    assert "assumed norm" in labels


def test_visits_figure_deterministic():
    style.use()
    a = _png(figures_paradox.visits_2016_2018())
    b = _png(figures_paradox.visits_2016_2018())
    assert a == b
    fig = figures_paradox.visits_2016_2018()
    assert "45.9%" in _texts(fig)  # 28,000 / 61,000 = 45.9%
