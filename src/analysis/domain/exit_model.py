"""The ordered model of exit year among China's poverty counties (chapter 5), with the checks
its reading needs.

The exit year is an ordered outcome (2016 to 2020); :func:`exit_model` fits an ordered logit
(statsmodels ``OrderedModel``) of it on standardised 2010 census characteristics, and beside it:

- **province-clustered intervals**: provinces set the pace of exits, so counties of one province
  are not independent draws. Every interval shown is a Wald interval from the cluster-robust
  (sandwich) covariance with the province (first two digits of the list code) as the cluster,
  statsmodels' ``cov_type="cluster"`` with its small-sample correction;
- **a within-province fit**: the same model with one dummy per province (province fixed
  effects), so that each coefficient compares counties of the same province only (its
  intervals clustered by province too);
- **the proportional-odds check**: separate binary logits of "left in year k or later", one for
  each step, whose coefficients should agree if one coefficient per characteristic is right,
  and a Brant-type Wald test of their equality (:func:`brant_test`);
- the model's **predicted probabilities** per county, to set a group's expected counts per
  batch against its observed ones (:func:`expected_by_batch`).

It describes association among counties, not what caused the order of exits.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: The 2010 characteristics in the ordered model, column -> label.
PREDICTORS = {"minority_share_2010": "Minority share, 2010 (%)",
              "urban_share_2010": "Urban share, 2010 (%)",
              "illiteracy_2010": "Illiteracy, aged 15+, 2010 (%)",
              "log_population_2010": "Population, 2010 (log)",
              "household_size_2010": "Family household size, 2010"}
#: The label of the joint row of :func:`brant_test` (all predictors at once).
ALL_PREDICTORS = "all predictors"


@dataclass(frozen=True)
class ExitModel:
    """An ordered logit of exit year on standardised 2010 characteristics.

    Attributes:
        coefficients: per predictor (index): coef, lower, upper (95% interval), p_value,
            odds_ratio; per standard deviation of the predictor, positive = later exit. The
            interval and p-value are province-clustered.
        naive: the same with the default covariance (counties assumed independent).
        within: the same from the model with province fixed effects (clustered by province).
        within_left_out: provinces left out of the within-province fit because all their
            counties left in one year (they hold no comparison within the province; a dummy
            of theirs would run off to infinity), with their number of counties.
        n: counties in the fit.
        n_provinces: provinces (clusters) among them.
        left_out: list codes of the counties left out (no 2010 census match, or a missing
            value), each with the reason.
        pseudo_r2: McFadden's pseudo R-squared (1 - llf / llnull).
        lr_pvalue: p-value of the likelihood-ratio test against the thresholds-only model.
        hit_rate: share of counties whose most probable exit year is their exit year.
        modal_rate: the same for always guessing the commonest year (the baseline).
        proportional_odds: the coefficient of each predictor in separate logits of "left in
            year k or later", one column per k: roughly equal columns support the model's
            assumption of one coefficient for every threshold.
        brant: :func:`brant_test` of those separate logits (chi2, df, p_value per predictor
            and for all at once).
        last_step: each county's probability of the last batch from the separate logit of
            that step alone (its own coefficients, free of the proportional-odds assumption).
        probabilities: the fitted model's probability of each exit year (columns) for each
            county of the fit, with its ``list_code`` as the index.
    """

    coefficients: pd.DataFrame
    naive: pd.DataFrame
    within: pd.DataFrame
    within_left_out: pd.Series
    n: int
    n_provinces: int
    left_out: pd.DataFrame
    pseudo_r2: float
    lr_pvalue: float
    hit_rate: float
    modal_rate: float
    proportional_odds: pd.DataFrame
    brant: pd.DataFrame
    last_step: pd.Series
    probabilities: pd.DataFrame


def model_frame(frame: pd.DataFrame, predictors=tuple(PREDICTORS)
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows usable by the model, rows left out with the reason), without dropping silently."""
    reason = pd.Series("", index=frame.index, dtype=object)
    reason[frame["census_2010_method"] == "unmatched"] = "not in the 2010 census tabulation"
    for p in predictors:
        reason[(reason == "") & frame[p].isna()] = f"no value for {p}"
    keep = reason == ""
    left = pd.DataFrame({"list_code": frame.loc[~keep, "list_code"],
                         "reason": reason[~keep]}).reset_index(drop=True)
    return frame[keep].reset_index(drop=True), left


def province_codes(frame: pd.DataFrame) -> pd.Series:
    """The province of each county: the first two digits of its list code."""
    return frame["list_code"].astype(str).str[:2]


def _table(res, k: int) -> pd.DataFrame:
    ci = res.conf_int().iloc[:k]
    out = pd.DataFrame({"coef": res.params.iloc[:k], "lower": ci[0], "upper": ci[1],
                        "p_value": res.pvalues.iloc[:k]})
    out["odds_ratio"] = np.exp(out["coef"])
    return out


def exit_model(frame: pd.DataFrame, predictors=tuple(PREDICTORS)) -> ExitModel:
    """Fit the ordered logit (statsmodels ``OrderedModel``) of exit year on the standardised
    ``predictors``, its province-clustered and within-province versions, and its diagnostics
    (:class:`ExitModel`)."""
    # the modules themselves, not statsmodels.api, which imports all of statsmodels (seconds)
    from scipy import stats
    from statsmodels.discrete.discrete_model import Logit
    from statsmodels.miscmodels.ordinal_model import OrderedModel
    from statsmodels.tools.tools import add_constant

    data, left = model_frame(frame, predictors)
    x = data[list(predictors)].astype(float)
    z = (x - x.mean()) / x.std(ddof=0)
    years = sorted(data["exit_year"].astype(int).unique())
    y = pd.Series(pd.Categorical(data["exit_year"].astype(int), categories=years, ordered=True))
    province = province_codes(data)
    cluster = {"cov_type": "cluster", "cov_kwds": {"groups": pd.factorize(province)[0]}}
    fit = {"method": "bfgs", "disp": False, "maxiter": 2000}
    naive = OrderedModel(y, z, distr="logit").fit(**fit)
    res = OrderedModel(y, z, distr="logit").fit(**fit, **cluster)
    within, single = _within_fit(y, z, province, fit)
    k = len(predictors)
    null_llf = _null_llf(y)
    lr = 2 * (res.llf - null_llf)
    probs = np.asarray(res.predict())
    predicted = probs.argmax(axis=1)
    observed = y.cat.codes.to_numpy()
    po = {}
    for j, year in enumerate(years[1:], start=1):
        later = (observed >= j).astype(float)
        step = Logit(later, add_constant(z)).fit(disp=False)
        po[f"{year} or later"] = step.params.iloc[1:]
    # the last step's logit, with its own coefficients: each county's chance of the last batch
    last_step = pd.Series(np.asarray(step.predict(add_constant(z))), name="last_batch",
                          index=pd.Index(data["list_code"], name="list_code"))
    return ExitModel(coefficients=_table(res, k), naive=_table(naive, k),
                     within=_table(within, k), within_left_out=single, n=len(data),
                     n_provinces=province.nunique(),
                     left_out=left, pseudo_r2=float(1 - res.llf / null_llf),
                     lr_pvalue=float(stats.chi2.sf(lr, k)),
                     hit_rate=float((predicted == observed).mean()),
                     modal_rate=float(np.bincount(observed).max() / len(observed)),
                     proportional_odds=pd.DataFrame(po), brant=brant_test(observed, z),
                     last_step=last_step,
                     probabilities=pd.DataFrame(probs, columns=years,
                                                index=pd.Index(data["list_code"],
                                                               name="list_code")))


def _within_fit(y: pd.Series, z: pd.DataFrame, province: pd.Series, fit: dict):
    """The ordered logit with one dummy per province (the first as the base), clustered by
    province, over the provinces whose counties left in more than one year; and the
    provinces left out (their county counts)."""
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    spread = y.cat.codes.groupby(province.to_numpy()).nunique()
    single = province.value_counts()[spread[spread == 1].index].rename("counties")
    keep = ~province.isin(single.index).to_numpy()
    prov = province[keep].reset_index(drop=True)
    yk = y[keep].reset_index(drop=True)
    yk = yk.cat.remove_unused_categories()
    x = pd.concat([z[keep].reset_index(drop=True),
                   pd.get_dummies(prov, prefix="province", drop_first=True, dtype=float)],
                  axis=1)
    res = OrderedModel(yk, x, distr="logit").fit(
        **fit, cov_type="cluster", cov_kwds={"groups": pd.factorize(prov)[0]})
    return res, single


def brant_test(codes: np.ndarray, z: pd.DataFrame) -> pd.DataFrame:
    """A Brant-type Wald test that the separate logits of "code j or more" (j = 1 .. J-1) share
    each predictor's coefficient, per predictor and for all at once.

    The separate logits' coefficients are correlated (a county that left in 2020 counts as
    "later" at every step), so their joint covariance is the one Brant (1990) gives: for steps
    j <= l, V_j X' diag(pi_l (1 - pi_j)) X V_l, with pi the fitted probabilities of each logit
    and V_j its usual covariance. The statistic is the Wald statistic of the J-2 differences
    from the first step's coefficient.

    Args:
        codes: the ordered outcome as integers 0 .. J-1, one per row.
        z: the predictors (no constant).

    Returns:
        One row per predictor and one for :data:`ALL_PREDICTORS`, with the columns chi2, df
        and p_value.

    Raises:
        ValueError: fewer than three outcome values (nothing to compare).
    """
    from scipy import stats
    from statsmodels.discrete.discrete_model import Logit

    codes = np.asarray(codes)
    steps = int(codes.max())
    if steps < 2:
        raise ValueError("a Brant test needs at least three ordered outcome values, got "
                         f"{steps + 1}")
    x = np.column_stack([np.ones(len(z)), z.to_numpy(dtype=float)])
    p = x.shape[1]
    betas, pis, covs = [], [], []
    for j in range(1, steps + 1):
        res = Logit((codes >= j).astype(float), x).fit(disp=False)
        pi = res.predict(x)
        betas.append(res.params)
        pis.append(pi)
        covs.append(np.linalg.inv(x.T @ (x * (pi * (1 - pi))[:, None])))
    big = np.zeros((steps * p, steps * p))
    for a in range(steps):
        for b in range(a, steps):
            block = covs[a] @ (x.T @ (x * (pis[b] * (1 - pis[a]))[:, None])) @ covs[b]
            big[a * p:(a + 1) * p, b * p:(b + 1) * p] = block
            big[b * p:(b + 1) * p, a * p:(a + 1) * p] = block.T
    beta = np.concatenate(betas)
    rows = {}
    for label, cols in [(c, [i + 1]) for i, c in enumerate(z.columns)] + [
            (ALL_PREDICTORS, list(range(1, p)))]:
        # differences of step 1's coefficient from each later step's, for the chosen columns
        d = np.zeros(((steps - 1) * len(cols), steps * p))
        r = 0
        for s in range(1, steps):
            for c in cols:
                d[r, c], d[r, s * p + c] = 1.0, -1.0
                r += 1
        diff = d @ beta
        chi2 = float(diff @ np.linalg.solve(d @ big @ d.T, diff))
        df = d.shape[0]
        rows[label] = {"chi2": chi2, "df": df, "p_value": float(stats.chi2.sf(chi2, df))}
    return pd.DataFrame(rows).T.astype({"chi2": float, "df": int, "p_value": float})


def expected_by_batch(probabilities: pd.DataFrame, observed: pd.Series,
                      members: pd.Series) -> pd.DataFrame:
    """A group's counties per exit year: observed, and expected by the model (the sum of its
    members' predicted probabilities of each year).

    Args:
        probabilities: :attr:`ExitModel.probabilities` (list codes x years).
        observed: each county's exit year, indexed by list code.
        members: True for the group's counties, indexed by list code.

    Returns:
        One row per year with the columns observed and expected. Counties of the group
        outside the fit are left out of both, so the two columns sum to the same number.
    """
    inside = members.reindex(probabilities.index, fill_value=False).astype(bool)
    probs = probabilities[inside.to_numpy()]
    years = observed.reindex(probs.index).astype(int)
    return pd.DataFrame({"observed": years.value_counts().reindex(probabilities.columns,
                                                                   fill_value=0),
                         "expected": probs.sum(axis=0)}).rename_axis("exit_year")


def _null_llf(y: pd.Series) -> float:
    """Log-likelihood of the thresholds-only model: each year at its observed share."""
    counts = y.value_counts().to_numpy(dtype=float)
    counts = counts[counts > 0]
    return float((counts * np.log(counts / counts.sum())).sum())
