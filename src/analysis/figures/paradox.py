"""Figures of the resource paradox of section III: idle clinics, crowded and empty classrooms.

Drawing only: every number comes from :mod:`analysis.domain.clinics` and
:mod:`analysis.domain.schools`
(which read the register). Each function returns a matplotlib Figure in the house style
(:mod:`analysis.figures.style`), with colour doubled by hatching or markers and a source line naming
the register rows; nothing is saved here.
"""
from __future__ import annotations

from matplotlib.figure import Figure

from analysis.data import register
from analysis.domain import clinics, schools
from analysis.figures import style
from analysis.formatting import number

_C = style.OKABE_ITO


def _thousands(ax, axis="y"):
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda x, _pos: number(x))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _bar_label(ax, bars, texts, **kw):
    for bar, text in zip(bars, texts):
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                    fontsize=8, **kw)


def crowded_vs_idle(working_days: float = clinics.WORKING_DAYS_PER_YEAR_ASSUMED,
                    norms: dict[str, float] | None = None) -> Figure:
    """Four panels: clinic posts and staff, clinic visits, Jinyang's classes, class sizes.

    Args:
        working_days: ASSUMED working days per year for the visits-per-worker-day note.
        norms: ASSUMED class-size norms (default
            :data:`analysis.domain.schools.CLASS_SIZE_NORM_ASSUMED`), drawn as dashed
            reference lines labelled as assumptions.
    """
    norms = schools.CLASS_SIZE_NORM_ASSUMED if norms is None else norms
    # drawn at about the printed width (style.TEXT_WIDTH_IN), so that its smallest type, the
    # norm labels, prints at 7 pt; panel (d) has room on its left for its row labels
    fig = Figure(figsize=(6.9, 6.9))
    gs = fig.add_gridspec(2, 2, left=0.1, right=0.98, top=0.89, bottom=0.17, hspace=0.6,
                          wspace=0.62)
    fig.suptitle("Health: staffed but little used.  Schools: crowded and near-empty side by "
                 "side", fontsize=10, fontweight="bold")
    title = {"loc": "left", "fontsize": 9}

    # (a) posts and staff of Butuo's township health centres
    ax = fig.add_subplot(gs[0, 0])
    posts = register.value("butuo.township_clinic_posts")
    staff = register.value("butuo.township_clinic_staff")
    bars = ax.bar(["Authorised posts", "Staff on payroll"], [posts, staff],
                  color=[_C["sky_blue"], _C["blue"]], hatch=["", "//"], edgecolor="black",
                  linewidth=0.6, width=0.6)
    _bar_label(ax, bars, [number(posts), number(staff)])
    ax.set_ylabel("Persons")
    ax.set_ylim(0, posts * 1.2)
    ax.set_title("(a) Butuo township health centres", **title)
    ax.text(0.5, 0.08, f"{number(clinics.post_fill_rate() * 100, 1)}% of posts filled\n"
                      f"{number(clinics.staff_per_clinic(), 1)} staff per centre",
            transform=ax.transAxes, ha="center", va="bottom", fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "#999999"})

    # (b) visits falling
    ax = fig.add_subplot(gs[0, 1])
    years = [2016, 2018]
    vals = [clinics.visits(y) for y in years]
    bars = ax.bar([str(y) for y in years], vals, color=[_C["orange"], _C["vermillion"]],
                  hatch=["", "xx"], edgecolor="black", linewidth=0.6, width=0.6)
    per_day = [clinics.visits_per_worker_day(y, working_days) for y in years]
    _bar_label(ax, bars, [f"{number(v)}\n({number(d, 2)} per\nworker-day*)"
                          for v, d in zip(vals, per_day)])
    ax.set_ylim(0, max(vals) * 1.55)
    ax.set_ylabel("Visits per year")
    _thousands(ax)
    ax.set_title("(b) Butuo: grassroots clinic visits", **title)
    ax.text(0.98, 0.97, f"fall: {number(clinics.visits_change()['fall_share'] * 100, 1)}%",
            transform=ax.transAxes, ha="right", va="top", fontsize=8)

    # (c) Jinyang's compulsory-education classes by size
    ax = fig.add_subplot(gs[1, 0])
    total = register.value("jinyang.compulsory_education_classes")
    large = register.value("jinyang.classes_55_plus")
    cut = number(register.value("jinyang.large_class_threshold"))
    ax.barh([0], [large], color=_C["vermillion"], hatch="xx", edgecolor="black", linewidth=0.6)
    ax.barh([0], [total - large], left=[large], color=_C["bluish_green"], edgecolor="black",
            linewidth=0.6)
    box = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}
    ax.text(large / 2, 0, f"{cut} pupils or more:\n{number(large)} classes\n"
            f"({number(schools.large_class_share() * 100, 1)}%)", ha="center", va="center",
            fontsize=8, bbox=box)
    ax.text(large + (total - large) / 2, 0, f"fewer than {cut}:\n{number(total - large)} "
            "classes", ha="center", va="center", fontsize=8, bbox=box)
    ax.set_yticks([])
    ax.set_xlim(0, total)
    ax.set_xlabel(f"Classes (all {number(total)} compulsory-education classes)")
    ax.set_title("(c) Jinyang County: classes by size", **title)

    # (d) class sizes on one scale
    ax = fig.add_subplot(gs[1, 1])
    zlo, zhi = schools.zhaizi_mean_class_bounds()
    small = register.value("zhaizi_school.smallest_class")
    big = register.value("zhaizi_school.largest_class")
    biggest = register.value("jinyang.max_class_size")
    threshold = register.value("jinyang.large_class_threshold")
    ax.hlines(2, threshold, biggest, color=_C["vermillion"], linewidth=3)
    ax.plot([threshold], [2], marker="|", markersize=12, color=_C["vermillion"])
    ax.plot([biggest], [2], marker="s", color=_C["vermillion"])
    ax.annotate(f"largest: {number(biggest)}", (biggest, 2), xytext=(0, 7),
                textcoords="offset points", ha="right", fontsize=8)
    ax.hlines(1, small, big, color=_C["blue"], linewidth=3)
    ax.plot([small, big], [1, 1], marker="o", linestyle="none", color=_C["blue"])
    ax.hlines(0, zlo, zhi, color=_C["bluish_green"], linewidth=3, linestyle=":")
    ax.plot([zlo, zhi], [0, 0], marker="D", linestyle="none", color=_C["bluish_green"])
    for i, (level, size) in enumerate(sorted(norms.items(), key=lambda kv: kv[1])):
        ax.axvline(size, color="#555555", linestyle=style.LINESTYLES[1 + i], linewidth=1)
        ax.text(size + (-1.5 if i == 0 else 1.5), -0.55,
                f"assumed norm {number(size)}: "
                f"{level.replace('_', ' ').replace('secondary', 'sec.')}", rotation=90,
                fontsize=7, va="bottom", ha="right" if i == 0 else "left", color="#333333")
    ax.set_yticks([0, 1, 2], ["Zhaizi: possible\nmean class", "Zhaizi: smallest\nto largest",
                              f"Jinyang: classes\nof {number(threshold)}+"], fontsize=8)
    ax.set_ylim(-0.6, 2.6)
    ax.set_xlim(0, biggest * 1.05)
    ax.set_xlabel("Pupils per class")
    ax.set_title("(d) Class sizes on one scale", **title)

    style.source_line(fig, "Source: register rows butuo.township_clinic_posts, "
                      "butuo.township_clinic_staff, butuo.township_clinics, "
                      "butuo.primary_care_visits.2016/.2018, jinyang.compulsory_education_classes, "
                      "jinyang.classes_55_plus, jinyang.large_class_threshold, "
                      "jinyang.max_class_size, zhaizi_school.* (article, section III). "
                      f"* Assumption: {number(working_days)} working days a year, 2019 staff "
                      "count for both years. Dashed norms are assumptions, not from the article.")
    return fig


def visits_2016_2018() -> Figure:
    """Butuo's grassroots visits in 2016 and 2018, against the article's "almost half"."""
    vc = clinics.visits_change()
    v16, v18 = clinics.visits(2016), clinics.visits(2018)
    half = v16 * (1 - vc["article_share"])
    fig = Figure(figsize=(6.4, 4.2))
    ax = fig.add_axes((0.13, 0.2, 0.62, 0.7))
    ax.plot([2016, 2018], [v16, v18], color=_C["vermillion"], marker="o", linestyle=":",
            label="reported visits (dotted: no figure between)")
    ax.plot([2018], [half], marker="v", color=_C["black"], linestyle="none", markersize=8,
            label="exactly half of 2016")
    ax.axhline(half, color=_C["black"], linestyle="--", linewidth=0.8)
    for x, y in [(2016, v16), (2018, v18)]:
        ax.annotate(number(y), (x, y), xytext=(8, 4), textcoords="offset points", fontsize=8)
    ax.set_xticks([2016, 2017, 2018], ["2016", "2017\n(no figure)", "2018"])
    ax.set_xlim(2015.6, 2018.6)
    ax.set_ylim(0, v16 * 1.15)
    ax.set_ylabel("Visits per year")
    _thousands(ax)
    ax.set_title("Visits to Butuo's community-level clinics", loc="left")
    ax.legend(loc="lower left", fontsize=8)
    fig.text(0.77, 0.6, f"Fall: {number(vc['fall'])} visits\n= {number(vc['fall_share'] * 100, 1)}"
             f"% of 2016\n\nCompound change:\n{number(vc['annual_change'] * 100, 1)}% a year\n\n"
             f"Article: almost half\n({number(vc['gap_to_article'], 1)} pp short)",
             fontsize=8, va="center")
    style.source_line(fig, "Source: register rows butuo.primary_care_visits.2016, "
                      "butuo.primary_care_visits.2018, butuo.primary_care_visits_decline "
                      "(article, section III, paragraph 24).")
    return fig


def where_map(counties=None) -> Figure:
    """Map of Liangshan with the two counties whose clinic and school figures section III uses.

    Labels are built from the register (Butuo: township clinics and visits; Jinyang: large
    classes); drawing by :func:`analysis.figures.maps.highlight_map`.

    Args:
        counties: :func:`analysis.domain.counties.county_frame` output (read when None).
    """
    from analysis.figures import maps

    labels = {
        "513429": (f"Butuo: {number(register.value('butuo.township_clinics'))} township "
                   f"clinics,\nvisits {number(clinics.visits(2016))} (2016) to "
                   f"{number(clinics.visits(2018))} (2018);\nWadu village clinic; "
                   "Kuijiu group 2"),
        "513430": (f"Jinyang: {number(schools.large_class_share() * 100, 1)}% of classes at "
                   f"{number(register.value('jinyang.large_class_threshold'))}+ pupils;\n"
                   "Zhaizi village school; Wawu group"),
    }
    return maps.highlight_map(labels, counties,
                              source="register rows butuo.*, jinyang.*, wadu_clinic.*, "
                                     "zhaizi_school.* (article, section III); county codes, "
                                     "context/counties.csv")
