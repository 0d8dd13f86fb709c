"""The named values of the chapter "Beyond the article" (Liangshan among China's 832 poverty
counties): one function per section, each returning what its prose and figures show.

Computations live in :mod:`analysis.domain.national`; this module only picks and rounds.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.domain import national

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "national/*")


@lru_cache(maxsize=1)
def frame() -> pd.DataFrame:
    """:func:`analysis.domain.national.county_frame`, read once per kernel."""
    return national.county_frame()


def batches_section() -> dict[str, float]:
    """Exit batches and where Liangshan's counties fall."""
    f = frame()
    b = national.batches(f).set_index("exit_year")
    pos = national.liangshan_position(f)
    out = {f"batch_{y}": float(n) for y, n in b["counties"].items()}
    out |= {f"ls_batch_{y}": float(n) for y, n in b["liangshan"].items()}
    out |= {"total": float(len(f)), "first_year": float(b.index.min()),
            "last_year": float(b.index.max())}
    out |= {f"ls_{k}": float(v) for k, v in pos.items()}
    out["before_2019_pct"] = float((f["exit_year"] < 2019).mean() * 100)
    return out


def groups_section() -> dict[str, float]:
    """The derived "three regions and three prefectures" against the rest, and the three
    prefectures."""
    g = national.group_comparison(frame()).set_index("group")
    keys = {"Three regions and three prefectures (derived)": "sq",
            "Other poverty counties": "rest", "Liangshan (prefecture)": "ls",
            "Nujiang (prefecture)": "nj", "Linxia (prefecture)": "lx"}
    out = {}
    for name, key in keys.items():
        out[f"{key}_n"] = float(g.loc[name, "counties"])
        out[f"{key}_mean"] = float(g.loc[name, "mean_exit_year"])
        out[f"{key}_last_pct"] = float(g.loc[name, "last_batch_pct"])
    return out


def census_section() -> dict[str, float]:
    """Census change 2010 to 2020 by batch, and how much the code changes move it."""
    f = frame()
    ch = national.census_change_by_batch(f)
    counts = f["comparison"].value_counts()
    out = {"same_code": float(counts.get(national.SAME_CODE, 0)),
           "changed": float(counts.get(national.CHANGED, 0)),
           "by_hand": float(counts.get(national.BY_HAND, 0)),
           "not_matched": float(counts.get(national.NOT_MATCHED, 0))}
    for label, key in (("all matched", "all"), ("same code only", "same")):
        sub = ch[ch["set"] == label].set_index("exit_year")
        for year in sub.index:
            out[f"pop_{key}_{year}"] = float(sub.loc[year, "population_change_pct"])
            out[f"urban_{key}_{year}"] = float(sub.loc[year, "urban_change_pp"])
            out[f"minority_{key}_{year}"] = float(sub.loc[year, "minority_change_pp"])
    gaps = (ch[ch["set"] == "all matched"].set_index("exit_year")["population_change_pct"]
            - ch[ch["set"] == "same code only"].set_index("exit_year")["population_change_pct"])
    out["max_gap_pp"] = float(gaps.abs().max())
    return out


@lru_cache(maxsize=1)
def model() -> national.ExitModel:
    """The ordered model of exit year (:func:`analysis.domain.national.exit_model`)."""
    return national.exit_model(frame())


def model_section() -> dict[str, float]:
    """The ordered model's odds ratios and diagnostics."""
    m = model()
    c = m.coefficients
    out = {"n": float(m.n), "left_out": float(len(m.left_out)), "pseudo_r2": m.pseudo_r2,
           "hit_pct": m.hit_rate * 100, "modal_pct": m.modal_rate * 100,
           "lr_p": m.lr_pvalue}
    short = {"minority_share_2010": "minority", "urban_share_2010": "urban",
             "illiteracy_2010": "illiteracy", "log_population_2010": "population",
             "household_size_2010": "household"}
    for col, key in short.items():
        out[f"or_{key}"] = float(c.loc[col, "odds_ratio"])
        out[f"or_{key}_lo"] = float(np.exp(c.loc[col, "lower"]))
        out[f"or_{key}_hi"] = float(np.exp(c.loc[col, "upper"]))
    po = m.proportional_odds
    out["po_urban_min"] = float(po.loc["urban_share_2010"].min())
    out["po_urban_max"] = float(po.loc["urban_share_2010"].max())
    return out


def coefficient_table() -> pd.DataFrame:
    """The model's coefficients as a table for the book (rounded, labelled)."""
    c = model().coefficients
    return pd.DataFrame({
        "Predictor (2010, standardised)": [national.PREDICTORS[i] for i in c.index],
        "Odds ratio": c["odds_ratio"].round(2),
        "95% interval": [f"{a:.2f} to {b:.2f}" for a, b in
                         zip(np.exp(c["lower"]), np.exp(c["upper"]))],
        "p-value": c["p_value"].map(lambda p: "< 0.001" if p < 0.001 else f"{p:.3f}"),
    })


def unmatched_table() -> pd.DataFrame:
    """Every listed county that some source could not match, with the reason."""
    f = frame()
    rows = []
    for prefix, (what, _) in {"census_2010": ("2010 census", None),
                              "census_2020": ("2020 census", None),
                              "boundary": ("boundary layer", None)}.items():
        miss = f[f[f"{prefix}_method"] == "unmatched"]
        rows += [{"County": f"{r['name_zh']} ({r['list_code']})", "Source": what,
                  "Why": r[f"{prefix}_note"]} for _, r in miss.iterrows()]
    return pd.DataFrame(rows)
