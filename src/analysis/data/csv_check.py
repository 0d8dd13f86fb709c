"""A CSV table's structure and cells, checked before Frictionless reads it against its schema.

After :mod:`analysis.data.files` has read the bytes, this module reads the table with
Python's ``csv`` module and answers what a spreadsheet or an editor does to a table:

* refused, and the table *blocked* (nothing else checked in it): values separated by semicolons,
  tabs or bars; a quoted value that never closes; a header with a blank, repeated, misspelt,
  missing or extra column, or the columns in another order; a header and no rows;
* refused, row by row: an empty line inside the table, a row of separators only, a row with
  more or fewer cells than the header, a last line without a line break (a file cut short?);
* refused, cell by cell, in a number column: ``NaN``, ``N/A``, ``-`` and other stand-ins for a
  missing value (only an empty cell means missing), spreadsheet errors (``#DIV/0!``),
  thousands separators, a decimal comma, a percent sign, exponent notation, a whole number
  written with decimals (``2019.0``), spaces around the number; in a column of codes, ids or
  declared values: spaces or invisible characters around the value;
* accepted: empty lines at the end of the file; spaces around free text (stripped on loading).

Each finding is a :class:`~analysis.data.problems.Problem` with the file's line and column; the
lines and cells reported here are returned too, so that the schema check does not report them a
second time in Frictionless's words.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.data.files import read_text
from analysis.data.problems import Problem

#: Stand-ins for a missing value that a number column refuses (compared in lower case).
MISSING_MARKERS = frozenset({
    "nan", "na", "n/a", "n.a.", "#n/a", "null", "none", "nil", "-", "--", "—", "–", "?", ".",
    "..", "...", "inf", "+inf", "-inf", "infinity", "-infinity", "missing", "unknown"})
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}([, '\u00a0\u2009\u202f]\d{3})+(\.\d+)?")
_EXPONENT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_SEPARATORS = ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars"))


@dataclass(frozen=True)
class TableCheck:
    """What the checks of one table found.

    Attributes:
        problems: the problems, in file order.
        blocked: whether the table cannot be read as its schema says (nothing else is checked).
        lines: lines whose other errors are echoes of a problem here, or accepted empty lines.
        cells: ``(line, column)`` of the cells reported here.
        columns: each column's cells, stripped of spaces (for checks of references to it).
    """

    problems: tuple[Problem, ...]
    blocked: bool
    lines: frozenset[int] = frozenset()
    cells: frozenset[tuple[int, str]] = frozenset()
    columns: dict[str, list[str]] = field(default_factory=dict)


def check_table(root: Path, res: dict[str, Any]) -> TableCheck:
    """Check the CSV file of resource ``res`` (its descriptor entry) in data folder ``root``."""
    path = root / res["path"]
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    return _check_table(root, res["path"], json.dumps(res.get("schema", {}), sort_keys=True),
                        stamp)


@lru_cache(maxsize=32)
def _check_table(root: Path, rel: str, schema_json: str, stamp) -> TableCheck:
    opened = read_text(root, rel, "csv")
    if opened.blocked:
        return TableCheck(opened.problems, True)
    schema = json.loads(schema_json)
    return _Table(rel, schema).check(opened.text)


class _Table:
    def __init__(self, rel: str, schema: dict[str, Any]):
        self.rel = rel
        self.fields = schema.get("fields", [])
        self.names = [f["name"] for f in self.fields]
        keyed = set(schema.get("primaryKey") or [])
        for fk in schema.get("foreignKeys") or []:
            keyed |= set(fk.get("fields") or [])
        self.coded = {f["name"] for f in self.fields
                      if f["name"] in keyed or set(f.get("constraints") or {}) & {
                          "pattern", "enum", "unique"}}
        self.problems: list[Problem] = []
        self.lines: set[int] = set()
        self.cells: set[tuple[int, str]] = set()

    def _add(self, line, column, found, expected):
        self.problems.append(Problem(self.rel, line, column, found, expected))

    def _blocked(self, line, column, found, expected) -> TableCheck:
        self._add(line, column, found, expected)
        return TableCheck(tuple(self.problems), True)

    def check(self, text: str) -> TableCheck:
        first = text.split("\n", 1)[0].rstrip("\r")
        if "," not in first:
            for sep, word in _SEPARATORS:
                if sep in first:
                    return self._blocked(1, None, f"values separated by {word}",
                                         "values separated by commas (save the table as "
                                         "'CSV UTF-8 (comma delimited)')")
        rows, line = [], 1
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            for cells in reader:
                rows.append((line, cells))
                line = reader.line_num + 1
        except csv.Error as exc:
            found = ("a quoted value that is never closed (its quote opens on this line)"
                     if "end of data" in str(exc) else f"a malformed quoted value ({exc})")
            return self._blocked(line, None, found, "CSV quoting: a value holding a comma, a "
                                 "quote or a line break is enclosed in double quotes, and its "
                                 "own double quotes are doubled")
        self._header(rows[0][1])
        if self.problems:
            return TableCheck(tuple(self.problems), True)
        body = rows[1:]
        while body and body[-1][1] == []:
            self.lines.add(body.pop()[0])  # empty lines at the end: harmless, accepted
        if not body:
            return self._blocked(None, None, "a header and no rows of data",
                                 "at least one row of data")
        for line, cells in body:
            self._row(line, cells)
        if not text.endswith(("\n", "\r")):
            self._add(rows[-1][0], None, "a last line without a line break (was the file cut "
                      "short?)", "a line break at the end of the file, after a complete row")
        columns = {n: [c[i].strip() for _, c in body if len(c) == len(self.names)]
                   for i, n in enumerate(self.names)}
        return TableCheck(tuple(self.problems), False, frozenset(self.lines),
                          frozenset(self.cells), columns)

    def _header(self, header: list[str]) -> None:
        names = self.names
        for i, h in enumerate(header):
            if not h.strip():
                want = f" (the schema's '{names[i]}')" if i < len(names) else ""
                self._add(1, None, f"no header for column {i + 1}", f"a column header{want}")
        for h, n in Counter(h for h in header if h.strip()).items():
            if n > 1:
                at = ", ".join(str(i + 1) for i, x in enumerate(header) if x == h)
                self._add(1, h, f"the column header '{h}' {n} times (columns {at})",
                          "each column header once")
        misspelt = {}
        for h in header:
            if h.strip() and h not in names:
                near = [n for n in names if n.lower() == h.strip().lower() and n not in header]
                if near:
                    misspelt[h] = near[0]
                    self._add(1, near[0], f"the column header {h!r}", f"'{near[0]}', spelt "
                              "exactly so (no spaces around it, same upper and lower case)")
        for n in names:
            if n not in header and n not in misspelt.values():
                self._add(1, n, "no such column", f"a column named '{n}'")
        for h in header:
            if h.strip() and h not in names and h not in misspelt:
                self._add(1, h, "a column that the schema does not declare",
                          "only the schema's columns: " + ", ".join(names))
        if not self.problems and header != names:
            self._add(1, None, "the columns in the order " + ", ".join(header),
                      "the schema's order " + ", ".join(names))

    def _row(self, line: int, cells: list[str]) -> None:
        n = len(self.names)
        if not cells:
            self.lines.add(line)
            self._add(line, None, "an empty line inside the table",
                      "no empty line between rows (delete it)")
        elif not any(c.strip() for c in cells):
            self.lines.add(line)
            self._add(line, None, "a row with no values (only separators, as a spreadsheet "
                      "leaves them)", "no such row (delete it)")
        elif len(cells) != n:
            self.lines.add(line)
            hint = (" (a value holding a comma must be in double quotes)" if len(cells) > n
                    else " (was the row cut short?)")
            self._add(line, None, f"{len(cells)} cells", f"{n} cells, one per column of the "
                      f"header{hint}")
        else:
            for fld, cell in zip(self.fields, cells):
                issue = cell_issue(fld, cell, fld["name"] in self.coded)
                if issue:
                    self.cells.add((line, fld["name"]))
                    self._add(line, fld["name"], *issue)


def cell_issue(fld: dict[str, Any], cell: str, coded: bool = False) -> tuple[str, str] | None:
    """``(found, expected)`` for a cell that a spreadsheet wrote in a way its column refuses,
    or ``None`` (the schema check judges the rest).

    Args:
        fld: the column's Table Schema field.
        cell: the cell as written.
        coded: whether the column holds codes, ids or declared values (spaces count there).
    """
    if cell == "":
        return None
    kind = fld.get("type", "string")
    if kind in ("number", "integer"):
        return _number_issue(cell, kind, (fld.get("constraints") or {}).get("required", False))
    if kind in ("date", "boolean") or coded:
        clean = _INVISIBLE.sub("", cell).strip()
        if clean != cell:
            return f"{cell!r}, with {_around(cell)}", f"{clean!r}, with nothing around it"
    return None


def _around(cell: str) -> str:
    if _INVISIBLE.search(cell):
        ch = _INVISIBLE.search(cell).group()
        return f"an invisible character (U+{ord(ch):04X})"
    before, after = cell != cell.lstrip(), cell != cell.rstrip()
    return "spaces before and after it" if before and after else (
        "a space before it" if before else "a space after it")


def _number_issue(cell: str, kind: str, required: bool) -> tuple[str, str] | None:
    s = cell.strip()
    want = f"a number ({'this column is required' if required else 'or an empty cell'})"
    if not s:
        return f"{cell!r}, a cell of spaces only", want
    if s.lower() in MISSING_MARKERS:
        return (f"{cell!r}, a stand-in for a missing value",
                want + (", not a word or sign for it" if required else
                        ": only an empty cell means that a value is missing"))
    if s.startswith("#"):
        return f"{cell!r}, a spreadsheet error", want
    if s != cell and _NUMBER.fullmatch(s):
        return f"{cell!r}, a number with spaces around it", f"the number alone, {s}"
    if s.endswith("%") and _NUMBER.fullmatch(s[:-1].strip()):
        return (f"{cell!r}, a number with a percent sign",
                f"the number alone, {s[:-1].strip()} (the unit column says what it counts)")
    if _GROUPED.fullmatch(s):
        digits = re.sub(r"[, '\u00a0\u2009\u202f]", "", s)
        return (f"{cell!r}, a number with thousands separators",
                f"a number written with digits alone, {digits}")
    if "," in s and _NUMBER.fullmatch(s.replace(",", ".", 1)):
        return f"{cell!r}, a number with a decimal comma", f"a decimal point, {s.replace(',', '.')}"
    if _EXPONENT.fullmatch(s):
        try:
            full = format(Decimal(s).normalize(), "f")
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            full = "its digits"
        return (f"{cell!r}, a number in exponent notation (a spreadsheet's display format?)",
                f"the number written out in full, {full}")
    if kind == "integer" and re.fullmatch(r"[+-]?\d+\.0+", s):
        return (f"{cell!r}, a whole number written with decimals",
                f"a whole number, {s.split('.')[0]}")
    return None
