"""Figures of Chapter 2 (analysis.figures.needs): each draws, labels its source, and is
deterministic."""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.figures import needs as figures_needs
from analysis.figures import style  # noqa: E402

FIGURES = ["low_income_households", "brick_gap", "brick_cost_by_season",
           "outpatient_schedule", "out_of_school", "utility_gaps", "old_age_support"]


@pytest.fixture(autouse=True)
def house_style():
    style.use()
    yield
    plt.close("all")


@pytest.mark.parametrize("name", FIGURES)
def test_figure_has_source_line_and_white_background(name):
    fig = getattr(figures_needs, name)()
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith("Source:") for t in texts)
    assert matplotlib.colors.to_hex(fig.get_facecolor()) == "#ffffff"
    assert fig.axes and fig.axes[0].get_title()


def test_assumptions_are_labelled():
    fig = figures_needs.outpatient_schedule()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sum("assumed" in lab for lab in labels) == 3
    fig = figures_needs.brick_cost_by_season()
    assert "ASSUMPTION" in fig.axes[0].get_xlabel()


def test_out_of_school_labels_show_counts():
    fig = figures_needs.out_of_school()
    texts = {t.get_text() for t in fig.axes[0].texts}
    # 61,872 peak; 39,271 returned; 22,601 still out; 5,541 registered poor
    assert {"61,872", "39,271", "22,601", "5,541"} <= texts


def test_figure_is_deterministic():
    def png():
        buf = io.BytesIO()
        fig = figures_needs.utility_gaps()
        fig.savefig(buf, format="png", metadata=style.PNG_METADATA)
        plt.close(fig)
        return buf.getvalue()
    assert png() == png()
