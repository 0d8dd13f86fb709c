"""The tornado chart: a bar for each end of each range, its value and where it flips."""
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.chapters import appendix_b, book_sensitivity
from analysis.figures import sensitivity, style


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_tornado_of_appendix_b():
    style.use()
    found = [book_sensitivity.Found("analysis.chapters.appendix_b", c)
             for c in appendix_b.CONCLUSIONS]
    rows = book_sensitivity.tornado_rows(found)
    fig = sensitivity.tornado(rows)
    assert isinstance(fig, Figure)
    texts = _texts(fig)
    # 0.96635 / 1.02004 - 1 = -5.3 %, flips; 1.14754 / 1.02004 - 1 = +12.5 %
    assert "-5.3%  flips" in texts and "+12%" in texts
    # the second conclusion: 0.98 / 1 - 1 = -2.0 %, flips; no change at the high end
    assert "-2.0%  flips" in texts and "+0.0%" in texts
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1].startswith("The article's 'almost half'")  # largest swing on top
    assert len(fig.axes[0].patches) == 2 * len(rows)


def test_long_bars_are_cut_and_say_so():
    rows = pd.DataFrame({"label": ["a", "b"], "change_low_pct": [-250.0, -1.0],
                         "change_high_pct": [554.0, 2.0], "holds_at_low": [True, True],
                         "holds_at_default": [True, True], "holds_at_high": [False, True]})
    fig = sensitivity.tornado(rows, limit=100)
    widths = sorted(abs(p.get_width()) for p in fig.axes[0].patches)
    assert widths[-1] == 100 and widths[-2] == 100  # both long bars stop at the limit
    assert "+554%  flips" in _texts(fig) and "-250%" in _texts(fig)
    assert "cut there" in " ".join(t.get_text() for t in fig.texts)
    with pytest.raises(ValueError, match="no conclusions"):
        sensitivity.tornado(rows.iloc[0:0])


def test_the_book_s_tornado_prints_in_parts_that_fit_a_page():
    """The book's 15 rows in one chart made it 26 inches tall (its type 2.7 pt once scaled to
    the page, its caption past the foot); with chapter 3's conclusions collected there are 21
    rows, too many for two parts of 11 and 10; in three parts of 7 each fits the text block
    with room for its caption, with type of 6 pt or more, on one scale."""
    style.use()
    rows = book_sensitivity.tornado_rows(book_sensitivity.collect())
    assert len(rows) == 21
    figs = sensitivity.tornado_parts(rows, 3)
    assert [len(f.axes[0].patches) for f in figs] == [14, 14, 14]  # two bars a row
    assert len({f.axes[0].get_xlim() for f in figs}) == 1
    first, rest = sensitivity.tornado_pair(rows.iloc[:14])
    assert len(first.axes[0].patches) + len(rest.axes[0].patches) == 28
    for fig in figs:
        assert style.smallest_printed_text(fig)[0] >= style.PRINT_MIN_PT
        # printed height: the figure at its print scale, under 80 % of the text block
        assert fig.get_size_inches()[1] * style.print_scale(fig) <= 0.8 * style.TEXT_HEIGHT_IN
    with pytest.raises(ValueError, match="too few"):
        sensitivity.tornado_pair(rows.iloc[:1])
