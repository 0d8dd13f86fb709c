"""The book's citation, from one source: ``CITATION.cff``.

Sphinx's ``release`` and ``version`` (the PDF's title page), the MyST substitutions
``{{ version }}``, ``{{ release_date }}`` and ``{{ release_year }}``, and the directive
``{cite-this-book}`` (a plain reference and a BibTeX entry, for the "Cite this book" page) are
all derived from ``CITATION.cff`` when the book is built, so the version and the release date
are written in one place. ``pyproject.toml`` must carry the same version (a test holds them
equal; packaging needs its own copy).

Written here because Jupyter Book has no setting that reads ``CITATION.cff``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from analysis.data import paths

CFF = paths.ROOT / "CITATION.cff"


@lru_cache(maxsize=2)
def _read(path: Path, stamp: float) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def metadata(path: Path = CFF) -> dict:
    """``CITATION.cff`` as a dict (with ``date-released`` as an ISO date string)."""
    cff = dict(_read(path, path.stat().st_mtime))
    cff["date-released"] = str(cff["date-released"])
    return cff


def authors(cff: dict) -> list[str]:
    """The authors' names as the reference prints them (a name, or "Family, Given")."""
    return _authors(cff)


def _authors(cff: dict) -> list[str]:
    out = []
    for a in cff["authors"]:
        if "name" in a:
            out.append(a["name"])
        else:
            out.append(f"{a['family-names']}, {a.get('given-names', '')}".strip(", "))
    return out


def bibtex_key(cff: dict) -> str:
    """A stable BibTeX key: ``liangshan_compendium_<year>``."""
    return f"liangshan_compendium_{cff['date-released'][:4]}"


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def address(cff: dict) -> str | None:
    """Where the book can be found: ``url`` of ``CITATION.cff``, else its ``repository-code``
    (None while neither is recorded)."""
    return cff.get("url") or cff.get("repository-code")


def bibtex(cff: dict | None = None, entry_type: str = "software") -> str:
    """A BibTeX entry for the book, from ``CITATION.cff``.

    Args:
        cff: the citation metadata (default: the repository's ``CITATION.cff``).
        entry_type: ``software`` (biblatex knows it) or ``misc`` (for classic BibTeX styles,
            which drop or misprint ``@software``; the version goes into ``howpublished``).

    Returns:
        The entry, with a ``url`` field whenever the metadata give an address (:func:`address`).
        A corporate author is braced twice so that BibTeX keeps it whole.
    """
    if entry_type not in ("software", "misc"):
        raise ValueError(f"entry_type: expected 'software' or 'misc', got {entry_type!r}")
    cff = cff or metadata()
    authors = " and ".join("{" + a + "}" if "," not in a else a for a in _authors(cff))
    year, month, _ = cff["date-released"].split("-")
    fields = [("author", "{" + authors + "}"), ("title", "{" + _bib_escape(cff["title"]) + "}"),
              ("year", "{" + year + "}"), ("month", "{" + month + "}"),
              ("version", "{" + str(cff["version"]) + "}"),
              ("note", "{Executable research compendium (Jupyter Book)}")]
    if entry_type == "misc":
        fields[4:] = [("howpublished", "{Executable research compendium (Jupyter Book), "
                                       f"version {cff['version']}}}")]
    if address(cff):
        fields.append(("url", "{" + address(cff) + "}"))
    width = max(len(k) for k, _ in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {v}" for k, v in fields)
    return f"@{entry_type}{{{bibtex_key(cff)},\n{body}\n}}\n"


def plain_reference(cff: dict | None = None) -> str:
    """The reference in words: authors (year). *Title*. Version v, released date."""
    cff = cff or metadata()
    return (f"{'; '.join(_authors(cff))} ({cff['date-released'][:4]}). *{cff['title']}*. "
            f"Version {cff['version']}, released {cff['date-released']}. Executable research "
            "compendium.")


class CiteThisBook(SphinxDirective):
    """``{cite-this-book}``: the plain reference and the BibTeX entry, from CITATION.cff."""

    def run(self):
        self.env.note_dependency(str(CFF))
        cff = metadata()
        ref = plain_reference(cff)
        quote = nodes.block_quote()
        para = nodes.paragraph()
        before, title, after = ref.split("*")
        para += [nodes.Text(before), nodes.emphasis(text=title), nodes.Text(after)]
        quote += para
        out = [nodes.paragraph(text="Plain reference:"), quote]
        for label, kind in (("BibTeX for biblatex (@software):", "software"),
                            ("BibTeX for classic BibTeX styles (@misc):", "misc")):
            entry = bibtex(cff, kind)
            out += [nodes.paragraph(text=label),
                    nodes.literal_block(entry, entry, language="bibtex")]
        return out


def _from_cff(app, config) -> None:
    cff = metadata()
    config.release = config.version = str(cff["version"])
    if "myst_substitutions" in config:  # MyST is loaded (always, in Jupyter Book)
        subs = dict(config.myst_substitutions or {})
        subs.update(version=str(cff["version"]), release_date=cff["date-released"],
                    release_year=cff["date-released"][:4])
        config.myst_substitutions = subs


def setup(app):
    app.connect("config-inited", _from_cff)
    app.add_directive("cite-this-book", CiteThisBook)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
