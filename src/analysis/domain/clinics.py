"""The health side of the resource paradox: staffed clinics that see few patients (section III).

Everything here is computed from register rows of section III, paragraph 24:

- ``butuo.township_clinics``, ``butuo.township_clinic_staff``, ``butuo.township_clinic_posts``,
  ``butuo.medical_workers_per_clinic`` (the article's own quotient, which we re-compute);
- ``butuo.primary_care_visits.2016``, ``butuo.primary_care_visits.2018`` and
  ``butuo.primary_care_visits_decline`` (the article's "almost half");
- ``wadu_clinic.medical_workers``, ``wadu_clinic.rural_doctors``,
  ``wadu_clinic.patients_per_month``.

Two caveats travel with every ratio. The visit counts cover all community-level (grassroots)
health institutions of Butuo County, while the staff count covers only the township health
centres: a visits-per-worker ratio mixes the two and is indicative only (it overstates the load
per worker if village clinics took part of the visits). And the staff count is of 2019 while the
visits are of 2016 and 2018.

Assumptions are module constants or parameters, labelled as such wherever they are shown.
"""
from __future__ import annotations

import math

import pandas as pd

from analysis.data import register
from analysis.domain import assumptions

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


def visits_per_worker_day(year: int = 2018,
                          working_days: float = WORKING_DAYS_PER_YEAR_ASSUMED) -> float:
    """Visits per worker per working day (visits per worker-day), for an ASSUMED working year.

    Args:
        year: 2016 or 2018.
        working_days: working days per year (assumption; default
            :data:`WORKING_DAYS_PER_YEAR_ASSUMED`).

    Raises:
        ValueError: ``working_days`` is not positive, or no visits for ``year``.
    """
    return visits_per_worker(year) / _positive("working_days", working_days)


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


def clinic_indicators(working_days: float = WORKING_DAYS_PER_YEAR_ASSUMED) -> pd.DataFrame:
    """The clinic ratios of this module as a tidy table.

    Columns: ``indicator``, ``value``, ``unit``, ``fact_ids`` (the register rows used),
    ``note`` (caveats and assumptions).
    """
    wd = _positive("working_days", working_days)
    rows = [
        ("Payroll staff per township health centre", staff_per_clinic(), "workers per clinic",
         "butuo.township_clinic_staff; butuo.township_clinics", "article prints the same mean"),
        ("Authorised posts filled", post_fill_rate() * 100.0, "percent",
         "butuo.township_clinic_staff; butuo.township_clinic_posts", ""),
        ("Visits per payroll worker, 2018", visits_per_worker(2018), "visits per worker per year",
         "butuo.primary_care_visits.2018; butuo.township_clinic_staff",
         "indicative: all grassroots visits over township staff of 2019"),
        ("Visits per payroll worker per working day, 2018", visits_per_worker_day(2018, wd),
         "visits per worker-day", "butuo.primary_care_visits.2018; butuo.township_clinic_staff",
         f"assumes {wd:g} working days a year (assumption)"),
        (f"Wadu patients per staff member, {wadu_staff(True):g} staff",
         wadu_patients_per_worker(True),
         "patients per person per month",
         "wadu_clinic.patients_per_month; wadu_clinic.medical_workers",
         "reading A: the rural doctors are among the medical workers"),
        (f"Wadu patients per staff member, {wadu_staff(False):g} staff",
         wadu_patients_per_worker(False),
         "patients per person per month",
         "wadu_clinic.patients_per_month; wadu_clinic.medical_workers; "
         "wadu_clinic.rural_doctors", "reading B: the rural doctors come on top"),
        ("Fall in visits, 2016 to 2018", visits_change()["fall_share"] * 100.0, "percent",
         "butuo.primary_care_visits.2016; butuo.primary_care_visits.2018",
         "the article says almost half"),
        ("Compound yearly change in visits", visits_change()["annual_change"] * 100.0,
         "percent per year", "butuo.primary_care_visits.2016; butuo.primary_care_visits.2018",
         "over 2 years"),
    ]
    return pd.DataFrame(rows, columns=["indicator", "value", "unit", "fact_ids", "note"])
