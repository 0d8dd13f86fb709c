"""The primer's named values (analysis.chapters.primer), checked by hand."""
import pytest

from analysis.chapters import primer


def test_timeline_section():
    v = primer.timeline_section()
    assert v.number("primer_n_events") == 14
    assert (v.number("primer_first_year"), v.number("primer_last_year")) == (2013, 2021)
    # 2013-11-03 to 2021-02-25: 2671 days (tests/domain/test_timeline.py)
    assert v.number("primer_campaign_years") == pytest.approx(2671 / 365.25)
    # 2019-08-16 to 2020-08-16 is 366 days (29 Feb 2020), then 31 + 30 + 31 days to 16
    # November and one more to the 17th: 459 days, about 15 months
    assert v.number("primer_article_to_exit_months") == pytest.approx(459 / 365.25 * 12)
    assert v.number("primer_liangshan_events") == 4
    assert (v.number("primer_chinese_published"), v.number("primer_english_posted")) == (
        "16 Aug 2019", "13 Jan 2020")
    assert v["primer_campaign_years"].computed_by == "analysis.domain.timeline.span"


def test_people_section():
    v = primer.people_section()
    # census values as recorded in data/context/county_indicators.csv (S01)
    assert v.number("primer_population_2020") == 4858359
    assert (v.number("primer_minority_2010"), v.number("primer_minority_2020")) == (52.45,
                                                                                    55.38)
    assert v.number("primer_butuo_minority_2020") == 95.89
    assert v.number("primer_jinyang_minority_2020") == 84.47
    assert "upper bound on the Yi share" in v["primer_minority_2020"].what


def test_events_table_names_each_source():
    t = primer.events_table()
    assert list(t.columns) == ["Date", "Event", "Where", "Source"]
    assert len(t) == 14
    assert t.iloc[0]["Date"] == "3 Nov 2013"
    assert t.iloc[0]["Source"] == "S90: China Daily (from Xinhua), 2020-11-02"
    english = t[t["Date"] == "13 Jan 2020"].iloc[0]
    assert (english["Where"], english["Source"]) == ("The article", "the article, ¶2")
    chinese = t[t["Date"] == "16 Aug 2019"].iloc[0]
    assert chinese["Source"] == "S97: Sichuan Online (四川在线), 2019-08-16; the article, ¶43"
