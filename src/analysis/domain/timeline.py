"""The campaign's timeline: dated events as the periods their sources allow.

A source may date an event to the day, the month or only the year
(:func:`analysis.data.context.campaign_timeline`). Here each event becomes the period it
covers, from its first to its last possible day, so that a figure can draw a day as a point and
a month or a year as a span, and a reader sees how precisely each date is known. Pure
functions; the figure is :func:`analysis.figures.timeline.campaign_timeline`.
"""
from __future__ import annotations

import pandas as pd

from analysis.data import context

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: The order of the timeline's tracks, from the widest to the narrowest.
TRACKS = ("China", "Liangshan", "The article")
#: How each precision is written, as text for a reader.
_SHOWN = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def period(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and the last day that a date written to ``precision`` can mean.

    Args:
        date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
        precision: ``day``, ``month`` or ``year``.

    Returns:
        The first and last day, both included; ``("2016-04", "month")`` gives 2016-04-01 and
        2016-04-30.

    Raises:
        ValueError: an unknown precision, or a date not written to it.
    """
    forms = {"day": ("%Y-%m-%d", None), "month": ("%Y-%m", pd.offsets.MonthEnd(0)),
             "year": ("%Y", pd.offsets.YearEnd(0))}
    if precision not in forms:
        raise ValueError(f"precision {precision!r}: expected one of {sorted(forms)}")
    form, to_end = forms[precision]
    try:
        start = pd.to_datetime(date, format=form)
    except ValueError:
        raise ValueError(f"date {date!r} is not written {form} as precision {precision!r} "
                         "needs") from None
    return start, (start + to_end if to_end is not None else start)


def shown_date(start: pd.Timestamp, precision: str) -> str:
    """The date as a reader sees it, no more precise than its source: ``3 Nov 2013``,
    ``Apr 2016`` or ``2014``."""
    return start.strftime(_SHOWN[precision])


def events(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events of the timeline, in date order, each with the period it covers.

    Args:
        frame: the table of :func:`analysis.data.context.campaign_timeline` (default: read it).

    Returns:
        One row per event, sorted by start and then by track, with the columns
        ``event_id``, ``track``, ``label``, ``precision``, ``start`` and ``end`` (first and
        last possible day),
        ``days`` (length of the period, 1 for a day), ``shown`` (the date as printed, see
        :func:`shown_date`), ``source`` (the source ids and/or the article's paragraph, e.g.
        ``S97; article ¶43``) and ``rank`` (0, 1, ... in date order).

    Raises:
        ValueError: a track outside :data:`TRACKS` (the schema already refuses one).
    """
    frame = context.campaign_timeline() if frame is None else frame
    unknown = set(frame["track"]) - set(TRACKS)
    if unknown:
        raise ValueError(f"unknown timeline tracks {sorted(unknown)}: expected {TRACKS}")
    rows = []
    for _, row in frame.iterrows():
        start, end = period(row["date"], row["precision"])
        where = [row["source_id"]] if not pd.isna(row["source_id"]) else []
        if not pd.isna(row["paragraph"]):
            where.append(f"article ¶{int(row['paragraph'])}")
        rows.append({"event_id": row["event_id"], "track": row["track"], "label": row["label"],
                     "precision": row["precision"], "start": start, "end": end,
                     "days": (end - start).days + 1,
                     "shown": shown_date(start, row["precision"]),
                     "source": "; ".join(where)})
    out = pd.DataFrame(rows)
    out["track_order"] = out["track"].map(TRACKS.index)
    out = out.sort_values(["start", "track_order"], kind="stable").drop(columns="track_order")
    out = out.reset_index(drop=True)
    out["rank"] = range(len(out))
    return out


def span(events_frame: pd.DataFrame, first: str, last: str) -> float:
    """Years (of 365.25 days) from the start of event ``first`` to the start of event
    ``last``.

    Raises:
        KeyError: either event is not in the frame.
    """
    starts = events_frame.set_index("event_id")["start"]
    for key in (first, last):
        if key not in starts.index:
            raise KeyError(f"no event {key!r} in the timeline")
    return (starts[last] - starts[first]).days / 365.25


def count_by_track(events_frame: pd.DataFrame) -> dict[str, int]:
    """Number of events on each track, in the order of :data:`TRACKS`."""
    counts = events_frame["track"].value_counts()
    return {t: int(counts.get(t, 0)) for t in TRACKS}
