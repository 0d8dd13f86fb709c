"""The print extension, on a small Sphinx project like the book (a chapter that cites, a
References page that holds only the bibliography): one bibliography in the PDF, labelled as the
text cites; the References page kept in HTML; the version of CITATION.cff on the title page."""
from __future__ import annotations

import re

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from analysis.data import paths
from liangshan_book import citation
from liangshan_book.print_edition import is_empty_section

CONF = f"""
extensions = ["sphinxcontrib.bibtex", "liangshan_book.citation", "liangshan_book.print_edition"]
bibtex_bibfiles = [{str(paths.ROOT / "references.bib")!r}]
bibtex_reference_style = "author_year"
bibtex_default_style = "liangshan_author_year"
latex_engine = "xelatex"
latex_show_urls = "footnote"
latex_documents = [("index", "book.tex", "T", "A", "manual")]
"""


def _build(root, builder):
    src = root / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(CONF)
    (src / "index.rst").write_text("Book\n====\n\n.. toctree::\n\n   chapter\n   references\n")
    (src / "chapter.rst").write_text("Chapter\n=======\n\nAs reported :cite:p:`peng2019liangshan`,"
                                     " plotted with :cite:p:`hunter2007matplotlib`.\n")
    (src / "references.rst").write_text(".. _references:\n\nReferences\n==========\n\n"
                                        ".. bibliography::\n   :all:\n")
    out = root / builder
    with docutils_namespace():
        Sphinx(str(src), str(src), str(out), str(root / "doctrees"), builder, status=None,
               warningiserror=True, freshenv=True).build()
    return out


@pytest.fixture(scope="module")
def tex(tmp_path_factory):
    return (_build(tmp_path_factory.mktemp("print"), "latex") / "book.tex").read_text()


@pytest.fixture(scope="module")
def html_out(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("print"), "html")


def test_latex_has_one_bibliography_and_no_empty_references_chapter(tex):
    assert tex.count(r"\begin{sphinxthebibliography}") == 1
    assert r"\chapter{References}" not in tex
    assert r"\chapter{Chapter}" in tex   # a chapter with content stays


def test_latex_labels_are_the_text_citations(tex):
    assert re.search(r"\\hyperlink\{cite\.references:[^}]+\}\{Peng, 2019\}", tex)
    assert r"\bibitem[Peng, 2019]" in tex
    assert r"\bibitem[Hunter, 2007]" in tex
    assert "[Pen19]" not in tex


def test_latex_prints_a_doi_once(tex):
    bib = tex[tex.index(r"\begin{sphinxthebibliography}"):]
    assert bib.count("10.1109/MCSE.2007.55") == 1   # \sphinxurl{https://doi.org/...}
    assert r"\sphinxfootnotemark" not in bib and r"\begin{footnote}" not in bib


def test_title_page_release_is_the_version_of_citation_cff(tex):
    version = str(citation.metadata()["version"])
    assert rf"\release{{{version}}}" in tex


def test_html_keeps_the_references_page_with_matching_labels(html_out):
    refs = (html_out / "references.html").read_text()
    chapter = (html_out / "chapter.html").read_text()
    assert "<h1>References" in refs
    labels = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>([^<]+)<', refs)
    assert "Peng, 2019" in labels and "Hunter, 2007" in labels
    cited = re.findall(r'<a class="reference internal" href="references.html#[^"]+"[^>]*>'
                       r"([^<]+)</a>", chapter)
    assert set(cited) == {"Peng, 2019", "Hunter, 2007"} and set(cited) <= set(labels)


def test_is_empty_section():
    empty = nodes.section("", nodes.title("", "References"), nodes.target(ids=["references"]),
                          nodes.compound("", nodes.comment("", "x")))
    assert is_empty_section(empty)
    full = nodes.section("", nodes.title("", "References"), nodes.paragraph("", "text"))
    assert not is_empty_section(full)
    parent = nodes.section("", nodes.title("", "Part"), nodes.section("", nodes.title("", "c")))
    assert not is_empty_section(parent)
