"""The education side of the resource paradox: overflowing classes beside very small ones.

Computed from register rows of section III, paragraph 24:
``jinyang.compulsory_education_classes``, ``jinyang.classes_55_plus``,
``jinyang.large_class_threshold``, ``jinyang.max_class_size``,
``jinyang.boarders_per_bed``, ``zhaizi_school.students``, ``zhaizi_school.largest_class`` and
``zhaizi_school.smallest_class``; the health side comes from :mod:`analysis.domain.clinics`.
In the article the paradox lies inside the school system (classes overfull in one place,
very small in another), as it lies inside the health system: the two are not set against each
other.

National class-size norms are not in the article. They enter only as labelled parameters:

- the class-size norms (assumptions ``class_norm_primary`` and ``class_norm_junior_secondary``
  of :mod:`analysis.domain.assumptions`, defaults in :data:`CLASS_SIZE_NORM_ASSUMED`) are the
  norms commonly attributed to China's national school-construction standards; we have not
  checked them against the standards' text, so they are ASSUMPTIONS, adjustable by the reader;
- the grades of a full primary school (assumption ``primary_grades``).
- :data:`NATIONAL_LARGE_CLASS_MIN` (56) is the lower bound of a "large class" in the State
  Council's Opinions on integrating urban and rural compulsory education (Guo Fa [2016] No. 40),
  as reported by Xinhua (gov.cn English edition, 12 December 2020,
  http://english.www.gov.cn/statecouncil/ministries/202012/12/content_WS5fd42748c6d0f72576941c42.html);
  note that the article's own cut-off is one pupil lower.
"""
from __future__ import annotations

import math

from analysis.data import register
from analysis.domain import assumptions

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


def norm(level: str = "primary", size: float | None = None) -> float:
    """The class-size norm of ``level`` (pupils per class): ``size``, or when None the default
    of the assumption ``class_norm_primary`` or ``class_norm_junior_secondary``.

    Raises:
        ValueError: unknown level, or a size that is not positive.
    """
    names = {"primary": "class_norm_primary", "junior_secondary": "class_norm_junior_secondary"}
    if level not in names:
        raise ValueError(f"level must be one of {sorted(names)}, got {level!r}")
    if size is None:
        return float(assumptions.default(names[level]))
    if not math.isfinite(size) or size <= 0:
        raise ValueError(f"a class-size norm must be a positive number of pupils, got {size!r}")
    return float(size)


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def grades_words(grades: int | None = None) -> str:
    """The grades of a primary school in words, from their number: ``"six grades"``."""
    n = int(assumptions.default("primary_grades") if grades is None else grades)
    word = _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)
    return f"{word} grade" + ("" if n == 1 else "s")


def zhaizi_mean_if_one_class_per_grade(grades: int | None = None) -> float:
    """Mean class size at Zhaizi if it had one class per grade (pupils per class; ASSUMPTION).

    Args:
        grades: grades taught (assumption ``primary_grades``; None for its default).

    Raises:
        ValueError: ``grades`` is outside the count bounds of :func:`zhaizi_class_count_bounds`.
    """
    if grades is None:
        grades = assumptions.default("primary_grades")
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


def zhaizi_mean_over_norm(grades: int | None = None, norm_size: float | None = None) -> float:
    """Zhaizi's mean class, one class per grade, as a share of the primary norm (a pure ratio).

    Args:
        grades: assumption ``primary_grades`` (None for its default).
        norm_size: assumption ``class_norm_primary`` (None for its default).
    """
    return zhaizi_mean_if_one_class_per_grade(grades) / norm("primary", norm_size)
