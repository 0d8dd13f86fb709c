"""A Sphinx extension: the printed book's front matter, from ``CITATION.cff``.

- The title page: the title and subtitle (``CITATION.cff``'s title, split at its colon), the
  authors, the version and the release date (``date-released``, not the day of the build;
  Sphinx's ``today`` is set to it as well).
- On its back: the recommended citation (:func:`liangshan_book.citation.plain_reference`), the
  article to cite with it, and the licences.
- A page with the abstract (``CITATION.cff``'s ``abstract``).
- The PDF's metadata besides title and author: subject (the abstract), keywords (``keywords``)
  and language, for catalogues and screen readers.
- After the contents: a list of figures and a list of tables, in the contents and the PDF's
  bookmarks too.

It fills Sphinx's ``latex_elements`` (``maketitle``, ``tableofcontents``) when the
configuration is read, so the PDF's first pages follow ``CITATION.cff`` whenever it changes
(the build depends on it). Written here because Sphinx's own title page has no subtitle, no
citation and prints the build date.
"""
from __future__ import annotations

import datetime
import re

from sphinx.util.texescape import escape as tex_escape

from liangshan_book import citation

#: What each licence of ``CITATION.cff`` covers, as the verso prints it (LICENSE,
#: LICENSE-TEXT.md, LICENSE-DATA.md say the same at greater length).
LICENCES = {
    "CC-BY-4.0": "The text (chapters, captions, data descriptions) is licensed under the "
                 "Creative Commons Attribution 4.0 International licence (CC BY 4.0).",
    "MIT": "The code is licensed under the MIT licence.",
}
#: What the verso says of the data, which carry their own licences.
DATA_LICENCES = ("The data keep their own licences, listed in Appendix C; the county "
                 "boundaries are derived from AMap data and used for non-commercial "
                 "research and teaching with attribution, not under an open licence.")


def _tex(text: str) -> str:
    from sphinx.util import texescape

    texescape.init()  # the escape maps (Sphinx fills them when its LaTeX builder starts)
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)  # typographic double quotes
    return tex_escape(text).replace("\n", " ")


def release_date(cff: dict) -> str:
    """The release date in words: ``28 November 2026``."""
    day = datetime.date.fromisoformat(cff["date-released"])
    return f"{day.day} {day:%B %Y}"


def title_parts(cff: dict) -> tuple[str, str]:
    """The title and the subtitle (the part after the first colon, capitalised)."""
    title, _, subtitle = cff["title"].partition(": ")
    return title, subtitle[:1].upper() + subtitle[1:]


def _reference_tex(cff: dict) -> str:
    before, title, after = citation.plain_reference(cff).split("*")
    return f"{_tex(before)}\\emph{{{_tex(title)}}}{_tex(after)}"


def _pdf_string(text: str) -> str:
    """``text`` as a value of ``\\hypersetup`` (a PDF string): one line, without the
    characters that TeX would read as commands."""
    return re.sub(r"[\\{}%#&_^~$]", " ", " ".join(text.split()))


def pdf_metadata(cff: dict, language: str = "en") -> str:
    """The ``\\hypersetup`` of the PDF's subject, keywords and language."""
    return (f"\\hypersetup{{pdfsubject={{{_pdf_string(cff.get('abstract', ''))}}}, "
            f"pdfkeywords={{{_pdf_string(', '.join(cff.get('keywords', [])))}}}, "
            f"pdflang={{{language}}}}}")


def copyright_line(cff: dict) -> str:
    """The copyright line of the title page's back: ``© 2026 <authors>``."""
    year = datetime.date.fromisoformat(cff["date-released"]).year
    return f"\u00a9 {year} {', '.join(citation.authors(cff))}."


def maketitle(cff: dict, language: str = "en") -> str:
    """LaTeX of the title page, its back (citation, licences) and the abstract page."""
    title, subtitle = title_parts(cff)
    authors = " \\and ".join(_tex(a) for a in citation.authors(cff))
    unknown = [lic for lic in cff.get("license", []) if lic not in LICENCES]
    if unknown:
        raise ValueError(f"CITATION.cff: licence {unknown[0]!r} has no sentence in "
                         "liangshan_book.front_matter.LICENCES")
    licences = " ".join(LICENCES[lic] for lic in cff.get("license", []))
    ref = cff.get("references", [{}])[0]
    article = (f"{_tex(ref['authors'][0]['family-names'])} "
               f"{_tex(ref['authors'][0]['given-names'])}, \u201c{_tex(ref['title'])}\u201d, "
               f"\\emph{{{_tex(ref['journal'])}}}, {ref['year']}" if ref else "")
    return "\n".join([
        pdf_metadata(cff, language),
        "\\liangshantitlepage",
        f"  {{{_tex(title)}}}",
        f"  {{{_tex(subtitle)}}}",
        f"  {{{authors}}}",
        f"  {{Version {_tex(str(cff['version']))}}}",
        f"  {{Released {release_date(cff)}}}",
        "\\liangshanverso",
        f"  {{{_reference_tex(cff)}}}",
        f"  {{{article}}}",
        f"  {{{_tex(copyright_line(cff))} {_tex(licences)} {_tex(DATA_LICENCES)}}}",
        f"\\liangshanabstract{{{_tex(' '.join(cff.get('abstract', '').split()))}}}",
    ])


#: The contents, then the lists of figures and of tables (macros of ``latex/liangshan.sty``).
TABLE_OF_CONTENTS = "\\liangshancontents"


def _configure(app, config) -> None:
    cff = citation.metadata()
    elements = dict(config.latex_elements or {})
    elements["maketitle"] = maketitle(cff, config.language or "en")
    elements["tableofcontents"] = TABLE_OF_CONTENTS
    config.latex_elements = elements
    config.today = release_date(cff)


def setup(app):
    app.connect("config-inited", _configure, priority=600)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
