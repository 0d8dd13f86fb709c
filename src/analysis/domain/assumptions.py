"""Every named assumption of the book, in one place: its default, its range and its basis.

An assumption is a number the analysis needs that neither the article nor a data source
gives (a building season's length, the working days of a clinic worker, a class-size norm...).
Each one is an :class:`Assumption` in :data:`REGISTRY`, with

- ``default``, the value the book uses;
- ``low`` and ``high``, the range over which the sensitivity analysis moves it, each end
  stated, sourced or argued in ``basis``;
- ``limits``, the values that make sense at all: a value outside them is refused.

Chapters read assumptions through an :class:`Assumptions` object, which starts at the defaults
and may be changed in one visible cell of the chapter (the exercises say which). The functions
of ``analysis.domain`` take the values as arguments and fall back on :func:`default`, so
the default lives here and nowhere else.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Assumption:
    """One named assumption.

    Attributes:
        name: identifier, used as the attribute of :class:`Assumptions`.
        default: the value the book uses.
        low: the low end of the range the sensitivity analysis explores.
        high: the high end of that range.
        unit: unit of the value (``days``, ``pupils per class``, ``share`` for 0-1...).
        what: what the number is, in the book's words.
        basis: why this default and this range (a source, or an argument).
        chapter: the chapter that uses it first (``ch1`` ... ``appendix_b``).
        limits: the values that make sense at all (inclusive); outside them, an error.
        integer: whether only whole numbers make sense.
    """

    name: str
    default: float
    low: float
    high: float
    unit: str
    what: str
    basis: str
    chapter: str
    limits: tuple[float, float]
    integer: bool = False

    def __post_init__(self):
        lo, hi = self.limits
        if not lo <= self.low <= self.default <= self.high <= hi:
            raise ValueError(f"assumption {self.name}: expected limits[0] <= low <= default <= "
                             f"high <= limits[1], got {lo}, {self.low}, {self.default}, "
                             f"{self.high}, {hi}")

    def check(self, value) -> float | int:
        """``value`` as this assumption's type, or a ValueError naming the assumption and its
        limits."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            raise ValueError(f"assumption {self.name}: expected a number, got {value!r}")
        lo, hi = self.limits
        if not lo <= value <= hi:
            raise ValueError(f"assumption {self.name}: {value!r} is outside the values that "
                             f"make sense, {lo:g} to {hi:g} {self.unit}")
        if self.integer:
            if value != int(value):
                raise ValueError(f"assumption {self.name}: expected a whole number, "
                                 f"got {value!r}")
            return int(value)
        return float(value)


# ----------------------------------------------------------------------------- the registry
# One section per chapter; keep each assumption's basis honest: a source with its address, or
# the argument for the default and for each end of the range.

_CH1 = [
    Assumption(
        name="late_year_months_before_end", default=0, low=0, high=3, unit="months",
        what="how many months before 31 December the article's \"late 2013\" and \"late "
             "2018\" stand",
        basis=("The English text dates its baseline and its latest figures \"late\" in the "
               "year. Default: 0, the end of December, as the register reads them: the "
               "Chinese press reports of the same series date them to the year's end (e.g. "
               "sources S15 and S17 of the context tables). High: 3, reading \"late\" "
               "as any time in the last quarter, so the figures could stand at the end of "
               "September. Reading both years alike leaves the five-year span unchanged; it "
               "lengthens the time left before the deadline (the end of 2020, a policy date "
               "and not an assumption)."),
        chapter="ch1", limits=(0, 11), integer=True),
]

_CH4 = [
    Assumption(
        name="survey_liangshan_share", default=0.45, low=0.45, high=1.0, unit="share",
        what="share of the provincial door-to-door survey's staff who worked in Liangshan",
        basis=("The article does not say whether the survey it describes in its section IV "
               "covered Liangshan alone or the whole province. Default and low: 0.45, staff "
               "spread over Sichuan in proportion to the registered poor, of whom Liangshan "
               "held 45 % at the end of 2018 (the article's 317,000 of Sichuan's 710,000 in "
               "source S17; a test checks this against the data); the cautious reading, as "
               "the province organised the survey. High: 1, every member in Liangshan, the "
               "reading of a paragraph about Liangshan."),
        chapter="ch4", limits=(0, 1)),
]

_CH2 = [
    Assumption(
        name="construction_season_days", default=275, low=214, high=303, unit="days",
        what="days of brick demand in one building season, ending on 30 November",
        basis=("The article (paragraph 15) says only that building on the cold uplands all "
               "but stops after November, so every season here ends on 30 November; its "
               "start is the assumption. Default: from 1 March (275 days in a non-leap year), "
               "building resuming after the coldest months, with the full daily demand on "
               "every day. Low: from 1 May (214 days), a late spring at the highest sites. "
               "High: from 1 February (303 days), a mild year at lower altitude. "
               "analysis.domain.housing.season_words turns a length into its months."),
        chapter="ch2", limits=(1, 366), integer=True),
    Assumption(
        name="bricks_per_home", default=20_000, low=10_000, high=40_000,
        unit="bricks per home",
        what="bricks that one new rural home takes, for the plausibility check of the season",
        basis=("Argued, not sourced. The standard Chinese fired brick, 240 x 115 x 53 mm, "
               "laid with 10 mm joints makes 4 x 8 x 16 = 512 bricks to a cubic metre of "
               "wall (a page that states size and count: "
               "https://m.w09.net/Digital/1e677c11042e1a550f505f43df42d685.html). A "
               "one-storey home of about 80 square metres (9 m by 9 m, walls 3 m high) has "
               "about 108 square metres of outer wall 240 mm thick and 54 of inner wall "
               "120 mm thick, less a sixth for doors and windows: about 27 cubic metres, some "
               "14,000 bricks. Default: 20,000, adding foundations, yard walls and breakage. "
               "Low: 10,000, a smaller home or one on a concrete frame. High: 40,000, a home "
               "of two storeys."),
        chapter="ch2", limits=(1, 1_000_000), integer=True),
    Assumption(
        name="reimbursement_share", default=0.75, low=0.5, high=0.9, unit="share",
        what="share of an outpatient bill above the threshold that insurance refunds",
        basis=("Not in the article, which gives the outpatient thresholds but says only that "
               "the part above them is refunded at fixed rates (paragraph 18). Range argued "
               "from the article itself: high, 0.9, just under the roughly 95 percent of "
               "inpatient bills that poor patients do not pay (they bear about 5 percent), "
               "taking outpatient cover to be no more generous than inpatient cover; low, "
               "0.5, half, below which care would hardly be of little expense, as the author "
               "says it is; default, 0.75, the middle. The chapter draws all three."),
        chapter="ch2", limits=(0, 1)),
]

_CH3 = [
    Assumption(
        name="clinic_working_days", default=250, low=230, high=300, unit="days per year",
        what="working days of a clinic worker in a year",
        basis=("Default: 52 five-day weeks (260 days) less about ten public holidays. Low: "
               "also about four weeks of leave and training. High: a six-day week, as "
               "village clinics that open on Saturdays keep."),
        chapter="ch3", limits=(1, 366), integer=True),
    Assumption(
        name="class_norm_primary", default=45, low=40, high=56, unit="pupils per class",
        what="class-size norm of a primary class",
        basis=("Default: 45, the primary class size commonly cited from the national school "
               "construction standards (not checked against the standard's text here). Low: "
               "40, a smaller norm some provinces set for rural schools. High: 56, the "
               "smallest class the State Council counts as large (Guo Fa [2016] No. 40), "
               "above which a class is over any norm."),
        chapter="ch3", limits=(1, 100), integer=True),
    Assumption(
        name="class_norm_junior_secondary", default=50, low=45, high=56,
        unit="pupils per class",
        what="class-size norm of a junior-secondary class",
        basis=("Default: 50, the junior-secondary class size commonly cited from the same "
               "standards. Low: 45, the primary norm. High: 56, as for primary classes."),
        chapter="ch3", limits=(1, 100), integer=True),
    Assumption(
        name="primary_grades", default=6, low=5, high=6, unit="grades",
        what="grades of a full primary school",
        basis=("Default: six, the common 6-3 system. Low: five, the 5-4 system of some "
               "regions; a village school may teach fewer grades still."),
        chapter="ch3", limits=(1, 6), integer=True),
    Assumption(
        name="household_size", default=3.70, low=3.25, high=4.27,
        unit="persons per household",
        what="people in a household rehoused under the relocation rules",
        basis=("The article gives the relocation payments per household and no household "
               "size. Default: 3.70, the mean family household of Butuo in the 2020 census "
               "(the county of the Kuijiu villager group; source S01, "
               "context/county_indicators.csv). Low: 3.25, Liangshan's mean in 2020. High: "
               "4.27, Jinyang's in 2010, the largest of the six census means of Liangshan, "
               "Butuo and Jinyang in 2010 and 2020. The registered-poor spontaneous migrants "
               "of paragraph 32 average 3.82 people per household, inside the range."),
        chapter="ch3", limits=(1, 20)),
]

_APPENDIX_B = [
    Assumption(
        name="almost_band", default=0.10, low=0.05, high=0.20, unit="share",
        what="how far below a number the word \"almost\" may reach, as a share of it",
        basis=("Our reading: no source or style guide fixes it, and the article uses the word "
               "once for a number it also gives in full (Butuo's health-facility visits). Default: "
               "one tenth, so that \"almost half\" covers falls from 45% to 50%. Low: one "
               "twentieth, a strict reading (47.5% to 50%). High: one fifth (40% to 50%); "
               "further down, \"almost\" would tell the reader little."),
        chapter="appendix_b", limits=(0, 1)),
]

#: Every assumption of the book, by name.
#:
#: :meta hide-value:
REGISTRY: dict[str, Assumption] = {a.name: a for a in (*_CH1, *_CH2, *_CH3, *_CH4,
                                                       *_APPENDIX_B)}


def get(name: str) -> Assumption:
    """The assumption ``name``.

    Raises:
        KeyError: no such assumption (the message lists the known names).
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no assumption {name!r}; the book's assumptions are "
                       f"{', '.join(sorted(REGISTRY))}") from None


def default(name: str) -> float | int:
    """The default value of assumption ``name`` (the value the book uses)."""
    a = get(name)
    return int(a.default) if a.integer else float(a.default)


def table(chapter: str | None = None) -> pd.DataFrame:
    """The assumptions (of one chapter, or all) as a table.

    Returns:
        A DataFrame with columns name, what, default, low, high, unit, basis, chapter.
    """
    rows = [a for a in REGISTRY.values() if chapter is None or a.chapter == chapter]
    return pd.DataFrame([{"name": a.name, "what": a.what, "default": a.default, "low": a.low,
                          "high": a.high, "unit": a.unit, "basis": a.basis,
                          "chapter": a.chapter} for a in rows])


class Assumptions:
    """The assumptions in force in one run of a chapter: the defaults, unless changed.

    ``A = Assumptions()`` then ``A.construction_season_days = 300`` changes one (checked
    against its limits); ``A.construction_season_days`` reads it; :meth:`changed` lists what
    differs from the defaults.
    """

    def __init__(self, **overrides):
        object.__setattr__(self, "_values", {n: default(n) for n in REGISTRY})
        for name, value in overrides.items():
            setattr(self, name, value)

    def __getattr__(self, name: str):
        values = object.__getattribute__(self, "_values")
        if name not in values:
            raise AttributeError(f"no assumption {name!r}; the book's assumptions are "
                                 f"{', '.join(sorted(REGISTRY))}")
        return values[name]

    def __setattr__(self, name: str, value) -> None:
        self._values[name] = get(name).check(value)

    def changed(self) -> dict[str, float | int]:
        """The assumptions whose value differs from the default, by name."""
        return {n: v for n, v in self._values.items() if v != default(n)}

    def __repr__(self) -> str:
        changed = self.changed()
        return ("Assumptions(all defaults)" if not changed else
                "Assumptions(" + ", ".join(f"{n}={v!r}" for n, v in changed.items()) + ")")
