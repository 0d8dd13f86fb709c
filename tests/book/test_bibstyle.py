"""The bibliography style: author–year labels, sorted as a reader looks them up."""
from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, Entry, Person, parse_file
from pybtex.plugin import find_plugin

from analysis.data import paths
from liangshan_book import bibstyle


@pytest.fixture(scope="module")
def formatted():
    style = find_plugin("pybtex.style.formatting", bibstyle.STYLE_NAME)()
    entries = parse_file(paths.ROOT / "references.bib").entries
    return {e.key: e for e in style.format_entries(entries.values())}


def test_labels_are_author_and_year(formatted):
    labels = {key: e.label for key, e in formatted.items()}
    assert labels["peng2019liangshan"] == "Peng, 2019"
    assert labels["seabold2010statsmodels"] == "Seabold and Perktold, 2010"
    assert labels["dong2022census"] == "Dong et al., 2022"           # three authors
    assert labels["jordahl2020geopandas"] == "Jordahl et al., 2020"   # "and others"
    assert labels["frictionless2024datapackage"] == \
        "Frictionless Data / Open Knowledge Foundation, 2024"         # a body as author


def test_entries_are_sorted_by_label_ignoring_case(formatted):
    labels = [e.label for e in formatted.values()]
    assert labels == sorted(labels, key=str.casefold)
    assert labels[0] == "cnmaps developers, 2023"


def test_a_doi_is_printed_once_as_its_address(formatted):
    text = formatted["hunter2007matplotlib"].text.render_as("text")
    assert text.count("10.1109/MCSE.2007.55") == 1
    assert "https://doi.org/10.1109/MCSE.2007.55" in text
    assert "doi:" not in text


def test_the_same_author_and_year_twice_get_a_and_b():
    style = find_plugin("pybtex.style.formatting", bibstyle.STYLE_NAME)()
    data = BibliographyData({
        "x1": Entry("misc", [("title", "First"), ("year", "2019")],
                    persons={"author": [Person("Peng, Qinghua")]}),
        "x2": Entry("misc", [("title", "Second"), ("year", "2019")],
                    persons={"author": [Person("Peng, Qinghua")]}),
        "x3": Entry("misc", [("title", "Untitled year")], persons={"author": [Person("Ito, Kei")]}),
    })
    labels = {e.key: e.label for e in style.format_entries(data.entries.values())}
    assert labels == {"x3": "Ito, n.d.", "x1": "Peng, 2019a", "x2": "Peng, 2019b"}


def test_author_year_matches_the_sphinx_citation_text():
    entry = Entry("article", [("title", "T"), ("year", "2010")],
                  persons={"author": [Person("Seabold, Skipper"), Person("Perktold, Josef")]})
    assert bibstyle.author_year(entry) == "Seabold and Perktold, 2010"
