"""The register extension, on a two-page Sphinx project built in a temporary folder: the
``{fact}`` link's hover hint in HTML, and the register table as LaTeX prints it."""
from __future__ import annotations

import html
import re

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from analysis import formatting
from analysis.data.register import fact
from liangshan_book.facts import REGISTER_COLUMNS, fact_hint, latex_breakable_id, latex_column_spec

FACT = "liangshan.author_visits"
LONG = "liangshan.spontaneous_migrant_poor_households_remaining"


def _run(src, out, doctrees, builder, **kwargs):
    """Build one Sphinx project; docutils' registries are restored afterwards, so that several
    builds can run in one test process."""
    with docutils_namespace():
        Sphinx(str(src), str(src), str(out), str(doctrees), builder, status=None,
                warningiserror=True, **kwargs).build()


def _build(root, builder):
    src = root / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text('extensions = ["liangshan_book.facts"]\n'
                                 'latex_documents = [("index", "book.tex", "T", "A", "manual")]\n'
                                 'latex_engine = "xelatex"\n')
    (src / "index.rst").write_text(f"Numbers\n=======\n\nVisits: :fact:`{FACT}`.\n\n"
                                   ".. toctree::\n\n   register\n")
    (src / "register.rst").write_text("Register\n========\n\n.. fact-register::\n")
    out = root / builder
    _run(src, out, root / f"doctrees-{builder}", builder, freshenv=True)
    return out


@pytest.fixture(scope="module")
def html_out(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("facts"), "html")


@pytest.fixture(scope="module")
def latex_out(tmp_path_factory):
    return (_build(tmp_path_factory.mktemp("facts"), "latex") / "book.tex").read_text()


def test_the_link_to_a_register_row_carries_the_hint_as_its_title(html_out):
    page = (html_out / "index.html").read_text()
    f = fact(FACT)
    link = re.search(r'<a class="reference internal" href="register.html#fact-liangshan-author-'
                     r'visits" title="([^"]*)"><abbr class="fact-value" title="([^"]*)">([^<]*)'
                     r"</abbr></a>", page)
    assert link, "the fact link lost its title or its <abbr>"
    title, abbr_title, number = (html.unescape(g) for g in link.groups())
    assert title == abbr_title == fact_hint(f)
    assert title.startswith(f.description)
    assert title.endswith("[front matter, paragraph 4]") and "liangshan.author_visits" not in title
    assert number == formatting.value(f.value, f.unit, f.value_max)


def test_the_html_register_ids_wrap_only_after_dots_and_underscores(html_out):
    page = (html_out / "register.html").read_text()
    assert 'id="fact-liangshan-author-visits"' in page
    # <wbr> marks where a line may break; copying the id copies no extra character
    wrapped = re.sub(r"(?<=[._])", "<wbr>", LONG)
    assert f'<code class="docutils literal notranslate">{wrapped}</code>' in page
    assert "allowbreak" not in page
    assert "<col style" not in page             # the browser sizes the columns
    assert 'class="fact-register interactive-table' in page


def test_latex_ids_may_break_after_dots_and_underscores(latex_out):
    assert (r"\sphinxcode{\sphinxupquote{liangshan.\allowbreak{}author\_\allowbreak{}visits}}"
            in latex_out)
    # the longest id of the register: five break points, no part longer than "households_"
    assert latex_out.count(r"spontaneous\_\allowbreak{}migrant\_\allowbreak{}poor\_"
                           r"\allowbreak{}households\_\allowbreak{}remaining}}") == 1


def test_latex_register_has_its_own_widths_and_a_smaller_font(latex_out):
    start = latex_out.index(r"\begingroup\footnotesize\setlength{\tabcolsep}{3pt}")
    table = latex_out.index(r"\begin{longtable}{>{\raggedright\arraybackslash}\X{22}{100}")
    end = latex_out.index(r"\endgroup", table)
    assert start < table < end
    assert latex_out.index(r"\end{longtable}", table) < end
    head = latex_out[table:latex_out.index(r"\endfirsthead", table)]
    assert [h for h, _ in REGISTER_COLUMNS if h not in head] == []


def test_latex_fact_link_prints_the_number_only(latex_out):
    assert (r"\hyperref[\detokenize{register:fact-liangshan-author-visits}]"
            r"{\sphinxcrossref{\DUrole{fact-value}{6}}}" in latex_out)
    assert fact(FACT).description not in latex_out.split(r"\begin{longtable}")[0]


def test_column_spec_and_breakable_id_helpers():
    assert latex_column_spec([3, 1]) == (r">{\raggedright\arraybackslash}\X{3}{4}"
                                         r">{\raggedright\arraybackslash}\X{1}{4}")
    assert sum(width for _, width in REGISTER_COLUMNS) == 100
    assert latex_breakable_id("a.b_c", lambda s: s.replace("_", r"\_")) == \
        r"\sphinxcode{\sphinxupquote{a.\allowbreak{}b\_\allowbreak{}c}}"


def test_an_unknown_fact_id_fails_the_build(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["liangshan_book.facts"]\n')
    (src / "index.rst").write_text("T\n=\n\n:fact:`no.such_fact`\n")
    with pytest.raises(Exception, match="no.such_fact"):
        _run(src, tmp_path / "out", tmp_path / "dt", "html", warning=None)


def test_html_after_latex_on_the_same_doctrees_still_has_the_hint(tmp_path):
    # the doctrees are the same for every builder (only writing differs), so a PDF build
    # followed by an HTML build that reuses Sphinx's environment keeps the hover hint
    _build(tmp_path, "latex")
    _run(tmp_path / "src", tmp_path / "html", tmp_path / "doctrees-latex", "html")
    page = (tmp_path / "html" / "index.html").read_text()
    assert f'title="{html.escape(fact_hint(fact(FACT)))}"' in page
