"""The campaign's timeline (analysis.domain.timeline): each date as the period its source
allows, worked out by hand."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.domain import timeline


def test_a_day_is_one_day():
    start, end = timeline.period("2013-11-03", "day")
    assert start == end == pd.Timestamp("2013-11-03")


def test_a_month_runs_to_its_last_day():
    assert timeline.period("2016-04", "month") == (pd.Timestamp("2016-04-01"),
                                                   pd.Timestamp("2016-04-30"))
    # February of a leap year has 29 days
    assert timeline.period("2016-02", "month")[1] == pd.Timestamp("2016-02-29")


def test_a_year_runs_from_january_to_december():
    assert timeline.period("2014", "year") == (pd.Timestamp("2014-01-01"),
                                               pd.Timestamp("2014-12-31"))


@pytest.mark.parametrize("date, precision", [("2016-04", "day"), ("2016-04-28", "month"),
                                             ("2014", "decade")])
def test_a_date_not_written_to_its_precision_is_refused(date, precision):
    with pytest.raises(ValueError, match="precision"):
        timeline.period(date, precision)


def test_dates_are_shown_no_more_precisely_than_known():
    assert timeline.shown_date(pd.Timestamp("2013-11-03"), "day") == "3 Nov 2013"
    assert timeline.shown_date(pd.Timestamp("2016-04-01"), "month") == "Apr 2016"
    assert timeline.shown_date(pd.Timestamp("2014-01-01"), "year") == "2014"


def test_the_book_s_timeline():
    ev = timeline.events()
    assert len(ev) == 14
    assert list(ev["rank"]) == list(range(14))
    assert ev["start"].is_monotonic_increasing
    assert (ev.iloc[0]["event_id"], ev.iloc[-1]["event_id"]) == ("targeted_concept",
                                                                 "declaration")
    roll = ev.set_index("event_id").loc["poverty_roll"]
    # the source gives the year only: the whole of 2014, 365 days
    assert (roll["shown"], roll["days"]) == ("2014", 365)
    sources = ev.set_index("event_id")["source"]
    assert sources["article_chinese"] == "S97; article ¶43"
    assert sources["article_english"] == "article ¶2"
    assert sources["declaration"] == "S31"
    # 8 national events, 4 in Liangshan, 2 about the article
    assert timeline.count_by_track(ev) == {"China": 8, "Liangshan": 4, "The article": 2}


def test_span_in_years():
    ev = timeline.events()
    # 2013-11-03 to 2020-11-03 is 7 years with two leap days (2016, 2020): 2557 days; then
    # 27 days of November, 31 of December, 31 of January and 25 of February: 114 more.
    assert timeline.span(ev, "targeted_concept", "declaration") == pytest.approx(2671 / 365.25)
    with pytest.raises(KeyError, match="no_such_event"):
        timeline.span(ev, "targeted_concept", "no_such_event")


def test_same_day_events_keep_the_order_of_the_tracks():
    frame = pd.DataFrame({
        "event_id": ["b", "a"], "date": ["2019-08-16", "2019-08-16"],
        "precision": ["day", "day"], "track": ["The article", "China"],
        "label": ["B", "A"], "source_id": ["S97", "S90"], "paragraph": [pd.NA, pd.NA]})
    ev = timeline.events(frame)
    assert list(ev["event_id"]) == ["a", "b"]


def test_an_unknown_track_is_refused():
    frame = pd.DataFrame({"event_id": ["x"], "date": ["2019"], "precision": ["year"],
                          "track": ["Mars"], "label": ["X"], "source_id": ["S97"],
                          "paragraph": [pd.NA]})
    with pytest.raises(ValueError, match="Mars"):
        timeline.events(frame)
