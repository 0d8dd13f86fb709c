"""Liangshan's 17 counties as one table: names, census, area and poverty-county status.

Joins the context tables (:mod:`analysis.data.context`) by county code, and the polygons
(:mod:`analysis.data.boundaries`) for maps. Units: persons, percent, km2, persons per km2.
"""
from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from analysis.data import boundaries, context
from analysis.data.context import PREFECTURE
from analysis.data.problems import ContextDataError, Problem

#: Poverty-county status categories of :func:`county_table` (column ``poverty_status``).
STATUS_2019 = "exited, 2019 batch"
STATUS_2020 = "exited, 2020 batch"
STATUS_NONE = "not a national poverty county"
STATUS_ORDER = [STATUS_2019, STATUS_2020, STATUS_NONE]


def prefecture_census(indicator: str, year: str) -> tuple[float, str]:
    """A census figure for the whole prefecture: its value and its ``source_id``.

    Args:
        indicator: e.g. ``resident_population`` or ``rural_population`` (persons).
        year: the census year as written in the table (``"2010"``, ``"2020"``).

    Raises:
        KeyError: the table has no single prefecture row for that indicator and year.
    """
    return census(PREFECTURE, indicator, year)


def census(adcode: str, indicator: str, year: str) -> tuple[float, str]:
    """A census figure for the prefecture or one county: its value and its ``source_id``.

    Args:
        adcode: ``513400`` (the prefecture) or a county's code (``513429``, Butuo).
        indicator: an indicator of ``county_indicators.csv`` (``family_households``...).
        year: the census year (``"2010"``, ``"2020"``).

    Raises:
        KeyError: the table has no single row for that place, indicator and year.
    """
    ind = context.county_indicators()
    hit = ind[(ind["adcode"] == str(adcode)) & (ind["indicator"] == indicator)
              & (ind["year"] == str(year))]
    if len(hit) != 1:
        what = "the prefecture" if str(adcode) == PREFECTURE else "county"
        raise KeyError(f"county_indicators.csv: expected one row for {what} ({adcode}), "
                       f"{indicator}, {year!r}; found {len(hit)}")
    return float(hit["value"].iloc[0]), str(hit["source_id"].iloc[0])


def _status_label(row) -> str:
    if not row["national_poverty_county"]:
        return STATUS_NONE
    return STATUS_2019 if row["exit_batch_year"] == 2019 else STATUS_2020


def county_table(areas_km2: Mapping[str, float] | pd.Series | None = None) -> pd.DataFrame:
    """One row per county (17), joined by adcode: names, census, area, poverty status.

    Columns: adcode, name_zh, name_pinyin, name_en, type; pop_2010, pop_2020 (persons, census
    resident population); pop_change_pct (percent, 2010 to 2020); area_km2_c2004 (km2,
    second-hand c.2004); area_km2 and area_basis (the area used for density: the c.2004 figure,
    or ``areas_km2`` when given, e.g. :func:`analysis.data.boundaries.measured_areas_km2`);
    density_2020 (persons per km2); minority_share_2010, minority_share_2020 (percent, all
    minorities together, an upper bound on the Yi share); national_poverty_county, status_basis,
    exit_batch_year, exit_approval_date; poverty_status (one of ``STATUS_ORDER``).

    Raises:
        ContextDataError: a table it reads is not valid, or ``areas_km2`` lacks a county.
    """
    base = context.counties()[["adcode", "name_zh", "name_pinyin", "name_en", "type"]]
    ind = context.county_indicators()
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
    status = context.poverty_county_status().set_index("adcode")
    for c in ("national_poverty_county", "status_basis", "exit_batch_year", "exit_approval_date"):
        out[c] = status[c]
    out["poverty_status"] = pd.Categorical(out.apply(_status_label, axis=1),
                                           categories=STATUS_ORDER)
    out["area_basis"] = out["area_basis"].astype("string")
    return out.reset_index()


def population_change() -> dict[str, float | int]:
    """Census population change 2010 to 2020, prefecture-wide and county by county.

    Returns:
        A dict with ``prefecture_pct`` (change of the summed county populations, percent),
        ``counties`` (17), ``counties_losing`` (counties with fewer residents in 2020) and
        ``butuo_pct`` / ``jinyang_pct`` (percent). Source: ``county_indicators.csv`` (S01).
    """
    table = county_table()
    by_name = table.set_index("name_pinyin")["pop_change_pct"]
    total_2010, total_2020 = table["pop_2010"].sum(), table["pop_2020"].sum()
    return {
        "prefecture_pct": float(100 * (total_2020 / total_2010 - 1)),
        "counties": int(len(table)),
        "counties_losing": int((table["pop_change_pct"] < 0).sum()),
        "butuo_pct": float(by_name["Butuo"]),
        "jinyang_pct": float(by_name["Jinyang"]),
    }


def county_frame(*, measured_density: bool = False) -> gpd.GeoDataFrame:
    """The 17 county polygons joined with :func:`county_table` on adcode.

    The names come from the county table (``name_pinyin``, ``name_zh``, ``name_en``); the
    layer's own name columns are dropped. With ``measured_density`` the density uses the
    geodesic areas of the polygons instead of the second-hand c.2004 areas.
    """
    gdf = boundaries.load_counties()
    areas = boundaries.measured_areas_km2(gdf) if measured_density else None
    table = county_table(areas_km2=areas)
    joined = gdf[["adcode", "geometry"]].merge(table, on="adcode", how="inner",
                                                validate="one_to_one")
    if len(joined) != len(table):  # cannot happen once both are checked; guard the join
        raise ContextDataError(Problem("county_frame", None, "adcode",
                                       f"{len(joined)} counties after the join",
                                       f"{len(table)}"))
    return gpd.GeoDataFrame(joined, geometry="geometry", crs=gdf.crs)
