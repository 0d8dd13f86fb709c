"""Figures of the resource paradox of section III, one per sector: health care both short and
little used; schools both overfull and small.

Drawing only: every number comes from :mod:`analysis.domain.clinics`,
:mod:`analysis.domain.schools` (which read the register) and the context tables they read.
Each function returns a matplotlib Figure in the house style (:mod:`analysis.figures.style`),
with colour doubled by hatching or markers, bars that start at zero on linear axes, and a source
line naming the sources in words; nothing is saved here. Assumptions are arguments (``None``
for the defaults of :mod:`analysis.domain.assumptions`); the chapter passes its own values.
"""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.data import register
from analysis.domain import clinics, schools
from analysis.figures import style
from analysis.formatting import number

_C = style.OKABE_ITO
_EDGE = {"edgecolor": "black", "linewidth": 0.6}
_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}


def _bar_label(ax, bars, texts):
    for bar, text in zip(bars, texts):
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                    fontsize=9)


def health(working_days: float | None = None) -> Figure:
    """Butuo's health care: posts and staff, visits per worker-day, visits per resident.

    (a) Authorised posts and payroll staff of the township health centres. (b) Visits per
    worker per working day in 2016 and 2018, for an ASSUMED working year. (c) Visits per
    resident per year: Butuo's grassroots institutions (the range that the two census counts
    allow) against China's (health statistical bulletins).

    Args:
        working_days: assumption ``clinic_working_days`` (None for its default).
    """
    days = working_days if working_days is not None else clinics.WORKING_DAYS_PER_YEAR_ASSUMED
    fig = Figure(figsize=(6.6, 6.6))
    gs = fig.add_gridspec(2, 2, left=0.12, right=0.97, top=0.89, bottom=0.15, hspace=0.45,
                          wspace=0.45, height_ratios=[1.0, 1.1])

    ax = fig.add_subplot(gs[0, 0])
    posts = register.value("butuo.township_clinic_posts")
    staff = register.value("butuo.township_clinic_staff")
    bars = ax.bar(["Authorised\nposts", "Staff on\npayroll"], [posts, staff],
                  color=[_C["sky_blue"], _C["blue"]], hatch=["", "//"], width=0.6, **_EDGE)
    _bar_label(ax, bars, [number(posts), number(staff)])
    ax.set_ylim(0, posts * 1.25)
    ax.set_ylabel("Persons")
    ax.set_title("(a) Township health centres", loc="left", fontsize=10)
    ax.text(0.5, 0.06, f"{number(clinics.post_fill_rate() * 100, 1)}% of posts filled",
            transform=ax.transAxes, ha="center", va="bottom", fontsize=8, bbox=_BOX)

    ax = fig.add_subplot(gs[0, 1])
    years = [2016, 2018]
    per_day = [clinics.visits_per_worker_day(y, days) for y in years]
    bars = ax.bar([str(y) for y in years], per_day, color=[_C["orange"], _C["vermillion"]],
                  hatch=["", "xx"], width=0.6, **_EDGE)
    _bar_label(ax, bars, [number(v, 2) for v in per_day])
    ax.set_ylim(0, 1.0)
    ax.set_ylabel("Visits per worker\nper working day")
    ax.set_title("(b) Load per worker", loc="left", fontsize=10)
    ax.text(0.5, 0.97, f"assumed working year:\n{clinics.working_year_words(days)}",
            transform=ax.transAxes, ha="center", va="top", fontsize=7.5, bbox=_BOX)

    ax = fig.add_subplot(gs[1, :])
    rows = []
    for y in years:
        lo, hi = clinics.visits_per_resident_bounds(y)
        rows.append((f"Butuo, grassroots, {y}", lo, hi, "butuo"))
    rows.append(("China, grassroots, 2016", clinics.national_grassroots_visits_per_resident(2016),
                 None, "china_grassroots"))
    for y in years:
        rows.append((f"China, all institutions, {y}", clinics.national_visits_per_resident(y),
                     None, "china_all"))
    look = {"butuo": (_C["vermillion"], "xx"), "china_grassroots": (_C["sky_blue"], ".."),
            "china_all": (_C["blue"], "")}
    top = max(r[1] for r in rows)
    for i, (_label, lo, hi, kind) in enumerate(rows):
        colour, hatch = look[kind]
        ax.barh(i, lo, color=colour, hatch=hatch, **_EDGE)
        text = number(lo, 1)
        if hi is not None:
            ax.barh(i, hi - lo, left=lo, color="white", hatch="////", edgecolor=colour,
                    linewidth=0.8)
            text = f"{number(lo, 2)} to {number(hi, 2)}"
        ax.text((hi or lo) + top * 0.01, i, text, va="center", fontsize=9)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("Visits per resident per year")
    ax.set_title("(c) Visits per resident: Butuo against China", loc="left", fontsize=10)
    ax.legend(handles=[Patch(facecolor="white", hatch="////", edgecolor=_C["vermillion"],
                             label="Butuo: range allowed by the 2010 and 2020 census counts")],
              loc="upper right", fontsize=7.5)
    fig.suptitle("Butuo: health posts nearly all filled, visits few", fontsize=11,
                 fontweight="bold", x=0.02, y=0.985, ha="left")
    style.source_line(fig, "Sources: the article (section III, paragraph 24) for Butuo's posts, "
                      "staff and visits; the 2010 and 2020 censuses for Butuo's population; "
                      "China's health statistical bulletins for 2016 and 2018 (national rates; "
                      "the grassroots rate for 2016 is derived from the share of visits). "
                      "Panel (b) assumes the working year shown and the 2019 staff count for "
                      "both years.")
    return fig


def schools_figure(norm_primary: float | None = None,
                   norm_junior_secondary: float | None = None,
                   grades: int | None = None) -> Figure:
    """Jinyang's schools: classes by size, and class sizes on one scale against the norms.

    (a) Jinyang's compulsory-education classes at or above the article's cut-off and below it
    (one bar of all classes, from zero). (b) Class sizes on one axis: Jinyang's classes at the
    cut-off or above (up to the largest), Zhaizi's smallest to largest class, Zhaizi's possible
    mean class and its mean with one class per grade, with the ASSUMED norms as dashed lines.

    Args:
        norm_primary: assumption ``class_norm_primary`` (None for its default).
        norm_junior_secondary: assumption ``class_norm_junior_secondary`` (None: default).
        grades: assumption ``primary_grades`` (None for its default).
    """
    norms = {"primary": schools.norm("primary", norm_primary),
             "junior secondary": schools.norm("junior_secondary", norm_junior_secondary)}
    fig = Figure(figsize=(6.6, 5.6))
    gs = fig.add_gridspec(2, 1, left=0.24, right=0.96, top=0.9, bottom=0.15, hspace=0.75,
                          height_ratios=[0.55, 1.45])

    ax = fig.add_subplot(gs[0])
    total = register.value("jinyang.compulsory_education_classes")
    large = register.value("jinyang.classes_55_plus")
    cut = number(register.value("jinyang.large_class_threshold"))
    ax.barh([0], [large], color=_C["vermillion"], hatch="xx", **_EDGE)
    ax.barh([0], [total - large], left=[large], color=_C["bluish_green"], **_EDGE)
    ax.text(large / 2, 0, f"{cut} pupils or more: {number(large)}\n"
            f"({number(schools.large_class_share() * 100, 1)}%)", ha="center", va="center",
            fontsize=8, bbox=_BOX)
    ax.text(large + (total - large) / 2, 0, f"fewer: {number(total - large)}", ha="center",
            va="center", fontsize=8, bbox=_BOX)
    ax.set_yticks([0], ["Jinyang,\nall classes"], fontsize=8)
    ax.set_xlim(0, total)
    ax.set_xlabel("Classes of compulsory education")
    ax.set_title("(a) Jinyang County: classes by size", loc="left", fontsize=10)

    ax = fig.add_subplot(gs[1])
    zlo, zhi = schools.zhaizi_mean_class_bounds()
    per_grade = schools.zhaizi_mean_if_one_class_per_grade(grades)
    small = register.value("zhaizi_school.smallest_class")
    big = register.value("zhaizi_school.largest_class")
    biggest = register.value("jinyang.max_class_size")
    threshold = register.value("jinyang.large_class_threshold")
    ranges = [
        (3, threshold, biggest, _C["vermillion"], "-", "s",
         f"{number(threshold)} to {number(biggest)}"),
        (2, small, big, _C["blue"], "-", "o", f"{number(small)} to {number(big)}"),
        (1, zlo, zhi, _C["bluish_green"], ":", "D", f"{number(zlo, 1)} to {number(zhi, 1)}"),
    ]
    for y, a, b, colour, ls, mk, text in ranges:
        ax.hlines(y, a, b, color=colour, linewidth=3, linestyle=ls)
        ax.plot([a, b], [y, y], marker=mk, linestyle="none", color=colour)
        # above the middle of its range, clear of the norm lines at the right
        ax.annotate(text, ((a + b) / 2, y), xytext=(0, 5), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, bbox=_BOX, zorder=4)
    ax.plot([per_grade], [0], marker="^", color=_C["reddish_purple"], markersize=8,
            linestyle="none")
    ax.annotate(number(per_grade, 1), (per_grade, 0), xytext=(6, 0), textcoords="offset points",
                va="center", fontsize=8)
    for i, (level, size) in enumerate(sorted(norms.items(), key=lambda kv: kv[1])):
        ax.axvline(size, color="#555555", linestyle=style.LINESTYLES[1 + i], linewidth=1)
        # the first norm's label left of its line, the others right of theirs: no line crosses
        # a label
        ax.annotate(f"norm, {level}: {number(size)}", (size, 3.75 - 0.3 * max(i - 1, 0)),
                    xytext=(-3 if i == 0 else 3, 0), textcoords="offset points",
                    ha="right" if i == 0 else "left", va="center", fontsize=8,
                    color="#333333", bbox=_BOX, zorder=4)
    ax.set_yticks([0, 1, 2, 3], [f"Zhaizi, one class\nin each of {schools.grades_words(grades)}",
                                 "Zhaizi: possible\nmean class", "Zhaizi: smallest\nto largest",
                                 f"Jinyang: classes\nof {number(threshold)} or more"],
                  fontsize=8)
    ax.set_ylim(-0.6, 4.1)
    ax.set_xlim(0, biggest * 1.18)
    ax.set_xlabel("Pupils per class (norms are assumptions, not from the article)")
    ax.set_title("(b) Class sizes on one scale", loc="left", fontsize=10)
    fig.suptitle("Jinyang's schools: overfull classes and a small village school",
                 fontsize=11, fontweight="bold", x=0.02, y=0.985, ha="left")
    style.source_line(fig, "Source: the article (section III, paragraph 24): Jinyang's classes "
                      "and Zhaizi Village Primary School. Zhaizi's possible mean class is "
                      "bounded from its pupils and its largest and smallest class; the norms and "
                      "the number of grades are assumptions.")
    return fig
