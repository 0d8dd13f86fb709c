"""The national tables and layers of ``data/national``: loaders and their checks.

China's 832 poverty counties with the year each left the national list, the code crosswalk
from the list's codes to the 2010 and 2020 census tabulations and to the boundary layer, the
census indicators of the matched counties, the comparison prefectures' data points, and the
boundaries of all 2,875 county-level divisions with the province outlines dissolved from them.
``data/preparation/national.py`` builds them from ``../shared/national``.

Every loader checks the national files first (schema and hash through
:mod:`analysis.data.schema_check`, then :func:`check_national`'s checks that a schema cannot
express) and raises :class:`~analysis.data.problems.ContextDataError` naming file, row or
feature, and what was expected. The checks run once per content: a stamp under
``_build/.validated`` records that these exact bytes passed (as the register does). The
boundary layers carry the same licence as the Liangshan layers
(:data:`analysis.data.boundaries.ATTRIBUTION`); the 832 list's licence is unknown
(:data:`LIST_LICENCE`).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from analysis.data import boundary_checks, files, paths
from analysis.data.context import read_strings, typed
from analysis.data.package import DataPackage, current
from analysis.data.problems import ContextDataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "national/*")

POVERTY = "national_poverty_counties"
CROSSWALK = "national_crosswalk"
CENSUS = "national_census"
DATAPOINTS = "national_prefecture_datapoints"
HAND = "national_hand_matches"
COUNTIES = "geo_national_counties"
PROVINCES = "geo_national_provinces"
TABLES = (POVERTY, CROSSWALK, CENSUS, DATAPOINTS, HAND)
#: The sources a crosswalk row maps to, column prefix -> (what it is, census year or None).
TARGETS = {"census_2010": ("the 2010 census", 2010), "census_2020": ("the 2020 census", 2020),
           "boundary": ("the boundary layer", None)}
#: A box around China's territory as the boundary layer draws it (longitude, latitude,
#: degrees): the South China Sea islands reach about 3.8 N, the Pamirs 73.5 E, the Amur
#: confluence 135.1 E, the northern tip of Heilongjiang 53.6 N.
CHINA_BOX = (73.0, 3.0, 136.0, 54.0)
#: What a map of the list must say about the list's licence.
LIST_LICENCE = ("The list of poverty counties is a student project's compilation (licence "
                "unknown; the facts are provincial announcements)")


# ----------------------------------------------------------------------------- checks


def _line(i) -> int:
    return int(i) + 2


def _check_crosswalk(pkg: DataPackage) -> list[Problem]:
    """Rows of the crosswalk against the list, the census table and the boundary layer."""
    listed, cw, census = (read_strings(pkg, n) for n in (POVERTY, CROSSWALK, CENSUS))
    if listed is None or cw is None or "list_code" not in cw or "list_code" not in listed:
        return []  # the schema check says why
    fname = pkg.file(CROSSWALK)
    problems = [Problem(fname, None, "list_code", f"no row for the listed county {code}",
                        f"a row for every county of {pkg.file(POVERTY)}")
                for code in sorted(set(listed["list_code"].dropna()) - set(cw["list_code"]))]
    known: dict[str, set] = {}
    if census is not None and {"census_year", "code"} <= set(census.columns):
        for year in (2010, 2020):
            known[f"census_{year}"] = set(census.loc[census["census_year"] == str(year), "code"])
    drawn = _layer_codes(pkg)
    if drawn is not None:
        known["boundary"] = drawn
    for prefix, (what, _) in TARGETS.items():
        cols = [f"{prefix}_{c}" for c in ("code", "method", "note")]
        if not set(cols) <= set(cw.columns):
            continue
        target = pkg.file(CENSUS) if prefix != "boundary" else pkg.file(COUNTIES)
        for i, code, method, note in zip(cw.index, *(cw[c] for c in cols)):
            where = _line(i)
            if pd.isna(method):
                continue  # required: reported by the schema check
            if method == "unmatched" and not pd.isna(code):
                problems.append(Problem(fname, where, cols[0], repr(code),
                                        "no code where the method is 'unmatched'"))
            elif method != "unmatched" and pd.isna(code):
                problems.append(Problem(fname, where, cols[0], "an empty cell",
                                        f"the county's code in {what}, or the method "
                                        "'unmatched'"))
            elif not pd.isna(code) and prefix in known and code not in known[prefix]:
                problems.append(Problem(fname, where, cols[0], f"{code}, a code that matches "
                                        f"nothing in {target}", f"a county code of {what} "
                                        f"present in {target}"))
            if method != "code" and pd.isna(note):
                problems.append(Problem(fname, where, cols[2], "an empty cell",
                                        f"a note saying why the method is '{method}'"))
    return problems + _check_hand(pkg, cw)


def _check_hand(pkg: DataPackage, cw: pd.DataFrame) -> list[Problem]:
    """The hand matches against the crosswalk, both ways: each row of the hand-match table is
    the crosswalk's match (same code, method 'hand' or 'code, renamed'), and each crosswalk
    match by hand has its row (its evidence)."""
    hand = read_strings(pkg, HAND)
    if hand is None or not {"list_code", "target", "code"} <= set(hand.columns):
        return []  # the schema check says why
    hname, fname = pkg.file(HAND), pkg.file(CROSSWALK)
    by_code = cw.set_index("list_code")
    problems = []
    for i, row in hand.iterrows():
        col = f"{row['target']}_code"
        if row["list_code"] not in by_code.index or col not in by_code.columns:
            continue  # unknown county or target: the schema check (foreign key, enum) says so
        got, method = by_code.at[row["list_code"], col], by_code.at[row["list_code"],
                                                                   f"{row['target']}_method"]
        if got != row["code"] or method not in ("hand", "code, renamed"):
            problems.append(Problem(hname, _line(i), "code", f"{row['code']} for "
                                    f"{row['list_code']} in {row['target']}", f"the crosswalk's "
                                    f"match by hand ({fname} has {got!r}, method {method!r})"))
    keys = set(zip(hand["list_code"], hand["target"]))
    for prefix in TARGETS:
        method = f"{prefix}_method"
        if method not in cw.columns:
            continue
        for i, code, m in zip(cw.index, cw["list_code"], cw[method]):
            if m == "hand" and (code, prefix) not in keys:
                problems.append(Problem(fname, _line(i), method, "'hand' without evidence",
                                        f"a row for {code} and {prefix} in {hname}"))
    return problems


def _layer_codes(pkg: DataPackage) -> set[str] | None:
    return boundary_checks.by_content(pkg, COUNTIES, "national codes", _read_codes)[0]


def _read_codes(pkg: DataPackage, name: str) -> tuple[set[str] | None, list]:
    if files.read_text(pkg.root, pkg.file(name), "geojson").blocked:
        return None, []  # unreadable: reported by the layer's own check
    try:
        gdf = gpd.read_file(pkg.path(name), columns=["adcode"], read_geometry=False)
    except Exception:  # unreadable: reported by the layer's own check
        return None, []
    return (set(gdf["adcode"].astype(str)) if "adcode" in gdf else None), []


def _check_in_china(res: dict, gdf: gpd.GeoDataFrame) -> list[Problem]:
    """Features that reach outside :data:`CHINA_BOX`."""
    key = res.get("x-key-property", "adcode")
    lo_x, lo_y, hi_x, hi_y = CHINA_BOX
    problems = []
    for i, geom in zip(gdf.index, gdf.geometry.values):
        if geom is None or geom.is_empty:
            continue
        x0, y0, x1, y1 = geom.bounds
        if x0 < lo_x or y0 < lo_y or x1 > hi_x or y1 > hi_y:
            problems.append(Problem(res["path"], boundary_checks.item(gdf, i, key), "geometry",
                                    f"a polygon reaching {x0:.2f}..{x1:.2f} E, "
                                    f"{y0:.2f}..{y1:.2f} N", "a polygon inside China "
                                    f"({lo_x:g}..{hi_x:g} E, {lo_y:g}..{hi_y:g} N)"))
    return problems


def _check_coverage(res: dict, gdf: gpd.GeoDataFrame) -> list[Problem]:
    """Valid polygons that overlap their neighbours or whose shared borders differ."""
    key = res.get("x-key-property", "adcode")
    geoms = gdf.geometry.values
    ok = [i for i, g in enumerate(geoms) if g is not None and not g.is_empty and g.is_valid
          and g.geom_type in ("Polygon", "MultiPolygon")]
    sub = geoms[ok]
    if shapely.coverage_is_valid(sub):
        return []
    edges = shapely.coverage_invalid_edges(sub)
    return [Problem(res["path"], boundary_checks.item(gdf, gdf.index[ok[j]], key), "geometry",
                    "a border that overlaps a neighbour or does not match its border",
                    "polygons that share their borders exactly (a coverage)")
            for j, e in enumerate(edges) if e is not None and not e.is_empty]


def _layer_problems(pkg: DataPackage, name: str) -> tuple[gpd.GeoDataFrame | None,
                                                          list[Problem]]:
    return boundary_checks.by_content(pkg, name, "national layer", _checked_layer)


def _checked_layer(pkg: DataPackage, name: str) -> tuple[gpd.GeoDataFrame | None,
                                                         list[Problem]]:
    res, gdf, problems = boundary_checks.read_layer(pkg, name)
    if gdf is None:
        return None, problems
    problems += boundary_checks.check_layer(res, gdf, overlaps=False)
    problems += _check_in_china(res, gdf)
    problems += _check_coverage(res, gdf)
    return gdf, problems


def check_national(pkg: DataPackage | None = None) -> list[Problem]:
    """Every problem of the national files that their schemas cannot catch, without raising.

    Checks: a crosswalk row for every listed county; each crosswalk code empty exactly when
    the method is 'unmatched', present in the census table (for its year) or the boundary
    layer, and explained by a note whenever the method is not a plain code match; each
    boundary layer with its feature count, CRS, a code on every feature, valid polygons in
    longitude/latitude inside :data:`CHINA_BOX`, shared borders that match (a coverage) and
    its total area as the descriptor says.
    """
    pkg = pkg or current()
    return (_check_crosswalk(pkg) + _layer_problems(pkg, COUNTIES)[1]
            + _layer_problems(pkg, PROVINCES)[1])


# ----------------------------------------------------------------------------- loaders
#: The modules whose checks a stamp vouches for: a change to one of them checks again.
_CHECK_MODULES = ("national.py", "boundary_checks.py", "files.py", "csv_check.py",
                  "schema_check.py", "context.py")


def _marker(pkg: DataPackage) -> Path:
    """Where the stamp of a passed check of the national files is kept: under
    ``_build/.validated``, named by the sha256 of the descriptor, of every national file and
    of the modules that check them (:data:`_CHECK_MODULES`), so that any change to one of
    them checks again."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CHECK_MODULES:
        h.update((here / name).read_bytes())
    h.update(pkg.descriptor_path.read_bytes())
    for name in (*TABLES, COUNTIES, PROVINCES):
        try:
            h.update(pkg.path(name).read_bytes())
        except (FileNotFoundError, IsADirectoryError):
            h.update(b"missing " + name.encode())
    return paths.BUILD / ".validated" / f"national-{h.hexdigest()}"


@lru_cache(maxsize=4)
def _problems(pkg: DataPackage, stamp: tuple) -> tuple[Problem, ...]:
    """Every problem of the national files (schemas and hashes through
    :mod:`analysis.data.schema_check`, then :func:`check_national`), checked once per content:
    after a pass, a stamp (:func:`_marker`) lets the next kernel skip the checks (a few
    seconds, most of it Frictionless warming up and the coverage check of 2,875 polygons)."""
    marker = _marker(pkg)
    if marker.is_file():
        return ()
    from analysis.data.schema_check import check_resources

    problems = tuple(check_resources(pkg, [*TABLES, COUNTIES, PROVINCES])
                     + check_national(pkg))
    if not problems:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:  # a read-only checkout: check again next time
            pass
    return problems


def _checked(pkg: DataPackage) -> None:
    problems = _problems(pkg, pkg.stamp(*TABLES, COUNTIES, PROVINCES))
    if problems:
        raise ContextDataError(list(problems))


@lru_cache(maxsize=16)
def _load_table(pkg: DataPackage, name: str, stamp: tuple) -> pd.DataFrame:
    _checked(pkg)
    return typed(pkg, name)


@lru_cache(maxsize=4)
def _load_layer(pkg: DataPackage, name: str, stamp: tuple) -> gpd.GeoDataFrame:
    _checked(pkg)
    res = pkg.resource(name)
    key = res.get("x-key-property", "adcode")
    gdf = gpd.read_file(pkg.path(name))
    return gdf.sort_values(key).reset_index(drop=True)


def _table(name: str) -> pd.DataFrame:
    pkg = current()
    return _load_table(pkg, name, pkg.stamp(*TABLES, COUNTIES, PROVINCES)).copy()


def poverty_counties() -> pd.DataFrame:
    """The 832 national poverty counties: list_code, name_zh, prefecture_zh, province_zh,
    province, zone, exit_year, sanqu_sanzhou_derived (a DERIVED membership), ...

    Raises:
        ContextDataError: a national table breaks its schema or the crosswalk's checks.
    """
    return _table(POVERTY)


def crosswalk() -> pd.DataFrame:
    """The code crosswalk, one row per listed county: ``<target>_code``, ``_method`` and
    ``_note`` for the targets of :data:`TARGETS`."""
    return _table(CROSSWALK)


def census() -> pd.DataFrame:
    """Census indicators of the crosswalk's counties, one row per census year and code."""
    return _table(CENSUS)


def hand_matches() -> pd.DataFrame:
    """The crosswalk's matches looked up by hand, one row per county and source, with the
    source that supports each (``source_id``) or ``verified == "no"``."""
    return _table(HAND)


def prefecture_datapoints() -> pd.DataFrame:
    """Press data points for Liangshan, Nujiang, Linxia and related areas (indicative)."""
    return _table(DATAPOINTS)


def county_boundaries() -> gpd.GeoDataFrame:
    """China's 2,875 county polygons (EPSG:4326): adcode, name_zh, province_code, checked.

    Raises:
        ContextDataError: the layer fails a check of :func:`check_national` or its hash.
    """
    pkg = current()
    return _load_layer(pkg, COUNTIES, pkg.stamp(*TABLES, COUNTIES, PROVINCES)).copy()


def province_boundaries() -> gpd.GeoDataFrame:
    """The 34 province-level outlines (EPSG:4326): province_code, name, name_zh, checked."""
    pkg = current()
    return _load_layer(pkg, PROVINCES, pkg.stamp(*TABLES, COUNTIES, PROVINCES)).copy()
