"""The book is citable: a valid CITATION.cff, one version everywhere, a Cite page with BibTeX."""
import re
import tomllib

import yaml

from analysis.data import paths

SPDX = {"MIT", "CC-BY-4.0"}


def _cff():
    return yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_has_the_required_fields_of_cff_1_2():
    cff = _cff()
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "date-released", "license", "type"):
        assert cff.get(key), key
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    licences = cff["license"] if isinstance(cff["license"], list) else [cff["license"]]
    assert set(licences) <= SPDX
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    assert cff["type"] in ("software", "dataset")
    ref = cff["references"][0]
    assert ref["authors"][0]["family-names"] == "Peng" and ref["year"] == 2019


def test_one_version_everywhere():
    """CITATION.cff is the source; pyproject.toml (which packaging needs) must agree, and
    nothing else writes the version or the release date down."""
    version = str(_cff()["version"])
    assert tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["version"] \
        == version
    import analysis

    assert analysis.__version__ == version
    written = [p for p in [paths.ROOT / "_config.yml", paths.ROOT / "index.md",
                           *paths.CHAPTERS.glob("*.md")]
               if version in p.read_text(encoding="utf-8")
               or str(_cff()["date-released"]) in p.read_text(encoding="utf-8")]
    assert written == []
    cite = (paths.CHAPTERS / "cite.md").read_text(encoding="utf-8")
    assert "{{ version }}" in cite and "{{ release_date }}" in cite
    assert "```{cite-this-book}" in cite


def test_the_bibtex_entry_parses_and_carries_version_and_date():
    from pybtex.database import parse_string

    from liangshan_book import citation

    cff = citation.metadata()
    entry = parse_string(citation.bibtex(cff), "bibtex").entries[citation.bibtex_key(cff)]
    assert entry.type == "software"
    assert entry.fields["version"] == str(cff["version"])
    assert entry.fields["year"] == cff["date-released"][:4]
    assert [str(p) for p in entry.persons["author"]] == ["{Liangshan compendium developers}"]
    assert citation.plain_reference(cff).startswith("Liangshan compendium developers (")


def test_bibliography_cites_the_article_and_the_software():
    bib = (paths.ROOT / "references.bib").read_text(encoding="utf-8")
    for key in ("peng2019liangshan", "mckinney2010pandas", "jordahl2020geopandas",
                "seabold2010statsmodels", "waskom2021seaborn", "hunter2007matplotlib",
                "executablebooks2020jupyterbook"):
        assert "{" + key + "," in bib, key
    assert "english.qstheory.cn" in bib


def test_a_misc_entry_for_classic_bibtex_and_a_url_when_the_address_is_known():
    import pytest
    from pybtex.database import parse_string

    from liangshan_book import citation

    cff = {"title": "T_x", "authors": [{"name": "Group"}], "date-released": "2026-11-28",
           "version": "0.1.0", "url": "https://example.org/book"}
    misc = parse_string(citation.bibtex(cff, "misc"), "bibtex").entries[citation.bibtex_key(cff)]
    assert misc.type == "misc"
    assert misc.fields["howpublished"] == ("Executable research compendium (Jupyter Book), "
                                           "version 0.1.0")
    assert misc.fields["url"] == "https://example.org/book" and "version" not in misc.fields
    soft = parse_string(citation.bibtex(cff), "bibtex").entries[citation.bibtex_key(cff)]
    assert soft.type == "software" and soft.fields["url"] == "https://example.org/book"
    del cff["url"]
    assert "url" not in citation.bibtex(cff, "misc")      # no address recorded: no url field
    with pytest.raises(ValueError, match="entry_type"):
        citation.bibtex(cff, "article")
