"""Schema checks of the data package's resources, reported as problems
(:class:`~analysis.data.problems.Problem`).

For each resource, in order: its file's bytes (:mod:`analysis.data.files`; a refused file is
reported alone), a table's structure and cells (:mod:`analysis.data.csv_check`), the file's
sha256 against the descriptor (:func:`check_hash`), then Frictionless
(https://framework.frictionlessdata.io) against the Table Schema in ``datapackage.json``: types,
required cells, enums, patterns, ranges, unique and primary keys, foreign keys. Each error of
its report becomes the project's plain message (file, line, column, found, expected), from the
error's structured fields (``row_number``, ``field_name``, ``cell``, ``cells``, ``note``) and the
resource's schema. Errors that only echo a problem already reported are left out: a cell or row
that the table check reported, a foreign key into a table that cannot be read, a reference that
matches once the referenced table's stray spaces are removed, a unique-value error beside the
primary-key error of the same row.
"""
from __future__ import annotations

import copy
import hashlib
import json
import re

from analysis.data import csv_check, files, paths
from analysis.data.package import DataPackage, sha256
from analysis.data.problems import Problem

#: What a value of each Table Schema type looks like, in the book's words.
_TYPES = {
    "integer": "a value of type integer (a whole number, digits only)",
    "number": "a value of type number (digits, with a decimal point if need be)",
    "date": "a value of type date (written YYYY-MM-DD)",
    "boolean": "a value of type boolean (true or false)",
}
#: Kinds of Frictionless errors that the table check reports in its own words.
_ECHOES = {"blank-row", "missing-cell", "extra-cell", "missing-label", "extra-label",
           "incorrect-label", "duplicate-label", "blank-label", "hash-count", "byte-count"}
_POSITION = re.compile(r"row at position (\d+)")


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


def _first(err) -> str:
    """`` (first on line N)`` from a key error's note, or nothing."""
    m = _POSITION.search(getattr(err, "note", "") or "")
    return f" (first on line {m.group(1)})" if m else ""


def _problem(res, err, files_of: dict[str, str]) -> Problem | None:
    code = err.type
    row = getattr(err, "row_number", None)
    column = getattr(err, "field_name", None) or getattr(err, "label", None) or None
    cell = getattr(err, "cell", None)
    field = _schema_field(res, column)
    if code == "type-error":
        kind = field.type if field is not None else "the declared type"
        return Problem(res.path, row, column, repr(cell),
                       _TYPES.get(kind, f"a value of type {kind}"))
    if code == "constraint-error":
        found, expected = _failed_constraint(field, cell)
        return Problem(res.path, row, column, found, expected)
    if code == "primary-key":
        keys = list(res.schema.primary_key)
        labels = [f.name for f in res.schema.fields]
        cells = list(getattr(err, "cells", []) or [])
        values = [cells[labels.index(k)] if k in labels and labels.index(k) < len(cells)
                  else "" for k in keys]
        if any(v in ("", None) for v in values):
            return None  # an empty key cell: reported as a required value
        shown = ", ".join(f"{k}={v!r}" for k, v in zip(keys, values))
        return Problem(res.path, row, ", ".join(keys), f"the key {shown} again{_first(err)}",
                       f"a unique key: each {' + '.join(keys)} once")
    if code == "unique-error":
        return Problem(res.path, row, column, f"{cell!r} again{_first(err)}",
                       f"a unique value: each {column} once")
    if code == "foreign-key":
        names = getattr(err, "field_names", []) or []
        cells = getattr(err, "field_cells", []) or []
        ref = getattr(err, "reference_name", "") or res.name
        ref_fields = ", ".join(getattr(err, "reference_field_names", []) or names)
        shown = ", ".join(repr(c) for c in cells)
        article = "an" if ref_fields[:1] in tuple("aeiou") else "a"
        return Problem(res.path, row, ", ".join(names), shown,
                       f"{article} {ref_fields} listed in {files_of.get(ref, ref)}")
    note = getattr(err, "note", "") or err.message
    return Problem(res.path, row, column, note, err.title)


def _kind(res: dict) -> str:
    fmt = str(res.get("format") or res["path"].rsplit(".", 1)[-1]).lower()
    return fmt if fmt in files.KINDS else "json"


def _frictionless_package(pkg: DataPackage):
    """The descriptor as a Frictionless package (read from the checked descriptor, so a
    byte-order mark or a stray key does not stop Frictionless first)."""
    import frictionless  # imported here: a second to load, only needed when checking

    try:
        return frictionless.Package(copy.deepcopy(pkg.descriptor()), basepath=str(pkg.root)), []
    except frictionless.FrictionlessException as exc:
        note = getattr(getattr(exc, "error", None), "note", "") or str(exc)
        return None, [Problem(paths.DESCRIPTOR, None, None, f"a descriptor that Frictionless "
                              f"cannot read ({note})", "a valid Frictionless data package "
                              "descriptor (see https://specs.frictionlessdata.io)")]


def check_resources(pkg: DataPackage, names: list[str] | None = None) -> list[Problem]:
    """Check the resources of the package (all, or those in ``names``), as the module says.

    Raises:
        DataError: the descriptor itself cannot be read.
    """
    resources = pkg.descriptor()["resources"]
    tables = {r["name"]: csv_check.check_table(pkg.root, r) for r in resources
              if (r.get("schema") or {}).get("fields")}
    problems: list[Problem] = []
    wanted = [r for r in resources if names is None or r["name"] in names]
    checked = []
    for res in wanted:
        check = tables.get(res["name"])
        if check is None:  # a GeoJSON: its content is checked by analysis.data.boundaries
            opened = files.read_text(pkg.root, res["path"], _kind(res))
            problems += opened.problems
            if not opened.blocked:
                problems += check_hash(pkg, res["path"], res.get("hash"))
            continue
        problems += check.problems
        if not check.blocked:
            problems += check_hash(pkg, res["path"], res.get("hash"))
            checked.append(res["name"])
    by_name = {r["name"]: r for r in resources}
    keys = {name: _content_key(pkg, by_name, name) for name in checked}
    found = {name: _RESULTS[key] for name, key in keys.items() if key in _RESULTS}
    if len(found) < len(keys):
        package, failed = _frictionless_package(pkg)
        if package is None:
            return problems + failed
        files_of = {r.name: r.path for r in package.resources}
        for name, key in keys.items():
            if name not in found:
                found[name] = _frictionless_problems(package.get_resource(name), tables,
                                                     files_of)
                while len(_RESULTS) >= 64:
                    _RESULTS.pop(next(iter(_RESULTS)))
                _RESULTS[key] = found[name]
    for name in checked:
        problems += found[name]
    return problems


#: Frictionless's findings for a table, by :func:`_content_key` (the same bytes in another
#: folder, a copy of the data package, are not checked again; Frictionless takes a few tenths
#: of a second per table).
_RESULTS: dict[str, list[Problem]] = {}


def _content_key(pkg: DataPackage, by_name: dict[str, dict], name: str) -> str:
    """Digest of what Frictionless's check of table ``name`` depends on: its descriptor entry
    and file, and those of the tables its foreign keys refer to."""
    res = by_name[name]
    refs = {(fk.get("reference") or {}).get("resource") or name
            for fk in (res.get("schema") or {}).get("foreignKeys") or []}
    h = hashlib.sha256()
    for n in [name, *sorted(refs - {name})]:
        entry = by_name.get(n)
        h.update(json.dumps(entry, sort_keys=True).encode() + b"\0")
        path = pkg.root / entry["path"] if entry else None
        h.update(hashlib.sha256(path.read_bytes()).digest() if path and path.is_file()
                 else b"-")
    return h.hexdigest()


def _frictionless_problems(res, tables: dict, files_of: dict[str, str]) -> list[Problem]:
    check = tables[res.name]
    blocked = {n for n, t in tables.items() if t.blocked}
    refs = {(fk.get("reference") or {}).get("resource") for fk in res.schema.foreign_keys}
    # a table this one refers to cannot be read: its problem stands for the references too
    out = [p for name in sorted(refs & blocked) for p in tables[name].problems]
    res.schema.foreign_keys = [fk for fk in res.schema.foreign_keys
                               if (fk.get("reference") or {}).get("resource") not in blocked]
    try:
        report = res.validate()
    except Exception as exc:  # a cell Frictionless cannot compare (e.g. NaN against a minimum)
        if check.problems:
            return out  # the table check has reported the cell
        return out + [Problem(res.path, None, None, f"a table Frictionless cannot check "
                        f"({type(exc).__name__}: {exc})", "cells its schema can read")]
    errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
    keyed_rows = {e.row_number for e in errors if e.type == "primary-key"
                  and len(res.schema.primary_key) == 1}
    for err in errors:
        row = getattr(err, "row_number", None)
        column = getattr(err, "field_name", None)
        columns = getattr(err, "field_names", None) or [column]
        if (err.type in _ECHOES or row in check.lines
                or any((row, c) in check.cells for c in columns)
                or (err.type == "unique-error" and row in keyed_rows)
                or (err.type == "foreign-key" and _echo_reference(err, res, tables))):
            continue
        problem = _problem(res, err, files_of)
        if problem is not None:
            out.append(problem)
    return out


def _echo_reference(err, res, tables: dict) -> bool:
    """Whether a foreign-key error only echoes stray spaces in the referenced table's key."""
    ref = tables.get(getattr(err, "reference_name", "") or res.name)
    if ref is None or not ref.problems:
        return False
    fields = getattr(err, "reference_field_names", []) or []
    if not all(f in ref.columns for f in fields):
        return False
    keys = set(zip(*(ref.columns[f] for f in fields)))
    cells = tuple(str(c).strip() for c in getattr(err, "field_cells", []) or [])
    return cells in keys


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
