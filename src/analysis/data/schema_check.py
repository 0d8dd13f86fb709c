"""Schema checks of the tabular resources, by Frictionless, reported as problems
(:class:`~analysis.data.problems.Problem`).

Frictionless (https://framework.frictionlessdata.io) checks each CSV against its Table Schema in
``datapackage.json``: types, required cells, enums, patterns, ranges, unique and primary keys,
missing or extra columns, foreign keys. This module turns each error of its report into the
project's plain message (file, line, column, found, expected), from the error's structured
fields (``row_number``, ``field_name``, ``cell``, ``cells``) and the resource's schema; the
file's sha256 against the descriptor is checked here too (:func:`check_hash`).
"""
from __future__ import annotations

import re

from analysis.data.package import DataPackage, sha256
from analysis.data.problems import Problem

#: What each kind of Frictionless error expected, in the book's words.
_EXPECT = {
    "missing-label": "a column named '{field}'",
    "extra-label": "no column here (the schema has {nfields} columns)",
    "incorrect-label": "the column header '{field}'",
    "duplicate-label": "each column header once",
    "blank-label": "a column header",
    "blank-row": "a row with values",
    "missing-cell": "a value (the row is short of columns)",
    "extra-cell": "no extra cell (the row has more cells than the header)",
    "scheme-error": "a readable file",
    "source-error": "a readable file",
    "format-error": "a file in the declared format",
    "encoding-error": "UTF-8 text",
}


def _schema_field(res, name):
    if res.schema is None or not name:
        return None
    return next((f for f in res.schema.fields if f.name == name), None)


def _failed_constraint(field, cell) -> tuple[str, str]:
    """(found, expected) for a constraint error, from the field's declared constraints."""
    cons = dict(field.constraints or {}) if field is not None else {}
    if cell in (None, "") and cons.get("required"):
        return "an empty cell", "a value (this column is required)"
    if "enum" in cons and cell not in [str(v) for v in cons["enum"]]:
        return repr(cell), "one of the declared values " + ", ".join(str(v) for v in cons["enum"])
    if "pattern" in cons and not re.fullmatch(cons["pattern"], str(cell)):
        return repr(cell), f"a value matching the pattern {cons['pattern']}"
    value = field.read_cell(cell)[0] if field is not None else None
    for key, word in (("minimum", ">="), ("maximum", "<="), ("exclusiveMinimum", ">"),
                      ("exclusiveMaximum", "<")):
        if key in cons and value is not None:
            ok = {"minimum": value >= cons[key], "maximum": value <= cons[key],
                  "exclusiveMinimum": value > cons[key],
                  "exclusiveMaximum": value < cons[key]}[key]
            if not ok:
                return repr(cell), f"a number {word} {cons[key]}"
    for key, word in (("minLength", "at least"), ("maxLength", "at most")):
        if key in cons:
            return repr(cell), f"a text of {word} {cons[key]} characters"
    return repr(cell), "a value meeting the column's constraints " + repr(cons)


def _problem(res, err, nfields: int, files: dict[str, str]) -> Problem:
    code = err.type
    row = getattr(err, "row_number", None)
    column = getattr(err, "field_name", None) or getattr(err, "label", None) or None
    cell = getattr(err, "cell", None)
    field = _schema_field(res, column)
    if code == "type-error":
        kind = field.type if field is not None else "the declared type"
        fmt = f" ({field.format})" if field is not None and field.format not in (
            None, "default") else ""
        return Problem(res.path, row, column, repr(cell), f"a value of type {kind}{fmt}")
    if code == "constraint-error":
        found, expected = _failed_constraint(field, cell)
        return Problem(res.path, row, column, found, expected)
    if code == "primary-key":
        keys = list(res.schema.primary_key)
        labels = [f.name for f in res.schema.fields]
        cells = list(getattr(err, "cells", []) or [])
        values = [cells[labels.index(k)] if k in labels and labels.index(k) < len(cells)
                  else "" for k in keys]
        shown = ", ".join(f"{k}={v!r}" for k, v in zip(keys, values))
        return Problem(res.path, row, ", ".join(keys), f"the key {shown} again or empty",
                       "a key that is unique and not empty")
    if code == "unique-error":
        return Problem(res.path, row, column, f"{cell!r} again", "a unique value")
    if code == "foreign-key":
        names = getattr(err, "field_names", []) or []
        cells = getattr(err, "field_cells", []) or []
        ref = getattr(err, "reference_name", "") or res.name
        ref_fields = ", ".join(getattr(err, "reference_field_names", []) or names)
        shown = ", ".join(repr(c) for c in cells)
        return Problem(res.path, row, ", ".join(names), shown,
                       f"a {ref_fields} listed in {files.get(ref, ref)}")
    if code == "missing-label":
        return Problem(res.path, None, column, "no such column",
                       _EXPECT[code].format(field=column))
    if code in ("extra-label", "incorrect-label", "duplicate-label", "blank-label"):
        return Problem(res.path, 1, column, f"column header {getattr(err, 'label', '')!r}",
                       _EXPECT[code].format(field=column, nfields=nfields))
    note = getattr(err, "note", "") or err.message
    return Problem(res.path, row, column, note, _EXPECT.get(code, err.title))


def check_resources(pkg: DataPackage, names: list[str] | None = None) -> list[Problem]:
    """Check the tabular resources of the package (all, or those in ``names``)."""
    import frictionless  # imported here: a second to load, only needed when checking

    problems: list[Problem] = []
    package = frictionless.Package(str(pkg.descriptor_path))
    files = {r.name: r.path for r in package.resources}
    for res in package.resources:
        if names is not None and res.name not in names:
            continue
        fpath = pkg.root / res.path
        if not fpath.is_file():
            problems.append(Problem(res.path, None, None, "no such file",
                                    f"the file listed by resource '{res.name}'"))
            continue
        problems.extend(check_hash(pkg, res.path, res.hash))
        if res.schema is None or not res.schema.fields:
            continue  # non-tabular resources (GeoJSON) are checked by their own modules
        nfields = len(res.schema.fields)
        report = res.validate()
        for task in report.tasks:
            problems.extend(_problem(res, e, nfields, files) for e in task.errors
                            if e.type not in ("hash-count", "byte-count"))
        problems.extend(_problem(res, e, nfields, files) for e in report.errors)
    return problems


def check_hash(pkg: DataPackage, rel: str, recorded: str | None) -> list[Problem]:
    """The file's sha256 against the one recorded in the descriptor."""
    actual = sha256(pkg.root / rel)
    if not recorded:
        return [Problem(rel, None, "hash", "no hash recorded in datapackage.json",
                        f"hash {actual[:19]}… (run `python -m analysis hashes`)")]
    recorded = recorded if recorded.startswith("sha256:") else "sha256:" + recorded
    if recorded != actual:
        return [Problem(rel, None, "hash", f"a file whose {actual[:19]}…",
                        f"the {recorded[:19]}… recorded in datapackage.json (the file changed "
                        "since it was described; after a deliberate edit run "
                        "`python -m analysis hashes`)")]
    return []
