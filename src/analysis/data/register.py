"""The register of the article's quantitative claims (``data/facts.csv``).

One row per claim, with its locator in the article. Chapters and analysis modules read numbers
from here by ``fact_id``, never by re-typing them::

    from analysis.data.register import fact
    fact("liangshan.poor_population.2013").value   # -> 881000.0 (persons)

:func:`load_facts` returns the register as a validated DataFrame; :func:`check_register` lists
the problems of the register without raising (``python -m analysis validate`` uses it).
"""
from __future__ import annotations

import difflib
import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.data import article, paths
from analysis.data.context import PREFECTURE, listed_county_codes
from analysis.data.csv_check import check_table
from analysis.data.package import DataPackage, current
from analysis.data.problems import (
    Problem,
    RegisterError,
    SourceTextMismatch,
    SourceTextMissing,
    UnknownFactError,
)

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json", "facts.csv")

#: Paragraph spans of the article's sections (from the locator convention of its README).
SECTION_SPANS = {"front": (1, 4), "I": (5, 11), "II": (12, 20), "III": (21, 32),
                 "IV": (33, 42), "back": (43, 43)}

#: The province's division code (Sichuan); with the prefecture and its counties, the places a
#: register row may name by code.
PROVINCE = "510000"

_DTYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}


@dataclass(frozen=True)
class Fact:
    """One claim of the article, as registered.

    Attributes:
        fact_id: the register's identifier.
        value: the value in base units (``unit``).
        value_max: the upper end of a range, or ``None``.
        unit: unit of ``value`` and ``value_max`` (from the declared list).
        locator: where the claim stands, e.g. ``"section II, paragraph 14"``.
        description: what the number is, in the compendium's words.
        qualifier: the article's hedge ("over", "about", ...), or ``""``.
        period: when the value holds (``2018-end``, ``2013-end/2018-end``...), or ``""``.
        place: the place the number is about.
    """

    fact_id: str
    value: float
    value_max: float | None
    unit: str
    locator: str
    description: str
    qualifier: str
    period: str
    place: str
    paragraph: int
    section: str

    @property
    def is_range(self) -> bool:
        """Whether the article gives a range (``value`` .. ``value_max``)."""
        return self.value_max is not None


def _read(pkg: DataPackage) -> pd.DataFrame:
    res = pkg.resource("facts")
    dtypes = {f["name"]: _DTYPES.get(f["type"], "string") for f in res["schema"]["fields"]}
    frame = pd.read_csv(pkg.path("facts"), dtype="string", keep_default_na=False,
                        na_values=[""], encoding="utf-8-sig")
    frame = frame.apply(lambda col: col.str.strip())  # spaces around free text (accepted)
    for col, dtype in dtypes.items():
        if col in frame and dtype != "string":
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(dtype)
    return frame


def check_register(pkg: DataPackage | None = None, *, with_text: bool = True
                   ) -> list[Problem]:
    """Problems of the register beyond its Table Schema (checked by ``schema_check``).

    Checks, row by row: the ``adcode`` names a known place (Sichuan, the prefecture, or a
    county of ``context/counties.csv``); the section agrees with the paragraph's span;
    ``as_written`` reads as
    ``value`` (and ``value_max``); a range runs upwards; and, when the article's text is on this
    machine and ``with_text`` is true, ``as_written`` stands in the row's paragraph.
    """
    pkg = pkg or current()
    fname = pkg.file("facts")
    if check_table(pkg.root, pkg.resource("facts")).blocked:
        return []  # the file cannot be read as a table: reported by the schema check
    frame = _read(pkg)
    try:
        paras = article.paragraphs() if with_text else None
    except (SourceTextMissing, SourceTextMismatch):
        paras = None  # validation says so once (analysis.data.validate)
    count = article.paragraph_count(pkg)
    # a paragraph outside the schema's own bounds is the schema check's to report
    bounds = next((f.get("constraints") or {} for f in pkg.resource("facts")["schema"]["fields"]
                   if f["name"] == "paragraph"), {})
    low, high = bounds.get("minimum", -math.inf), bounds.get("maximum", math.inf)
    problems = _check_places(pkg, frame)
    for i, row in frame.iterrows():
        line = int(i) + 2
        sec, par = row["section"], row["paragraph"]
        located = not pd.isna(par) and 1 <= par <= count
        if not pd.isna(par) and not located and low <= par <= high:
            problems.append(Problem(fname, line, "paragraph", repr(par),
                                    f"a paragraph number from 1 to {count}"))
        if sec in SECTION_SPANS and located:
            lo, hi = SECTION_SPANS[sec]
            if not lo <= par <= hi:
                problems.append(Problem(fname, line, "paragraph", f"paragraph {par}",
                                        f"a paragraph of section {sec} ({lo}-{hi})"))
        written, value, vmax = row["as_written"], row["value"], row["value_max"]
        if pd.isna(written) or pd.isna(value) or value < 0 or (not pd.isna(vmax) and vmax < 0):
            continue  # an empty or negative value: reported by the schema check
        try:
            w_value, w_max = article.parse_written(written)
        except ValueError as exc:
            problems.append(Problem(fname, line, "as_written", repr(written), str(exc)))
            continue
        if not math.isclose(w_value, value, rel_tol=1e-9, abs_tol=1e-9):
            problems.append(Problem(fname, line, "value", repr(value),
                                    f"{w_value:g}, the value that as_written {written!r} reads as"))
        got_max = None if pd.isna(vmax) else float(vmax)
        if (w_max is None) != (got_max is None) or (
                w_max is not None and not math.isclose(w_max, got_max, rel_tol=1e-9)):
            problems.append(Problem(fname, line, "value_max", repr(got_max),
                                    f"{w_max!r}, the upper end that as_written {written!r} "
                                    "reads as"))
        if got_max is not None and got_max < value:
            problems.append(Problem(fname, line, "value_max", repr(got_max),
                                    f"a number not below value ({value:g})"))
        if located and paras is not None and written not in paras[int(par) - 1]:
            problems.append(Problem(fname, line, "as_written",
                                    f"{written!r}, which is not in paragraph {par}",
                                    "the number exactly as printed in that paragraph of the "
                                    "article"))
    return problems


def _check_places(pkg: DataPackage, frame: pd.DataFrame) -> list[Problem]:
    """Each ``adcode`` is a place the data package knows: the province, the prefecture, or a
    county of ``context/counties.csv``."""
    counties = listed_county_codes(pkg)
    if counties is None:  # the county table cannot be read: its problem stands for this check
        return list(check_table(pkg.root, pkg.resource("context_counties")).problems)
    known = {PROVINCE, PREFECTURE} | counties
    where = pkg.file("context_counties")
    return [Problem(pkg.file("facts"), int(i) + 2, "adcode", repr(code),
                    f"the code of Sichuan province ({PROVINCE}), of the prefecture "
                    f"({PREFECTURE}) or of a county listed in {where}")
            for i, code in frame["adcode"].items() if not pd.isna(code) and code not in known]


@lru_cache(maxsize=8)
def _load(pkg: DataPackage, stamp: tuple) -> pd.DataFrame:
    """Validate and read; the schema check (Frictionless, about two seconds to warm up) is
    skipped when the same bytes already passed it, as recorded under ``_build/.validated``."""
    from analysis.data.schema_check import check_resources

    opened = check_table(pkg.root, pkg.resource("facts"))
    if opened.blocked:
        raise RegisterError(list(opened.problems))
    h = hashlib.sha256(pkg.descriptor_path.read_bytes() + pkg.path("facts").read_bytes())
    passed = paths.BUILD / ".validated" / f"facts-{h.hexdigest()}"
    problems = [] if passed.is_file() else check_resources(pkg, ["facts"])
    problems += check_register(pkg)
    if problems:
        raise RegisterError(problems)
    try:
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.touch()
    except OSError:  # a read-only checkout: validate again next time
        pass
    return _read(pkg).set_index("fact_id", drop=False)


def load_facts() -> pd.DataFrame:
    """The register of the current data package as a validated DataFrame, indexed by
    ``fact_id``.

    Raises:
        RegisterError: the register breaks its schema or its rows disagree with the article;
            the exception's ``problems`` name file, line, column, found and expected.
    """
    pkg = current()
    return _load(pkg, pkg.stamp("facts"))


def _locator(row) -> str:
    section = "front matter" if row["section"] == "front" else (
        "back matter" if row["section"] == "back" else f"section {row['section']}")
    return f"{section}, paragraph {int(row['paragraph'])}"


def fact(fact_id: str) -> Fact:
    """The claim ``fact_id`` of the register.

    Raises:
        UnknownFactError: no such id (the message suggests close ids).
        RegisterError: the register itself is not valid.
    """
    frame = load_facts()
    if fact_id not in frame.index:
        raise UnknownFactError(fact_id, difflib.get_close_matches(fact_id, frame.index, n=3))
    row = frame.loc[fact_id]
    vmax = row["value_max"]
    return Fact(
        fact_id=fact_id,
        value=float(row["value"]),
        value_max=None if pd.isna(vmax) else float(vmax),
        unit=str(row["unit"]),
        locator=_locator(row),
        description=str(row["description"]),
        qualifier="" if pd.isna(row["qualifier"]) else str(row["qualifier"]),
        period="" if pd.isna(row["period"]) else str(row["period"]),
        place=str(row["place"]),
        paragraph=int(row["paragraph"]),
        section=str(row["section"]),
    )


def value(fact_id: str) -> float:
    """Shorthand for ``fact(fact_id).value``."""
    return fact(fact_id).value
