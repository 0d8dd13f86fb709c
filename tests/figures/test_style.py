"""The house style: each figure in two deterministic forms (PNG for HTML, vector PDF for
print), and a Chinese fallback face so that county names in Chinese are drawn."""
import io

import pdfplumber
import pytest
from matplotlib.figure import Figure

from analysis.figures import style


def _figure(text="Butuo 布拖 \u22123.5"):
    style.use()
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.text(0.1, 0.5, text, fontsize=9)
    return fig


def test_pdf_is_vector_and_byte_identical_across_renders():
    first, second = style.render(_figure(), "pdf"), style.render(_figure(), "pdf")
    assert first.startswith(b"%PDF") and first == second
    # no creation date, no producer or creator string that would change with time or version
    assert b"/CreationDate" not in first and b"/Producer" not in first
    with pdfplumber.open(io.BytesIO(first)) as pdf:
        page = pdf.pages[0]
        assert page.images == []          # drawn, not a picture of a drawing
        assert "Butuo" in page.extract_text()


def test_png_is_byte_identical_and_carries_no_software_version():
    first = style.render(_figure(), "png")
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first == style.render(_figure(), "png")
    assert b"Software" not in first and b"matplotlib" not in first.lower()


def test_chinese_text_is_set_in_the_cjk_fallback_face():
    with pdfplumber.open(io.BytesIO(style.render(_figure(), "pdf"))) as pdf:
        fonts = {c["text"]: c["fontname"] for c in pdf.pages[0].chars}
    # the Latin letters in the first face, the Chinese characters in Noto Sans CJK (matplotlib
    # would otherwise draw empty boxes from its last-resort font)
    assert "DejaVuSans" in fonts["B"]
    assert "NotoSansCJK" in fonts["布"] and "NotoSansCJK" in fonts["拖"]


def test_a_notebook_gets_every_figure_as_png_and_pdf():
    import base64

    from IPython.core.formatters import DisplayFormatter

    class Shell:  # what style.use() registers on a notebook's shell, without starting one
        display_formatter = DisplayFormatter()

    style._show_as_png_and_pdf(Shell)
    data, _ = Shell.display_formatter.format(_figure())
    # base64 text, as IPython sends images; myst-nb picks PNG for HTML and PDF for LaTeX
    assert base64.b64decode(data["image/png"])[:4] == b"\x89PNG"
    assert base64.b64decode(data["application/pdf"])[:4] == b"%PDF"


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_save_writes_the_format_of_the_suffix(tmp_path, suffix, magic):
    path = tmp_path / f"figure{suffix}"
    style.save(_figure(), path)
    assert path.read_bytes().startswith(magic)
    buf = io.BytesIO()
    style.save(_figure(), buf, "pdf")
    assert buf.getvalue().startswith(b"%PDF")
