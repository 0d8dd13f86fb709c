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
- :func:`model`: the ordered model of exit year, its province-clustered and within-province
  odds ratios and its diagnostics (the separate logits of each step and their test);
- :func:`liangshan_expected`: Liangshan's counties per batch, observed against the model's
  expectation;
- :func:`map_values`: the map's polygons;
- :func:`coefficient_table`, :func:`step_table`, :func:`expected_table`,
  :func:`group_table`, :func:`unmatched_table`: the tables.

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
from analysis.formatting import p_value

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "national/*")

#: The list codes of the two counties of the author's trip, Butuo and Jinyang.
TRIP_COUNTIES = ("513429", "513430")
#: How many of the two trip counties left in the last batch, in words for the prose.
TRIP_WORDS = {0: "neither", 1: "one", 2: "both"}
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
    in_last = int((trip["exit_year"] == pos["last_year"]).sum())
    v.add("ch5_trip_in_last", in_last,
          "of Butuo and Jinyang, counties in the last batch", "analysis.chapters.ch5.batches")
    v.add("ch5_trip_in_last_words", TRIP_WORDS[in_last],
          "of Butuo and Jinyang, those in the last batch, in words",
          "analysis.chapters.ch5.batches")
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
    """The ordered model of exit year (:func:`analysis.domain.exit_model.exit_model`) on the
    chapter's frame, fitted once per kernel."""
    return national.exit_model(frame())


def model(m: national.ExitModel | None = None) -> Values:
    """The ordered model's odds ratios with province-clustered 95% intervals, the same within
    provinces, the separate logits of each step with their Brant-type test, and the fit's
    diagnostics."""
    m = fitted_model() if m is None else m
    v = Values()
    em = national.exit_model
    v.add("ch5_n", m.n, "counties in the model", em)
    v.add("ch5_n_provinces", m.n_provinces, "provinces among them (the clusters)", em)
    v.add("ch5_left_out", len(m.left_out), "listed counties left out of the model",
          national.model_frame)
    v.add("ch5_within_left_out", len(m.within_left_out),
          "provinces left out of the within-province fit (all their counties left in one "
          "year)", em)
    v.add("ch5_pseudo_r2", float(m.pseudo_r2), "McFadden's pseudo R-squared", em)
    v.add("ch5_lr_p", p_value(m.lr_pvalue), "p-value of the likelihood-ratio test", em)
    v.add("ch5_hit_pct", float(m.hit_rate * 100),
          "counties whose most probable year is their exit year (per cent)", em)
    v.add("ch5_modal_pct", float(m.modal_rate * 100),
          "counties in the commonest exit year (per cent), the baseline", em)
    keys = {col: PREDICTOR_KEYS[col] for col in m.coefficients.index}
    for frame_, tag, how in ((m.coefficients, "", "province-clustered"),
                             (m.within, "_fe", "within provinces (fixed effects), clustered"),
                             (m.naive, "_naive", "counties assumed independent")):
        for col, key in keys.items():
            what = f"{national.PREDICTORS[col]}; {how}"
            c = frame_.loc[col]
            v.add(f"ch5_or{tag}_{key}", float(c["odds_ratio"]),
                  f"odds ratio of a later exit per standard deviation of: {what}", em)
            v.add(f"ch5_or{tag}_{key}_lo", float(np.exp(c["lower"])),
                  f"lower end of its 95% interval ({what})", em)
            v.add(f"ch5_or{tag}_{key}_hi", float(np.exp(c["upper"])),
                  f"upper end of its 95% interval ({what})", em)
            v.add(f"ch5_p{tag}_{key}", p_value(c["p_value"]), f"its p-value ({what})", em)
    steps = m.proportional_odds
    last = steps.columns[-1]
    for col, key in keys.items():
        ors = np.exp(steps.loc[col])
        what = national.PREDICTORS[col]
        v.add(f"ch5_step_{key}_min", float(ors.min()),
              f"smallest odds ratio among the separate logits of 'year k or later': {what}", em)
        v.add(f"ch5_step_{key}_max", float(ors.max()),
              f"largest odds ratio among the separate logits of 'year k or later': {what}", em)
        v.add(f"ch5_step_{key}_last", float(ors[last]),
              f"odds ratio in the logit of '{last}' (the last batch): {what}", em)
        v.add(f"ch5_brant_p_{key}", p_value(m.brant.loc[col, "p_value"]),
              f"p-value of the Brant-type test of equal steps: {what}", national.brant_test)
    v.add("ch5_brant_chi2", float(m.brant.loc[national.ALL_PREDICTORS, "chi2"]),
          "Brant-type statistic, all predictors at once (chi-squared)", national.brant_test)
    v.add("ch5_brant_df", int(m.brant.loc[national.ALL_PREDICTORS, "df"]),
          "its degrees of freedom", national.brant_test)
    v.add("ch5_brant_p", p_value(m.brant.loc[national.ALL_PREDICTORS, "p_value"]),
          "its p-value", national.brant_test)
    return v


def liangshan_expected(m: national.ExitModel | None = None,
                       f: pd.DataFrame | None = None) -> Values:
    """Liangshan's counties in each batch: observed, and expected by the ordered model (the sum
    of their predicted probabilities); the same for the last batch of the derived group."""
    m = fitted_model() if m is None else m
    f = (frame() if f is None else f).set_index("list_code")
    v = Values()
    eb = national.expected_by_batch
    ls = national.expected_by_batch(m.probabilities, f["exit_year"], f["liangshan"])
    for year, row in ls.iterrows():
        v.add(f"ch5_ls_expected_{year}", float(row["expected"]),
              f"Liangshan's counties the model expects in the batch of {year}", eb)
    last = int(ls.index.max())
    v.add("ch5_ls_observed_last", int(ls.loc[last, "observed"]),
          "Liangshan's counties in the model that left in the last batch", eb)
    v.add("ch5_ls_n_model", int(ls["observed"].sum()), "Liangshan's counties in the model", eb)
    v.add("ch5_ls_expected_last_ratio", float(ls.loc[last, "observed"] / ls.loc[last,
                                                                                 "expected"]),
          "Liangshan's observed counties in the last batch over the expected (times)",
          "analysis.chapters.ch5.liangshan_expected")
    v.add("ch5_ls_expected_late_pct", float(ls.loc[last - 1:, "expected"].sum()
                                            / ls["expected"].sum() * 100),
          "Liangshan: expected share of its counties in the last two batches (per cent)",
          "analysis.chapters.ch5.liangshan_expected")
    members = f["liangshan"].reindex(m.last_step.index).astype(bool)
    v.add("ch5_ls_expected_last_logit", float(m.last_step[members.to_numpy()].sum()),
          "Liangshan's counties expected in the last batch by the separate logit of that step",
          national.exit_model)
    members = f["sanqu_sanzhou_derived"].reindex(m.last_step.index).astype(bool)
    v.add("ch5_sq_expected_last_logit", float(m.last_step[members.to_numpy()].sum()),
          "counties of the derived group expected in the last batch by the separate logit of "
          "that step", national.exit_model)
    sq = national.expected_by_batch(m.probabilities, f["exit_year"], f["sanqu_sanzhou_derived"])
    v.add("ch5_sq_observed_last", int(sq.loc[last, "observed"]),
          "counties of the derived group in the model that left in the last batch", eb)
    v.add("ch5_sq_expected_last", float(sq.loc[last, "expected"]),
          "counties of the derived group the model expects in the last batch", eb)
    return v


def expected_table(m: national.ExitModel | None = None,
                   f: pd.DataFrame | None = None) -> pd.DataFrame:
    """Observed and expected counties per batch, for Liangshan and for the derived group."""
    m = fitted_model() if m is None else m
    f = (frame() if f is None else f).set_index("list_code")
    out = {}
    for name, col in (("Liangshan", "liangshan"), ("Derived group", "sanqu_sanzhou_derived")):
        e = national.expected_by_batch(m.probabilities, f["exit_year"], f[col])
        out[f"{name}, observed"] = e["observed"].astype(int)
        out[f"{name}, expected"] = e["expected"].round(1)
    t = pd.DataFrame(out).rename_axis("Exit batch").reset_index()
    return t.astype({"Exit batch": str})


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


def _interval(c: pd.DataFrame) -> list[str]:
    return [f"{a:.2f} to {b:.2f}" for a, b in zip(np.exp(c["lower"]), np.exp(c["upper"]))]


def coefficient_table(m: national.ExitModel | None = None) -> pd.DataFrame:
    """The model's odds ratios for the book: across the list and within provinces, each with
    its province-clustered 95% interval and p-value (rounded, labelled)."""
    m = fitted_model() if m is None else m
    c, w = m.coefficients, m.within
    return pd.DataFrame({
        "Predictor (2010, standardised)": [national.PREDICTORS[i] for i in c.index],
        "Odds ratio": c["odds_ratio"].round(2),
        "95% interval (clustered)": _interval(c),
        "p-value": c["p_value"].map(p_value),
        "Within provinces": w["odds_ratio"].round(2),
        "95% interval (within)": _interval(w),
        "p-value (within)": w["p_value"].map(p_value),
    })


def step_table(m: national.ExitModel | None = None) -> pd.DataFrame:
    """The proportional-odds check for the book: the pooled odds ratio beside the odds ratio
    of each separate logit of "year k or later", and the Brant-type test's p-value."""
    m = fitted_model() if m is None else m
    c = m.coefficients
    out = pd.DataFrame({"Predictor (2010, standardised)": [national.PREDICTORS[i]
                                                            for i in c.index],
                        "Ordered logit (one for all steps)": c["odds_ratio"].round(2)})
    for step in m.proportional_odds.columns:
        out[f"Left {step}"] = np.exp(m.proportional_odds[step]).round(2)
    out["Equal steps: p-value"] = m.brant.loc[c.index, "p_value"].map(p_value)
    return out


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
