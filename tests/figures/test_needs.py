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


def _texts(fig):
    return [t.get_text().strip() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def test_assumptions_are_labelled():
    fig = figures_needs.outpatient_schedule()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sum("assumed" in lab for lab in labels) == 3
    assert "refund share above threshold: 75% (assumed - this chapter)" in labels
    fig = figures_needs.brick_cost_by_season()
    assert "(assumed: the article gives no length)" in fig.axes[0].get_xlabel()
    assert "ASSUMPTION" not in fig.axes[0].get_xlabel()   # marked, not shouted


def test_brick_season_figure_draws_the_chapter_value():
    # default: 275 days, March to November, 275 x 1,000,000 yuan = 275 million yuan
    texts = _texts(figures_needs.brick_cost_by_season())
    assert "this chapter: 275 days (March to November)" in texts
    assert "275 million yuan" in texts
    # a season of 300 days starts on 4 February: 300 million yuan
    texts = _texts(figures_needs.brick_cost_by_season(300))
    assert "this chapter: 300 days (4 February to 30 November)" in texts
    assert "300 million yuan" in texts and "275 million yuan" not in texts
    # the assumption's range is shaded and named: 214 to 303 days
    assert "assumption's range, 214 to 303 days" in texts


def test_outpatient_figure_draws_the_chapter_share():
    labels = [t.get_text() for t in
              figures_needs.outpatient_schedule(0.6).axes[0].get_legend().get_texts()]
    assert "refund share above threshold: 60% (assumed - this chapter)" in labels
    assert "refund share above threshold: 50% (assumed)" in labels


def test_bar_labels_carry_rates_of_households():
    texts = _texts(figures_needs.low_income_households())
    # 5,516 of 45,533 = 12%; of Butuo's 47,744 family households = 11.6%
    assert "5,516: 12% of the total, 11.6% of households" in texts
    # 36,910 / 1,320,043 = 2.8%
    assert "36,910: 81% of the total, 2.8% of households" in texts
    texts = _texts(figures_needs.utility_gaps())
    # 20,003 / 1,411,269 = 1.4%
    assert "20,003 (1.4% of households)" in texts


@pytest.mark.parametrize("name, axis", [("low_income_households", "x"), ("brick_gap", "y"),
                                        ("out_of_school", "y"), ("utility_gaps", "x"),
                                        ("brick_cost_by_season", "y")])
def test_bars_and_amounts_start_at_zero_on_a_linear_scale(name, axis):
    ax = getattr(figures_needs, name)().axes[0]
    lo, _ = ax.get_xlim() if axis == "x" else ax.get_ylim()
    scale = ax.get_xscale() if axis == "x" else ax.get_yscale()
    assert lo == 0 and scale == "linear"


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
