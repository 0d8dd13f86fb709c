"""What every check of the audit shares: tolerances, the verdict rules, named mechanisms, the
record of one check, and the lookups of register rows and context values.

A check compares what the article's arithmetic (or an outside record) makes us expect with what
is computed, and records how the two agree (:data:`AGREEMENTS`) and a verdict in three levels
(:data:`VERDICTS`): the relation holds (``consistent``); it does not, but a mechanism that the
article or a source names accounts for the gap in size and sign (``explained``); or nothing
named accounts for it (``inconsistent``). Numbers the article implies without saying what they
should be are computed and shown with the verdict ``cannot check``; so are relations that hold
(or fail) only on a reading of a source that the source does not state, and gaps that a named
mechanism can fill in sign but that nothing bounds in size.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from analysis.data import context, register
from analysis.data.package import current
from analysis.formatting import number

#: Data files read here (globs in data/); a chapter importing this module is re-executed when
#: one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "facts.csv", "context/*")

#: The verdicts, in the order tables list them, three levels of judgement and then the
#: numbers that are shown but cannot be judged.
VERDICTS = ["consistent", "explained", "inconsistent", "cannot check"]

#: How expected and computed agree (the ``agreement`` column). The first four make a check
#: consistent, the next three fail the relation as stated, the last three cannot be judged
#: (implied numbers; a relation tested on a reading its source does not state).
AGREEMENTS = ["exact", "within rounding", "the bound holds", "within the reading",
              "beyond rounding", "the bound is broken", "outside the reading",
              "nothing to compare with", "holds on an unstated reading",
              "fails on an unstated reading"]
_HOLDS = set(AGREEMENTS[:4])
_UNJUDGED = set(AGREEMENTS[7:])

#: Half the rounding unit of the press figures in the context tables that were printed in
#: units of 10,000 (万) with one decimal (e.g. 17.8万 = 178,000): they are exact to 1,000
#: persons, so each may be off by 500.
WAN_ONE_DECIMAL_TOLERANCE = 500.0

#: Half a unit of a rate printed in whole per cent (the press's 11 % and 4 %).
WHOLE_PERCENT_TOLERANCE = 0.5

#: Relative tolerance under which two computed values count as equal (floating point only).
EXACT_RTOL = 1e-9

_SCALE = {"million": 1e6, "cents": 0.01, "cent": 0.01}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def rounding_tolerance(as_written: str, *, trailing_zeros_rounded: bool = False) -> float:
    """Half a unit of the last printed digit of a number as the article writes it.

    ``"95.6%"`` -> 0.05; ``"12.4"`` -> 0.05; ``"26%"`` -> 0.5; ``"3 million"`` -> 500,000;
    ``"30 cents"`` -> 0.005 (yuan). Number words (``"three"``) count as exact integers (0.5).

    Args:
        as_written: the number as printed (the register's ``as_written``).
        trailing_zeros_rounded: read the trailing zeros of an integer as rounding
            (``"881,000"`` -> 500 rather than 0.5), for counts that are evidently rounded.

    Raises:
        ValueError: a fraction word or a phrase without a number to read.
    """
    text = str(as_written).strip()
    scale = 1.0
    for word, factor in _SCALE.items():
        if re.search(rf"\b{word}\b", text, flags=re.IGNORECASE):
            scale = factor
            break
    m = _NUM.search(text)
    if m is None:
        from analysis.data.article import parse_written

        value, _ = parse_written(text)  # raises ValueError when there is no number
        if not float(value).is_integer():
            raise ValueError(f"{as_written!r} is a fraction word, not a rounded number")
        return 0.5 * scale
    digits = m.group(0).replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".")[1])
        return 0.5 * 10.0 ** (-decimals) * scale
    unit = 1.0
    if trailing_zeros_rounded and int(digits) != 0:
        zeros = len(digits) - len(digits.rstrip("0"))
        unit = 10.0 ** zeros
    return 0.5 * unit * scale


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def agreement_equal(expected: float, computed: float, tolerance: float) -> str:
    """``exact`` if equal, ``within rounding`` if within ``tolerance``, else
    ``beyond rounding`` (``nothing to compare with`` when a value is missing)."""
    if any(_missing(x) for x in (expected, computed, tolerance)):
        return "nothing to compare with"
    diff = abs(computed - expected)
    if diff <= EXACT_RTOL * max(1.0, abs(expected)):
        return "exact"
    if diff <= tolerance * (1 + EXACT_RTOL):
        return "within rounding"
    return "beyond rounding"


def agreement_at_most(part: float, whole: float) -> str:
    """``the bound holds`` if ``part <= whole``, else ``the bound is broken``."""
    return "the bound holds" if part <= whole * (1 + EXACT_RTOL) else "the bound is broken"


def agreement_within(x: float, low: float, high: float) -> str:
    """``within the reading`` if ``low <= x <= high``, else ``outside the reading``."""
    return "within the reading" if low <= x <= high else "outside the reading"


@dataclass(frozen=True)
class Mechanism:
    """A mechanism that the article or a source names, which could account for a relation
    that fails as stated; it explains the gap only if what it must supply lies within what it
    can supply.

    Attributes:
        what: the mechanism, in the book's words.
        named_by: who names it (``the article, paragraphs 14 and 32``; ``source S14``).
        needed: how much of it the gap requires (e.g. entries to the poverty roll, persons).
        low: the least it can supply (entries cannot be negative: 0).
        high: the most it can supply, from an independent number (``math.inf`` when nothing
            bounds it).
        unit: unit of ``needed``, ``low`` and ``high``.
    """

    what: str
    named_by: str
    needed: float
    low: float
    high: float
    unit: str

    def accounts(self) -> bool:
        """Whether the mechanism can supply what the gap requires."""
        return self.low <= self.needed <= self.high

    @property
    def bounded(self) -> bool:
        """Whether an independent number bounds the mechanism from above (so that it is
        tested in size as well as in sign)."""
        return not math.isinf(self.high)

    def describe(self) -> str:
        """One line for the audit table: the mechanism, who names it and the test."""
        upper = "no upper bound" if math.isinf(self.high) else f"at most {number(self.high)}"
        result = "accounts for the gap" if self.accounts() else "does not account for the gap"
        if self.accounts() and not self.bounded:
            result = "could account for the gap in sign; nothing tests its size"
        return (f"{self.what} (named by {self.named_by}): {number(self.needed)} {self.unit} "
                f"needed, at least {number(self.low)} and {upper} possible; {result}")


def verdict(agreement: str, mechanism: Mechanism | None = None) -> str:
    """The verdict that follows from how a relation agrees and from a named mechanism.

    ``consistent`` when the relation holds; when it fails, ``explained`` if ``mechanism``
    accounts for the gap and is bounded in size, ``cannot check`` if it accounts for the gap
    in sign only (no upper bound), else ``inconsistent``; ``cannot check`` when there is
    nothing to compare with or the relation rests on a reading its source does not state.

    Raises:
        ValueError: an agreement not in :data:`AGREEMENTS`.
    """
    if agreement not in AGREEMENTS:
        raise ValueError(f"unknown agreement {agreement!r}; expected one of {AGREEMENTS}")
    if agreement in _UNJUDGED:
        return "cannot check"
    if agreement in _HOLDS:
        return "consistent"
    if mechanism is not None and mechanism.accounts():
        return "explained" if mechanism.bounded else "cannot check"
    return "inconsistent"


def verdict_equal(expected: float, computed: float, tolerance: float,
                  mechanism: Mechanism | None = None) -> str:
    """The verdict of an equality within ``tolerance`` (see :func:`verdict`)."""
    return verdict(agreement_equal(expected, computed, tolerance), mechanism)


def verdict_at_most(part: float, whole: float, mechanism: Mechanism | None = None) -> str:
    """The verdict of the bound ``part <= whole`` (see :func:`verdict`)."""
    return verdict(agreement_at_most(part, whole), mechanism)


@dataclass(frozen=True)
class Check:
    """One check of the audit, as it appears in :func:`analysis.domain.audit.run_audit`.

    Attributes:
        check_id: stable identifier (chapters cite checks by it).
        kind: the kind of check (``sum``, ``bound``, ``stock-flow``...).
        description: what is tested, in the book's words.
        fact_ids: the register rows it uses.
        expected: what the relation makes us expect (NaN when nothing does).
        computed: what is computed.
        tolerance: how far apart the two may be, in their unit.
        agreement: how they agree, one of :data:`AGREEMENTS`.
        note: units and what the result means.
        sources: the context sources it uses.
        mechanism: the mechanism weighed when the relation fails, if any.
    """

    check_id: str
    kind: str
    description: str
    fact_ids: tuple[str, ...]
    expected: float
    computed: float
    tolerance: float
    agreement: str
    note: str = ""
    sources: tuple[str, ...] = ()
    mechanism: Mechanism | None = field(default=None)

    @property
    def verdict(self) -> str:
        """The verdict (see :func:`verdict`)."""
        return verdict(self.agreement, self.mechanism)

    def row(self) -> dict:
        """The check as a row of the audit frame."""
        exp, comp = float(self.expected), float(self.computed)
        diff = np.nan if (math.isnan(exp) or math.isnan(comp)) else comp - exp
        return {"check_id": self.check_id, "kind": self.kind,
                "description": self.description, "fact_ids": "; ".join(self.fact_ids),
                "context_sources": "; ".join(dict.fromkeys(self.sources)),
                "expected": exp, "computed": comp, "difference": float(diff),
                "tolerance": float(self.tolerance), "verdict": self.verdict,
                "agreement": self.agreement,
                "mechanism": self.mechanism.describe() if self.mechanism else "",
                "note": self.note}


# ----------------------------------------------------------------------------- lookups


#: Values by key of the last register and press table read, with the stamp of their files (a
#: run of the audit looks up some two hundred values).
_SEEN: dict[str, tuple] = {}


def _by_key(name: str, resource: str, read, build):
    pkg = current()
    stamp = (str(pkg.root), pkg.stamp(resource))
    seen = _SEEN.get(name)
    if seen is None or seen[0] != stamp:
        seen = _SEEN[name] = (stamp, build(read()))
    return seen[1]


def value(fact_id: str) -> float:
    """The value of register row ``fact_id``.

    Raises:
        UnknownFactError: no such row (from :func:`analysis.data.register.fact`).
    """
    values = _by_key("facts", "facts", register.load_facts,
                     lambda f: f["value"].astype(float).to_dict())
    if fact_id not in values:
        return register.value(fact_id)  # raises with close ids suggested
    return values[fact_id]


def tolerance(fact_id: str, **kw) -> float:
    """:func:`rounding_tolerance` of register row ``fact_id`` as the article prints it."""
    return rounding_tolerance(register.load_facts().loc[fact_id, "as_written"], **kw)


def press(geography: str, year: int, indicator: str,
          period: str = "end of year") -> tuple[float, str]:
    """One primary value of ``poverty_sichuan_liangshan.csv`` and its source id.

    Raises:
        KeyError: no single primary row matches.
    """
    def build(frame):
        out: dict = {}
        for row in frame[frame["primary"]].itertuples(index=False):
            key = (row.geography, int(row.year), row.indicator, row.period)
            out.setdefault(key, []).append((float(row.value), str(row.source_id)))
        return out

    hits = _by_key("press", context.RESOURCES["poverty_sichuan_liangshan"],
                   context.poverty_sichuan_liangshan, build).get(
        (geography, year, indicator, period), [])
    if len(hits) != 1:
        raise KeyError(f"expected one primary row {geography} {year} {indicator} ({period}) "
                       f"in poverty_sichuan_liangshan.csv, found {len(hits)}")
    return hits[0]


def pct(x: float, d: int = 1) -> str:
    """A share as a percentage with ``d`` decimals (0.4590 -> ``45.9%``)."""
    return f"{x * 100:.{d}f}%"
