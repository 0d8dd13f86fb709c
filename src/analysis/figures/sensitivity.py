"""The tornado chart of the book's sensitivity analysis: for each conclusion and each
assumption it uses, how far the conclusion's number moves when the assumption goes to the low
and to the high end of its range, and where the conclusion flips.

Drawing only: the rows come from
:func:`analysis.chapters.book_sensitivity.tornado_rows` (percent changes from
:func:`analysis.domain.sensitivity.tornado_rows`).
"""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.figures import style

_C = style.OKABE_ITO
#: Colour and hatching of the two ends of a range (colour never carries the meaning alone).
ENDS = {"low": (_C["blue"], "//", "assumption at the low end of its range"),
        "high": (_C["vermillion"], "..", "assumption at the high end of its range")}
#: The word written at the end of a bar where the conclusion no longer holds as at the
#: defaults.
FLIP_MARK = "flips"


def _pct(x: float) -> str:
    return f"{x:+.0f}%" if abs(x) >= 10 else f"{x:+.1f}%"


#: Height in inches that a line of a row's label takes, and the least height of a row (room
#: for its two bars).
ROW_LINE_IN = 0.15
ROW_MIN_IN = 0.6


def tornado(rows: pd.DataFrame, limit: float = 100.0, widest: float | None = None) -> Figure:
    """A horizontal bar for each end of each assumption's range, from zero to the change in
    the conclusion's number (percent of its value at the defaults), largest swing on top.

    A bar longer than ``limit`` stops at it, with its value written beside it. At the end of a
    bar where the conclusion no longer holds (or starts to hold), :data:`FLIP_MARK` is written.
    The chart is as tall as its labels need (a row per conclusion and assumption); the book
    draws its rows in several charts (:func:`tornado_parts`) so that each fits a printed page
    with its caption.

    Args:
        rows: with columns label, change_low_pct, change_high_pct, holds_at_low,
            holds_at_default, holds_at_high.
        limit: the widest a bar is drawn, in percent.
        widest: the largest change, in percent, that the horizontal axis must hold (by
            default that of ``rows``): the same for charts that are read side by side.

    Raises:
        ValueError: no rows.
    """
    if rows.empty:
        raise ValueError("no conclusions to draw")
    n = len(rows)
    lines = [str(label).count("\n") + 1 for label in rows["label"]]
    row_heights = [max(ROW_MIN_IN, ROW_LINE_IN * k + 0.2) for k in lines]
    bottom, top = 0.85, 0.75  # the axis label and source line; the legend
    height = bottom + top + sum(row_heights)
    fig = Figure(figsize=(7.2, height))
    ax = fig.add_axes((0.46, bottom / height, 0.5, sum(row_heights) / height))
    if widest is None:
        widest = float(rows[["change_low_pct", "change_high_pct"]].abs().max().max())
    widest = max(widest, 1.0)
    cut = widest > limit
    reach = min(limit, widest) * (1.6 if cut else 1.35)
    # each row centred in its own band, as tall as its label needs (in row-height units)
    scale = n / sum(row_heights)
    edges = [0.0]
    for h in reversed(row_heights):
        edges.append(edges[-1] + h * scale)
    centres = [(edges[j] + edges[j + 1]) / 2 for j in range(n)][::-1]
    for i, (_, r) in enumerate(rows.iterrows()):
        y = centres[i]
        for k, end in enumerate(("low", "high")):
            colour, hatch, _ = ENDS[end]
            change = float(r[f"change_{end}_pct"])
            drawn = max(-limit, min(limit, change))
            yy = y + (0.18 if k == 0 else -0.18)
            ax.barh(yy, drawn, height=0.34, color=colour, hatch=hatch, edgecolor="black",
                    linewidth=0.6)
            text = _pct(change)
            if r[f"holds_at_{end}"] != r["holds_at_default"]:
                text += f"  {FLIP_MARK}"
            side = 1 if drawn >= 0 else -1
            ax.text(drawn + side * reach * 0.02, yy, text, va="center",
                    ha="left" if side > 0 else "right", fontsize=8.5,
                    fontweight="bold" if FLIP_MARK in text else "normal")
    ax.set_axisbelow(True)
    ax.axvline(0, color="black", linewidth=0.9)
    ax.set_yticks(centres[::-1])  # from the bottom up, as the axis runs
    ax.set_yticklabels(list(rows["label"])[::-1], fontsize=8.5)
    ax.set_ylim(0, n)
    ax.set_xlim(-reach, reach)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Change in the conclusion's number from its value at the defaults (%)")
    ax.legend(handles=[Patch(facecolor=c, hatch=h, edgecolor="black", label=lab)
                       for c, h, lab in ENDS.values()],
              loc="lower center", bbox_to_anchor=(0.35, 1.0), ncol=1, fontsize=8.5)
    cut_here = float(rows[["change_low_pct", "change_high_pct"]].abs().max().max()) > limit
    note = (f" Bars beyond {limit:g}% either way are cut there; their value is written beside "
            "them." if cut_here else "")
    style.source_line(fig, "Source: the book's own computations; each conclusion is defined by "
                      "its chapter, each range by the book's list of assumptions." + note)
    return fig


def tornado_parts(rows: pd.DataFrame, parts: int = 3, limit: float = 100.0
                  ) -> tuple[Figure, ...]:
    """The tornado chart in ``parts`` parts, each short enough for a printed page with its
    caption: the larger swings first (``rows`` come largest swing first), in parts of equal
    length (the first ones a row longer where they cannot be equal), on one horizontal scale.

    Raises:
        ValueError: fewer rows than parts.
    """
    if len(rows) < parts:
        raise ValueError(f"{len(rows)} row(s): too few to draw in {parts} parts")
    widest = float(rows[["change_low_pct", "change_high_pct"]].abs().max().max())
    size, extra = divmod(len(rows), parts)
    out, start = [], 0
    for i in range(parts):
        stop = start + size + (1 if i < extra else 0)
        out.append(tornado(rows.iloc[start:stop].reset_index(drop=True), limit, widest))
        start = stop
    return tuple(out)


def tornado_pair(rows: pd.DataFrame, limit: float = 100.0) -> tuple[Figure, Figure]:
    """:func:`tornado_parts` in two parts (the larger half of the swings, then the rest).

    Raises:
        ValueError: fewer than two rows.
    """
    return tornado_parts(rows, 2, limit)
