"""Liangshan's poverty roll as a stock with flows, 2013-2020.

The poverty roll (建档立卡) is the government's list of registered poor households. It is not
a closed cohort: households leave it when they are lifted out of poverty (exits) and join it
when they are found later or fall into poverty (entries), so that

    stock at the end of year y = stock at the end of y - 1 + entries in y - exits in y.

:func:`roll_table` lays out what the register (the article's numbers) and the context tables
give for each year-end 2013-2020, and what the identity implies; each cell says whether it is
*sourced* (a published number), *derived* (arithmetic on sourced numbers, the formula given)
or *not found*. Nothing is interpolated. :func:`average_year` gives the mean flows of
2014-2018, :func:`decomposition` sets the result of 2019 against the average year and
against a straight-line path to zero at the end of 2020, and :func:`benchmarks` measures the
pace needed by the two benchmarks of "done": every registered household out (the stock to
zero) and the county exit rule (incidence below the threshold of
:func:`analysis.domain.trends.exit_threshold`).

Units: persons; percent for rates.
"""
from __future__ import annotations

import pandas as pd

from analysis.data import register
from analysis.domain import trends
from analysis.domain.series import register_series

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("facts.csv", "datapackage.json", "context/*")

#: The years of the table, from the end of 2013 (the roll's baseline) to the end of 2020.
YEARS = tuple(range(2013, 2021))
#: Register rows for the roll's stock, by year-end (the article's own counts).
STOCK_FACTS = {2013: "liangshan.poor_population.2013", 2018: "liangshan.poor_population.2018"}
#: Register rows for the roll's incidence (poverty rate, percent), by year-end (the article).
RATE_FACTS = {2013: "liangshan.poverty_rate.2013", 2018: "liangshan.poverty_rate.2018"}
SOURCED, DERIVED, NOT_FOUND = "sourced", "derived", "not found"


def _context(indicator: str) -> dict[int, tuple[float, str, bool]]:
    """Liangshan's primary year-end (or during-the-year) rows of one indicator: year ->
    (value, source id, derived in the context table)."""
    frame = register_series("Liangshan")
    frame = frame[(frame["indicator"] == indicator)
                  & frame["period"].isin(["end of year", "during the year"])]
    return {int(r.year): (float(r.value), str(r.source_id), bool(r.derived))
            for r in frame.itertuples()}


def roll_table() -> pd.DataFrame:
    """The roll, year by year: stock at the end of the year, exits and entries in the year,
    cumulative exits since the end of 2013, each with its status and source.

    Stocks: the article (register rows :data:`STOCK_FACTS`) for 2013 and 2018, the context
    table for 2019 and 2020 (the zero of 2020 is derived there from a provincial statement).
    Exits in a year: published where a source gives them, else the difference of two
    published cumulative totals. Entries: stock minus the stock of the year before plus the
    exits, where all three are known. Incidence (the poverty rate, percent): the article
    (:data:`RATE_FACTS`) for 2013 and 2018, the context table where it gives a year-end rate,
    and zero where the stock is zero (derived); no rate is computed on an assumed base.

    Returns:
        One row per year of :data:`YEARS` with columns year; stock, stock_status,
        stock_source; exits, exits_status, exits_source; entries, entries_status,
        entries_source; cumulative_exits, cumulative_status, cumulative_source; incidence,
        incidence_status, incidence_source. Values not found are NaN with status
        ``not found``.
    """
    stock = {y: (register.value(f), "the article", SOURCED) for y, f in STOCK_FACTS.items()}
    for y, (v, src, derived) in _context("registered_poor_population").items():
        if y not in stock:
            stock[y] = (v, src, DERIVED if derived else SOURCED)
    cum = {2013: (0.0, "zero by definition (the baseline)", DERIVED)}
    for y, (v, src, derived) in _context("cumulative_poor_lifted_from_2013_baseline").items():
        cum[y] = (v, src, DERIVED if derived else SOURCED)
    exits = {y: (v, src, SOURCED) for y, (v, src, _) in
             _context("poor_lifted_during_year").items()}
    for y in YEARS[1:]:
        if y not in exits and y in cum and y - 1 in cum and y - 1 > YEARS[0]:
            exits[y] = (cum[y][0] - cum[y - 1][0],
                        f"cumulative {y} ({cum[y][1]}) minus cumulative {y - 1} "
                        f"({cum[y - 1][1]})", DERIVED)
    rate = {y: (register.value(f), "the article", SOURCED) for y, f in RATE_FACTS.items()}
    for y, (v, src, derived) in _context("poverty_incidence").items():
        if y not in rate:
            rate[y] = (v, src, DERIVED if derived else SOURCED)
    for y, (v, _, _) in stock.items():
        if y not in rate and v == 0:
            rate[y] = (0.0, f"zero stock at the end of {y}", DERIVED)
    rows = []
    for y in YEARS:
        row = {"year": y}
        for name, table in (("stock", stock), ("exits", exits), ("cumulative", cum),
                            ("incidence", rate)):
            v, src, status = table.get(y, (float("nan"), "", NOT_FOUND))
            key = "cumulative_exits" if name == "cumulative" else name
            row.update({key: v, f"{name}_status": status, f"{name}_source": src})
        if y - 1 in stock and y in stock and y in exits:
            row.update({"entries": stock[y][0] - stock[y - 1][0] + exits[y][0],
                        "entries_status": DERIVED,
                        "entries_source": f"stock {y} minus stock {y - 1} plus exits {y}"})
        else:
            row.update({"entries": float("nan"), "entries_status": NOT_FOUND,
                        "entries_source": ""})
        rows.append(row)
    cols = ["year", "stock", "stock_status", "stock_source", "exits", "exits_status",
            "exits_source", "entries", "entries_status", "entries_source", "cumulative_exits",
            "cumulative_status", "cumulative_source", "incidence", "incidence_status",
            "incidence_source"]
    return pd.DataFrame(rows)[cols]


def average_year(first: int = 2014, last: int = 2018) -> dict[str, float]:
    """The mean yearly flows between the end of ``first - 1`` and the end of ``last``.

    Exits are the cumulative exits at the end of ``last`` (everything since the baseline, so
    ``first`` must be 2014); entries close the identity stock(last) = stock(first - 1) +
    entries - exits.

    Returns:
        ``years``, ``stock_start``, ``stock_end``, ``exits``, ``entries``, ``net_fall`` (the
        totals, persons) and ``exits_per_year``, ``entries_per_year``, ``net_fall_per_year``.

    Raises:
        ValueError: ``first`` is not the first year after the baseline, or a stock is missing.
    """
    if first != YEARS[0] + 1:
        raise ValueError(f"cumulative exits run from the end of {YEARS[0]}: first must be "
                         f"{YEARS[0] + 1}, got {first}")
    t = roll_table().set_index("year")
    s0, s1, ex = t.loc[first - 1, "stock"], t.loc[last, "stock"], t.loc[last, "cumulative_exits"]
    if pd.isna(s0) or pd.isna(s1) or pd.isna(ex):
        raise ValueError(f"the roll lacks a stock or cumulative exits for {first - 1}-{last}")
    years = last - first + 1
    entries = s1 - s0 + ex
    return {"years": years, "stock_start": s0, "stock_end": s1, "exits": ex,
            "entries": entries, "net_fall": s0 - s1, "exits_per_year": ex / years,
            "entries_per_year": entries / years, "net_fall_per_year": (s0 - s1) / years}


def decomposition(year: int = 2019, deadline_year: int = trends.DEADLINE_YEAR) -> dict:
    """The fall of the roll in ``year`` against the average year of 2014-2018 and against a
    straight-line path from the end of ``year - 1`` to zero at the end of ``deadline_year``
    (equal yearly falls).

    fall = exits - entries, so fall - average fall = (exits - average exits) + (average
    entries - entries): the first term is the part due to more exits than the average year,
    the second the part due to fewer new entries. Against the straight line the same
    identity splits the shortfall: path fall - fall = (path fall - exits) + entries, the part
    due to fewer exits than the line needs (had nobody joined the roll) and the part due to
    new entries. The exits of ``year`` are also set against those of ``year - 1``, a second
    benchmark beside the average year (exits rose over 2014-2018, so the average year is
    a low bar).

    Returns:
        ``year``, and in persons ``stock_before``, ``stock_after``, ``exits``, ``entries``,
        ``fall``;
        ``average_exits``, ``average_entries``, ``average_fall``; ``more_exits``,
        ``fewer_entries`` (the two parts, which add up to ``beat_average``);
        ``stock_if_average`` (the stock had the year been average); ``path_fall`` (the fall
        the straight line needed), ``path_stock`` (the stock on the path), ``short_of_path``
        (path_fall - fall; positive when behind); ``exits_needed`` (path_fall + entries, the
        exits the line needed given the year's entries); ``exits_short_of_path``
        (path_fall - exits, positive when fewer exits than the line needs) and the year's
        ``entries``, which add up to ``short_of_path``; ``share_of_gap_closed`` (0-1, how
        much of the gap between the average fall and the path's fall the year closed);
        ``prev_exits`` (exits of ``year - 1``), ``exits_vs_prev`` (exits - prev_exits,
        persons) and ``exits_vs_prev_share`` (the same over prev_exits, a fraction).

    Raises:
        ValueError: a stock or flow of ``year`` (or the exits of ``year - 1``) is missing.
    """
    t = roll_table().set_index("year")
    avg = average_year()
    before, after = t.loc[year - 1, "stock"], t.loc[year, "stock"]
    exits, entries = t.loc[year, "exits"], t.loc[year, "entries"]
    prev_exits = t.loc[year - 1, "exits"]
    if any(pd.isna(v) for v in (before, after, exits, entries, prev_exits)):
        raise ValueError(f"the roll lacks a stock or a flow for {year} (or the exits of "
                         f"{year - 1})")
    fall = before - after
    more_exits = exits - avg["exits_per_year"]
    fewer_entries = avg["entries_per_year"] - entries
    path_fall = before / (deadline_year - year + 1)
    return {"year": year, "stock_before": before, "stock_after": after, "exits": exits,
            "entries": entries, "fall": fall, "average_exits": avg["exits_per_year"],
            "average_entries": avg["entries_per_year"],
            "average_fall": avg["net_fall_per_year"], "more_exits": more_exits,
            "fewer_entries": fewer_entries, "beat_average": more_exits + fewer_entries,
            "stock_if_average": before - avg["net_fall_per_year"],
            "path_fall": path_fall, "path_stock": before - path_fall,
            "short_of_path": path_fall - fall, "exits_needed": path_fall + entries,
            "exits_short_of_path": path_fall - exits,
            "prev_exits": prev_exits, "exits_vs_prev": exits - prev_exits,
            "exits_vs_prev_share": (exits - prev_exits) / prev_exits,
            "share_of_gap_closed": (fall - avg["net_fall_per_year"])
            / (path_fall - avg["net_fall_per_year"])}


def benchmarks(stock: float, rate: float, years_left: float) -> dict[str, float]:
    """The pace a stock of registered poor needed by the two benchmarks of "done".

    Args:
        stock: persons on the roll at the start.
        rate: their poverty incidence (percent), which fixes the population base
            (:func:`analysis.domain.trends.implied_base`).
        years_left: years to the deadline.

    Returns:
        ``base`` (persons), ``threshold`` (percent, Sichuan's county rule),
        ``threshold_stock`` (persons at the threshold), ``to_zero`` and ``to_threshold``
        (persons to take off), ``per_year_to_zero`` and ``per_year_to_threshold`` (net fall
        per year). The threshold is a county rule: on a prefecture's rate it gives a lower
        bound of what its counties needed.
    """
    threshold, _ = trends.exit_threshold("Sichuan")
    base = trends.implied_base(stock, rate)
    at_threshold = base * threshold / 100.0
    to_threshold = max(stock - at_threshold, 0.0)
    return {"base": base, "threshold": threshold, "threshold_stock": at_threshold,
            "to_zero": stock, "to_threshold": to_threshold,
            "per_year_to_zero": stock / years_left,
            "per_year_to_threshold": to_threshold / years_left}
