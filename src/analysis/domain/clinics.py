"""The health side of the resource paradox: staff said to be short, clinics little used.

Everything here is computed from register rows of section III, paragraph 24:

- ``butuo.township_clinics``, ``butuo.township_clinic_staff``, ``butuo.township_clinic_posts``,
  ``butuo.medical_workers_per_clinic`` (the article's own quotient, which we re-compute);
- ``butuo.primary_care_visits.2016``, ``butuo.primary_care_visits.2018`` and
  ``butuo.primary_care_visits_decline`` (the article's "almost half");
- ``wadu_clinic.medical_workers``, ``wadu_clinic.rural_doctors``,
  ``wadu_clinic.patients_per_month``.

Beside them, two denominators from outside the article: Butuo's census population
(:mod:`analysis.domain.census`, the 2010 and 2020 censuses) for visits per resident, and the
national visits per resident of the health statistical bulletins
(:func:`analysis.data.context.health_national`, 2016 and 2018).

Two caveats travel with every ratio. The visit counts are those the article gives for Butuo's
community-level (grassroots) health institutions, without saying which kinds they cover, while
the staff count covers only the township health centres: a visits-per-worker ratio mixes the two
and is indicative only (it overstates the load per worker if village clinics took part of the
visits). And the staff count is of 2019 while the
visits are of 2016 and 2018.

Assumptions are parameters (``None`` meaning the default of
:mod:`analysis.domain.assumptions`), labelled as such wherever they are shown.
"""
from __future__ import annotations

import math

from analysis.data import context, register
from analysis.domain import assumptions, census

#: ASSUMPTION (not from the article) — working days of a clinic worker in a year; its default,
#: range and basis are in :mod:`analysis.domain.assumptions`.
WORKING_DAYS_PER_YEAR_ASSUMED = assumptions.default("clinic_working_days")

_VISITS = {2016: "butuo.primary_care_visits.2016", 2018: "butuo.primary_care_visits.2018"}


def _positive(name: str, x: float) -> float:
    if x is None or not math.isfinite(x) or x <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {x!r}")
    return float(x)


def staff_per_clinic() -> float:
    """Payroll staff per township health centre in Butuo (workers per clinic).

    ``butuo.township_clinic_staff`` / ``butuo.township_clinics``; the article prints the result
    itself as ``butuo.medical_workers_per_clinic``.
    """
    return register.value("butuo.township_clinic_staff") / register.value("butuo.township_clinics")


def posts_per_clinic() -> float:
    """Authorised posts per township health centre in Butuo (posts per clinic)."""
    return register.value("butuo.township_clinic_posts") / register.value("butuo.township_clinics")


def post_fill_rate() -> float:
    """Share (0-1) of the authorised posts of Butuo's township health centres that are filled.

    ``butuo.township_clinic_staff`` / ``butuo.township_clinic_posts``.
    """
    return (register.value("butuo.township_clinic_staff")
            / register.value("butuo.township_clinic_posts"))


def vacant_posts() -> float:
    """Authorised but unfilled posts (posts): posts minus payroll staff."""
    return (register.value("butuo.township_clinic_posts")
            - register.value("butuo.township_clinic_staff"))


def visits(year: int) -> float:
    """Visits to Butuo's community-level health institutions in ``year`` (visits per year).

    Raises:
        ValueError: the register has no visit count for ``year`` (only 2016 and 2018).
    """
    if year not in _VISITS:
        raise ValueError(f"the register gives Butuo's visits for {sorted(_VISITS)} only, "
                         f"not for {year!r}")
    return register.value(_VISITS[year])


def visits_per_worker(year: int = 2018) -> float:
    """Visits per township-clinic payroll worker in a year (visits per worker per year).

    Indicative only: visits to all community-level institutions over the township staff of 2019
    (see the module's caveats).
    """
    return visits(year) / register.value("butuo.township_clinic_staff")


def _days(working_days: float | None) -> float:
    if working_days is None:
        return float(assumptions.default("clinic_working_days"))
    return _positive("working_days", working_days)


def visits_per_worker_day(year: int = 2018, working_days: float | None = None) -> float:
    """Visits per worker per working day (visits per worker-day), for an ASSUMED working year.

    Args:
        year: 2016 or 2018.
        working_days: working days per year (assumption ``clinic_working_days``; None for its
            default).

    Raises:
        ValueError: ``working_days`` is not positive, or no visits for ``year``.
    """
    return visits_per_worker(year) / _days(working_days)


def days_per_week(working_days: float | None = None) -> float:
    """The working year expressed as days a week (days per week): working days over 52."""
    return _days(working_days) / 52.0


def working_year_words(working_days: float | None = None) -> str:
    """The working year in words, from its length: ``"250 days a year, about 4.8 a week"``."""
    days = _days(working_days)
    return f"{days:g} days a year, about {days_per_week(days):.1f} a week"


def visits_per_resident_bounds(year: int) -> tuple[float, float]:
    """Visits to Butuo's grassroots institutions per resident in ``year`` (visits per person
    per year), low and high.

    The population of 2016 or 2018 is not counted; the visits are divided by the larger and by
    the smaller of Butuo's two census counts (2010, 2020), which bounds the rate if the
    population of that year lay between them.
    """
    small, large = census.population_bounds(census.BUTUO)
    return visits(year) / large, visits(year) / small


def _national(year: int, indicator: str) -> float:
    table = context.health_national()
    hit = table[(table["year"] == year) & (table["indicator"] == indicator)]
    if len(hit) != 1:
        raise KeyError(f"health_national.csv: no single row for {indicator} in {year} "
                       f"(the table has {sorted(set(table['year'].astype(int)))})")
    return float(hit["value"].iloc[0])


def national_visits_per_resident(year: int) -> float:
    """China's visits to all medical and health institutions per resident in ``year``
    (visits per person per year), as the health statistical bulletin publishes it."""
    return _national(year, "visits_per_resident")


def national_grassroots_visits_per_resident(year: int = 2016) -> float:
    """China's visits to grassroots institutions per resident (visits per person per year).

    Derived: the bulletin's visits per resident times the grassroots share of all visits
    (percent), both from the same report; the 2018 report read gives no grassroots share.

    Raises:
        KeyError: no grassroots share for ``year``.
    """
    return (national_visits_per_resident(year)
            * _national(year, "grassroots_share_of_visits") / 100.0)


def national_over_butuo(year: int, grassroots: bool = False) -> float:
    """How many times the national visits per resident exceed Butuo's (a pure ratio), taking
    Butuo's HIGH bound, so that the ratio is the smallest the census bases allow.

    Args:
        year: 2016 or 2018.
        grassroots: compare with the national grassroots rate (2016 only) instead of the rate
            for all institutions.
    """
    national = (national_grassroots_visits_per_resident(year) if grassroots
                else national_visits_per_resident(year))
    return national / visits_per_resident_bounds(year)[1]


def wadu_staff(doctors_among_workers: bool = False) -> float:
    """Health staff at the Wadu village clinic (persons), under one of two readings.

    The article gives a number of medical workers (``wadu_clinic.medical_workers``) and of
    rural doctors on a rota (``wadu_clinic.rural_doctors``); it does not make clear whether the
    doctors are among the medical workers or come on top of them.

    Args:
        doctors_among_workers: True for the first reading, False for the second.
    """
    workers = register.value("wadu_clinic.medical_workers")
    if doctors_among_workers:
        return workers
    return workers + register.value("wadu_clinic.rural_doctors")


def wadu_patients_per_worker(doctors_among_workers: bool = False) -> float:
    """Patients per staff member per month at the Wadu village clinic (patients/person/month).

    ``wadu_clinic.patients_per_month`` over :func:`wadu_staff` (inpatients are not counted).
    """
    return register.value("wadu_clinic.patients_per_month") / wadu_staff(doctors_among_workers)


def visits_change() -> dict[str, float]:
    """How far visits fell in Butuo from 2016 to 2018.

    Returns:
        A dict with ``fall`` (visits per year, 2016 minus 2018), ``fall_share`` (0-1, the fall
        over the 2016 level), ``annual_change`` (0-1 per year, compound, over the 2 years:
        ``(v2018 / v2016) ** (1 / 2) - 1``, negative for a fall), ``article_share`` (the
        article's hedged "almost half", ``butuo.primary_care_visits_decline``) and
        ``gap_to_article`` (percentage points by which the computed fall falls short of it).
    """
    v16, v18 = visits(2016), visits(2018)
    years = 2018 - 2016
    fall_share = (v16 - v18) / v16
    article = register.value("butuo.primary_care_visits_decline")
    return {
        "fall": v16 - v18,
        "fall_share": fall_share,
        "annual_change": (v18 / v16) ** (1.0 / years) - 1.0,
        "article_share": article,
        "gap_to_article": (article - fall_share) * 100.0,
    }
