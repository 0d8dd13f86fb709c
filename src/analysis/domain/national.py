"""Liangshan among China's 832 poverty counties: exit batches, the derived "three regions and
three prefectures", census change by batch, and an ordered model of exit year.

Pure functions on tidy frames. :func:`county_frame` joins the list, the crosswalk and both
censuses into one row per listed county; everything else takes that frame (tests pass small
synthetic ones). The ordered model of exit year lives in :mod:`analysis.domain.exit_model`
(its names are re-exported here): a description of association among the counties, which
2010 characteristics went with a later exit, and nothing about what caused the order of exits.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data import national

# the ordered model lives in its own module; these names stay reachable from here
from analysis.domain.exit_model import (  # noqa: F401
    ALL_PREDICTORS,
    PREDICTORS,
    ExitModel,
    brant_test,
    exit_model,
    expected_by_batch,
    model_frame,
)

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "national/*")

#: Liangshan in the list (its prefecture as the list writes it, in Chinese).
#:
#: :meta hide-value:
LIANGSHAN_ZH = "凉山彝族自治州"
#: The three prefectures of the "three prefectures" and their names in the list (Chinese).
#:
#: :meta hide-value:
PREFECTURES = {"Liangshan": LIANGSHAN_ZH, "Nujiang": "怒江傈僳族自治州",
               "Linxia": "临夏回族自治州"}
#: How a county's two censuses compare, from its crosswalk methods (best first).
SAME_CODE, CHANGED, BY_HAND, NOT_MATCHED = ("same code and name", "code or name changed",
                                            "matched by hand", "not matched")



def _comparison(m10: str, m20: str) -> str:
    methods = {m10, m20}
    if "unmatched" in methods:
        return NOT_MATCHED
    if "hand" in methods:
        return BY_HAND
    return SAME_CODE if methods == {"code"} else CHANGED


def county_frame(listed: pd.DataFrame | None = None, crosswalk: pd.DataFrame | None = None,
                 census: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per listed county: the list's columns, both censuses' indicators (``*_2010``,
    ``*_2020``; empty where unmatched), ``urban_share``, ``household_size``,
    ``log_population_2010``, ``liangshan`` and ``comparison`` (how far its two censuses cover
    the same unit: :data:`SAME_CODE`, :data:`CHANGED`, :data:`BY_HAND`, :data:`NOT_MATCHED`).

    Args:
        listed, crosswalk, census: the tables of :mod:`analysis.data.national` (read when None).
    """
    listed = national.poverty_counties() if listed is None else listed
    cw = national.crosswalk() if crosswalk is None else crosswalk
    census = national.census() if census is None else census
    out = listed.merge(cw, on="list_code", how="left", validate="one_to_one")
    for year in (2010, 2020):
        c = census[census["census_year"] == year].set_index("code")
        codes = out[f"census_{year}_code"]
        for col, src in (("population", "population"), ("minority_share", "minority_share_pct"),
                         ("illiteracy", "illiteracy_pct"), ("schooling", "schooling_years")):
            out[f"{col}_{year}"] = codes.map(c[src]).astype("Float64")
        out[f"urban_share_{year}"] = (codes.map(c["urban_population"]).astype("Float64")
                                      / out[f"population_{year}"] * 100)
        out[f"household_size_{year}"] = (codes.map(c["family_household_population"])
                                         .astype("Float64")
                                         / codes.map(c["family_households"]).astype("Float64"))
    out["log_population_2010"] = np.log(out["population_2010"].astype(float))
    out["liangshan"] = out["prefecture_zh"] == LIANGSHAN_ZH
    out["comparison"] = [_comparison(a, b) for a, b in
                         zip(out["census_2010_method"], out["census_2020_method"])]
    return out


def batches(frame: pd.DataFrame) -> pd.DataFrame:
    """Counties per exit year: ``counties``, ``cumulative``, ``share_pct`` of the list,
    ``liangshan`` (Liangshan's counties in the batch) and ``sanqu_sanzhou`` (derived)."""
    g = frame.groupby("exit_year")
    out = pd.DataFrame({"counties": g.size(), "liangshan": g["liangshan"].sum(),
                        "sanqu_sanzhou": g["sanqu_sanzhou_derived"].sum()})
    out["cumulative"] = out["counties"].cumsum()
    out["share_pct"] = out["counties"] / out["counties"].sum() * 100
    return out.reset_index().astype({"liangshan": int, "sanqu_sanzhou": int})


def liangshan_position(frame: pd.DataFrame) -> dict[str, float]:
    """Where Liangshan's listed counties fall: how many there are, how many left in the last
    batch, the last batch's size, Liangshan's share of it, and the share of all listed
    counties that had left before Liangshan's first county did."""
    ls = frame[frame["liangshan"]]
    last = int(frame["exit_year"].max())
    first_ls = int(ls["exit_year"].min())
    return {"counties": len(ls), "last_year": last,
            "in_last": int((ls["exit_year"] == last).sum()),
            "last_batch": int((frame["exit_year"] == last).sum()),
            "share_of_last_pct": (ls["exit_year"] == last).sum()
            / (frame["exit_year"] == last).sum() * 100,
            "first_year": first_ls,
            "before_first_pct": (frame["exit_year"] < first_ls).mean() * 100,
            "mean_year": float(ls["exit_year"].mean()),
            "mean_year_all": float(frame["exit_year"].mean())}


def group_comparison(frame: pd.DataFrame) -> pd.DataFrame:
    """The derived "three regions and three prefectures" against the other listed counties,
    and the three prefectures one by one: counties, mean exit year, share leaving in the last
    batch (percent)."""
    last = frame["exit_year"].max()
    groups = {"Three regions and three prefectures (derived)": frame["sanqu_sanzhou_derived"],
              "Other poverty counties": ~frame["sanqu_sanzhou_derived"]}
    groups |= {f"{k} (prefecture)": frame["prefecture_zh"] == v for k, v in PREFECTURES.items()}
    rows = [{"group": name, "counties": int(mask.sum()),
             "mean_exit_year": frame.loc[mask, "exit_year"].mean(),
             "last_batch_pct": (frame.loc[mask, "exit_year"] == last).mean() * 100}
            for name, mask in groups.items()]
    return pd.DataFrame(rows)


def census_change_by_batch(frame: pd.DataFrame) -> pd.DataFrame:
    """Census change 2010 to 2020 by exit year, twice: over every county matched in both
    censuses (``all matched``) and over those whose code and name did not change
    (``same code only``); the gap between the two is the uncertainty that code changes bring.

    Columns: exit_year, set, counties, population_change_pct (of the batch's total),
    minority_change_pp and urban_change_pp (population-weighted means, percentage points).
    """
    rows = []
    both = frame[frame["comparison"] != NOT_MATCHED]
    for label, sub in (("all matched", both), ("same code only",
                                               both[both["comparison"] == SAME_CODE])):
        for year, g in sub.groupby("exit_year"):
            p10, p20 = g["population_2010"].astype(float), g["population_2020"].astype(float)

            def wmean(col, w, g=g):
                return float((g[col].astype(float) * w).sum() / w.sum())
            ok10 = g["minority_share_2010"].notna() & g["minority_share_2020"].notna()
            rows.append({
                "exit_year": year, "set": label, "counties": len(g),
                "population_change_pct": (p20.sum() / p10.sum() - 1) * 100,
                "minority_change_pp": float(
                    (g.loc[ok10, "minority_share_2020"].astype(float) * p20[ok10]).sum()
                    / p20[ok10].sum()
                    - (g.loc[ok10, "minority_share_2010"].astype(float) * p10[ok10]).sum()
                    / p10[ok10].sum()),
                "urban_change_pp": wmean("urban_share_2020", p20)
                - wmean("urban_share_2010", p10)})
    return pd.DataFrame(rows)
