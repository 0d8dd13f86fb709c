"""The book's bibliography style: entries labelled and sorted the way the text cites them.

The chapters cite author–year (``bibtex_reference_style: author_year`` gives "[Peng, 2019]"),
but pybtex's stock styles label the bibliography ``[Pen19]`` (alpha) or ``[1]`` (plain), so a
reader cannot match a citation to its entry. This style labels each entry with the same
author–year text that sphinxcontrib-bibtex prints in the prose, and sorts the list by that
label, ignoring case (so that "cnmaps developers" files under C, not after Z).

It is a pybtex plugin, ``liangshan_author_year`` (formatting, labels and sorting), declared as
entry points of this package in ``pyproject.toml``, where pybtex finds its plugins;
``_config.yml`` selects it with ``bibtex_default_style``. The entry text itself is pybtex's
``unsrt`` style.
"""
from __future__ import annotations

from collections import Counter
from string import ascii_lowercase

from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.template import author_or_editor_or_title, year
from sphinxcontrib.bibtex.style.template import join as join_names

#: The name of the three plugins (formatting, labels, sorting) in ``pyproject.toml``.
STYLE_NAME = "liangshan_author_year"


class _Context:
    """What sphinxcontrib-bibtex's name templates read from their ``style`` (its person style).

    The defaults are the ones of its ``author_year`` referencing style: last names, "A and B"
    for two authors, "A et al." for three or more.
    """

    person = PersonStyle(other=" et al.")


def author_year(entry) -> str:
    """The author–year text of ``entry``, as the in-text citations print it ("Peng, 2019").

    Built with sphinxcontrib-bibtex's own templates (authors, else editors, else the title;
    the year, else "n.d."), so the label and the citation cannot drift apart.
    """
    person = _Context.person
    template = join_names(sep=", ")[
        author_or_editor_or_title(sep=person.sep, sep2=person.sep2, last_sep=person.last_sep,
                                  other=person.other),
        year,
    ]
    return template.format_data({"entry": entry, "style": _Context}).render_as("text")


class AuthorYearLabels(BaseLabelStyle):
    """Labels "Peng, 2019"; two entries with the same label become "…, 2010a", "…, 2010b"."""

    def format_labels(self, sorted_entries):
        labels = [author_year(e) for e in sorted_entries]
        counts = Counter(labels)
        seen: Counter = Counter()
        for label in labels:
            if counts[label] == 1:
                yield label
            else:
                yield label + ascii_lowercase[seen[label] % 26]
                seen[label] += 1


class AuthorYearSorting(BaseSortingStyle):
    """Sort by the author–year label (case-insensitive), then by title."""

    def sorting_key(self, entry):
        return author_year(entry).casefold(), entry.fields.get("title", "").casefold()


class AuthorYearStyle(UnsrtStyle):
    """pybtex's ``unsrt`` entries with author–year labels, sorted by label.

    A DOI is shown as its resolver address (``https://doi.org/…``), the form DOI agencies ask
    for, and then the link text is the address itself: the PDF, which prints the address of
    every link whose text differs from it (``latex_show_urls: footnote``), prints it once.
    """

    default_label_style = STYLE_NAME
    default_sorting_style = STYLE_NAME

    def format_doi(self, e):
        url = join["https://doi.org/", field("doi", raw=True)]
        return href(url)[url]
