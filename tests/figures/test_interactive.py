"""One figure in two forms: the interactive county map (HTML) and its static twin (print) carry
the same information, and the static one draws the Chinese names in a CJK face."""
import base64
import io
import re

import pdfplumber
import pytest
from matplotlib.figure import Figure

from analysis.domain import counties
from analysis.figures import interactive, style
from analysis.figures import trends as figures_trends


def _texts(fig):
    return ([t.get_text() for ax in fig.axes for t in ax.texts]
            + [t.get_text() for t in fig.texts]
            + [t.get_text() for legend in fig.legends for t in legend.get_texts()])


@pytest.fixture(scope="module")
def county_map():
    style.use()
    return figures_trends.county_map()


def test_an_interactive_figure_offers_html_png_and_pdf():
    static = Figure(figsize=(2, 1))
    static.subplots().plot([0, 1], [0, 1])
    bundle = interactive.InteractiveFigure("<svg></svg>", static)._repr_mimebundle_()
    # myst-nb takes text/html for the HTML book, application/pdf for LaTeX; Jupyter the HTML
    assert bundle["text/html"] == "<svg></svg>"
    assert base64.b64decode(bundle["application/pdf"])[:4] == b"%PDF"
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert "object at" not in bundle["text/plain"]


def test_both_forms_of_the_county_map_name_every_county_with_code_and_rates(county_map):
    frame = counties.county_frame()
    svg, texts = county_map.html, "\n".join(_texts(county_map.static))
    for code, pinyin, zh in zip(frame["adcode"], frame["name_pinyin"], frame["name_zh"]):
        for form in (svg, texts):
            assert code in form and pinyin in form and zh in form, (code, form[:80])
    # the article's rates of Butuo and Jinyang, as the register gives them (Appendix A):
    # 35.6% and 26% for Butuo, 38.1% and 23.6% for Jinyang, in both forms
    for rates in ("35.6% → 26%", "38.1% → 23.6%"):
        assert rates in svg and rates in texts
    # the status legend, in both
    assert "exited in the 2020 batch" in svg and "exited in the 2020 batch" in texts


def test_the_static_county_map_is_drawn_at_the_printed_width_in_readable_type(county_map):
    fig = county_map.static
    # printed at (nearly) its own size, so that its smallest type prints at 6 pt or more
    assert style.print_scale(fig) >= 0.95
    assert style.smallest_printed_text(fig)[0] >= style.PRINT_MIN_PT


def test_the_static_county_map_sets_the_chinese_names_in_a_cjk_face(county_map):
    with pdfplumber.open(io.BytesIO(style.render(county_map.static, "pdf"))) as pdf:
        chars = pdf.pages[0].chars
    chinese = [c for c in chars if re.match(r"[\u4e00-\u9fff]", c["text"])]
    assert len(chinese) > 2 * 17  # every county twice (label and key), two or more characters
    assert {c["fontname"].split("+")[-1] for c in chinese} <= {"NotoSansCJKsc-Regular"}
    assert "布" in "".join(c["text"] for c in chinese)  # Butuo, 布拖县


def test_static_county_map_needs_the_name_columns():
    frame = counties.county_frame()
    with pytest.raises(KeyError, match="name_zh"):
        interactive.static_county_map(frame.drop(columns="name_zh"), {}, "x")


def test_the_county_map_writes_the_article_rates_on_the_map(county_map):
    """Butuo's and Jinyang's rates are visible text on the HTML map (callouts), not only in
    the hover title: 35.6% -> 26% and 38.1% -> 23.6% as the register gives them."""
    notes = re.findall(r'<text class="note"[^>]*>([^<]*)</text>', county_map.html)
    assert notes == ["Rate, 2013 \u2192 2018:", "Jinyang 38.1% \u2192 23.6%",
                     "Butuo 35.6% \u2192 26%"]
