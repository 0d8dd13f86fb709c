"""The checks of the boundary layers (see :func:`analysis.data.boundaries.check_boundaries`).

Each layer is read only if its file is a readable GeoJSON FeatureCollection
(:mod:`analysis.data.files`), then checked against its resource's settings, the county table,
and the shape of valid polygons in longitude/latitude within the layer's extent.
"""
from __future__ import annotations

import hashlib
import json
import math

import geopandas as gpd
import pyproj
import shapely

from analysis.data import files, paths
from analysis.data.boundaries import (
    AREA_TOLERANCE,
    COUNTIES,
    LIANGSHAN,
    OVERLAP_TOLERANCE_KM2,
    PREFECTURES,
    geodesic_area_km2,
)
from analysis.data.csv_check import cell_issue, check_table
from analysis.data.package import DataPackage
from analysis.data.problems import Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "geo/*", "context/*")


def _rough_area_km2(geom) -> float:
    """Planar area of a lon/lat geometry scaled to km2 at its latitude (within a few percent
    for the small pieces it is used on; a spherical degree is 111.32 km)."""
    if geom.is_empty:
        return 0.0
    lat = (geom.bounds[1] + geom.bounds[3]) / 2
    return geom.area * 111.32 ** 2 * math.cos(math.radians(lat))


def read_layer(pkg: DataPackage, name: str
               ) -> tuple[dict, gpd.GeoDataFrame | None, list[Problem]]:
    """The resource entry of layer ``name``, the layer (None when its file cannot be read as
    a GeoJSON FeatureCollection) and the problems of reading it."""
    res = pkg.resource(name)
    doc, problems = files.read_json(pkg.root, res["path"], "geojson")
    if doc is None:  # not a readable GeoJSON FeatureCollection (analysis.data.files says why)
        return res, None, problems
    try:
        gdf = gpd.read_file(pkg.root / res["path"])
    except Exception as exc:  # pyogrio raises several types for unreadable files
        return res, None, [Problem(res["path"], None, None, f"an unreadable file ({exc})",
                                   "a GeoJSON FeatureCollection")]
    return res, gdf, []


def item(gdf: gpd.GeoDataFrame, i, key: str) -> str:
    """How a problem names feature ``i``: its number in the file, its code and its name."""
    code = gdf.at[i, key] if key in gdf else None
    name = next((gdf.at[i, c] for c in ("name_en", "name", "name_zh") if c in gdf), None)
    label = f"feature {i + 1}"
    if isinstance(code, str):
        label += f" (adcode {code.strip()}" + (f", {name})" if isinstance(name, str) else ")")
    return label


#: The layer settings a boundary resource declares, with their types and what is expected.
_DECLARED = {
    "x-feature-count": (int, "a whole number of features"),
    "x-crs": (str, "a coordinate reference system such as 'EPSG:4326'"),
    "x-key-property": (str, "the name of the property holding each unit's code"),
    "x-measured-area-km2": ((int, float), "a number of km2"),
    "x-extent": (list, "[west, south, east, north] in degrees"),
}


def _declared(res: dict) -> list[Problem]:
    """The resource's layer settings have the types they need."""
    problems = []
    for key, (kind, want) in _DECLARED.items():
        value = res.get(key)
        bad = value is not None and (not isinstance(value, kind) or isinstance(value, bool))
        if key == "x-extent" and not bad and value is not None:
            bad = not (len(value) == 4 and all(isinstance(v, (int, float)) for v in value)
                       and value[0] < value[2] and value[1] < value[3])
        if bad:
            problems.append(Problem(paths.DESCRIPTOR, f"resource '{res['name']}'", key,
                                    repr(value), want))
    return problems


def _text_codes(gdf: gpd.GeoDataFrame, key: str) -> bool:
    """Whether every code of the layer is text (as the county table writes codes)."""
    return key in gdf and all(isinstance(v, str) for v in gdf[key].dropna())


def check_layer(res: dict, gdf: gpd.GeoDataFrame, *, overlaps: bool = True) -> list[Problem]:
    """Feature count, CRS, keys, geometry validity and place, overlaps (unless ``overlaps`` is
    false: a large layer checks its coverage otherwise) and area of one layer."""
    fname = res["path"]
    key = res.get("x-key-property", "adcode")
    problems = []
    want = res.get("x-feature-count")
    if want is not None and len(gdf) != want:
        problems.append(Problem(fname, None, None, f"{len(gdf)} features",
                                f"{want} features (x-feature-count)"))
    want_crs = pyproj.CRS.from_user_input(res.get("x-crs", "EPSG:4326"))
    crs_ok = gdf.crs is not None and pyproj.CRS.from_user_input(gdf.crs).equals(
        want_crs, ignore_axis_order=True)
    if not crs_ok:
        problems.append(Problem(fname, None, "crs", str(gdf.crs), f"{want_crs.to_string()} "
                                "(x-crs)"))
    if key not in gdf:
        problems.append(Problem(fname, None, key, "no such property",
                                f"a '{key}' property on every feature"))
    elif not _text_codes(gdf, key):
        sample = next(v for v in gdf[key].dropna() if not isinstance(v, str))
        problems.append(Problem(fname, None, key, f"codes written as numbers (such as "
                                f"{sample!r})", f'codes written as text ("{sample}"), as in '
                                "the county table"))
    else:
        codes = gdf[key].map(lambda v: v.strip() if isinstance(v, str) else v)
        for i, code in zip(gdf.index, gdf[key]):
            issue = cell_issue({"type": "string"}, code, coded=True) if isinstance(
                code, str) else None
            if issue:
                problems.append(Problem(fname, item(gdf, i, key), key, *issue))
        for i in gdf.index[codes.isna()]:
            problems.append(Problem(fname, item(gdf, i, key), key, "no value",
                                    "a six-digit division code"))
        for i in gdf.index[codes.duplicated(keep="first") & codes.notna()]:
            first = item(gdf, gdf.index[codes == codes[i]][0], key)
            problems.append(Problem(fname, item(gdf, i, key), key, f"the code {codes[i]} "
                                    f"again (first on {first})", "each code once"))
    polygons = []
    valid = shapely.is_valid(gdf.geometry.values)
    for i, geom, is_valid in zip(gdf.index, gdf.geometry.values, valid):
        where = item(gdf, i, key) if geom is None or not is_valid else None
        if geom is None:
            problems.append(Problem(fname, where, "geometry", "no geometry (null)",
                                    "a polygon"))
        elif geom.is_empty:
            problems.append(Problem(fname, item(gdf, i, key), "geometry", "an empty geometry",
                                    "a polygon"))
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(fname, item(gdf, i, key), "geometry", geom.geom_type,
                                    "a Polygon or MultiPolygon"))
        elif not is_valid:
            problems.append(Problem(fname, where, "geometry", shapely.is_valid_reason(geom),
                                    "a valid polygon (OGC simple features)"))
        else:
            polygons.append(i)
    if gdf.crs is not None and not pyproj.CRS.from_user_input(gdf.crs).equals(
            "EPSG:4326", ignore_axis_order=True):
        return problems  # coordinates in another system: their place and area mean nothing
    place, ok = _check_place(res, gdf, polygons, key)
    problems += place
    if overlaps:
        problems += _check_overlaps(fname, gdf.loc[ok], key)
    if len(ok) < len(gdf) or (want is not None and len(gdf) != want):
        return problems  # a polygon missing, unusable or in metres: the area means nothing
    total = sum(geodesic_area_km2(g) for g in gdf.loc[ok].geometry)
    want_area = res.get("x-measured-area-km2")
    if want_area and abs(total - want_area) > AREA_TOLERANCE * want_area:
        problems.append(Problem(fname, None, "geometry", f"a total geodesic area of "
                                f"{total:,.0f} km2", f"{want_area:,} km2 within "
                                f"{AREA_TOLERANCE:.0%} (x-measured-area-km2)"))
    return problems


def _check_place(res: dict, gdf: gpd.GeoDataFrame, polygons: list, key: str
                 ) -> tuple[list[Problem], list]:
    """Polygons in longitude/latitude degrees and within the layer's extent (``x-extent``);
    returns the problems and the polygons in degrees."""
    fname = res["path"]
    degrees = [i for i in polygons if _in_degrees(gdf.geometry[i].bounds)]
    if polygons and not degrees:
        b = gdf.loc[polygons].total_bounds
        return [Problem(fname, None, "geometry", f"coordinates from ({b[0]:,.0f}, {b[1]:,.0f}) "
                        f"to ({b[2]:,.0f}, {b[3]:,.0f}), which look like projected metres",
                        "longitude/latitude in degrees (EPSG:4326, as GeoJSON requires): "
                        "reproject the layer")], []
    problems = [Problem(fname, item(gdf, i, key), "geometry",
                        f"coordinates {tuple(round(v, 1) for v in gdf.geometry[i].bounds)}",
                        "longitude/latitude in degrees")
                for i in polygons if i not in degrees]
    extent = res.get("x-extent")
    if extent:
        w, s, e, n = extent
        for i in degrees:
            minx, miny, maxx, maxy = gdf.geometry[i].bounds
            if minx < w or miny < s or maxx > e or maxy > n:
                lon = minx if minx < w else maxx
                lat = miny if miny < s else maxy
                problems.append(Problem(fname, item(gdf, i, key), "geometry",
                                        f"a polygon reaching {lon:.2f}°E {lat:.2f}°N",
                                        f"a polygon within the layer's extent {w}-{e}°E, "
                                        f"{s}-{n}°N (x-extent)"))
    return problems, degrees


def _in_degrees(bounds) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def _check_overlaps(fname: str, gdf: gpd.GeoDataFrame, key: str) -> list[Problem]:
    """Pairs of (valid) units that overlap by more than OVERLAP_TOLERANCE_KM2."""
    geoms = list(gdf.geometry)
    if len(geoms) < 2:
        return []
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    problems = []
    for a, b in zip(left, right):
        if a >= b:
            continue
        inter = shapely.intersection(geoms[a], geoms[b])
        if _rough_area_km2(inter) < OVERLAP_TOLERANCE_KM2 / 2:
            continue  # shared borders only: skip the costlier geodesic area
        area = geodesic_area_km2(inter)
        if area > OVERLAP_TOLERANCE_KM2:
            ia, ib = gdf.index[a], gdf.index[b]
            problems.append(Problem(fname, item(gdf, ia, key), "geometry",
                                    f"an overlap of {area:.3f} km2 with {item(gdf, ib, key)}",
                                    f"no overlap above {OVERLAP_TOLERANCE_KM2} km2"))
    return problems


def _check_county_codes(res: dict, gdf: gpd.GeoDataFrame, pkg: DataPackage) -> list[Problem]:
    """The county codes of the layer against counties.csv, both ways."""
    from analysis.data.context import listed_county_codes

    fname = res["path"]
    key = res.get("x-key-property", "adcode")
    listed = listed_county_codes(pkg)
    if listed is None:  # the county table cannot be read: its problem stands for this check
        return list(check_table(pkg.root, pkg.resource("context_counties")).problems)
    if not _text_codes(gdf, key):
        return []
    codes = gdf[key].map(lambda v: v.strip() if isinstance(v, str) else v)  # spaces: reported
    drawn = set(codes.dropna())
    csv_name = pkg.file("context_counties")
    problems = [Problem(fname, f"adcode {code}", key, "no feature for this county",
                        f"a feature for every county of {csv_name}")
                for code in sorted(listed - drawn)]
    problems += [Problem(fname, item(gdf, i, key), key, f"{codes[i]}, a code not in "
                         f"{csv_name}", f"a county code of {csv_name}")
                 for i in gdf.index if codes[i] in drawn - listed]
    return problems


#: Results of layer checks, by what was checked, the digest of the layer's bytes and its
#: resource entry (the same file in another folder, a copy of the data package, is not read
#: and checked again: a large layer takes seconds).
_CHECKED: dict[tuple[str, str, str], tuple] = {}


def by_content(pkg: DataPackage, name: str, what: str, compute):
    """``compute(pkg, name)``, reused while layer ``name``'s file and resource entry are the
    same (``what`` names the computation); ``compute`` returns ``(layer or None, problems)``."""
    res = pkg.resource(name)
    path = pkg.root / res["path"]
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    key = (what, digest, json.dumps(res, sort_keys=True))
    if not digest:
        return compute(pkg, name)
    if key not in _CHECKED:
        while len(_CHECKED) >= 16:
            _CHECKED.pop(next(iter(_CHECKED)))
        _CHECKED[key] = compute(pkg, name)
    layer, problems = _CHECKED[key]
    return layer, list(problems)


def _file_problems(pkg: DataPackage, name: str) -> tuple[gpd.GeoDataFrame | None, list]:
    """The layer and the problems of its file, settings and geometry (not of its codes against
    the county table, which may change on its own)."""
    res, gdf, problems = read_layer(pkg, name)
    declared = _declared(res)
    if gdf is None or declared:
        return None, problems + declared
    return gdf, problems + check_layer(res, gdf)


def _checked_layer(pkg: DataPackage, name: str
                   ) -> tuple[dict, gpd.GeoDataFrame | None, list[Problem]]:
    gdf, problems = by_content(pkg, name, "layer", _file_problems)
    return pkg.resource(name), gdf, problems


def layer_problems(pkg: DataPackage, name: str
                   ) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """The layer ``name`` (None when it cannot be read) and all its problems."""
    res, gdf, problems = _checked_layer(pkg, name)
    if gdf is None:
        return None, problems
    if name == COUNTIES:
        problems += _check_county_codes(res, gdf, pkg)
    else:
        key = res.get("x-key-property", "adcode")
        if _text_codes(gdf, key) and LIANGSHAN not in set(gdf[key]):
            problems.append(Problem(res["path"], None, key, f"no feature {LIANGSHAN}",
                                    "Liangshan among the prefectures"))
    return gdf, problems


def check_layers(pkg: DataPackage) -> list[Problem]:
    """Every problem of the two boundary layers, without raising.

    Checks: the file reads as a GeoJSON FeatureCollection (:mod:`analysis.data.files`); the
    resource's layer settings have their types; feature count and CRS as the descriptor says;
    a code, as text, on every feature, each once; county codes equal to those of
    ``context/counties.csv`` both ways; Liangshan among the prefectures; every geometry a valid
    (multi)polygon in lon/lat degrees (one message when the whole layer is in projected
    metres) within the layer's ``x-extent``; no two units overlapping by more than
    :data:`~analysis.data.boundaries.OVERLAP_TOLERANCE_KM2`; total geodesic area within
    :data:`~analysis.data.boundaries.AREA_TOLERANCE` of ``x-measured-area-km2``. (The file
    hash is checked with every other resource by :mod:`analysis.data.schema_check`.)
    """
    return layer_problems(pkg, COUNTIES)[1] + layer_problems(pkg, PREFECTURES)[1]
