"""Paragraph locators: parsed, checked against the article's length, and valid in every chapter."""
import re

import pytest

from analysis.data import paths
from analysis.data.article import paragraph_count
from liangshan_book.locators import parse_locator, render_locator


@pytest.mark.parametrize("text, expected", [("29", (29, 29)), ("23-26", (23, 26)),
                                            ("23–26", (23, 26)), (" 4 ", (4, 4))])
def test_locators_are_parsed(text, expected):
    assert parse_locator(text) == expected


@pytest.mark.parametrize("text", ["0", str(paragraph_count() + 1), "26-23", "p29", "29,30", ""])
def test_a_locator_the_article_cannot_have_is_refused(text):
    with pytest.raises(ValueError, match="paragraph locator"):
        parse_locator(text)


def test_locators_are_printed_with_a_pilcrow_and_an_en_dash():
    assert render_locator(29, 29) == "¶29" and render_locator(23, 26) == "¶23\u201326"


def test_every_locator_in_the_chapters_is_valid_and_none_is_typed_by_hand():
    typed, roles = [], []
    for md in sorted(paths.CHAPTERS.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        roles += [(md.name, t) for t in re.findall(r"\{para\}`([^`]*)`", text)]
        typed += [(md.name, m) for m in re.findall(r"¶\s*\d+", re.sub(r"\{para\}`[^`]*`", "",
                                                                     text))]
    assert roles, "the chapters cite no paragraph"
    for _name, locator in roles:
        parse_locator(locator)  # raises, naming the locator
    assert typed == []
