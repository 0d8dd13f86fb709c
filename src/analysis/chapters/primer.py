"""The named values of the primer ("Before you start: the setting"): one function per section,
each returning the numbers its prose shows, with what each is and what computed it.

Computations live in :mod:`analysis.domain.timeline` and :mod:`analysis.domain.counties`; this
module only picks.
"""
from __future__ import annotations

import pandas as pd

from analysis.chapters.values import Values
from analysis.domain import counties, timeline

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: The counties of the author's field trip, by code (NBS, context/counties.csv).
BUTUO, JINYANG = "513429", "513430"


def timeline_section(events: pd.DataFrame | None = None) -> Values:
    """The campaign's timeline: how many events, how long the campaign ran, and how far the
    article came before Liangshan's last counties left the list.

    Args:
        events: :func:`analysis.domain.timeline.events` (default: computed from the data).
    """
    ev = timeline.events() if events is None else events
    starts = ev.set_index("event_id")["start"]
    v = Values()
    v.add("primer_n_events", len(ev), "dated events in the timeline", timeline.events)
    v.add("primer_first_year", int(starts.min().year), "year of the first event",
          timeline.events)
    v.add("primer_last_year", int(starts.max().year), "year of the last event",
          timeline.events)
    v.add("primer_campaign_years", timeline.span(ev, "targeted_concept", "declaration"),
          "years from the first remark on targeted poverty alleviation to the declaration "
          "that absolute rural poverty had ended", timeline.span)
    v.add("primer_article_to_exit_months",
          timeline.span(ev, "article_chinese", "liangshan_last_exits") * 12,
          "months from the article's Chinese publication to the approval of Liangshan's last "
          "poverty counties' exit", timeline.span)
    shown = ev.set_index("event_id")["shown"]
    v.add("primer_chinese_published", shown["article_chinese"], "date of the article's "
          "Chinese original in Qiushi (source S97)", timeline.shown_date)
    v.add("primer_english_posted", shown["article_english"], "date the English text was "
          "posted online (the article, paragraph 2)", timeline.shown_date)
    v.add("primer_liangshan_events", timeline.count_by_track(ev)["Liangshan"],
          "events of the timeline in Liangshan itself", timeline.count_by_track)
    return v


def people_section() -> Values:
    """Who lives in Liangshan: the census population and the share of all minorities together
    (an upper bound on the Yi share), for the prefecture and the two counties of the trip."""
    table = counties.county_table().set_index("adcode")
    v = Values()
    pop, _ = counties.prefecture_census("resident_population", "2020")
    v.add("primer_population_2020", pop, "Liangshan's resident population at the 2020 census, "
          "persons", counties.prefecture_census)
    for year in ("2010", "2020"):
        share, _ = counties.prefecture_census("minority_share_all_minorities", year)
        v.add(f"primer_minority_{year}", share, f"share of all minorities together in "
              f"Liangshan's residents at the {year} census, percent (an upper bound on the Yi "
              "share)", counties.prefecture_census)
    for code, name in ((BUTUO, "butuo"), (JINYANG, "jinyang")):
        v.add(f"primer_{name}_minority_2020", float(table.loc[code, "minority_share_2020"]),
              f"share of all minorities together in {table.loc[code, 'name_pinyin']}'s "
              "residents at the 2020 census, percent", counties.county_table)
    return v


def events_table(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline's events with their sources, for the reader: date (as precisely as
    known), what happened, where, and who reports it (the source's id and producer, or the
    article's paragraph).

    Args:
        events: :func:`analysis.domain.timeline.events` (default: computed from the data).
    """
    from analysis.data import context

    ev = timeline.events() if events is None else events
    producers = context.sources().set_index("source_id")["producer"]

    def who(source: str) -> str:
        parts = []
        for item in source.split("; "):
            if item.startswith("article"):
                parts.append("the article, " + item.removeprefix("article "))
            else:
                parts.append(f"{item}: {producers[item]}")
        return "; ".join(parts)

    return pd.DataFrame({"Date": ev["shown"], "Event": ev["label"], "Where": ev["track"],
                         "Source": ev["source"].map(who)})
