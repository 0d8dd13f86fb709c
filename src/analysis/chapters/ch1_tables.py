"""Chapter 1's tables, as DataFrames ready for :func:`analysis.notebook.table`.

Each function returns readable columns (units in the headings) and formatted cells, with the
row labels in the first column; the numbers come from ``analysis.domain`` and nothing is
typed here.
"""
from __future__ import annotations

import pandas as pd

from analysis.domain import naive_forecast, national_models, roll, trends
from analysis.domain.assumptions import Assumptions
from analysis.formatting import number


def _persons(x) -> str:
    return "not found" if pd.isna(x) else number(round(float(x)))


def rates(A: Assumptions) -> pd.DataFrame:
    """The rates of the article's places (and of Sichuan and rural China over the same span):
    change in points, relative and compound, the pace achieved and the pace needed by each
    benchmark of "done" (not given for the comparison rows, which the chapter does not
    extrapolate)."""
    art = trends.rate_changes(late_months=A.late_year_months_before_end)
    y0, y1 = int(art["year_start"].iloc[0]), int(art["year_end"].iloc[0])
    cmp_ = trends.comparison_rates(y0, y1)
    frame = pd.concat([art, cmp_], ignore_index=True)
    thr = float(art["threshold"].iloc[0])

    def pace(v):
        return "n/a" if pd.isna(v) else f"{v:.2f}"
    return pd.DataFrame({
        "Place": frame["place"],
        "Measure": frame["measure"],
        f"Rate end-{y0} (%)": frame["rate_start"].map(lambda v: f"{v:.1f}"),
        f"Rate end-{y1} (%)": frame["rate_end"].map(lambda v: f"{v:.1f}"),
        "Change (pp)": frame["change_pp"].map(lambda v: f"{v:+.1f}"),
        "Relative change (%)": frame["change_relative_pct"].map(lambda v: f"{v:+.1f}"),
        "Compound change (% a year)": frame["cagr_pct"].map(lambda v: f"{v:+.1f}"),
        "Pace achieved (pp a year)": frame["pace_achieved_pp"].map(lambda v: f"{v:.2f}"),
        f"Needed for zero by end-{trends.DEADLINE_YEAR} (pp a year)":
            frame["pace_needed_pp"].map(pace),
        f"Needed to fall below {number(thr)}% (pp a year)":
            frame["pace_needed_threshold_pp"].map(pace),
    })


def poverty_roll() -> pd.DataFrame:
    """Liangshan's poverty roll year by year: stock, exits, entries, cumulative exits, and
    how each value was obtained (sourced, derived with its formula, or not found)."""
    t = roll.roll_table()

    def how(row) -> str:
        parts = []
        for name, label in (("stock", "stock"), ("exits", "exits"), ("entries", "entries"),
                            ("cumulative", "cumulative"), ("incidence", "incidence")):
            status, src = row[f"{name}_status"], row[f"{name}_source"]
            if status == roll.SOURCED:
                parts.append(f"{label} published ({src})")
            elif status == roll.DERIVED:
                parts.append(f"{label} derived ({src})")
        return "; ".join(parts) if parts else "no figure found for this year"
    return pd.DataFrame({
        "Year (end)": t["year"].astype(str),
        "On the roll (persons)": t["stock"].map(_persons),
        "Lifted out in the year": t["exits"].map(_persons),
        "Entries in the year": t["entries"].map(_persons),
        "Lifted out since end-2013": t["cumulative_exits"].map(_persons),
        "Incidence (% of the base)": [
            "—" if pd.isna(x) else f"{number(x, 1)} ({'published' if s == roll.SOURCED else s})"
            for x, s in zip(t["incidence"], t["incidence_status"])],
        "How each value was obtained": t.apply(how, axis=1),
    })


def decomposition() -> pd.DataFrame:
    """The fall of the roll in 2019 against the average year and the straight line to zero,
    line by line, with the arithmetic."""
    d = roll.decomposition()
    rows = [
        ("Exits in 2019", d["exits"], "sourced (see the roll table)"),
        ("Entries in 2019", d["entries"], "stock 2019 - stock 2018 + exits 2019"),
        ("Fall in 2019", d["fall"], "exits - entries"),
        ("Exits, average year 2014-2018", d["average_exits"],
         "cumulative exits at end-2018 / 5"),
        ("Entries, average year 2014-2018", d["average_entries"],
         "(stock 2018 - stock 2013 + cumulative exits 2018) / 5"),
        ("Fall, average year", d["average_fall"], "(stock 2013 - stock 2018) / 5"),
        ("More exits than the average year", d["more_exits"], "exits 2019 - average exits"),
        ("Fewer entries than the average year", d["fewer_entries"],
         "average entries - entries 2019"),
        ("Fall beyond the average year", d["beat_average"], "the two lines above, added"),
        ("Exits in 2018", d["prev_exits"], "derived (see the roll table)"),
        ("Exits in 2019 against 2018", d["exits_vs_prev"], "exits 2019 - exits 2018"),
        ("Fall the straight line to zero needed", d["path_fall"],
         "stock 2018 / 2 (two years to the end of 2020)"),
        ("Exits the straight line needed, given 2019's entries", d["exits_needed"],
         "needed fall + entries 2019"),
        ("Fewer exits than the straight line needs (with no entries)",
         d["exits_short_of_path"], "needed fall - exits 2019"),
        ("New entries", d["entries"], "entries 2019"),
        ("Short of the straight line", d["short_of_path"],
         "the two lines above, added (= needed fall - fall in 2019)"),
    ]
    return pd.DataFrame({"Quantity": [r[0] for r in rows],
                         "Persons": [_persons(r[1]) for r in rows],
                         "Arithmetic": [r[2] for r in rows]})


def yearly_changes() -> pd.DataFrame:
    """The national survey's rural poor, year by year, with the changes shown directly."""
    t = national_models.yearly_changes()

    def signed(v, fmt):
        return "—" if pd.isna(v) else format(v, fmt)
    return pd.DataFrame({
        "Year (end)": t["year"].astype(str) + t["derived"].map({True: " (derived)",
                                                                False: ""}),
        "Rural poor (millions)": (t["persons"] / 1e6).map(lambda v: f"{v:.2f}"),
        "Change (millions)": (t["change"] / 1e6).map(lambda v: signed(v, "+.2f")),
        "Change (% of the year before)": t["change_pct"].map(lambda v: signed(v, "+.1f")),
        "Incidence (% of rural residents)": t["incidence"].map(lambda v: f"{v:.1f}"),
        "Change of incidence (pp)": t["change_pp"].map(lambda v: signed(v, "+.1f")),
    })


def diagnostics() -> pd.DataFrame:
    """Each model's fit and the tests of its residuals."""
    d = national_models.diagnostics()
    return pd.DataFrame({
        "Model": d["label"],
        "R² (own scale: logs or persons; not comparable across scales)":
            d["r_squared"].map(lambda v: f"{v:.3f}"),
        "Durbin–Watson": d["durbin_watson"].map(lambda v: f"{v:.2f}"),
        "DW p, simulated": d["dw_p"].map(lambda v: f"{v:.3f}"),
        "Sign runs": d["runs"].astype(str),
        "Runs p, exact": d["runs_exact_p"].map(lambda v: f"{v:.2f}"),
        "Runs p, statsmodels": d["runs_p"].map(lambda v: f"{v:.2f}"),
        "Ljung–Box p (lag 1)": d["ljung_box_p"].map(lambda v: f"{v:.2f}"),
    })


def backtest() -> pd.DataFrame:
    """The rolling-origin backtest: each one-year-ahead prediction and its error."""
    b = national_models.backtest()
    wide = b.pivot(index="year", columns="model", values="error_pct")
    pred = b.pivot(index="year", columns="model", values="predicted")
    actual = b.groupby("year")["actual"].first()
    out = pd.DataFrame({"Predicted year": [str(y) for y in wide.index],
                        "Fitted on": [f"{national_models.START}–{y - 1}" for y in wide.index],
                        "Actual (millions)": [f"{actual[y] / 1e6:.2f}" for y in wide.index]})
    for m in national_models.MODELS:
        out[f"{m.label}: predicted (millions)"] = [f"{pred.loc[y, m.key] / 1e6:.2f}"
                                                   for y in wide.index]
        out[f"{m.label}: error (%)"] = [f"{wide.loc[y, m.key]:+.0f}" for y in wide.index]
    naive = naive_forecast.backtest().set_index("year")
    label = naive_forecast.LABEL
    out[f"{label}: predicted (millions)"] = [f"{naive.loc[y, 'predicted'] / 1e6:.2f}"
                                             for y in wide.index]
    out[f"{label}: error (%)"] = [f"{naive.loc[y, 'error_pct']:+.0f}" for y in wide.index]
    out["Points fitted"] = [str(n) for n in b.groupby("year")["n_fitted"].first()]
    return out


def backtest_summary() -> pd.DataFrame:
    """Each model's backtest errors in one row, and the naive benchmark's (same fall as the
    year before) in the last; with the mean error left when 2019 is left out."""
    s = national_models.backtest_summary()
    naive = naive_forecast.summary()
    s = pd.concat([s, pd.DataFrame([{"model": naive_forecast.KEY, "label": naive_forecast.LABEL,
                                      **naive}])], ignore_index=True)
    last = int(s["last_year"].iloc[0])
    without = naive_forecast.mape_without(last)
    return pd.DataFrame({
        "Model": s["label"],
        "Predictions": s["forecasts"].astype(str),
        "Mean absolute error (millions)": (s["mae"] / 1e6).map(lambda v: f"{v:.2f}"),
        "Mean absolute error (% of actual)": s["mape"].map(lambda v: f"{v:.0f}"),
        "Worst year": s["worst_year"].astype(str),
        "Error that year (%)": s["worst_error_pct"].map(lambda v: f"{v:+.0f}"),
        f"Mean absolute error without {last} (%)": s["model"].map(
            lambda k: f"{without[k]:.1f}"),
    })
