"""The primer's figure: the targeted poverty alleviation campaign as a timeline.

Plotting only: the events and their periods come from :mod:`analysis.domain.timeline`. Time
runs down a vertical axis drawn to scale; each event is a point (a day) or a bar (a month or a
year, when its source gives no more), coloured *and* shaped by its track (China, Liangshan, the
article). Its label stands in a column to the right, one slot per event in date order, joined
to its date by a thin line, so that labels never overlap however close the dates.
"""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import NullFormatter

from analysis.domain import timeline
from analysis.figures import style

#: Colour and marker of each track (Okabe-Ito; the shape tells the tracks apart without colour).
TRACK_STYLE = {
    "China": (style.OKABE_ITO["blue"], "o"),
    "Liangshan": (style.OKABE_ITO["vermillion"], "s"),
    "The article": (style.OKABE_ITO["bluish_green"], "D"),
}
#: Characters per line of a label before it wraps.
WRAP = 58


def label_text(row) -> str:
    """An event's label as drawn: its date as precisely as known, then what happened."""
    return textwrap.fill(f"{row['shown']}: {row['label']}", WRAP)


def campaign_timeline(events: pd.DataFrame | None = None) -> Figure:
    """The campaign's events, 2013-2021, on a vertical time axis with a label for each.

    Args:
        events: :func:`analysis.domain.timeline.events` (default: computed from the data).

    Returns:
        The Figure. Its texts are the labels of :func:`label_text`, in date order, the legend
        (one entry per track present, and one for a period) and a source line; each year is
        named in the middle of its band.
    """
    style.use()
    ev = timeline.events() if events is None else events
    n = len(ev)
    fig = Figure(figsize=(7.0, 0.55 * n + 1.6))
    ax = fig.subplots()
    first, last = ev["start"].min(), ev["end"].max()
    lo = pd.Timestamp(year=first.year, month=1, day=1)
    hi = pd.Timestamp(year=last.year + 1, month=1, day=1)
    d_lo, d_hi = mdates.date2num(lo), mdates.date2num(hi)
    # the label slots: evenly spaced over the axis, in date order
    slots = [d_lo + (d_hi - d_lo) * (i + 0.5) / n for i in range(n)]
    ax.axvline(0, color="#444444", linewidth=1.2, zorder=1)
    for (_, row), slot in zip(ev.iterrows(), slots):
        colour, marker = TRACK_STYLE[row["track"]]
        start = mdates.date2num(row["start"])
        end = mdates.date2num(row["end"] + pd.Timedelta(days=1))
        if row["precision"] == "day":
            ax.plot([0], [start], marker=marker, color=colour, markersize=8,
                    markeredgecolor="white", zorder=3, linestyle="none")
            anchor = start
        else:  # a month or a year: the whole period the source allows
            ax.plot([0, 0], [start, end], color=colour, linewidth=7, solid_capstyle="butt",
                    zorder=2)
            anchor = (start + end) / 2
        ax.plot([0.01, 0.06, 0.09], [anchor, slot, slot], color=colour, linewidth=0.8,
                zorder=1)
        ax.text(0.1, slot, label_text(row), va="center", ha="left", fontsize=8.5,
                color="#1a1a1a")
    ax.set_xlim(-0.02, 1.0)
    ax.set_ylim(d_hi, d_lo)                         # time runs downwards
    # a line at each new year, the year's name in the middle of its band
    ax.yaxis.set_major_locator(mdates.YearLocator())
    ax.yaxis.set_major_formatter(NullFormatter())
    ax.yaxis.set_minor_locator(mdates.MonthLocator(bymonth=7))
    ax.yaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="y", which="minor", length=0, labelsize=9)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6)
    present = [t for t in timeline.TRACKS if t in set(ev["track"])]
    handles = [Line2D([], [], marker=TRACK_STYLE[t][1], color=TRACK_STYLE[t][0],
                      linestyle="none", markersize=8, label=t) for t in present]
    handles.append(Line2D([], [], color="#555555", linewidth=7,
                          label="known only to the month or year"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2,
              fontsize=8.5, frameon=False)
    ax.set_title("The targeted poverty alleviation campaign, "
                 f"{first.year} to {last.year}", loc="left", pad=48)
    fig.subplots_adjust(left=0.09, right=0.99, top=0.9, bottom=0.05)
    style.source_line(fig, "Source: the book's table of dated events, each date with its "
                           "source (Appendix C).")
    return fig
