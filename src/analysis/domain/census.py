"""Census bases for rates: population, family households and household size of a place.

Reads ``context/county_indicators.csv`` (the county tabulations of the 2010 and 2020
censuses, source S01) through :func:`analysis.data.context.county_indicators`. A count that
the chapters compare across places or years is divided by one of these bases; the functions
here only look the base up, by division code and census year, and say what they found.

Units: persons; households; persons per household. Family households (家庭户) are the census's
private households: people in collective households (dormitories, barracks) are not in them.
"""
from __future__ import annotations

from analysis.domain import counties

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "context/*")

#: Division codes of the places the chapters divide by (NBS codes, context/counties.csv).
LIANGSHAN, BUTUO, JINYANG = "513400", "513429", "513430"
#: The two census years of the table.
YEARS = ("2010", "2020")


def value(adcode: str, indicator: str, year: str | int) -> float:
    """One census figure: ``indicator`` of the place ``adcode`` in census ``year``
    (the value of :func:`analysis.domain.counties.census`, without its source id).

    Args:
        adcode: division code, e.g. :data:`BUTUO`.
        indicator: ``resident_population``, ``family_households``,
            ``family_household_population``, ``family_household_size``...
        year: the census year (2010 or 2020).

    Raises:
        KeyError: no single row for that place, indicator and year (the message names them).
    """
    return counties.census(adcode, indicator, str(year))[0]


def population(adcode: str, year: str | int) -> float:
    """Resident population (persons) of ``adcode`` on census day of ``year``."""
    return value(adcode, "resident_population", year)


def population_bounds(adcode: str) -> tuple[float, float]:
    """The smaller and the larger of the two census counts of ``adcode`` (persons).

    A rate for a year between the censuses is bounded by dividing by both, for as long as the
    population of that year lay between its two census counts (an assumption the chapter
    states; the censuses say nothing about the years between).
    """
    counts = sorted(population(adcode, y) for y in YEARS)
    return counts[0], counts[1]


def households(adcode: str, year: str | int) -> float:
    """Family households (households) of ``adcode`` on census day of ``year``."""
    return value(adcode, "family_households", year)


def household_size(adcode: str, year: str | int) -> float:
    """Mean family-household size (persons per household) of ``adcode``, as published.

    The published figure is rounded to two decimals; it equals the family-household population
    over the family households to that precision (tested).
    """
    return value(adcode, "family_household_size", year)


def household_size_computed(adcode: str, year: str | int) -> float:
    """Family-household population over family households (persons per household)."""
    return value(adcode, "family_household_population", year) / households(adcode, year)
