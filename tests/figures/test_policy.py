"""Tests of analysis.figures.policy: figures build, carry their sources and key numbers."""
from matplotlib.figure import Figure

from analysis.domain import policy
from analysis.figures import policy as figures_policy
from analysis.figures import style
from analysis.formatting import number


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
    assert "the article (section III, paragraph 28)" in _all_text(fig)
    # the right panel marks each stated gap at the house cost that solves it, and labels the
    # marker with that cost in thousand yuan: the labels are the computed costs, in order
    gaps = policy.gap_costs()
    labels = [t.get_text() for t in fig.axes[1].texts
              if t.get_text() in {number(c / 1000.0) for c in gaps["house_cost_yuan"]}]
    assert labels == [number(c / 1000.0) for c in gaps["house_cost_yuan"]]
    assert len(labels) == len(gaps) >= 2


def test_villager_groups():
    fig = figures_policy.villager_groups()
    text = _all_text(fig)
    assert "53 households" in text and "33 households" in text
    # the whole-village threshold is for villages: not drawn on villager groups
    assert "80" not in text and not fig.axes[0].lines
    # the households in the bars: 45 and 8 (Kuijiu), 28, 3 and 2 (Wawu)
    bars = [t.get_text() for t in fig.axes[0].texts]
    assert bars == ["45", "8", "28", "3", "2"]


def test_migrants():
    fig = figures_policy.migrants()
    assert "150,800 + 34,300 = 185,100" in _all_text(fig)


def test_mobilisation():
    fig = figures_policy.mobilisation()
    text = _all_text(fig)
    assert "28.1" in text and "15.8" in text  # 317,000 / 11,276 and 178,000 / 11,276
    # the default share of the survey in Liangshan, 45 %: 117,000 staff, 317,000 / 117,000 =
    # 2.7 registered poor per member
    assert "assumed 45%" in text and "117,000" in text and "2.7" in text
    assert "press reports of the poverty roll" in text


def test_mobilisation_draws_the_assumed_survey_share():
    text = _all_text(figures_policy.mobilisation(1.0))
    # every member in Liangshan: 260,000 staff there, 317,000 / 260,000 = 1.2 per member
    assert "assumed 100%" in text and "1.2" in text


def test_exit_batches_population_sets_counties_against_people():
    text = _all_text(figures_policy.exit_batches_population())
    # the last batch: 7 of 17 counties (41 %) but 1,486,731 of 4,858,359 residents (31 %)
    assert "41%" in text and "31%" in text and "(7 counties)" in text
