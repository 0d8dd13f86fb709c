"""The context tables of ``data/context``: loaders, checks and the wide county table.

Each loader reads one table through its resource in ``datapackage.json``, checks it (its Table
Schema through :mod:`analysis.schema_check`, then the checks below that a schema cannot express)
and returns a pandas DataFrame typed by the schema: ``integer`` -> ``Int64``, ``number`` ->
``float64``, ``boolean`` -> ``boolean``, ``date`` -> ``datetime64``, anything else -> ``string``.
Bad input raises :class:`~analysis.problems.ContextDataError`, whose ``problems`` name the file,
line, column, what was found and what was expected.

Checks beyond the schema (:func:`check_context`):

* every ``adcode`` of ``county_indicators.csv`` is the prefecture (513400) or a county of
  ``counties.csv``; ``counties.csv`` has the 17 counties and ``poverty_county_status.csv`` one
  row for each;
* every id in ``corroborated_by`` is a ``source_id`` of ``sources.csv`` (``source_id`` columns are
  foreign keys of the schema);
* each indicator has the unit that the resource's ``x-indicator-units`` declares;
* at most one ``primary`` row per point of a poverty series;
* a county marked as a national poverty county has an exit date and batch, the others have none;
* each county has the rows :func:`county_table` needs, and the prefecture's census counts and
  c.2004 area equal the sums of its 17 counties.

Units are those of the data files: persons, percent, km2, years, yuan per person per year.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import descriptor, paths
from .problems import ContextDataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: The prefecture's division code (Liangshan Yi Autonomous Prefecture, NBS codes, S03).
PREFECTURE = "513400"
#: Number of county-level divisions of Liangshan since 2021 (S03: 2 county-level cities,
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
}
#: The points of each poverty series at which only one row may be primary.
_SERIES_KEYS = {
    "poverty_national": ["year", "indicator"],
    "poverty_sichuan_liangshan": ["geography", "year", "period", "indicator"],
}
#: The rows of county_indicators.csv that county_table() needs for every county.
_NEEDED = [("resident_population", "2010"), ("resident_population", "2020"),
           ("minority_share_all_minorities", "2010"), ("minority_share_all_minorities", "2020"),
           ("area", "c.2004")]
#: Indicators whose prefecture value must equal the sum of the 17 counties.
_ADDITIVE = ["resident_population", "urban_population", "rural_population", "area"]

_BOOLEAN = {"true": True, "True": True, "TRUE": True, "1": True,
            "false": False, "False": False, "FALSE": False, "0": False}

#: Poverty-county status categories of :func:`county_table` (column ``poverty_status``).
STATUS_2019 = "exited, 2019 batch"
STATUS_2020 = "exited, 2020 batch"
STATUS_NONE = "not a national poverty county"
STATUS_ORDER = [STATUS_2019, STATUS_2020, STATUS_NONE]


# ----------------------------------------------------------------------------- reading


def _file(root: Path, key: str) -> str:
    return descriptor.resource(RESOURCES[key], root)["path"]


def _raw(root: Path, key: str) -> pd.DataFrame | None:
    """The table as strings (empty cells as <NA>), or None when it cannot be read."""
    path = root / _file(root, key)
    try:
        return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    except (OSError, ValueError, pd.errors.ParserError):
        return None  # the schema check reports a missing or unreadable file


def _typed(root: Path, key: str) -> pd.DataFrame:
    """The table typed by its schema; cells that do not parse become <NA>."""
    res = descriptor.resource(RESOURCES[key], root)
    frame = _raw(root, key)
    if frame is None:
        raise ContextDataError(Problem(res["path"], None, None, "a missing or unreadable file",
                                       "a readable UTF-8 CSV file"))
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
            frame[name] = col.map(_BOOLEAN.get, na_action="ignore").astype("boolean")
        elif kind == "date":
            frame[name] = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
    return frame


# ----------------------------------------------------------------------------- checks


def _line(i) -> int:
    """File line of the i-th data row (0-based), the header being line 1."""
    return int(i) + 2


def _has(frame: pd.DataFrame | None, *cols: str) -> bool:
    return frame is not None and all(c in frame.columns for c in cols)


def _check_counties(root: Path, tables: dict) -> list[Problem]:
    counties = tables["counties"]
    if not _has(counties, "adcode"):
        return []
    n = counties["adcode"].nunique()
    if n != N_COUNTIES:
        return [Problem(_file(root, "counties"), None, "adcode", f"{n} distinct county codes",
                        f"the {N_COUNTIES} county-level divisions of Liangshan")]
    return []


def _check_adcodes(root: Path, tables: dict) -> list[Problem]:
    """county_indicators.csv: each adcode is the prefecture or a county of counties.csv."""
    counties, ind = tables["counties"], tables["county_indicators"]
    if not (_has(counties, "adcode") and _has(ind, "adcode")):
        return []
    known = set(counties["adcode"].dropna()) | {PREFECTURE}
    fname = _file(root, "county_indicators")
    return [Problem(fname, _line(i), "adcode", repr(code),
                    f"the prefecture {PREFECTURE} or a county code of "
                    f"{_file(root, 'counties')}")
            for i, code in ind["adcode"].items() if not pd.isna(code) and code not in known]


def _check_corroboration(root: Path, tables: dict) -> list[Problem]:
    status, sources = tables["poverty_county_status"], tables["sources"]
    if not (_has(status, "corroborated_by") and _has(sources, "source_id")):
        return []
    known = set(sources["source_id"].dropna())
    fname = _file(root, "poverty_county_status")
    problems = []
    for i, cell in status["corroborated_by"].items():
        if pd.isna(cell):
            continue
        for sid in cell.split(";"):
            if sid not in known:
                problems.append(Problem(fname, _line(i), "corroborated_by", repr(sid),
                                        f"a source_id of {_file(root, 'sources')}"))
    return problems


def _check_units(root: Path, tables: dict, key: str) -> list[Problem]:
    """Each indicator's unit is the one declared in the resource's ``x-indicator-units``."""
    frame = tables[key]
    units = descriptor.resource(RESOURCES[key], root).get("x-indicator-units", {})
    if not _has(frame, "indicator", "unit"):
        return []
    fname = _file(root, key)
    problems = []
    for i, (ind, unit) in frame[["indicator", "unit"]].iterrows():
        if pd.isna(ind) or ind not in units or pd.isna(unit):
            continue  # unknown indicators and empty units are schema problems
        if unit != units[ind]:
            problems.append(Problem(fname, _line(i), "unit", repr(unit),
                                    f"'{units[ind]}', the unit of indicator '{ind}'"))
    return problems


def _check_primary(root: Path, tables: dict, key: str) -> list[Problem]:
    """At most one primary row per point of a poverty series."""
    cols = _SERIES_KEYS[key]
    frame = tables[key]
    if not _has(frame, "primary", *cols):
        return []
    prim = frame[frame["primary"].str.lower() == "true"]
    dup = prim[prim.duplicated(cols, keep="first")]
    return [Problem(_file(root, key), _line(i), "primary",
                    "a second primary row for " + ", ".join(f"{c}={row[c]}" for c in cols),
                    "one primary row per series point (cross-checks have primary=false)")
            for i, row in dup.iterrows()]


def _check_status(root: Path, tables: dict) -> list[Problem]:
    """One status row per county; exit date and batch exactly for the poverty counties."""
    status, counties = tables["poverty_county_status"], tables["counties"]
    cols = ("adcode", "national_poverty_county", "status_basis", "exit_approval_date",
            "exit_batch_year")
    if not _has(status, *cols):
        return []
    fname = _file(root, "poverty_county_status")
    problems = []
    if _has(counties, "adcode"):
        for code in sorted(set(counties["adcode"].dropna()) - set(status["adcode"].dropna())):
            problems.append(Problem(fname, code, "adcode", "no row for this county",
                                    "one row for each county of "
                                    f"{_file(root, 'counties')}"))
    for i, row in status.iterrows():
        flag = _BOOLEAN.get(row["national_poverty_county"]) if not pd.isna(
            row["national_poverty_county"]) else None
        if flag is None:
            continue  # a schema problem
        for col in ("exit_approval_date", "exit_batch_year"):
            empty = pd.isna(row[col])
            if flag and empty:
                problems.append(Problem(fname, _line(i), col, "an empty cell",
                                        "a value for a national poverty county"))
            elif not flag and not empty:
                problems.append(Problem(fname, _line(i), col, repr(row[col]),
                                        "an empty cell for a county that was not a national "
                                        "poverty county"))
        basis = row["status_basis"]
        if flag is False and basis == "named_in_exit_notice":
            problems.append(Problem(fname, _line(i), "status_basis", repr(basis),
                                    "'inferred_not_named' for a county marked false"))
    return problems


def _for(check, key: str):
    """``check`` (a function of root, tables and key) bound to one table."""
    def bound(root: Path, tables: dict) -> list[Problem]:
        return check(root, tables, key)
    return bound


def _check_indicator_rows(root: Path, tables: dict) -> list[Problem]:
    """Each county has the rows county_table() needs; the prefecture's sums add up."""
    ind, counties = tables["county_indicators"], tables["counties"]
    if not (_has(ind, "adcode", "indicator", "year", "value") and _has(counties, "adcode")):
        return []
    fname = _file(root, "county_indicators")
    present = set(zip(ind["adcode"], ind["indicator"], ind["year"]))
    problems = [Problem(fname, code, "indicator", f"no row for {name} {year}",
                        f"a row for {name} {year} for every county")
                for code in counties["adcode"].dropna() for name, year in _NEEDED
                if (code, name, year) not in present]
    values = pd.to_numeric(ind["value"], errors="coerce")
    is_county = ind["adcode"].isin(set(counties["adcode"].dropna()))
    for (name, year), grp in ind.groupby(["indicator", "year"]):
        if name not in _ADDITIVE:
            continue
        county_vals = values[grp.index][is_county[grp.index]]
        pref = grp[grp["adcode"] == PREFECTURE]
        if len(county_vals) != N_COUNTIES or county_vals.isna().any() or len(pref) != 1:
            continue
        total, stated = county_vals.sum(), values[pref.index[0]]
        if not pd.isna(stated) and abs(total - stated) > 1e-6:
            problems.append(Problem(fname, _line(pref.index[0]), "value", f"{stated:.15g}",
                                    f"{total:.15g}, the sum of the {N_COUNTIES} counties' "
                                    f"{name} {year}"))
    return problems


_CHECKS = {
    "sources": [],
    "counties": [_check_counties],
    "county_indicators": [_check_adcodes, _for(_check_units, "county_indicators"),
                          _check_indicator_rows],
    "poverty_county_status": [_check_corroboration, _check_status],
    "poverty_national": [_for(_check_units, "poverty_national"),
                         _for(_check_primary, "poverty_national")],
    "poverty_sichuan_liangshan": [_for(_check_units, "poverty_sichuan_liangshan"),
                                  _for(_check_primary, "poverty_sichuan_liangshan")],
}


def _beyond_schema(root: Path, keys) -> list[Problem]:
    """The checks of the module docstring for the tables ``keys``."""
    tables = {k: _raw(root, k) for k in RESOURCES}
    checks = dict.fromkeys(c for key in keys for c in _CHECKS[key])  # each once, in order
    return list(dict.fromkeys(p for check in checks for p in check(root, tables)))


def check_context(data_dir: str | Path | None = None, *, schema: bool = False) -> list[Problem]:
    """Every problem of the context tables, without raising.

    Args:
        data_dir: the data directory (default: the repository's ``data/``).
        schema: also run the Table Schema checks (types, required cells, enums, patterns,
            keys, foreign keys, hashes). ``python -m analysis validate`` runs those for the whole
            package itself and calls this with the default ``False``, so nothing is reported
            twice.

    Returns:
        The problems found, each naming file, line (or item), column, found and expected.
    """
    root = paths.data_dir(data_dir)
    problems: list[Problem] = []
    if schema:
        from .schema_check import check_resources

        problems += check_resources(root, list(RESOURCES.values()))
    return problems + _beyond_schema(root, list(RESOURCES))


def _stamp(root: Path) -> tuple:
    files = [root / paths.DESCRIPTOR, *sorted((root / paths.CONTEXT).glob("*.csv"))]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


@lru_cache(maxsize=32)
def _load(root: Path, key: str, stamp: tuple) -> pd.DataFrame:
    from .schema_check import check_resources

    problems = check_resources(root, [RESOURCES[key]]) + _beyond_schema(root, [key])
    if problems:
        raise ContextDataError(problems)
    return _typed(root, key)


def _loader(key: str, data_dir) -> pd.DataFrame:
    root = paths.data_dir(data_dir)
    return _load(root, key, _stamp(root)).copy()


# ----------------------------------------------------------------------------- loaders


def listed_county_codes(data_dir: str | Path | None = None) -> set[str] | None:
    """The codes in ``counties.csv`` as written, without checking the table (None if unreadable).

    For checks of other files against the county list (:mod:`analysis.boundaries`), which must
    not fail because the list itself has a problem (that is reported by :func:`check_context`).
    """
    table = _raw(paths.data_dir(data_dir), "counties")
    if table is None or "adcode" not in table:
        return None
    return set(table["adcode"].dropna())


def sources(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The sources cited by the context tables: one row per ``source_id``.

    Raises:
        ContextDataError: the table breaks its schema (see the module docstring).
    """
    return _loader("sources", data_dir)


def counties(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Liangshan's 17 county-level divisions: codes (2022 and 2020 vintages) and names."""
    return _loader("counties", data_dir)


def county_indicators(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Census and area indicators (long): adcode, indicator, year, value, unit, source...

    ``year`` is a string ("2010", "2020", or "c.2004" for the second-hand areas).
    """
    return _loader("county_indicators", data_dir)


def poverty_county_status(data_dir: str | Path | None = None) -> pd.DataFrame:
    """National poverty-county status and exit (date, batch, document) of the 17 counties."""
    return _loader("poverty_county_status", data_dir)


def poverty_national(data_dir: str | Path | None = None, *, primary_only: bool = False
                     ) -> pd.DataFrame:
    """China's rural poverty series (NBS sample survey), long.

    Args:
        primary_only: keep only the primary rows (one per year and indicator).
    """
    frame = _loader("poverty_national", data_dir)
    return frame[frame["primary"]].reset_index(drop=True) if primary_only else frame


def poverty_sichuan_liangshan(data_dir: str | Path | None = None, *, primary_only: bool = False
                              ) -> pd.DataFrame:
    """Registered-poor series for Sichuan, its Yi and Tibetan areas and Liangshan, long.

    These come from the administrative register, not the NBS survey of
    :func:`poverty_national`: the two are different measures.

    Args:
        primary_only: keep only the primary rows (one per series point).
    """
    frame = _loader("poverty_sichuan_liangshan", data_dir)
    return frame[frame["primary"]].reset_index(drop=True) if primary_only else frame


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


def prefecture_census(indicator: str, year: str,
                      data_dir: str | Path | None = None) -> tuple[float, str]:
    """A census figure for the whole prefecture: its value and its ``source_id``.

    Args:
        indicator: e.g. ``resident_population`` or ``rural_population`` (persons).
        year: the census year as written in the table (``"2010"``, ``"2020"``).

    Raises:
        KeyError: the table has no single prefecture row for that indicator and year.
    """
    ind = county_indicators(data_dir)
    hit = ind[(ind["adcode"] == PREFECTURE) & (ind["indicator"] == indicator)
              & (ind["year"] == str(year))]
    if len(hit) != 1:
        raise KeyError(f"county_indicators.csv: expected one row for the prefecture "
                       f"({PREFECTURE}), {indicator}, {year!r}; found {len(hit)}")
    return float(hit["value"].iloc[0]), str(hit["source_id"].iloc[0])


def _status_label(row) -> str:
    if not row["national_poverty_county"]:
        return STATUS_NONE
    return STATUS_2019 if row["exit_batch_year"] == 2019 else STATUS_2020


def county_table(data_dir: str | Path | None = None,
                 areas_km2: Mapping[str, float] | pd.Series | None = None) -> pd.DataFrame:
    """One row per county (17), joined by adcode: names, census, area, poverty status.

    Columns: adcode, name_zh, name_pinyin, name_en, type; pop_2010, pop_2020 (persons, census
    resident population); pop_change_pct (percent, 2010 to 2020); area_km2_c2004 (km2,
    second-hand c.2004); area_km2 and area_basis (the area used for density: the c.2004 figure,
    or ``areas_km2`` when given, e.g. :func:`analysis.boundaries.measured_areas_km2`);
    density_2020 (persons per km2); minority_share_2010, minority_share_2020 (percent, all
    minorities together, an upper bound on the Yi share); national_poverty_county, status_basis,
    exit_batch_year, exit_approval_date; poverty_status (one of ``STATUS_ORDER``).

    Raises:
        ContextDataError: a table it reads is not valid, or ``areas_km2`` lacks a county.
    """
    root = paths.data_dir(data_dir)
    base = counties(root)[["adcode", "name_zh", "name_pinyin", "name_en", "type"]]
    ind = county_indicators(root)
    wide = ind.pivot(index="adcode", columns=["indicator", "year"], values="value")

    def col(name, year):
        return wide[(name, year)].rename(None)

    out = base.set_index("adcode")
    out["pop_2010"] = col("resident_population", "2010")
    out["pop_2020"] = col("resident_population", "2020")
    out["pop_change_pct"] = (out["pop_2020"] / out["pop_2010"] - 1.0) * 100.0
    out["area_km2_c2004"] = col("area", "c.2004")
    if areas_km2 is None:
        out["area_km2"] = out["area_km2_c2004"]
        out["area_basis"] = "c.2004 (second-hand)"
    else:
        given = pd.Series(areas_km2, dtype="float64")
        missing = sorted(set(out.index) - set(given.index))
        if missing:
            raise ContextDataError([Problem("areas_km2", code, None, "no area",
                                            "an area in km2 for every county")
                                    for code in missing])
        out["area_km2"] = given.reindex(out.index)
        out["area_basis"] = "measured (boundaries)"
    out["density_2020"] = out["pop_2020"] / out["area_km2"]
    out["minority_share_2010"] = col("minority_share_all_minorities", "2010")
    out["minority_share_2020"] = col("minority_share_all_minorities", "2020")
    status = poverty_county_status(root).set_index("adcode")
    for c in ("national_poverty_county", "status_basis", "exit_batch_year", "exit_approval_date"):
        out[c] = status[c]
    out["poverty_status"] = pd.Categorical(out.apply(_status_label, axis=1),
                                           categories=STATUS_ORDER)
    out["area_basis"] = out["area_basis"].astype("string")
    return out.reset_index()


def population_change(data_dir: str | Path | None = None) -> dict[str, float | int]:
    """Census population change 2010 to 2020, prefecture-wide and county by county.

    Returns:
        A dict with ``prefecture_pct`` (change of the summed county populations, percent),
        ``counties`` (17), ``counties_losing`` (counties with fewer residents in 2020) and
        ``butuo_pct`` / ``jinyang_pct`` (percent). Source: ``county_indicators.csv`` (S01).
    """
    table = county_table(data_dir)
    by_name = table.set_index("name_pinyin")["pop_change_pct"]
    total_2010, total_2020 = table["pop_2010"].sum(), table["pop_2020"].sum()
    return {
        "prefecture_pct": float(100 * (total_2020 / total_2010 - 1)),
        "counties": int(len(table)),
        "counties_losing": int((table["pop_change_pct"] < 0).sum()),
        "butuo_pct": float(by_name["Butuo"]),
        "jinyang_pct": float(by_name["Jinyang"]),
    }
