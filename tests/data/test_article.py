"""The article's text (read from outside the project) and how its numbers are read."""
import pytest

from analysis.data import article, paths
from analysis.data.article import parse_written
from analysis.data.problems import SourceTextMismatch


@pytest.mark.parametrize("phrase, expected", [
    ("881,000", (881000, None)),
    ("19.8%", (19.8, None)),
    ("six", (6, None)),
    ("30 cents", (0.30, None)),
    ("2.67 million", (2_670_000, None)),
    ("a third", (0.3333, None)),
    ("between a third and a half", (0.3333, 0.5)),
    ("two-thirds", (0.6667, None)),
    ("100 to 117", (100, 117)),
    ("two or even three", (2, 3)),
    ("tens of thousands", (20_000, None)),
    ("1,295,600", (1_295_600, None)),
])
def test_parse_written_reads_the_article_forms(phrase, expected):
    assert parse_written(phrase) == pytest.approx(expected) if expected[1] is not None \
        else parse_written(phrase) == (pytest.approx(expected[0]), None)


@pytest.mark.parametrize("phrase", ["no number here", "1, 2 and 3"])
def test_parse_written_rejects_phrases_without_one_or_two_numbers(phrase):
    with pytest.raises(ValueError, match="expected one number or a range"):
        parse_written(phrase)


def test_the_data_package_records_the_articles_identity():
    digest, count = article.identity()
    assert digest == "fdb9d1fd058551539244cecc2b54672411a2e68881238f2fb5a01d909175169f"
    assert count == 43 == article.paragraph_count()


def test_text_is_the_one_the_register_was_made_against(article_paragraphs):
    assert article.source_sha256() == article.identity()[0]
    assert len(article_paragraphs) == article.paragraph_count()
    assert article.check_identity() == []


def test_another_text_is_refused_naming_both_digests(monkeypatch, tmp_path):
    other = tmp_path / "edited.txt"
    other.write_text("A different text\n\nin two paragraphs\n", encoding="utf-8")
    monkeypatch.setenv(paths.SOURCE_TEXT_ENV, str(other))
    (problem,) = article.check_identity()
    found = article.source_sha256()
    assert found in problem.found and article.identity()[0] in problem.expected
    assert paths.SOURCE_TEXT_ENV in problem.expected
    with pytest.raises(SourceTextMismatch):
        article.paragraphs()


def test_missing_text_names_the_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.SOURCE_TEXT_ENV, str(tmp_path / "absent.txt"))
    assert not article.source_available()
    with pytest.raises(FileNotFoundError, match="english.qstheory.cn"):
        article.paragraphs()
