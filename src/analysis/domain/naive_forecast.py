"""A naive benchmark for the national backtest of chapter 1: next year's fall equals this
year's (a random walk with the last step as drift), so that the fitted models' errors have a
yardstick that fits nothing.

The prediction for year *t* + 1 made at the end of *t* is persons(*t*) + (persons(*t*) -
persons(*t* - 1)). It is made for the same predicted years as the models' rolling-origin
backtest (:func:`analysis.domain.national_models.backtest`), so that the mean errors compare.

Units: persons; errors in percent of the actual.
"""
from __future__ import annotations

import pandas as pd

from analysis.domain import national_models

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: The key and the label of the benchmark, as the models' are written.
KEY, LABEL = "naive", "same fall as the year before (naive)"


def backtest() -> pd.DataFrame:
    """The naive prediction of every year the models' backtest predicts.

    Returns:
        One row per predicted year with columns model, label, origin, year, predicted,
        actual, error (predicted minus actual, persons), error_pct (percent of the actual).

    Raises:
        ValueError: a predicted year without the two year-ends before it.
    """
    pop = national_models.rural_poor().set_index("year")["persons"]
    years = sorted(national_models.backtest()["year"].unique())
    rows = []
    for year in years:
        if year - 2 not in pop.index:
            raise ValueError(f"the naive prediction of {year} needs the counts of {year - 2} "
                             f"and {year - 1}")
        last, before = float(pop.loc[year - 1]), float(pop.loc[year - 2])
        pred, actual = last + (last - before), float(pop.loc[year])
        rows.append({"model": KEY, "label": LABEL, "origin": year - 1, "year": int(year),
                     "predicted": pred, "actual": actual, "error": pred - actual,
                     "error_pct": (pred - actual) / actual * 100})
    return pd.DataFrame(rows)


def summary() -> dict[str, float]:
    """The naive benchmark's errors in the terms of the models' summary.

    Returns:
        ``forecasts``, ``mae`` (mean absolute error, persons), ``mape`` (mean absolute
        error, percent of the actual),
        ``last_year``, ``last_predicted``, ``last_error_pct``, ``worst_year``,
        ``worst_error_pct``.
    """
    b = backtest()
    worst = b.loc[b["error_pct"].abs().idxmax()]
    last = b.iloc[-1]
    return {"forecasts": len(b), "mae": float(b["error"].abs().mean()),
            "mape": float(b["error_pct"].abs().mean()),
            "last_year": int(last["year"]), "last_predicted": float(last["predicted"]),
            "last_error_pct": float(last["error_pct"]), "worst_year": int(worst["year"]),
            "worst_error_pct": float(worst["error_pct"])}


def mape_without(year: int) -> dict[str, float]:
    """Each model's (and the naive benchmark's) mean absolute percent error with ``year``
    left out, by key: how much of the ranking rests on that one year."""
    both = pd.concat([national_models.backtest(), backtest()], ignore_index=True)
    kept = both[both["year"] != year]
    return {k: float(g["error_pct"].abs().mean()) for k, g in kept.groupby("model", sort=False)}
