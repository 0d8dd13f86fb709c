"""The printed book's front matter comes from CITATION.cff: title and subtitle, authors,
version, the release date (not the build's), the recommended citation and the licences."""
import pytest

from liangshan_book import citation, front_matter

CFF = {
    "title": "Liangshan, line by line: a re-analysis of a field report & its numbers",
    "authors": [{"name": "Liangshan compendium developers"}],
    "version": "0.2.0",
    "date-released": "2027-03-05",
    "license": ["MIT", "CC-BY-4.0"],
    "abstract": 'An executable compendium\n  that re-analyses an "article".',
    "references": [{"title": "Poverty Alleviation in Liangshan Prefecture",
                    "authors": [{"family-names": "Peng", "given-names": "Qinghua"}],
                    "journal": "Qiushi Journal (English edition)", "year": 2019}],
}


def test_title_and_subtitle_are_the_title_split_at_its_colon():
    assert front_matter.title_parts(CFF) == (
        "Liangshan, line by line", "A re-analysis of a field report & its numbers")


def test_the_release_date_is_written_in_words():
    assert front_matter.release_date(CFF) == "5 March 2027"


def test_the_title_page_its_back_and_the_abstract_carry_the_citation_metadata():
    tex = front_matter.maketitle(CFF).split("\n", 1)[1]  # after the PDF's metadata
    assert tex.startswith("\\liangshantitlepage\n  {Liangshan, line by line}\n"
                          "  {A re\\sphinxhyphen{}analysis of a field report \\& its numbers}\n")
    assert "{Liangshan compendium developers}" in tex
    assert "{Version 0.2.0}" in tex and "{Released 5 March 2027}" in tex
    # the back: the reference as the "Cite this book" page gives it, the article, licences
    assert "Liangshan compendium developers (2027). \\emph{Liangshan, line by line" in tex
    assert "Version 0.2.0, released 2027\\sphinxhyphen{}03\\sphinxhyphen{}05" in tex
    assert "Peng Qinghua, \u201cPoverty Alleviation in Liangshan Prefecture\u201d" in tex
    assert "MIT licence" in tex and "(CC BY 4.0)" in tex and "AMap" in tex
    assert "\u00a9 2027 Liangshan compendium developers." in tex  # the copyright line
    assert ("\\liangshanabstract{An executable compendium that re\\sphinxhyphen{}analyses an "
            "\u201carticle\u201d.}") in tex  # curly quotes


def test_a_licence_without_a_sentence_is_an_error():
    with pytest.raises(ValueError, match="GPL-3.0"):
        front_matter.maketitle({**CFF, "license": ["GPL-3.0"]})


def test_the_book_s_own_citation_file_makes_a_title_page():
    cff = citation.metadata()
    tex = front_matter.maketitle(cff)
    assert f"{{Version {cff['version']}}}" in tex
    assert f"{{Released {front_matter.release_date(cff)}}}" in tex


def test_the_pdf_s_metadata_gives_subject_keywords_and_language():
    tex = front_matter.maketitle({**CFF, "keywords": ["poverty alleviation", "Liang_shan"]})
    first = tex.split("\n", 1)[0]
    assert first == ("\\hypersetup{pdfsubject={An executable compendium that re-analyses an "
                     '"article".}, pdfkeywords={poverty alleviation, Liang shan}, pdflang={en}}')
