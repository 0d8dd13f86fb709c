"""Tests of analysis.figures.policy: figures build, carry their sources and key numbers."""
from matplotlib.figure import Figure

from analysis.figures import policy as figures_policy, style


def _all_text(fig):
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_yticklabels()]
    return " ".join(out)


def test_subsidy_schedule():
    style.use()
    fig = figures_policy.subsidy_schedule()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    text = _all_text(fig)
    assert "liangshan.relocation_subsidy_gap_max" in text
    assert "140" in text and "160" in text  # solved house costs, thousand yuan


def test_villager_groups():
    fig = figures_policy.villager_groups()
    text = _all_text(fig)
    assert "80%" in text and "53 households" in text and "33 households" in text


def test_migrants():
    fig = figures_policy.migrants()
    assert "150,800 + 34,300 = 185,100" in _all_text(fig)


def test_mobilisation():
    fig = figures_policy.mobilisation()
    text = _all_text(fig)
    assert "28.1" in text and "15.8" in text  # 317,000 / 11,276 and 178,000 / 11,276
    assert "poverty_sichuan_liangshan.csv" in text
