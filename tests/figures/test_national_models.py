"""The figures of Chapter 1 on China's rural poor: changes, models with residuals, backtest."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.domain import national_models as nm  # noqa: E402
from analysis.figures import national_models as national  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _texts(fig):
    return " ".join([t.get_text() for t in fig.texts]
                    + [t.get_text() for ax in fig.axes for t in ax.texts]
                    + [ax.get_title() for ax in fig.axes])


def test_yearly_changes_label_each_fall():
    texts = _texts(national.yearly_changes())
    # falls of 16.5 (2013) and 11.1 (2019) million; 67 % of 16.60 million in 2019
    assert "16.5" in texts and "11.1" in texts and "67%" in texts and "17%" in texts


def test_models_draw_every_model_and_its_residual_diagnostics():
    fig = national.models()
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert all(m.label in labels for m in nm.MODELS)
    texts = _texts(fig)
    assert "DW 0.88, 3 sign runs" in texts  # the log-linear fit
    assert len(fig.axes) == 4  # the fits and one residual panel per model
    # no band: nothing filled on the fits' axes
    assert not fig.axes[0].collections


def test_backtest_marks_the_2019_errors():
    texts = _texts(national.backtest())
    # log-linear +192 %, linear -49 %, quadratic in log +87 % for 2019
    assert "+192%" in texts and "-49%" in texts and "+87%" in texts
