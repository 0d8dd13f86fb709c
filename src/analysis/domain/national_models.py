"""China's rural poor, 2012-2019 (NBS sample survey): what eight yearly points can support.

Eight year-end counts are too few for a trend model's confidence interval to mean much, so
this module gives no interval. It gives:

* :func:`yearly_changes`, the year-on-year changes themselves, absolute and relative;
* :func:`fits`, three models fitted by ordinary least squares (statsmodels) side by side, each
  with its residuals: a constant proportional fall (``LOG_LINEAR``), a constant fall in
  persons (``LINEAR``) and a proportional fall whose pace may change (``LOG_QUADRATIC``);
* :func:`diagnostics`, for each model the Durbin-Watson statistic, a runs test of the
  residuals' signs and a Ljung-Box test, with what eight points can show: the Durbin-Watson
  p-value is simulated for this very design (white-noise errors through the same fit), and
  the runs test is also given exactly (by counting every arrangement of the signs);
* :func:`backtest`, a rolling-origin backtest: fit on the years up to *t*, predict *t* + 1,
  for every *t* at which all three models can be fitted; and :func:`backtest_summary`.

Years are placed on the time axis as in :mod:`analysis.domain.trends` (a count at the end of
year YYYY sits at YYYY). Residuals are on each model's own scale (log persons for the log
models, persons for the linear one); errors of prediction are in persons.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.domain import trends

#: Data files read here (globs in data/), through analysis.domain.trends.
DATA_FILES = ("datapackage.json", "context/*")

#: The first and last survey years modelled (the year-ends before the 2020 declaration of
#: zero).
START, END = 2012, 2019
#: Simulated samples behind each Durbin-Watson p-value, and the seed that makes them repeat
DW_SIMULATIONS, SEED = 20_000, 20191231


@dataclass(frozen=True)
class Model:
    """A trend model: a polynomial in the year, fitted to the counts or to their logs.

    Attributes:
        key: identifier used in frames.
        label: what the model assumes, in the book's words.
        log: fitted to log(persons) when true, to persons when false.
        degree: degree of the polynomial in the year (1 a straight line, 2 a parabola).
    """

    key: str
    label: str
    log: bool
    degree: int

    @property
    def parameters(self) -> int:
        """Number of fitted coefficients."""
        return self.degree + 1

    def design(self, years, origin: int) -> np.ndarray:
        """The design matrix: 1, (year - origin), (year - origin)**2 ... up to the degree."""
        t = np.asarray(years, dtype=float) - origin
        return np.column_stack([t ** k for k in range(self.degree + 1)])

    def fit(self, years, persons, origin: int):
        """OLS fit (statsmodels results) of this model to ``persons`` in ``years``."""
        import statsmodels.api as sm

        y = np.log(np.asarray(persons, dtype=float)) if self.log else \
            np.asarray(persons, dtype=float)
        return sm.OLS(y, self.design(years, origin)).fit()

    def predict(self, result, years, origin: int) -> np.ndarray:
        """Predicted persons in ``years`` from a fitted ``result``."""
        pred = result.predict(self.design(years, origin))
        return np.exp(pred) if self.log else pred


LOG_LINEAR = Model("log_linear", "constant proportional fall (log-linear)", True, 1)
LINEAR = Model("linear", "constant fall in persons (linear)", False, 1)
LOG_QUADRATIC = Model("log_quadratic", "changing proportional fall (quadratic in log)", True, 2)
#: The models compared, in the order the book shows them.
MODELS = (LOG_LINEAR, LINEAR, LOG_QUADRATIC)


def rural_poor(start: int = START, end: int = END) -> pd.DataFrame:
    """The NBS survey's rural poor at the end of each year (persons), with the derived flag.

    Raises:
        ValueError: a year is missing or a count is not positive (a log model cannot take it).
    """
    nat = trends.national_series(start, end)
    pop = nat[nat["indicator"] == "rural_poor_population"].sort_values("year")
    years = list(range(start, end + 1))
    if pop["year"].tolist() != years:
        raise ValueError(f"poverty_national.csv: expected one primary rural_poor_population row "
                         f"for each year {start}-{end}, got {pop['year'].tolist()}")
    if (pop["value"] <= 0).any():
        raise ValueError("poverty_national.csv: a log model needs positive counts")
    return pop[["year", "value", "derived", "source_id"]].rename(
        columns={"value": "persons"}).reset_index(drop=True)


def yearly_changes(start: int = START, end: int = END) -> pd.DataFrame:
    """Year-on-year change of the rural poor and of the poverty incidence.

    Returns:
        One row per year with columns year, persons, change (persons, negative for a fall;
        NaN for the first year), change_pct (percent of the year before), incidence (percent
        of the rural population), change_pp (points), derived (the count is derived in the
        context table from the year before and the published fall).
    """
    pop = rural_poor(start, end)
    nat = trends.national_series(start, end)
    inc = nat[nat["indicator"] == "poverty_incidence"].set_index("year")["value"]
    out = pop[["year", "persons", "derived"]].copy()
    out["change"] = out["persons"].diff()
    out["change_pct"] = out["persons"].pct_change() * 100.0
    out["incidence"] = out["year"].map(inc).astype(float)
    out["change_pp"] = out["incidence"].diff()
    return out[["year", "persons", "change", "change_pct", "incidence", "change_pp",
                "derived"]]


def fits(start: int = START, end: int = END) -> pd.DataFrame:
    """Each model fitted to all the years, with fitted values and residuals.

    Returns:
        One row per model and year, with columns model, label, year, persons, fitted
        (persons), residual (on the model's scale, log persons or persons), scale (``log`` or
        ``persons``).
    """
    pop = rural_poor(start, end)
    rows = []
    for m in MODELS:
        res = m.fit(pop["year"], pop["persons"], start)
        fitted = m.predict(res, pop["year"], start)
        for year, persons, f, r in zip(pop["year"], pop["persons"], fitted, res.resid):
            rows.append({"model": m.key, "label": m.label, "year": int(year),
                         "persons": float(persons), "fitted": float(f), "residual": float(r),
                         "scale": "log" if m.log else "persons"})
    return pd.DataFrame(rows)


def sign_runs(residuals) -> int:
    """Number of runs of equal sign in a sequence (zeros count as positive)."""
    signs = [r >= 0 for r in residuals]
    return 1 + sum(a != b for a, b in zip(signs, signs[1:]))


def runs_exact_p(residuals) -> float:
    """Exact probability, if every order of the signs were equally likely, of as few runs as
    observed or fewer (a one-sided test for runs that are too long, as a trend left in the
    residuals makes them).

    Counts every arrangement of the observed numbers of positive and negative signs. With
    five positive and three negative signs, 8 of the 56 arrangements have three runs or
    fewer: p = 8/56.
    """
    n = len(residuals)
    n_pos = sum(r >= 0 for r in residuals)
    observed = sign_runs(residuals)
    hits = total = 0
    for pos in itertools.combinations(range(n), n_pos):
        chosen = set(pos)
        total += 1
        hits += sign_runs([1 if i in chosen else -1 for i in range(n)]) <= observed
    return hits / total


def dw_simulated_p(design: np.ndarray, observed: float, n: int = DW_SIMULATIONS,
                   seed: int = SEED) -> float:
    """Share of white-noise samples, fitted with the same design, whose Durbin-Watson
    statistic is at most ``observed`` (a one-sided test for positive autocorrelation).

    The residuals of an OLS fit are M e, with M = I - X (X'X)^-1 X'; drawing e from a normal
    distribution gives the exact null distribution of the statistic for this design, which
    the tables of bounds only bracket.
    """
    x = np.asarray(design, dtype=float)
    hat = x @ np.linalg.pinv(x)
    resid = (np.eye(len(x)) - hat) @ np.random.default_rng(seed).standard_normal((len(x), n))
    dw = (np.diff(resid, axis=0) ** 2).sum(axis=0) / (resid ** 2).sum(axis=0)
    return float((dw <= observed).mean())


def diagnostics(start: int = START, end: int = END) -> pd.DataFrame:
    """The diagnostics of each model's residuals (statsmodels where it has them).

    Returns:
        One row per model, with columns model, label, n (points), parameters, r_squared,
        durbin_watson, dw_p (simulated, one-sided, for positive autocorrelation), runs
        (number of sign runs), runs_exact_p (one-sided, :func:`runs_exact_p`), runs_z and
        runs_p (statsmodels' normal approximation, two-sided), ljung_box and ljung_box_p (lag
        1), largest_residual (absolute, on the model's scale), residual_scale.
    """
    from statsmodels.sandbox.stats.runs import runstest_1samp
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.stats.stattools import durbin_watson

    pop = rural_poor(start, end)
    rows = []
    for m in MODELS:
        res = m.fit(pop["year"], pop["persons"], start)
        resid = np.asarray(res.resid)
        dw = float(durbin_watson(resid))
        z, p = runstest_1samp(resid, cutoff=0, correction=True)
        lb = acorr_ljungbox(resid, lags=[1])
        rows.append({
            "model": m.key, "label": m.label, "n": len(resid), "parameters": m.parameters,
            "r_squared": float(res.rsquared), "durbin_watson": dw,
            "dw_p": dw_simulated_p(m.design(pop["year"], start), dw),
            "runs": sign_runs(resid), "runs_exact_p": runs_exact_p(resid),
            "runs_z": float(z), "runs_p": float(p),
            "ljung_box": float(lb["lb_stat"].iloc[0]),
            "ljung_box_p": float(lb["lb_pvalue"].iloc[0]),
            "largest_residual": float(np.abs(resid).max()),
            "residual_scale": "log" if m.log else "persons"})
    return pd.DataFrame(rows)


def backtest(start: int = START, end: int = END) -> pd.DataFrame:
    """Rolling-origin backtest: for each origin *t*, fit every model on ``start``..*t* and
    predict *t* + 1.

    The first origin is the first year at which every model can be fitted (as many points as
    the largest model has coefficients: three, so the first fit is 2012-2014 and the first
    prediction 2015); the last predicts ``end``.

    Returns:
        One row per model and predicted year, with columns model, label, origin (last year
        fitted),
        year (predicted), n_fitted, predicted, actual, error (predicted minus actual,
        persons), error_pct (percent of the actual).
    """
    pop = rural_poor(start, end).set_index("year")["persons"]
    first = start + max(m.parameters for m in MODELS) - 1
    rows = []
    for origin in range(first, end):
        train = pop.loc[start:origin]
        target = origin + 1
        for m in MODELS:
            res = m.fit(train.index, train.to_numpy(), start)
            pred = float(m.predict(res, [target], start)[0])
            actual = float(pop.loc[target])
            rows.append({"model": m.key, "label": m.label, "origin": origin, "year": target,
                         "n_fitted": len(train), "predicted": pred, "actual": actual,
                         "error": pred - actual, "error_pct": (pred - actual) / actual * 100})
    return pd.DataFrame(rows)


def backtest_summary(start: int = START, end: int = END) -> pd.DataFrame:
    """Each model's out-of-sample errors in one row.

    Returns:
        Columns model, label, forecasts, mae (mean absolute error, persons), rmse (persons),
        mape (mean absolute error in percent of the actual), worst_year, worst_error_pct,
        last_year, last_predicted, last_actual, last_error, last_error_pct (the prediction of
        ``end`` from every earlier year), in the order of :data:`MODELS`.
    """
    bt = backtest(start, end)
    rows = []
    for m in MODELS:
        b = bt[bt["model"] == m.key]
        worst = b.loc[b["error_pct"].abs().idxmax()]
        last = b[b["year"] == end].iloc[0]
        rows.append({"model": m.key, "label": m.label, "forecasts": len(b),
                     "mae": float(b["error"].abs().mean()),
                     "rmse": float(math.sqrt((b["error"] ** 2).mean())),
                     "mape": float(b["error_pct"].abs().mean()),
                     "worst_year": int(worst["year"]),
                     "worst_error_pct": float(worst["error_pct"]),
                     "last_year": end, "last_predicted": float(last["predicted"]),
                     "last_actual": float(last["actual"]), "last_error": float(last["error"]),
                     "last_error_pct": float(last["error_pct"])})
    return pd.DataFrame(rows)


def model(key: str) -> Model:
    """The model with ``key``.

    Raises:
        KeyError: no such model (the message lists the keys).
    """
    for m in MODELS:
        if m.key == key:
            return m
    raise KeyError(f"no model {key!r}; the models are {[m.key for m in MODELS]}")
