"""The context tables of ``data/context``: one loader per table.

Each loader reads one table of the current data package (:func:`analysis.data.package.current`)
through its resource in ``datapackage.json``, checks it (its Table Schema through
:mod:`analysis.data.schema_check`, then the checks of :mod:`analysis.data.context_checks` that a
schema cannot express) and returns a pandas DataFrame typed by the schema: ``integer`` ->
``Int64``, ``number`` -> ``float64``, ``boolean`` -> ``boolean``, ``date`` -> ``datetime64``,
anything else -> ``string``. Bad input raises :class:`~analysis.data.problems.ContextDataError`,
whose ``problems`` name the file, line, column, what was found and what was expected.

Units are those of the data files: persons, percent, km2, years, yuan per person per year,
households, persons per household, visits, visits per person per year.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.data.csv_check import check_table
from analysis.data.package import DataPackage, current
from analysis.data.problems import ContextDataError

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: The prefecture's division code (Liangshan Yi Autonomous Prefecture, NBS codes, S03).
PREFECTURE = "513400"
#: Number of county-level divisions of Liangshan since 2021 (S03 — 2 county-level cities,
#: 14 counties, 1 autonomous county).
N_COUNTIES = 17

#: Resource names of the tables, by loader name.
RESOURCES = {
    "sources": "context_sources",
    "counties": "context_counties",
    "county_indicators": "context_county_indicators",
    "poverty_county_status": "context_poverty_county_status",
    "poverty_national": "context_poverty_national",
    "poverty_sichuan_liangshan": "context_poverty_sichuan_liangshan",
    "poverty_exit_rules": "context_poverty_exit_rules",
    "health_national": "context_health_national",
    "campaign_timeline": "context_campaign_timeline",
}
BOOLEAN = {"true": True, "True": True, "TRUE": True, "1": True,
            "false": False, "False": False, "FALSE": False, "0": False}


# ----------------------------------------------------------------------------- reading


def file_of(pkg: DataPackage, key: str) -> str:
    """The path (in the data folder) of the table a loader reads, e.g. ``context/counties.csv``."""
    return pkg.file(RESOURCES[key])


def raw(pkg: DataPackage, key: str) -> pd.DataFrame | None:
    """The table as strings (see :func:`read_strings`)."""
    return read_strings(pkg, RESOURCES[key])


def _typed(pkg: DataPackage, key: str) -> pd.DataFrame:
    """The table typed by its schema (called once its checks have passed)."""
    return typed(pkg, RESOURCES[key])


def read_strings(pkg: DataPackage, name: str) -> pd.DataFrame | None:
    """Resource ``name``'s CSV as strings, stripped of spaces (empty cells as <NA>), or None
    when it cannot be read as a table (the schema check reports why:
    :mod:`analysis.data.csv_check`)."""
    if check_table(pkg.root, pkg.resource(name)).blocked:
        return None
    try:
        frame = pd.read_csv(pkg.path(name), dtype="string", keep_default_na=False,
                            na_values=[""], encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError):  # pragma: no cover - checked above
        return None
    return frame.apply(lambda col: col.str.strip())


def typed(pkg: DataPackage, name: str) -> pd.DataFrame:
    """Resource ``name``'s CSV typed by its schema (see the module docstring); call it once
    the table's checks have passed (a cell that does not parse would become <NA>).

    Raises:
        ContextDataError: the file cannot be read as a table.
    """
    res = pkg.resource(name)
    frame = read_strings(pkg, name)
    if frame is None:
        raise ContextDataError(list(check_table(pkg.root, res).problems))
    for field in res["schema"]["fields"]:
        name, kind = field["name"], field["type"]
        if name not in frame:
            continue
        col = frame[name]
        if kind == "integer":
            frame[name] = pd.to_numeric(col, errors="coerce").astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif kind == "boolean":
            frame[name] = col.map(BOOLEAN.get, na_action="ignore").astype("boolean")
        elif kind == "date":
            frame[name] = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
    return frame


@lru_cache(maxsize=32)
def _load(pkg: DataPackage, key: str, stamp: tuple) -> pd.DataFrame:
    from analysis.data.context_checks import beyond_schema
    from analysis.data.schema_check import check_resources

    problems = check_resources(pkg, [RESOURCES[key]]) + beyond_schema(pkg, [key])
    if problems:
        raise ContextDataError(problems)
    return _typed(pkg, key)


def _loader(key: str) -> pd.DataFrame:
    pkg = current()
    return _load(pkg, key, pkg.stamp(*RESOURCES.values())).copy()


# ----------------------------------------------------------------------------- loaders


def listed_county_codes(pkg: DataPackage | None = None) -> set[str] | None:
    """The codes in ``counties.csv`` as written, without checking the table (None if unreadable).

    For checks of other files against the county list (:mod:`analysis.data.boundaries`), which
    must not fail because the list itself has a problem (that is reported by
    :func:`analysis.data.context_checks.check_context`).
    """
    table = raw(pkg or current(), "counties")
    if table is None or "adcode" not in table:
        return None
    return set(table["adcode"].dropna())


def sources() -> pd.DataFrame:
    """The sources cited by the context tables: one row per ``source_id``.

    Raises:
        ContextDataError: the table breaks its schema (see the module docstring).
    """
    return _loader("sources")


def counties() -> pd.DataFrame:
    """Liangshan's 17 county-level divisions: codes (2022 and 2020 vintages) and names."""
    return _loader("counties")


def county_indicators() -> pd.DataFrame:
    """Census and area indicators (long): adcode, indicator, year, value, unit, source...

    ``year`` is a string ("2010", "2020", or "c.2004" for the second-hand areas).
    """
    return _loader("county_indicators")


def poverty_county_status() -> pd.DataFrame:
    """National poverty-county status and exit (date, batch, document) of the 17 counties."""
    return _loader("poverty_county_status")


def poverty_national(*, primary_only: bool = False) -> pd.DataFrame:
    """China's rural poverty series (NBS sample survey), long.

    Args:
        primary_only: keep only the primary rows (one per year and indicator).
    """
    frame = _loader("poverty_national")
    return frame[frame["primary"]].reset_index(drop=True) if primary_only else frame


def poverty_sichuan_liangshan(*, primary_only: bool = False) -> pd.DataFrame:
    """Registered-poor series for Sichuan, its Yi and Tibetan areas and Liangshan, long.

    These come from the poverty roll (the administrative list of registered poor), not the
    NBS survey of :func:`poverty_national`: the two are different measures.

    Args:
        primary_only: keep only the primary rows (one per series point).
    """
    frame = _loader("poverty_sichuan_liangshan")
    return frame[frame["primary"]].reset_index(drop=True) if primary_only else frame


def poverty_exit_rules() -> pd.DataFrame:
    """The incidence thresholds below which a poverty county could leave the national list
    (one row per region: the western region, the central region, and Sichuan as applied)."""
    return _loader("poverty_exit_rules")


def health_national() -> pd.DataFrame:
    """China's visits to medical and health institutions (2016, 2018), long: year, indicator,
    value, unit, source... (national health statistical bulletins, as reported)."""
    return _loader("health_national")


def campaign_timeline() -> pd.DataFrame:
    """Dated events of the targeted poverty alleviation campaign, 2013-2021, one per row.

    ``date`` stays a string written to the row's ``precision`` (``2013-11-03``, ``2016-04`` or
    ``2014``); :func:`analysis.domain.timeline.events` turns it into the period it covers.

    Raises:
        ContextDataError: the table breaks its schema or a check of
            :mod:`analysis.data.context_checks` (see the module docstring).
    """
    return _loader("campaign_timeline")


def series(frame: pd.DataFrame, indicator: str, *, column: str = "value",
           **where) -> pd.Series:
    """One primary series of a long poverty table, as a Series indexed by year.

    Args:
        frame: :func:`poverty_national` or :func:`poverty_sichuan_liangshan`.
        indicator: the indicator to take.
        column: what to take for each year: the ``value`` (default) or another column, such
            as the ``source_id`` behind each value.
        **where: further column filters, e.g. ``geography="Liangshan"``.

    Raises:
        KeyError: no primary row matches.
    """
    mask = frame["primary"] & (frame["indicator"] == indicator)
    for col, val in where.items():
        mask &= frame[col] == val
    out = frame[mask].set_index("year")[column].sort_index()
    if out.empty:
        raise KeyError(f"no primary rows for indicator {indicator!r} with {where}")
    return out.rename(indicator)
