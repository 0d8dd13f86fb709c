"""Chapter 5 ("Beyond the article": Liangshan among China's 832 poverty counties): the numbers
its prose shows, one function per section.

Each section function returns :class:`~analysis.chapters.values.Values` (keys start with
``ch5_``): the lookups and arithmetic happen here (tested in ``tests/chapters/test_ch5.py``
with numbers worked out by hand), so the chapter only narrates, calls and glues. The
computations on the county frame live in :mod:`analysis.domain.national`.

- :func:`batches`: the exit batches and where Liangshan's counties fall;
- :func:`groups`: the derived "three regions and three prefectures" against the rest, and the
  three prefectures;
- :func:`census_change`: how the crosswalk matched the counties and the census change by batch;
- :func:`model`: the ordered model of exit year and its diagnostics;
- :func:`map_values`: the map's polygons;
- :func:`coefficient_table`, :func:`group_table`, :func:`unmatched_table`: the tables.

The chapter uses no assumption of :mod:`analysis.domain.assumptions`: every number comes from
the data package.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.chapters.values import Values
from analysis.data import national as national_data
from analysis.domain import national

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "national/*")

#: The list codes of the two counties of the author's trip, Butuo and Jinyang.
TRIP_COUNTIES = ("513429", "513430")
#: Keys of the groups of :func:`analysis.domain.national.group_comparison`.
GROUP_KEYS = {"Three regions and three prefectures (derived)": "sq",
              "Other poverty counties": "rest", "Liangshan (prefecture)": "ls",
              "Nujiang (prefecture)": "nj", "Linxia (prefecture)": "lx"}
#: Short keys of the model's predictors.
PREDICTOR_KEYS = {"minority_share_2010": "minority", "urban_share_2010": "urban",
                  "illiteracy_2010": "illiteracy", "log_population_2010": "population",
                  "household_size_2010": "household"}


@lru_cache(maxsize=1)
def frame() -> pd.DataFrame:
    """:func:`analysis.domain.national.county_frame`, read once per kernel."""
    return national.county_frame()


def batches(f: pd.DataFrame | None = None) -> Values:
    """The exit batches (counties per year) and Liangshan's place in them."""
    f = frame() if f is None else f
    v = Values()
    b = national.batches(f).set_index("exit_year")
    pos = national.liangshan_position(f)
    by = national.batches
    v.add("ch5_total", len(f), "poverty counties on the national list", by)
    v.add("ch5_first_year", int(b.index.min()), "year of the first exit batch", by)
    v.add("ch5_last_year", int(b.index.max()), "year of the last exit batch", by)
    for year, n in b["counties"].items():
        v.add(f"ch5_batch_{year}", int(n), f"counties in the exit batch of {year}", by)
    for year, n in b["liangshan"].items():
        v.add(f"ch5_ls_batch_{year}", int(n), f"Liangshan's counties in the batch of {year}",
              by)
    lp = national.liangshan_position
    v.add("ch5_ls_counties", pos["counties"], "Liangshan's counties on the list", lp)
    v.add("ch5_ls_in_last", pos["in_last"], "Liangshan's counties in the last batch", lp)
    v.add("ch5_ls_last_batch", pos["last_batch"], "counties in the last batch (all China)", lp)
    v.add("ch5_ls_share_of_last_pct", float(pos["share_of_last_pct"]),
          "Liangshan's share of the last batch (per cent)", lp)
    v.add("ch5_ls_before_first_pct", float(pos["before_first_pct"]),
          "share of the list that had left before Liangshan's first county (per cent)", lp)
    trip = f[f["list_code"].isin(TRIP_COUNTIES)]
    v.add("ch5_trip_in_last", int((trip["exit_year"] == pos["last_year"]).sum()),
          "of Butuo and Jinyang, counties in the last batch", "analysis.chapters.ch5.batches")
    return v


def groups(f: pd.DataFrame | None = None) -> Values:
    """The derived "three regions and three prefectures" against the other listed counties,
    and Liangshan, Nujiang and Linxia one by one."""
    f = frame() if f is None else f
    g = national.group_comparison(f).set_index("group")
    v = Values()
    gc = national.group_comparison
    for name, key in GROUP_KEYS.items():
        v.add(f"ch5_{key}_n", int(g.loc[name, "counties"]), f"{name}: listed counties", gc)
        v.add(f"ch5_{key}_mean", float(g.loc[name, "mean_exit_year"]),
              f"{name}: mean exit year", gc)
        v.add(f"ch5_{key}_last_pct", float(g.loc[name, "last_batch_pct"]),
              f"{name}: share in the last batch (per cent)", gc)
    v.add("ch5_sq_last_ratio",
          float(g.loc["Three regions and three prefectures (derived)", "last_batch_pct"]
                / g.loc["Other poverty counties", "last_batch_pct"]),
          "the derived group's share in the last batch over the other counties' share (times)",
          "analysis.chapters.ch5.groups")
    v.add("ch5_n_datapoints", len(national_data.prefecture_datapoints()),
          "press figures on the three prefectures in the data package",
          "analysis.data.national.prefecture_datapoints")
    return v


def census_change(f: pd.DataFrame | None = None) -> Values:
    """How far the two censuses cover the same units, and the census change by batch, over
    every matched county and over those whose code did not change."""
    f = frame() if f is None else f
    v = Values()
    counts = f["comparison"].value_counts()
    cf = national.county_frame
    for key, label in (("same_code", national.SAME_CODE), ("changed", national.CHANGED),
                       ("by_hand", national.BY_HAND), ("not_matched", national.NOT_MATCHED)):
        v.add(f"ch5_{key}", int(counts.get(label, 0)),
              f"listed counties whose two censuses compare as: {label}", cf)
    ch = national.census_change_by_batch(f)
    cc = national.census_change_by_batch
    for label, key in (("all matched", "all"), ("same code only", "same")):
        sub = ch[ch["set"] == label].set_index("exit_year")
        for year in sub.index:
            v.add(f"ch5_pop_{key}_{year}", float(sub.loc[year, "population_change_pct"]),
                  f"population change 2010-2020 of the {year} batch, {label} (per cent)", cc)
            # the same change as a fall, positive where the batch shrank: "shrank by 6.9%"
            v.add(f"ch5_pop_fall_{key}_{year}", -float(sub.loc[year, "population_change_pct"]),
                  f"population fall 2010-2020 of the {year} batch, {label} (per cent)", cc)
            v.add(f"ch5_urban_{key}_{year}", float(sub.loc[year, "urban_change_pp"]),
                  f"urban share change of the {year} batch, {label} (points)", cc)
            v.add(f"ch5_minority_{key}_{year}", float(sub.loc[year, "minority_change_pp"]),
                  f"minority share change of the {year} batch, {label} (points)", cc)
    gaps = (ch[ch["set"] == "all matched"].set_index("exit_year")["population_change_pct"]
            - ch[ch["set"] == "same code only"].set_index("exit_year")["population_change_pct"])
    v.add("ch5_max_gap_pp", float(gaps.abs().max()),
          "largest gap between the two sets' population change in one batch (points)",
          "analysis.chapters.ch5.census_change")
    return v


@lru_cache(maxsize=1)
def fitted_model() -> national.ExitModel:
    """The ordered model of exit year (:func:`analysis.domain.national.exit_model`) on the
    chapter's frame, fitted once per kernel."""
    return national.exit_model(frame())


def model(m: national.ExitModel | None = None) -> Values:
    """The ordered model's odds ratios (with 95% intervals) and diagnostics."""
    m = fitted_model() if m is None else m
    v = Values()
    em = national.exit_model
    v.add("ch5_n", m.n, "counties in the model", em)
    v.add("ch5_left_out", len(m.left_out), "listed counties left out of the model",
          national.model_frame)
    v.add("ch5_pseudo_r2", float(m.pseudo_r2), "McFadden's pseudo R-squared", em)
    v.add("ch5_lr_p", float(m.lr_pvalue), "p-value of the likelihood-ratio test", em)
    v.add("ch5_hit_pct", float(m.hit_rate * 100),
          "counties whose most probable year is their exit year (per cent)", em)
    v.add("ch5_modal_pct", float(m.modal_rate * 100),
          "counties in the commonest exit year (per cent), the baseline", em)
    c = m.coefficients
    for col, key in PREDICTOR_KEYS.items():
        what = national.PREDICTORS[col]
        v.add(f"ch5_or_{key}", float(c.loc[col, "odds_ratio"]),
              f"odds ratio of a later exit per standard deviation of: {what}", em)
        v.add(f"ch5_or_{key}_lo", float(np.exp(c.loc[col, "lower"])),
              f"lower end of its 95% interval ({what})", em)
        v.add(f"ch5_or_{key}_hi", float(np.exp(c.loc[col, "upper"])),
              f"upper end of its 95% interval ({what})", em)
    po = m.proportional_odds.loc["urban_share_2010"]
    v.add("ch5_po_urban_min", float(po.min()),
          "smallest urban coefficient among the separate logits of 'year k or later'", em)
    v.add("ch5_po_urban_max", float(po.max()),
          "largest urban coefficient among the separate logits of 'year k or later'", em)
    return v


def map_values() -> Values:
    """The map's polygons and the listed counties it cannot draw."""
    v = Values()
    v.add("ch5_n_polygons", len(national_data.county_boundaries()),
          "county-level polygons of the national boundary layer",
          "analysis.data.national.county_boundaries")
    v.add("ch5_not_on_map", int((frame()["boundary_method"] == "unmatched").sum()),
          "listed counties the boundary layer could not match", national.county_frame)
    return v


def group_table(f: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`analysis.domain.national.group_comparison`, rounded and labelled for the book."""
    g = national.group_comparison(frame() if f is None else f)
    return pd.DataFrame({"Group": g["group"], "Poverty counties": g["counties"],
                         "Mean exit year": g["mean_exit_year"].round(2),
                         "In the last batch (%)": g["last_batch_pct"].round(0).astype(int)})


def coefficient_table(m: national.ExitModel | None = None) -> pd.DataFrame:
    """The model's coefficients as a table for the book (rounded, labelled)."""
    c = (fitted_model() if m is None else m).coefficients
    return pd.DataFrame({
        "Predictor (2010, standardised)": [national.PREDICTORS[i] for i in c.index],
        "Odds ratio": c["odds_ratio"].round(2),
        "95% interval": [f"{a:.2f} to {b:.2f}" for a, b in
                         zip(np.exp(c["lower"]), np.exp(c["upper"]))],
        "p-value": c["p_value"].map(lambda p: "< 0.001" if p < 0.001 else f"{p:.3f}"),
    })


def unmatched_table(f: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every listed county that some source could not match, with the reason."""
    f = frame() if f is None else f
    rows = []
    for prefix, what in (("census_2010", "2010 census"), ("census_2020", "2020 census"),
                         ("boundary", "boundary layer")):
        miss = f[f[f"{prefix}_method"] == "unmatched"]
        rows += [{"County": f"{r['name_zh']} {r['name_pinyin']} ({r['list_code']})",
                  "Source": what, "Why": r[f"{prefix}_note"]} for _, r in miss.iterrows()]
    return pd.DataFrame(rows)
