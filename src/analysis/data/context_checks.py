"""Checks of the context tables that their Table Schemas cannot express.

* every ``adcode`` of ``county_indicators.csv`` is the prefecture (513400) or a county of
  ``counties.csv``; ``counties.csv`` has the 17 counties and ``poverty_county_status.csv`` one
  row for each;
* every id in a ``corroborated_by`` column is a ``source_id`` of ``sources.csv``
  (``source_id`` columns are foreign keys of the schema);
* each indicator has the unit that the resource's ``x-indicator-units`` declares;
* at most one ``primary`` row per point of a poverty series;
* a county marked as a national poverty county has an exit date and batch, the others have none;
* in ``campaign_timeline.csv``, each ``date`` is written to its ``precision`` (``YYYY-MM-DD``,
  ``YYYY-MM`` or ``YYYY``) and is a real calendar date, and each event names a ``source_id`` or
  the article's ``paragraph`` (or both);
* each county has the rows :func:`analysis.domain.counties.county_table` needs, and the
  prefecture's census counts and c.2004 area equal the sums of its 17 counties.
"""
from __future__ import annotations

import pandas as pd

from analysis.data.context import BOOLEAN, N_COUNTIES, PREFECTURE, RESOURCES, file_of, raw
from analysis.data.csv_check import check_table
from analysis.data.package import DataPackage, current
from analysis.data.problems import Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

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
_ADDITIVE = ["resident_population", "urban_population", "rural_population", "area",
             "family_households", "population_aged_5_14"]


def _line(i) -> int:
    """File line of the i-th data row (0-based), the header being line 1."""
    return int(i) + 2


def _has(frame: pd.DataFrame | None, *cols: str) -> bool:
    return frame is not None and all(c in frame.columns for c in cols)


def _check_counties(pkg: DataPackage, tables: dict) -> list[Problem]:
    counties = tables["counties"]
    if not _has(counties, "adcode"):
        return []
    n = counties["adcode"].nunique()
    if n != N_COUNTIES:
        return [Problem(file_of(pkg, "counties"), None, "adcode", f"{n} distinct county codes",
                        f"the {N_COUNTIES} county-level divisions of Liangshan")]
    return []


def _check_adcodes(pkg: DataPackage, tables: dict) -> list[Problem]:
    """county_indicators.csv: each adcode is the prefecture or a county of counties.csv."""
    counties, ind = tables["counties"], tables["county_indicators"]
    if not (_has(counties, "adcode") and _has(ind, "adcode")):
        return []
    known = set(counties["adcode"].dropna()) | {PREFECTURE}
    fname = file_of(pkg, "county_indicators")
    return [Problem(fname, _line(i), "adcode", repr(code),
                    f"the prefecture {PREFECTURE} or a county code of "
                    f"{file_of(pkg, 'counties')}")
            for i, code in ind["adcode"].items() if not pd.isna(code) and code not in known]


def _check_corroboration(pkg: DataPackage, tables: dict, key: str) -> list[Problem]:
    """Each id in the ``corroborated_by`` column of table ``key`` is a known source."""
    status, sources = tables[key], tables["sources"]
    if not (_has(status, "corroborated_by") and _has(sources, "source_id")):
        return []
    known = set(sources["source_id"].dropna())
    fname = file_of(pkg, key)
    problems = []
    for i, cell in status["corroborated_by"].items():
        if pd.isna(cell):
            continue
        for sid in cell.split(";"):
            if sid not in known:
                problems.append(Problem(fname, _line(i), "corroborated_by", repr(sid),
                                        f"a source_id of {file_of(pkg, 'sources')}"))
    return problems


def _check_units(pkg: DataPackage, tables: dict, key: str) -> list[Problem]:
    """Each indicator's unit is the one declared in the resource's ``x-indicator-units``."""
    frame = tables[key]
    units = pkg.resource(RESOURCES[key]).get("x-indicator-units", {})
    if not _has(frame, "indicator", "unit"):
        return []
    fname = file_of(pkg, key)
    problems = []
    for i, (ind, unit) in frame[["indicator", "unit"]].iterrows():
        if pd.isna(ind) or ind not in units or pd.isna(unit):
            continue  # unknown indicators and empty units are schema problems
        if unit != units[ind]:
            problems.append(Problem(fname, _line(i), "unit", repr(unit),
                                    f"'{units[ind]}', the unit of indicator '{ind}'"))
    return problems


def _check_primary(pkg: DataPackage, tables: dict, key: str) -> list[Problem]:
    """At most one primary row per point of a poverty series."""
    cols = _SERIES_KEYS[key]
    frame = tables[key]
    if not _has(frame, "primary", *cols):
        return []
    prim = frame[frame["primary"].str.lower() == "true"]
    dup = prim[prim.duplicated(cols, keep="first")]
    return [Problem(file_of(pkg, key), _line(i), "primary",
                    "a second primary row for " + ", ".join(f"{c}={row[c]}" for c in cols),
                    "one primary row per series point (cross-checks have primary=false)")
            for i, row in dup.iterrows()]


def _check_status(pkg: DataPackage, tables: dict) -> list[Problem]:
    """One status row per county; exit date and batch exactly for the poverty counties."""
    status, counties = tables["poverty_county_status"], tables["counties"]
    cols = ("adcode", "national_poverty_county", "status_basis", "exit_approval_date",
            "exit_batch_year")
    if not _has(status, *cols):
        return []
    fname = file_of(pkg, "poverty_county_status")
    problems = []
    if _has(counties, "adcode"):
        for code in sorted(set(counties["adcode"].dropna()) - set(status["adcode"].dropna())):
            problems.append(Problem(fname, code, "adcode", "no row for this county",
                                    "one row for each county of "
                                    f"{file_of(pkg, 'counties')}"))
    for i, row in status.iterrows():
        flag = BOOLEAN.get(row["national_poverty_county"]) if not pd.isna(
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
    def bound(pkg: DataPackage, tables: dict) -> list[Problem]:
        return check(pkg, tables, key)
    return bound


def _check_indicator_rows(pkg: DataPackage, tables: dict) -> list[Problem]:
    """Each county has the rows county_table() needs; the prefecture's sums add up."""
    ind, counties = tables["county_indicators"], tables["counties"]
    if not (_has(ind, "adcode", "indicator", "year", "value") and _has(counties, "adcode")):
        return []
    fname = file_of(pkg, "county_indicators")
    present = set(zip(ind["adcode"], ind["indicator"], ind["year"]))
    problems = [Problem(fname, code, "indicator", f"no row for {name} {year}",
                        f"a row for {name} {year} for every county")
                for code in counties["adcode"].dropna() for name, year in _NEEDED
                if (code, name, year) not in present]
    values = pd.to_numeric(ind["value"], errors="coerce")
    values = values.where(values >= 0)  # a negative count is the schema's to report
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


#: The form of a timeline date at each precision.
_DATE_FORMS = {"day": ("%Y-%m-%d", 10), "month": ("%Y-%m", 7), "year": ("%Y", 4)}


def _check_timeline(pkg: DataPackage, tables: dict) -> list[Problem]:
    """campaign_timeline.csv: dates written to their precision; a source for every event."""
    frame = tables["campaign_timeline"]
    if not _has(frame, "date", "precision", "source_id", "paragraph"):
        return []
    fname = file_of(pkg, "campaign_timeline")
    problems = []
    for i, row in frame.iterrows():
        date, precision = row["date"], row["precision"]
        if not (pd.isna(date) or pd.isna(precision) or precision not in _DATE_FORMS):
            form, length = _DATE_FORMS[precision]
            readable = {"%Y-%m-%d": "YYYY-MM-DD", "%Y-%m": "YYYY-MM", "%Y": "YYYY"}[form]
            parsed = pd.to_datetime(date, format=form, errors="coerce")
            if len(date) != length or pd.isna(parsed):
                problems.append(Problem(fname, _line(i), "date", repr(date),
                                        f"a date written {readable}, as its precision "
                                        f"'{precision}' says"))
        if pd.isna(row["source_id"]) and pd.isna(row["paragraph"]):
            problems.append(Problem(fname, _line(i), "source_id", "an empty cell (and no "
                                    "paragraph)", "a source_id of "
                                    f"{file_of(pkg, 'sources')} or the article's paragraph"))
    return problems


_CHECKS = {
    "sources": [],
    "counties": [_check_counties],
    "county_indicators": [_check_adcodes, _for(_check_units, "county_indicators"),
                          _check_indicator_rows],
    "poverty_county_status": [_for(_check_corroboration, "poverty_county_status"),
                              _check_status],
    "poverty_national": [_for(_check_units, "poverty_national"),
                         _for(_check_primary, "poverty_national")],
    "poverty_sichuan_liangshan": [_for(_check_units, "poverty_sichuan_liangshan"),
                                  _for(_check_primary, "poverty_sichuan_liangshan")],
    "poverty_exit_rules": [_for(_check_corroboration, "poverty_exit_rules")],
    "health_national": [_for(_check_units, "health_national")],
    "campaign_timeline": [_check_timeline, _for(_check_corroboration, "campaign_timeline")],
}


#: The other tables that the checks of a table read.
_READS = {"county_indicators": ("counties",), "poverty_county_status": ("counties", "sources")}


def beyond_schema(pkg: DataPackage, keys) -> list[Problem]:
    """The checks of the module docstring for the tables ``keys``; a table they read that
    cannot be read as a table (:mod:`analysis.data.csv_check`) gives its own problems."""
    tables = {k: raw(pkg, k) for k in RESOURCES}
    unreadable = [p for k in dict.fromkeys(r for key in keys for r in _READS.get(key, ()))
                  if tables[k] is None
                  for p in check_table(pkg.root, pkg.resource(RESOURCES[k])).problems]
    checks = dict.fromkeys(c for key in keys for c in _CHECKS[key])  # each once, in order
    return list(dict.fromkeys(unreadable + [p for check in checks for p in check(pkg, tables)]))


def check_context(pkg: DataPackage | None = None, *, schema: bool = False) -> list[Problem]:
    """Every problem of the context tables, without raising.

    Args:
        pkg: the data package (default: the current one).
        schema: also run the Table Schema checks (types, required cells, enums, patterns,
            keys, foreign keys, hashes). ``python -m analysis validate`` runs those for the whole
            package itself and calls this with the default ``False``, so nothing is reported
            twice.

    Returns:
        The problems found, each naming file, line (or item), column, found and expected.
    """
    pkg = pkg or current()
    problems: list[Problem] = []
    if schema:
        from analysis.data.schema_check import check_resources

        problems += check_resources(pkg, list(RESOURCES.values()))
    return problems + beyond_schema(pkg, list(RESOURCES))
