"""The PDF book (``make book`` builds it before the tests when TeX is installed)."""
import re
import shutil
import subprocess

import pytest

from analysis.data import paths

pytestmark = [pytest.mark.book, pytest.mark.pdf]

PDF = paths.BUILD / "latex" / "liangshan-compendium.pdf"
LOG = paths.BUILD / "latex" / "liangshan-compendium.log"
TITLES = ["What changed in Liangshan", "Food and clothing met", "Problems that need attention",
          "Measures for the final push", "The register of the article", "An audit of the article",
          "Data sources and licences", "Reproducibility", "The analysis code", "Cite this book"]


@pytest.fixture(scope="module")
def pdf():
    if not (shutil.which("xelatex") and shutil.which("latexmk")):
        pytest.skip("TeX is not installed here, so no PDF is built: `make system-deps` adds it")
    if not PDF.is_file():
        pytest.fail("TeX is installed but there is no PDF: run `make book`")
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is missing: `make system-deps` adds it")
    from pypdf import PdfReader

    return PdfReader(PDF)


def _pages_text():
    out = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")


def test_page_count_is_sane(pdf):
    assert 40 <= len(pdf.pages) <= 400


def test_every_chapter_title_is_in_the_text(pdf):
    squash = lambda s: re.sub(r"\s+", "", s).lower()  # noqa: E731
    text = squash(" ".join(_pages_text()))
    missing = [t for t in TITLES if squash(t) not in text]
    assert missing == []


def test_pages_are_numbered(pdf):
    # body pages end with their page number (the footer)
    pages = _pages_text()[6:30]
    numbered = [p for p in pages if re.search(r"\b\d{1,3}\s*$", p.strip())]
    assert len(numbered) >= len(pages) - 2


def test_fonts_are_embedded_including_a_cjk_font():
    if not shutil.which("pdffonts"):
        pytest.fail("pdffonts (poppler-utils) is missing: `make system-deps` adds it")
    if not PDF.is_file():
        pytest.skip("no PDF built on this machine")
    out = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    not_embedded = [r[0] for r in rows if "no" in r[-5:-3]]
    assert not_embedded == []
    assert any("CJK" in r[0] for r in rows), "no CJK font in the PDF: Chinese names would be boxes"


def test_latex_log_has_no_missing_characters(pdf):
    log = LOG.read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_chinese_names_are_set_in_the_pdf(pdf):
    text = " ".join(_pages_text())
    assert "凉山" in text or "布拖" in text
