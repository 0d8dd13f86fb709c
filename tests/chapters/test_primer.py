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
