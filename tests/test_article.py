"""The article's text (read from outside the project) and how its numbers are read."""
import pytest

from analysis import article, paths
from analysis.article import parse_written


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


def test_text_is_the_published_version(article_paragraphs):
    assert article.source_sha256() == paths.SOURCE_TEXT_SHA256
    assert len(article_paragraphs) == article.PARAGRAPH_COUNT


def test_missing_text_names_the_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.SOURCE_TEXT_ENV, str(tmp_path / "absent.txt"))
    assert not article.source_available()
    with pytest.raises(FileNotFoundError, match="english.qstheory.cn"):
        article.paragraphs()
