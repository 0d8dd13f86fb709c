"""The print extension, on a small Sphinx project like the book (a chapter that cites, a
References page that holds only the bibliography): one bibliography in the PDF, labelled as the
text cites; the References page kept in HTML; the version of CITATION.cff on the title page."""
from __future__ import annotations

import re

import pytest
from docutils import nodes
from minibook import sphinx_build
from sphinx import addnodes

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
    return sphinx_build(root, builder, {
        "conf.py": CONF,
        "index.rst": "Book\n====\n\n.. toctree::\n\n   chapter\n   references\n",
        "chapter.rst": "Chapter\n=======\n\nAs reported :cite:p:`peng2019liangshan`, plotted "
                       "with :cite:p:`hunter2007matplotlib`.\n",
        "references.rst": ".. _references:\n\nReferences\n==========\n\n"
                          ".. bibliography::\n   :all:\n"})


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


# --- the book's structure in print (on document trees shaped as Jupyter Book's LaTeX leaves
# them: the root page's headings as RootHeader nodes, each toctree caption a part) ----------

def _document():
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document

    return new_document("book", get_default_settings())


def _section(title, *children, **attrs):
    return nodes.section("", nodes.title("", title), *children, **attrs)


def _run(transform_class, document):
    from types import SimpleNamespace

    # the transform as Sphinx runs it, with the one setting it reads
    bare = type("Bare", (transform_class,), {"config": SimpleNamespace(root_doc="index")})
    transform = bare.__new__(bare)
    transform.document = document
    transform.run()
    return document


def _latex(node) -> str:
    return "".join(r.astext() for r in node.findall(nodes.raw))


def test_the_introduction_becomes_an_unnumbered_chapter_with_unnumbered_sections():
    from sphinx_jupyterbook_latex.nodes import RootHeader

    from liangshan_book.print_edition import BookStructure

    header = RootHeader(level=2)
    header += nodes.Text("Reading the numbers & more")
    intro = _section("Liangshan, line by line", nodes.paragraph("", "text"), header,
                     docname="index", ids=["intro"])
    _run(BookStructure, _document())  # nothing to do: no error
    document = _document()
    document += intro
    _run(BookStructure, document)
    latex = _latex(intro)
    assert latex.startswith("\\liangshanfrontchapter{Introduction}"
                            "\\label{\\detokenize{index:intro}}")  # a {ref} to it resolves
    assert "\\liangshanfrontsection{Reading the numbers \\& more}" in latex  # escaped
    assert latex.rstrip().endswith("\\liangshanmainmatter")  # numbering resumes after it
    assert not list(intro.findall(RootHeader))


def test_appendices_are_lettered_chapters_without_their_html_prefix_and_cite_is_back_matter():
    from liangshan_book.print_edition import BookStructure

    chapter = addnodes.start_of_file(docname="chapters/appendix_a_register")
    chapter += _section("Appendix A. The register of the article's claims")
    part = addnodes.start_of_file(docname="Appendices")
    part += _section("Appendices", nodes.compound("", chapter))
    cite = addnodes.start_of_file(docname="chapters/cite")
    cite += _section("Cite this book")
    document = _document()
    document += [part, cite]
    _run(BookStructure, document)
    assert "\\liangshanappendix" in _latex(part)
    assert chapter[0][0].astext() == "The register of the article's claims"
    assert _latex(cite).startswith("\\liangshanbackmatter")


def test_sections_marked_html_only_are_dropped_from_print():
    from liangshan_book.print_edition import DropHtmlOnly

    kept = _section("The analysis code")
    dropped = _section("The book's machinery", nodes.paragraph("", "x"), classes=["html-only"])
    document = _document()
    document += _section("Appendix E", kept, dropped)
    _run(DropHtmlOnly, document)
    titles = [t.astext() for t in document.findall(nodes.title)]
    assert titles == ["Appendix E", "The analysis code"]


@pytest.mark.parametrize("caption, short", [
    ("Sichuan's prefectures (left) and Liangshan's counties (right). Source: counties.csv.",
     "Sichuan's prefectures (left) and Liangshan's counties (right)."),
    ("The resource paradox. (a) Butuo's clinics.", "The resource paradox."),
    ("Rates, end of 2013 and 2018, e.g. for Butuo", "Rates, end of 2013 and 2018, e.g. for Butuo"),
])
def test_the_lists_of_figures_and_tables_show_each_caption_s_first_sentence(caption, short):
    from liangshan_book.print_edition import short_caption

    assert short_caption(caption) == short


def test_a_long_first_sentence_is_cut_at_a_word_for_the_lists():
    from liangshan_book.print_edition import SHORT_CAPTION, short_caption

    short = short_caption("word " * 60 + "end.")
    assert short.endswith("word\u2026") and len(short) <= SHORT_CAPTION + 1


def test_a_long_signature_is_printed_a_parameter_a_line():
    from liangshan_book.print_edition import SIGNATURE, LongSignatures

    def signature(name, *params):
        plist = addnodes.desc_parameterlist()
        plist += [addnodes.desc_parameter("", p) for p in params]
        return addnodes.desc_signature("", "", addnodes.desc_name("", name), plist)

    short = signature("f", "x")
    long = signature("analysis.domain.education_health.outpatient_patient_cost",
                     "bill_yuan", "free_up_to", "patient_share_band")
    assert len(long.astext()) > SIGNATURE
    document = _document()
    document += [short, long]
    _run(LongSignatures, document)
    assert next(long.findall(addnodes.desc_parameterlist))["multi_line_parameter_list"]
    assert not next(short.findall(addnodes.desc_parameterlist)).get("multi_line_parameter_list")


def test_the_parts_left_unnumbered_in_the_toc_are_unnumbered_chapters_in_print():
    """The primer and the instructors' page are unnumbered in HTML (their parts have no
    ``numbered``), so in print too; the appendices are lettered, not listed here."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    from liangshan_book.print_edition import BookStructure, unnumbered_chapters

    site_map = parse_toc_yaml(paths.ROOT / "_toc.yml")
    assert unnumbered_chapters(site_map) == ["chapters/primer_setting", "chapters/instructor"]
    primer = addnodes.start_of_file(docname="chapters/primer_setting")
    primer += _section("Before you start: the setting", nodes.paragraph("", "text"))
    ch1 = addnodes.start_of_file(docname="chapters/ch1_changes")
    ch1 += _section("What changed in Liangshan")
    document = _document()
    document += [primer, ch1]
    from types import SimpleNamespace

    bare = type("Bare", (BookStructure,), {"config": SimpleNamespace(
        root_doc="index", external_site_map=site_map)})
    transform = bare.__new__(bare)
    transform.document = document
    transform.run()
    assert _latex(primer).startswith("\\liangshanunnumbered")  # before its \chapter
    assert _latex(primer).rstrip().endswith("\\liangshannumbered")
    assert _latex(ch1) == ""


def test_a_folded_output_is_printed():
    from liangshan_book.print_edition import PrintHiddenOutputs

    cell = nodes.container("", nodes.container("", classes=["cell_output"]),
                           classes=["cell", "tag_remove-input", "tag_hide-output"])
    document = _document()
    document += cell
    _run(PrintHiddenOutputs, document)
    assert cell["classes"] == ["cell", "tag_remove-input"]


def test_no_long_constant_prints_its_value_in_the_api_documentation():
    """A documented constant whose value would fill a page (the assumptions' registry, the
    chapters' conclusions) hides it (``:meta hide-value:``): Appendix E printed the registry's
    repr over the page's foot. 1,000 characters are about 12 lines of Appendix E."""
    import importlib
    import pkgutil

    from sphinx.pycode import ModuleAnalyzer

    import analysis

    long = []
    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        module = importlib.import_module(info.name)
        for (owner, name), lines in ModuleAnalyzer.for_module(info.name).find_attr_docs().items():
            if owner or name.startswith("_") or "hide-value" in " ".join(lines):
                continue
            if len(repr(getattr(module, name, None))) > 1000:
                long.append(f"{info.name}.{name}")
    assert long == []
