"""Figures of Chapter 1 on China's rural poor (NBS survey, 2012-2019): the yearly changes, the
three trend models with their residuals, and the backtest.

Plotting only: every number comes from :mod:`analysis.domain.national_models`. No figure draws
a model interval: eight points do not support one (the chapter says why). Derived points of the
context table are drawn hollow or hatched; the 2020 zero (a declaration, not a survey estimate)
is not drawn.
"""
from __future__ import annotations

from matplotlib.figure import Figure

from analysis.domain import national_models as nm
from analysis.figures import style

#: Colour, line style and marker of each model, shared by the figures.
MODEL_STYLE = {
    "log_linear": (style.OKABE_ITO["vermillion"], "--", "^"),
    "linear": (style.OKABE_ITO["blue"], "-", "s"),
    "log_quadratic": (style.OKABE_ITO["bluish_green"], "-.", "D"),
}
_SOURCE = ("Source: NBS rural poverty monitoring survey, year-end counts (press releases, "
           "Appendix C); hollow or hatched: derived in the context table from a published "
           "yearly fall.")


def yearly_changes() -> Figure:
    """(a) The fall of the rural poor in each year, millions; (b) the same fall in percent of
    the year before. The first is nearly constant, the second speeds up. The yearly falls are
    the published ones (the counts of 2013 and 2015 are derived from them)."""
    style.use()
    ch = nm.yearly_changes().dropna(subset=["change"])
    fig = Figure(figsize=(7.4, 3.8))
    ax, bx = fig.subplots(1, 2)
    for axis, values, fmt, title in (
            (ax, -ch["change"] / 1e6, "{:.1f}", "(a) Fall in the year, millions"),
            (bx, -ch["change_pct"], "{:.0f}%", "(b) Fall in percent of the year before")):
        axis.bar(ch["year"], values, color=style.OKABE_ITO["blue"], edgecolor="black",
                 linewidth=0.5)
        for year, v in zip(ch["year"], values):
            axis.annotate(fmt.format(v), (year, v), xytext=(0, 2), textcoords="offset points",
                          ha="center", fontsize=7.5)
        axis.set_title(title, loc="left", fontsize=10)
        axis.set_ylim(0, values.max() * 1.15)
        axis.set_xticks(ch["year"], [str(y) for y in ch["year"]], rotation=45)
        axis.grid(axis="x", visible=False)
    fig.subplots_adjust(bottom=0.25, wspace=0.25)
    style.source_line(fig, "Source: NBS rural poverty monitoring survey: yearly falls and "
                           "year-end counts as published (press releases, Appendix C).")
    return fig


def models() -> Figure:
    """The three models fitted to all eight points (top) and each model's residuals on its
    own scale (bottom), with its Durbin-Watson statistic and runs of signs in the title."""
    style.use()
    f = nm.fits()
    diag = nm.diagnostics().set_index("model")
    fig = Figure(figsize=(7.6, 6.4))
    grid = fig.add_gridspec(2, 3, height_ratios=[3, 2], hspace=0.55, wspace=0.45)
    top = fig.add_subplot(grid[0, :])
    pts = f[f["model"] == nm.MODELS[0].key]
    pop = nm.rural_poor()
    for derived, face in ((False, "black"), (True, "white")):
        sel = pop[pop["derived"] == derived]
        top.plot(sel["year"], sel["persons"] / 1e6, "o", color="black", markerfacecolor=face,
                 markersize=7, linestyle="none",
                 label="survey count (derived)" if derived else "survey count")
    for m in nm.MODELS:
        colour, ls, marker = MODEL_STYLE[m.key]
        sel = f[f["model"] == m.key]
        top.plot(sel["year"], sel["fitted"] / 1e6, color=colour, linestyle=ls, label=m.label)
    top.set_ylim(bottom=0)
    top.set_xticks(pts["year"], [str(y) for y in pts["year"]])
    top.set_ylabel("Rural poor (millions)")
    top.set_title("Three models fitted to the eight year-ends", loc="left", fontsize=10)
    top.legend(fontsize=8, loc="upper right")
    for i, m in enumerate(nm.MODELS):
        colour, _ls, marker = MODEL_STYLE[m.key]
        sel = f[f["model"] == m.key]
        scale = 1 if m.log else 1e6
        axis = fig.add_subplot(grid[1, i])
        axis.axhline(0, color="#444444", linewidth=0.8)
        axis.vlines(sel["year"], 0, sel["residual"] / scale, color=colour, linewidth=1.5)
        axis.plot(sel["year"], sel["residual"] / scale, marker, color=colour, linestyle="none")
        d = diag.loc[m.key]
        axis.set_title(f"{m.key.replace('_', '-')}\nDW {d['durbin_watson']:.2f}, "
                       f"{int(d['runs'])} sign runs", fontsize=8.5)
        axis.set_ylabel("residual, log persons" if m.log else "residual, millions",
                        fontsize=8)
        axis.set_xticks([pop["year"].min(), pop["year"].max()],
                        [str(pop["year"].min()), str(pop["year"].max())], fontsize=8)
        axis.tick_params(labelsize=8)
    fig.subplots_adjust(bottom=0.1, top=0.95)
    style.source_line(fig, _SOURCE + " OLS fits with statsmodels.")
    return fig


def backtest() -> Figure:
    """Error of each model's one-year-ahead prediction, in percent of what the survey found,
    by predicted year (fitted on 2012 up to the year before)."""
    style.use()
    b = nm.backtest()
    fig = Figure(figsize=(7.0, 4.0))
    ax = fig.subplots()
    ax.axhline(0, color="#444444", linewidth=0.8)
    width = 0.26
    for j, m in enumerate(nm.MODELS):
        colour, _ls, _marker = MODEL_STYLE[m.key]
        sel = b[b["model"] == m.key]
        xs = sel["year"] + (j - 1) * width
        ax.bar(xs, sel["error_pct"], width=width, color=colour, edgecolor="black",
               linewidth=0.5, hatch=["", "//", ".."][j], label=m.label)
        last = sel.iloc[-1]
        ax.annotate(f"{last['error_pct']:+.0f}%", (xs.iloc[-1], last["error_pct"]),
                    xytext=(0, 3 if last["error_pct"] >= 0 else -10),
                    textcoords="offset points", ha="center", fontsize=8)
    # room above and below the bars for the end labels, clear of the axis frame
    lo, hi = min(float(b["error_pct"].min()), 0.0), max(float(b["error_pct"].max()), 0.0)
    ax.set_ylim(lo - 0.15 * (hi - lo), hi + 0.15 * (hi - lo))
    years = sorted(b["year"].unique())
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlabel("Year predicted (fitted on 2012 up to the year before)")
    ax.set_ylabel("Error, % of the survey count")
    ax.set_title("One year ahead: how far each model missed", loc="left", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(axis="x", visible=False)
    fig.subplots_adjust(bottom=0.2)
    style.source_line(fig, "Source: NBS rural poverty monitoring survey, year-end counts (press "
                           "releases, Appendix C); one-year-ahead OLS predictions.")
    return fig
