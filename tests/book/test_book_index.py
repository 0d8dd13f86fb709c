"""The book's index: places, terms and register ids found in each paragraph."""
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from liangshan_book import book_index


def test_a_paragraph_s_places_and_terms_become_index_entries():
    found = book_index.entries("In Kuijiu village of Butuo the poverty roll counted the "
                               "registered poor; rates are in percentage points.")
    assert "Butuo (county)" in found and "Kuijiu (village)" in found
    assert "poverty roll (government's list of poor households)" in found
    assert "registered poor" in found and "percentage point" in found
    assert "Jinyang (county)" not in found  # not named
    assert book_index.entries("Nothing of the kind here.") == []


def test_every_county_of_the_context_table_is_a_place():
    from analysis.domain.counties import county_table

    places = book_index.places()
    assert {f"{n} (county)" for n in county_table()["name_pinyin"]} <= set(places.values())
    assert places["Liangshan"] == "Liangshan (prefecture)"


def test_a_built_page_lists_its_entries_in_the_general_index(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["liangshan_book.book_index"]\n')
    (src / "index.rst").write_text("Book\n====\n\nButuo lies in Liangshan.\n\n"
                                   ".. figure:: x.png\n\n   Butuo in a caption: not indexed.\n")
    with docutils_namespace():
        Sphinx(str(src), str(src), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html",
               status=None, freshenv=True).build()
    genindex = (tmp_path / "html" / "genindex.html").read_text()
    assert "Butuo (county)" in genindex and "Liangshan (prefecture)" in genindex
    assert genindex.count('href="index.html#index-') == 2  # one paragraph, two entries


def test_text_that_one_edition_only_has_is_not_indexed():
    """The HTML's general index listed an entry of the introduction's print-only paragraph
    (``{only} latex``), and its link found no anchor in the HTML page."""
    from docutils import nodes
    from sphinx import addnodes

    para = nodes.paragraph("", "Butuo's poverty roll")
    only = addnodes.only(expr="latex")
    only += para
    assert book_index._skip(para)
    assert not book_index._skip(nodes.section("", nodes.paragraph("", "Butuo"))[0])
