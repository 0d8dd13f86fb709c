"""Schema checks of the tabular resources, by Frictionless, reported as :class:`Problem` s.

Frictionless (https://framework.frictionlessdata.io) checks each CSV against its Table Schema in
``datapackage.json``: types, required cells, enums, patterns, ranges, unique and primary keys,
missing or extra columns, and the file's sha256 hash. This module turns its report into the
project's plain messages (file, line, column, found, expected).
"""
from __future__ import annotations

import re
from pathlib import Path

from . import paths
from .problems import Problem

_EXPECT = {
    "type-error": "a value of type {type}",
    "constraint-error": "a value meeting {constraint}",
    "missing-label": "a column named '{field}'",
    "extra-label": "no column here (the schema has {nfields} columns)",
    "incorrect-label": "the column header '{field}'",
    "primary-key": "a primary key that is unique and not empty",
    "unique-error": "a unique value",
    "blank-row": "a row with values",
    "missing-cell": "a value (the row is short of columns)",
    "extra-cell": "no extra cell",
    "foreign-key": "a value that exists in the referenced table",
    "scheme-error": "a readable file",
    "source-error": "a readable file",
    "format-error": "a file in the declared format",
    "encoding-error": "UTF-8 text",
}


def _problem(file: str, err, nfields: int) -> Problem:
    code = err.type
    row = getattr(err, "row_number", None)
    column = getattr(err, "field_name", None) or getattr(err, "label", None) or None
    cell = getattr(err, "cell", None)
    note = getattr(err, "note", "") or ""
    if code == "type-error":
        m = re.search(r'type is "([\w]+)', note)
        expected = _EXPECT[code].format(type=m.group(1) if m else note)
        found = repr(cell)
    elif code == "constraint-error":
        found = repr(cell)
        m = re.match(r'constraint "(\w+)" is "(.*)"$', note)
        if m and m.group(1) == "enum":
            expected = "one of the declared values " + m.group(2).replace("'", "")
        elif m and m.group(1) == "required":
            found, expected = "an empty cell", "a value (this column is required)"
        elif m:
            expected = f"a value meeting {m.group(1)} {m.group(2)}"
        else:
            expected = _EXPECT[code].format(constraint=note)
    elif code in ("primary-key", "unique-error"):
        found = f"a repeated or empty key ({note})"
        expected = _EXPECT[code]
    elif code == "missing-label":
        found, expected = "no such column", _EXPECT[code].format(field=column)
    elif code in ("extra-label", "incorrect-label"):
        found = f"column header {getattr(err, 'label', '')!r}"
        expected = _EXPECT[code].format(field=column, nfields=nfields)
    else:
        found = note or err.message
        expected = _EXPECT.get(code, err.title if hasattr(err, "title") else code)
    return Problem(file, row, column, found, expected)


def check_resources(data_dir: Path, names: list[str] | None = None) -> list[Problem]:
    """Check the tabular resources of the package (all, or those in ``names``)."""
    import frictionless  # imported here: a second to load, only needed when checking

    problems: list[Problem] = []
    desc_path = data_dir / paths.DESCRIPTOR
    package = frictionless.Package(str(desc_path))
    for res in package.resources:
        if names is not None and res.name not in names:
            continue
        fpath = data_dir / res.path
        if not fpath.is_file():
            problems.append(Problem(res.path, None, None, "no such file",
                                    f"the file listed by resource '{res.name}'"))
            continue
        problems.extend(check_hash(data_dir, res.path, res.hash))
        if res.schema is None or not res.schema.fields:
            continue  # non-tabular resources (GeoJSON) are checked by their own modules
        nfields = len(res.schema.fields)
        report = res.validate()
        for task in report.tasks:
            problems.extend(_problem(res.path, e, nfields) for e in task.errors
                            if e.type not in ("hash-count", "byte-count"))
        problems.extend(_problem(res.path, e, nfields) for e in report.errors)
    return problems


def check_hash(data_dir: Path, rel: str, recorded: str | None) -> list[Problem]:
    """The file's sha256 against the one recorded in the descriptor."""
    from .descriptor import sha256

    actual = sha256(data_dir / rel)
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
