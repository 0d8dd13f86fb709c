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
    if not (shutil.which("xelatex") and shutil.which("latexmk") and shutil.which("xindy")):
        pytest.skip("TeX (xelatex, latexmk, xindy) is not installed here, so no PDF is built: "
                    "`make system-deps` adds it")
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
    # body pages, from the introduction on, end with their page number (the footer)
    all_pages = _pages_text()
    start = next(i for i, p in enumerate(all_pages)  # the introduction's opening page
                 if re.search(r"^\s*INTRODUCTION\s*$", p, re.M) and p.strip().endswith("1"))
    pages = all_pages[start:start + 24]
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


# --- nothing lost: every line and picture inside the page ---------------------------------

@pytest.fixture(scope="module")
def layout(pdf):
    import pdf_layout

    return pdf_layout.layout(LOG), pdf_layout.pages(PDF)


def test_every_line_and_picture_lies_inside_the_text_block(layout):
    """Nothing runs off the page or past the running foot: each text line, figure, picture
    and rule lies inside the text block (or the zone of the running head or foot), as LaTeX
    laid it out (the layout is read from its log)."""
    import pdf_layout

    box, pages = layout
    strays = [f"p. {page.number}: {item.kind} at ({item.x0:.0f}, {item.top:.0f})-"
              f"({item.x1:.0f}, {item.bottom:.0f}) {item.text[:50]!r}"
              for page in pages for item in pdf_layout.strays(page, box)]
    assert strays == []


def test_latex_reports_no_page_that_overflows():
    """An overfull vbox is a page LaTeX could not fit: content pushed past the foot."""
    if not LOG.is_file():
        pytest.fail("no LaTeX log: run `make book`")
    log = LOG.read_text(encoding="utf-8", errors="replace")
    assert re.findall(r"Overfull \\vbox \([\d.]+pt too high\)[^\n]*", log) == []


def test_figures_are_vector_graphics_with_type_of_6_pt_or_more(layout):
    """Figures are drawn (matplotlib's PDF), not pictures; none sets type below 6 pt at its
    printed size (source lines, norm labels, map labels)."""
    _, pages = layout
    assert [p.number for p in pages if p.images] == []
    figures = [(page.number, chars) for page in pages for _, chars in page.figures]
    assert len(figures) >= 20
    small = sorted({(number, round(size, 2), text) for number, chars in figures
                    for text, size, _font in chars if text.strip() and size < 5.95})
    assert small == []


def test_the_county_map_prints_the_chinese_names_in_a_cjk_face(layout):
    """Fig. 1.3, the static form of the interactive county map, sets the counties' Chinese
    names (布拖县, Butuo's, among them) in Noto Sans CJK, embedded in the PDF."""
    _, pages = layout
    page = next(p for p in pages if re.search(r"Fig\. 1\.3: Liangshan.s counties by name",
                                              p.text))
    chinese = [(text, font) for _, chars in page.figures for text, _, font in chars
               if re.fullmatch(r"[\u4e00-\u9fff]", text)]
    # the key lists the 17 counties' names, two or more characters each (the map's labels,
    # drawn with a white halo, are outlines rather than text)
    assert len(chinese) >= 17 * 2
    assert {font.split("+")[-1] for _, font in chinese} == {"NotoSansCJKsc-Regular"}
    assert "布" in {text for text, _ in chinese}


# --- tables ----------------------------------------------------------------------------------

def test_every_table_caption_stands_above_its_first_rows(layout):
    """A table's caption is on the page where its rows begin (at least a header and a row
    follow it there), and each "continued" head names a table whose caption came before."""
    _, pages = layout
    seen, orphans, dangling = set(), [], []
    for page in pages:
        for i, item in enumerate(page.items):
            m = re.match(r"Table ([A-Z0-9]+(?:\.\d+)?): ", item.text)
            if m:
                seen.add(m.group(1))
                below = [o for o in page.items[i + 1:] if o.text and o.top > item.bottom]
                if len(below) < 2:
                    orphans.append(f"p. {page.number}: {item.text[:40]}")
            m = re.match(r"Table ([A-Z0-9]+(?:\.\d+)?) – continued", item.text)
            if m and m.group(1) not in seen:
                dangling.append(f"p. {page.number}: {item.text[:40]}")
    assert len(seen) >= 15
    assert orphans == [] and dangling == []


# --- front matter, structure, index ----------------------------------------------------------

def test_title_page_gives_title_authors_version_and_release_date(pdf):
    from liangshan_book import citation, front_matter

    cff = citation.metadata()
    title, subtitle = front_matter.title_parts(cff)
    squash = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    first, back = (squash(t) for t in _pages_text()[:2])
    assert title in first and subtitle in first
    assert "Liangshan compendium developers" in first
    assert f"Version {cff['version']}" in first
    assert f"Released {front_matter.release_date(cff)}" in first  # CITATION.cff's date
    assert front_matter.release_date(cff) == "28 November 2026"  # not the day of the build
    # on its back: the recommended citation and the licences
    assert f"Version {cff['version']}, released {cff['date-released']}" in back
    assert "CC BY 4.0" in back and "MIT licence" in back


def _outline(pdf):
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(pdf.outline))


def test_front_matter_lists_and_index_are_in_the_contents_and_bookmarks(pdf):
    marks = _outline(pdf)
    for title in ("Abstract", "List of figures", "List of tables", "Introduction",
                  "How the book is organised", "Cite this book", "References", "Index"):
        assert title in marks
    text = " ".join(_pages_text()[:12])
    assert "List of figures" in text and "List of tables" in text
    from liangshan_book import citation

    abstract = " ".join(citation.metadata()["abstract"].split())
    assert abstract[:60] in re.sub(r"\s+", " ", text)


def test_the_introduction_is_a_chapter_with_its_own_running_foot():
    feet = [p.strip().split("\n")[-1] for p in _pages_text() if p.strip()]
    assert len([f for f in feet if re.fullmatch(r"\s*Introduction\s+\d+\s*", f)]) >= 2
    assert not [f for f in feet if "CONTENTS" in f.upper() and re.search(r"\d+\s*$", f)]


def test_appendices_are_headed_as_appendices_and_cite_is_back_matter(pdf):
    marks = _outline(pdf)
    assert "A The register of the article’s claims" in marks
    assert "E The analysis code" in marks
    assert not any(m.startswith("Appendix") for m in marks)  # not "Appendix A. ..." titles
    assert "Cite this book" in marks and not any(re.match(r"\d+ Cite", m) for m in marks)
    text = " ".join(_pages_text())
    assert "Table A.1:" in text and "Table B.1:" in text
    # each appendix opens under "Appendix <letter>", not "Chapter <number>"
    assert re.search(r"APPENDIX\s+A\s+THE REGISTER OF THE ARTICLE", text)
    assert re.search(r"APPENDIX\s+E\s+THE ANALYSIS CODE", text)


def test_the_index_lists_places_terms_and_register_ids():
    pages = _pages_text()
    start = max(i for i, p in enumerate(pages) if re.search(r"^\s*INDEX\s*$", p, re.M))
    index = re.sub(r"\s+", " ", " ".join(pages[start:]))
    for entry in ("Butuo (county)", "Kuijiu", "poverty roll", "registered poor",
                  "register rows", "census"):
        assert entry in index
    assert re.search(r"liangshan\.poor_\s?population\.2013", index)
    assert "poverty register" not in index  # "register" is the book's table of claims only


def test_no_link_points_into_the_builder_s_file_system(pdf):
    uris = [a.get_object()["/A"].get("/URI", "") for page in pdf.pages
            for a in page.get("/Annots", []) or [] if "/A" in a.get_object()]
    assert uris and not [u for u in uris if str(u).startswith("file:")]


def test_appendix_e_documents_the_analysis_api_only(pdf):
    text = " ".join(_pages_text())
    assert "analysis.domain.trends.rate_changes" in text
    # the machinery's entries (functions, classes) are in the HTML edition only
    assert "liangshan_book.build.input_files" not in text
    assert "liangshan_book.preexecute.Settings" not in text
    assert "The book’s machinery" not in text


def test_no_sentence_points_the_print_reader_at_what_only_the_html_has():
    text = re.sub(r"\s+", " ", " ".join(_pages_text()))
    for html_only in ("This interactive view is part of the HTML edition",
                      "In this edition the map is interactive", "hover over a county"):
        assert html_only not in text


# --- one numbering in both editions ------------------------------------------------------------

HTML = paths.BUILD / "html"
#: Tables that only the HTML edition has (Appendix D's sections marked {.html-only}: the
#: machinery's timings, which the PDF leaves out on purpose, as the appendix says).
HTML_ONLY_TABLES = {"Table D.3", "Table D.4"}


def _html_numbers() -> set[str]:
    if not (HTML / "index.html").is_file():
        pytest.fail("no HTML book to compare with: run `make book`")
    found = set()
    for page in HTML.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found |= set(re.findall(r'caption-number">((?:Fig\.|Table|Exercise) [A-Z0-9.]*[A-Z0-9])'
                                r"\s*<", text))
    return found


def test_figures_tables_and_exercises_carry_the_same_numbers_in_both_editions(pdf):
    """The PDF numbered the primer as chapter 1, so that every chapter, figure, table and
    exercise number differed from the HTML's (HTML Table 1.3 was PDF Table 2.3). Each caption
    number of the HTML book is in the PDF, under the same number, and the PDF has no other."""
    html = _html_numbers()
    text = "\n".join(_pages_text())
    printed = set(re.findall(r"^\s*((?:Fig\.|Table) [A-Z0-9]+(?:\.\d+)?): ", text, re.M))
    printed |= set(re.findall(r"^\s*(Exercise [A-Z0-9]+\.\d+)\b", text, re.M))
    assert {"Table 1", "Fig. 1", "Table 2", "Table 1.1", "Fig. 1.3", "Exercise 2.1",
            "Fig. B.2"} <= printed
    figures_tables = {n for n in html if not n.startswith("Exercise")}
    assert sorted(figures_tables - HTML_ONLY_TABLES - printed) == []
    assert sorted({n for n in printed if not n.startswith("Exercise")} - figures_tables) == []
    exercises = {n for n in html if n.startswith("Exercise")}
    assert exercises and sorted(exercises - printed) == []
