"""The register of the article's quantitative claims (``data/facts.csv``).

One row per claim, with its locator in the article. Chapters and analysis modules read numbers
from here by ``fact_id``, never by re-typing them::

    from analysis.register import fact
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
from pathlib import Path

import pandas as pd

from . import article, descriptor, paths
from .problems import Problem, RegisterError, SourceTextMissing, UnknownFactError

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("datapackage.json", "facts.csv")

#: Paragraph spans of the article's sections (from the locator convention of its README).
SECTION_SPANS = {"front": (1, 4), "I": (5, 11), "II": (12, 20), "III": (21, 32),
                 "IV": (33, 42), "back": (43, 43)}

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


def _read(data_dir: Path) -> pd.DataFrame:
    res = descriptor.resource("facts", data_dir)
    dtypes = {f["name"]: _DTYPES.get(f["type"], "string") for f in res["schema"]["fields"]}
    path = data_dir / res["path"]
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    for col, dtype in dtypes.items():
        if col in frame and dtype != "string":
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(dtype)
    return frame


def check_register(data_dir: str | Path | None = None, *, with_text: bool = True
                   ) -> list[Problem]:
    """Problems of the register beyond its Table Schema (checked by ``schema_check``).

    Checks, row by row: the section agrees with the paragraph's span; ``as_written`` reads as
    ``value`` (and ``value_max``); a range runs upwards; and, when the article's text is on this
    machine and ``with_text`` is true, ``as_written`` stands in the row's paragraph.
    """
    root = paths.data_dir(data_dir)
    res = descriptor.resource("facts", root)
    fname = res["path"]
    try:
        frame = _read(root)
    except (OSError, pd.errors.ParserError) as exc:
        return [Problem(fname, None, None, f"an unreadable file ({exc})", "a CSV file")]
    required = ["fact_id", "section", "paragraph", "value", "value_max", "as_written"]
    missing = [c for c in required if c not in frame.columns]
    if missing:  # the schema check reports each missing column
        return []
    try:
        paras = article.paragraphs() if with_text else None
    except SourceTextMissing:
        paras = None
    problems = []
    for i, row in frame.iterrows():
        line = int(i) + 2
        sec, par = row["section"], row["paragraph"]
        if sec in SECTION_SPANS and not pd.isna(par):
            lo, hi = SECTION_SPANS[sec]
            if not lo <= par <= hi:
                problems.append(Problem(fname, line, "paragraph", f"paragraph {par}",
                                        f"a paragraph of section {sec} ({lo}-{hi})"))
        written, value, vmax = row["as_written"], row["value"], row["value_max"]
        if pd.isna(written) or pd.isna(value):
            continue  # reported by the schema check as a missing required value
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
        if pd.isna(par):
            continue
        count = len(paras) if paras is not None else article.PARAGRAPH_COUNT
        if not 1 <= par <= count:
            problems.append(Problem(fname, line, "paragraph", repr(par),
                                    f"a paragraph number from 1 to {count}"))
        elif paras is not None and written not in paras[int(par) - 1]:
            problems.append(Problem(fname, line, "as_written",
                                    f"{written!r}, which is not in paragraph {par}",
                                    "the number exactly as printed in that paragraph of the "
                                    "article"))
    return problems


def _content_digest(data_dir: Path) -> str:
    h = hashlib.sha256()
    for name in (paths.DESCRIPTOR, paths.FACTS):
        h.update((data_dir / name).read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=8)
def _load(data_dir: Path, stamp: tuple) -> pd.DataFrame:
    """Validate and read; the schema check (Frictionless, about two seconds to warm up) is
    skipped when the same bytes already passed it, as recorded under ``_build/.validated``."""
    from .schema_check import check_resources

    digest = _content_digest(data_dir)
    passed = paths.BUILD / ".validated" / f"facts-{digest}"
    problems = [] if passed.is_file() else check_resources(data_dir, ["facts"])
    problems += check_register(data_dir)
    if problems:
        raise RegisterError(problems)
    try:
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.touch()
    except OSError:  # a read-only checkout: validate again next time
        pass
    return _read(data_dir).set_index("fact_id", drop=False)


def load_facts(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The register as a validated DataFrame, indexed by ``fact_id``.

    Raises:
        RegisterError: the register breaks its schema or its rows disagree with the article;
            the exception's ``problems`` name file, line, column, found and expected.
    """
    root = paths.data_dir(data_dir)
    path = root / paths.FACTS
    stat = path.stat() if path.exists() else None
    stamp = (stat.st_mtime_ns, stat.st_size) if stat else None
    return _load(root, (stamp, (root / paths.DESCRIPTOR).stat().st_mtime_ns))


def _locator(row) -> str:
    section = "front matter" if row["section"] == "front" else (
        "back matter" if row["section"] == "back" else f"section {row['section']}")
    return f"{section}, paragraph {int(row['paragraph'])}"


def fact(fact_id: str, data_dir: str | Path | None = None) -> Fact:
    """The claim ``fact_id`` of the register.

    Raises:
        UnknownFactError: no such id (the message suggests close ids).
        RegisterError: the register itself is not valid.
    """
    frame = load_facts(data_dir)
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


def value(fact_id: str, data_dir: str | Path | None = None) -> float:
    """Shorthand for ``fact(fact_id).value``."""
    return fact(fact_id, data_dir).value
