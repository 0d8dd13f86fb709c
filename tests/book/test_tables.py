"""The table layout extension, on a small Sphinx project: a captioned list-table whose second
column holds numbers is right-aligned in HTML (cells of class ``numeric``) and set in the PDF in
ragged columns of the given widths, the numbers ragged left; a table laid out by hand
(``tabularcolumns``) is left alone."""
from __future__ import annotations

import re

import pytest
from minibook import sphinx_build

from liangshan_book.tables import column_spec

CONF = """
extensions = ["liangshan_book.tables"]
numfig = True
latex_documents = [("index", "book.tex", "T", "A", "manual")]
"""

INDEX = """\
Book
====

See :numref:`tbl-rates`.

.. list-table:: Rates by place.
   :name: tbl-rates
   :header-rows: 1
   :widths: 3 1
   :class: longtable numeric-2

   * - Place
     - Rate (%)
   * - Butuo
     - 26.0

.. tabularcolumns:: |l|r|

.. list-table:: Laid out by hand.
   :header-rows: 1
   :widths: 1 1
   :class: numeric-2

   * - A
     - B
   * - x
     - 1
"""


def _build(root, builder):
    return sphinx_build(root, builder, {"conf.py": CONF, "index.rst": INDEX})


@pytest.fixture(scope="module")
def tex(tmp_path_factory):
    return (_build(tmp_path_factory.mktemp("tables"), "latex") / "book.tex").read_text()


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    return (_build(tmp_path_factory.mktemp("tables"), "html") / "index.html").read_text()


def test_column_spec_sets_numbers_ragged_left():
    assert column_spec([3, 1], {2}) == r"\LSleft{3}{4}\LSright{1}{4}"
    assert column_spec([1, 1, 2], set()) == r"\LSleft{1}{4}\LSleft{1}{4}\LSleft{2}{4}"


def test_latex_gets_ragged_columns_of_the_given_widths(tex):
    assert r"\begin{longtable}{\LSleft{3}{4}\LSright{1}{4}}" in tex
    # the caption and label of a numbered table, at its head
    assert (r"\caption{Rates by place.\strut}\label{\detokenize{index:tbl-rates}}"
            in tex)
    # the table laid out by hand keeps its own columns
    assert "{|l|r|}" in tex and tex.count(r"\LSright") == 1


def test_html_marks_the_cells_of_numbers(html):
    assert re.search(r'<td class="numeric"><p>26\.0</p></td>', html)
    assert re.search(r'<th class="head numeric"><p>Rate \(%\)</p></th>', html)
    assert not re.search(r'<td class="numeric"><p>Butuo', html)
    assert "Table 1 " in html  # numbered
