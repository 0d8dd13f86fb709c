"""The register of the article's claims: loading, lookup, and agreement with the article."""
import pandas as pd
import pytest

from analysis.data import register
from analysis.data.problems import UnknownFactError


@pytest.fixture(scope="module")
def facts():
    return register.load_facts()


def test_register_loads_with_every_column(facts):
    expected = {"fact_id", "section", "paragraph", "topic", "place", "place_level", "adcode",
                "indicator", "value", "value_max", "unit", "period", "qualifier", "as_written",
                "description"}
    assert expected <= set(facts.columns)
    assert len(facts) >= 100  # the article makes over a hundred quantitative claims
    assert facts["value"].dtype == "float64"
    assert not facts["value"].isna().any()


def test_ids_are_unique(facts):
    assert facts["fact_id"].is_unique


def test_fact_returns_value_unit_locator_and_description():
    f = register.fact("liangshan.poor_population.2013")
    assert f.value == 881000 and f.unit == "persons" and f.value_max is None
    assert f.locator == "section I, paragraph 11"
    assert f.description
    rng = register.fact("liangshan.pension_monthly")
    assert (rng.value, rng.value_max, rng.is_range) == (100, 117, True)


def test_unknown_fact_is_a_named_error_with_suggestions():
    with pytest.raises(UnknownFactError, match="liangshan.poor_population.2013"):
        register.fact("liangshan.poor_population.2031")


def test_every_row_stands_in_its_paragraph(facts, article_paragraphs):
    missing = [(r.fact_id, r.paragraph, r.as_written) for r in facts.itertuples()
               if r.as_written not in article_paragraphs[r.paragraph - 1]]
    assert missing == []


def test_every_paragraph_with_a_digit_has_a_register_row(facts, article_paragraphs):
    """A paragraph that prints a digit (other than a year or a date) is covered by the register."""
    import re

    skip = {2, 25, 43}  # byline, a photo date, the note on the Chinese edition
    covered = set(facts["paragraph"])
    uncovered = []
    for n, text in enumerate(article_paragraphs, start=1):
        body = re.sub(r"^\d+\.\s", "", text)  # the numbered headings of section IV
        digits = [t for t in re.findall(r"\d+(?:[,.]\d+)*", body)
                  if not re.fullmatch(r"(19|20)\d\d", t)]
        if digits and n not in skip and n not in covered:
            uncovered.append(n)
    assert uncovered == []


def test_register_has_the_key_numbers_of_each_section(facts):
    by_section = facts.groupby("section").size()
    for section in ["I", "II", "III", "IV"]:
        assert by_section[section] >= 5
    assert pd.Series(facts.index).str.startswith("trip.").sum() >= 8
