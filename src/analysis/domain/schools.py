"""The education side of the resource paradox: overflowing classes beside near-empty ones.

Computed from register rows of section III, paragraph 24:
``jinyang.compulsory_education_classes``, ``jinyang.classes_55_plus``,
``jinyang.large_class_threshold``, ``jinyang.max_class_size``,
``jinyang.boarders_per_bed``, ``zhaizi_school.students``, ``zhaizi_school.largest_class`` and
``zhaizi_school.smallest_class``; the clinic side comes from :mod:`analysis.domain.clinics`.

National class-size norms are not in the article. They enter only as labelled parameters:

- :data:`CLASS_SIZE_NORM_ASSUMED` (45 pupils in primary and 50 in junior secondary classes) is
  the norm commonly attributed to China's national school-construction standards; we have not
  checked it against the standards' text, so it is an ASSUMPTION, adjustable by the reader.
- :data:`NATIONAL_LARGE_CLASS_MIN` (56) is the lower bound of a "large class" in the State
  Council's Opinions on integrating urban and rural compulsory education (Guo Fa [2016] No. 40),
  as reported by Xinhua (gov.cn English edition, 12 December 2020,
  http://english.www.gov.cn/statecouncil/ministries/202012/12/content_WS5fd42748c6d0f72576941c42.html);
  note that the article's own cut-off is one pupil lower.
"""
from __future__ import annotations

import math

import pandas as pd

from analysis.data import register
from analysis.domain import assumptions, clinics

#: ASSUMPTION — class-size norm (pupils per class) by level; defaults, ranges and basis in
#: :mod:`analysis.domain.assumptions`.
CLASS_SIZE_NORM_ASSUMED = {"primary": assumptions.default("class_norm_primary"),
                           "junior_secondary": assumptions.default("class_norm_junior_secondary")}

#: Smallest class counted as "large" (pupils) in the State Council's definition (Guo Fa [2016]
#: No. 40, as reported by Xinhua / gov.cn on 2020-12-12); context, not from the article.
NATIONAL_LARGE_CLASS_MIN = 56

#: ASSUMPTION — grades of a full primary school (see :mod:`analysis.domain.assumptions`).
PRIMARY_GRADES_ASSUMED = assumptions.default("primary_grades")


def large_class_share() -> float:
    """Share (0-1) of Jinyang's compulsory-education classes at or above the article's cut-off.

    ``jinyang.classes_55_plus`` / ``jinyang.compulsory_education_classes``.
    """
    return (register.value("jinyang.classes_55_plus")
            / register.value("jinyang.compulsory_education_classes"))


def other_classes() -> float:
    """Jinyang's classes below the cut-off (classes): all classes minus the large ones."""
    return (register.value("jinyang.compulsory_education_classes")
            - register.value("jinyang.classes_55_plus"))


def max_class_over(size: float) -> float:
    """How many times ``size`` (pupils) Jinyang's largest class is (a pure ratio).

    Raises:
        ValueError: ``size`` is not positive.
    """
    if size is None or not math.isfinite(size) or size <= 0:
        raise ValueError(f"size must be a positive number of pupils, got {size!r}")
    return register.value("jinyang.max_class_size") / size


def over_norm(size: float, level: str = "primary",
              norms: dict[str, float] | None = None) -> float:
    """Pupils above the ASSUMED norm for ``level`` (pupils; negative when below it).

    Args:
        size: a class size (pupils).
        level: a key of ``norms`` ("primary" or "junior_secondary").
        norms: the norms to use (default :data:`CLASS_SIZE_NORM_ASSUMED`).

    Raises:
        ValueError: unknown level.
    """
    norms = CLASS_SIZE_NORM_ASSUMED if norms is None else norms
    if level not in norms:
        raise ValueError(f"level must be one of {sorted(norms)}, got {level!r}")
    return size - norms[level]


def zhaizi_class_count_bounds() -> tuple[int, int]:
    """Fewest and most classes that Zhaizi Village Primary School can have (classes).

    The school has ``zhaizi_school.students`` pupils, one class of ``zhaizi_school.largest_class``
    and one of ``zhaizi_school.smallest_class``; every other class lies between the two. The
    pupils left after those two classes fill at least ceil(rest / largest) and at most
    floor(rest / smallest) further classes.

    Raises:
        ValueError: the register's numbers cannot describe a school (e.g. the two named classes
            hold more pupils than the school has).
    """
    n = register.value("zhaizi_school.students")
    big = register.value("zhaizi_school.largest_class")
    small = register.value("zhaizi_school.smallest_class")
    rest = n - big - small
    if rest < 0 or small <= 0 or big < small:
        raise ValueError(f"no school has {n:g} pupils with classes from {small:g} to {big:g}")
    if rest == 0:
        return 2, 2
    if rest < small:
        raise ValueError(f"{rest:g} pupils are left over, fewer than the smallest class "
                         f"({small:g}): the register's numbers are inconsistent")
    return 2 + math.ceil(rest / big), 2 + math.floor(rest / small)


def zhaizi_mean_class_bounds() -> tuple[float, float]:
    """Lowest and highest possible mean class size at Zhaizi (pupils per class).

    Pupils over the most and the fewest classes of :func:`zhaizi_class_count_bounds`.
    """
    n = register.value("zhaizi_school.students")
    lo_classes, hi_classes = zhaizi_class_count_bounds()
    return n / hi_classes, n / lo_classes


def zhaizi_mean_if_one_class_per_grade(grades: int = PRIMARY_GRADES_ASSUMED) -> float:
    """Mean class size at Zhaizi if it had one class per grade (pupils per class; ASSUMPTION).

    Raises:
        ValueError: ``grades`` is outside the count bounds of :func:`zhaizi_class_count_bounds`.
    """
    lo, hi = zhaizi_class_count_bounds()
    if not lo <= grades <= hi:
        raise ValueError(f"Zhaizi can have {lo} to {hi} classes, not {grades!r}")
    return register.value("zhaizi_school.students") / grades


def beds_per_boarder() -> tuple[float, float]:
    """Beds per boarder (beds per person) in Jinyang's crowded boarding schools, low and high.

    The inverse of ``jinyang.boarders_per_bed`` (two to three boarders per bed).
    """
    f = register.fact("jinyang.boarders_per_bed")
    top = f.value_max if f.value_max is not None else f.value
    return 1.0 / top, 1.0 / f.value


def crowded_vs_idle(working_days: float = clinics.WORKING_DAYS_PER_YEAR_ASSUMED
                    ) -> pd.DataFrame:
    """The paradox side by side: one row per (system, indicator), crowded and idle ends.

    Columns: ``system`` (clinic or school system), ``indicator``, ``crowded`` and ``idle``
    (formatted text, the two ends), ``unit``, ``fact_ids``. Clinics: Butuo's authorised posts
    mostly filled yet visits falling, and the Wadu clinic's monthly load (both readings of its
    staff); schools: Jinyang's large classes beside Zhaizi's small ones.
    """
    from analysis.formatting import number

    vc = clinics.visits_change()
    fill = clinics.post_fill_rate() * 100.0
    zlo, zhi = zhaizi_mean_class_bounds()
    bpb = register.fact("jinyang.boarders_per_bed")
    rows = [
        ("Clinic system (Butuo)", "Staffing of township health centres",
         f"{number(fill, 1)}% of authorised posts filled",
         f"{number(clinics.visits_per_worker_day(2018, working_days), 2)} visits per worker "
         f"per working day in 2018 (assumed {number(working_days)} days)",
         "percent; visits per worker-day",
         "butuo.township_clinic_staff; butuo.township_clinic_posts; "
         "butuo.primary_care_visits.2018"),
        ("Clinic system (Butuo)", "Visits to grassroots institutions",
         f"{number(register.value('butuo.primary_care_visits.2016'))} in 2016",
         f"{number(register.value('butuo.primary_care_visits.2018'))} in 2018 "
         f"({number(vc['fall_share'] * 100.0, 1)}% fewer)",
         "visits per year",
         "butuo.primary_care_visits.2016; butuo.primary_care_visits.2018"),
        ("Clinic system (Wadu village)", "Patients per staff member per month",
         "(no figure)",
         f"{number(clinics.wadu_patients_per_worker(True), 2)} "
         f"({number(clinics.wadu_staff(True))} staff) or "
         f"{number(clinics.wadu_patients_per_worker(False), 2)} "
         f"({number(clinics.wadu_staff(False))} staff)",
         "patients per person per month",
         "wadu_clinic.patients_per_month; wadu_clinic.medical_workers; "
         "wadu_clinic.rural_doctors"),
        ("School system (Jinyang)", "Class size",
         f"{number(large_class_share() * 100.0, 1)}% of classes at "
         f"{number(register.value('jinyang.large_class_threshold'))}+ pupils; largest "
         f"{number(register.value('jinyang.max_class_size'))}",
         f"Zhaizi: classes of {number(register.value('zhaizi_school.smallest_class'))} to "
         f"{number(register.value('zhaizi_school.largest_class'))}, mean between "
         f"{number(zlo, 1)} and {number(zhi, 1)}",
         "percent; pupils per class",
         "jinyang.classes_55_plus; jinyang.compulsory_education_classes; "
         "jinyang.large_class_threshold; jinyang.max_class_size; zhaizi_school.students; "
         "zhaizi_school.largest_class; zhaizi_school.smallest_class"),
        ("School system (Jinyang)", "Boarding",
         f"{number(bpb.value)}-{number(bpb.value_max)} boarders per bed",
         f"{number(register.value('zhaizi_school.students'))} pupils in all at Zhaizi",
         "persons per bed; pupils",
         "jinyang.boarders_per_bed; zhaizi_school.students"),
    ]
    return pd.DataFrame(rows, columns=["system", "indicator", "crowded", "idle", "unit",
                                       "fact_ids"])
