"""The book is citable: a valid CITATION.cff, one version everywhere, a Cite page with BibTeX."""
import re
import tomllib

import yaml

from analysis import paths

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
    version = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["version"]
    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text())
    cite = (paths.CHAPTERS / "cite.md").read_text(encoding="utf-8")
    import analysis

    assert str(_cff()["version"]) == version
    assert config["parse"]["myst_substitutions"]["version"] == version
    assert analysis.__version__ == version
    assert f"version   = {{{version}}}" in cite
    assert "{{ version }}" in cite  # the plain reference shows the version by substitution


def test_bibliography_cites_the_article_and_the_software():
    bib = (paths.ROOT / "references.bib").read_text(encoding="utf-8")
    for key in ("peng2019liangshan", "mckinney2010pandas", "jordahl2020geopandas",
                "seabold2010statsmodels", "waskom2021seaborn", "hunter2007matplotlib",
                "executablebooks2020jupyterbook"):
        assert "{" + key + "," in bib, key
    assert "english.qstheory.cn" in bib
