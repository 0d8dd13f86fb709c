"""Validation of the whole data package: ``python -m analysis validate [--data-dir DIR]``.

Runs, in order: the descriptor is readable (UTF-8 JSON, each key once, every resource named
once, with a path inside the data folder); every resource's file can be read
(:mod:`analysis.data.files`: not empty, not a pointer or a web page, UTF-8), a table's structure
and cells are as a CSV of its schema should be (:mod:`analysis.data.csv_check`) and its bytes
match the recorded sha256; each CSV meets its Table Schema (types, constraints, declared units,
unique ids, primary and foreign keys); the article's text on this machine is the one the
register was made against; the register agrees with the article (locators in range, each
``as_written`` phrase in its paragraph and reading as the row's value, when the text is here);
the context tables, the boundaries and the national files pass their own checks
(:mod:`analysis.data.national`). Each problem is printed once, on one line; a check that
fails in an unforeseen way is reported as a problem too, never as a traceback.
"""
from __future__ import annotations

from analysis.data import article, boundaries, context_checks, national, paths, register
from analysis.data.package import DataPackage, current
from analysis.data.problems import DataError, Problem
from analysis.data.schema_check import check_resources

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("*",)


def _run(check, pkg: DataPackage) -> list[Problem]:
    """The problems one check finds; a DataError it raises is its problems too."""
    try:
        return check(pkg)
    except DataError as exc:
        return exc.problems
    except Exception as exc:  # the last line of defence: bad input must never give a traceback
        return [Problem(paths.DESCRIPTOR, None, None, f"an input that {check.__module__}."
                        f"{check.__name__} could not check ({type(exc).__name__}: {exc})",
                        "data it can read (this is a gap in the checks: please report it)")]


def check_package(pkg: DataPackage | None = None) -> list[Problem]:
    """Every problem of the data package (default: the current one), each reported once."""
    pkg = pkg or current()
    if not pkg.root.is_dir():
        return [Problem(str(pkg.root), None, None, "no such directory", "a data directory")]
    try:
        pkg.descriptor()
    except DataError as exc:
        return exc.problems
    problems = []
    for check in (check_resources, article.check_identity, register.check_register,
                  context_checks.check_context, boundaries.check_boundaries,
                  national.check_national):
        problems += _run(check, pkg)
    return _merged(list(dict.fromkeys(problems)))


def _merged(problems: list[Problem]) -> list[Problem]:
    """One problem for the same finding on several lines of a file (the same unknown code in
    twenty rows is one message naming the twenty lines)."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        key = (p.file, p.column, p.found, p.expected) if isinstance(p.row, int) else (id(p),)
        groups.setdefault(key, []).append(p)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        rows = ", ".join(str(p.row) for p in group)
        first = group[0]
        out.append(Problem(first.file, f"lines {rows}", first.column, first.found,
                           first.expected))
    return out


def main(pkg: DataPackage | None = None) -> int:
    """Print one line per problem and return the exit status (0 = valid)."""
    pkg = pkg or current()
    problems = check_package(pkg)
    if not article.source_available():
        print(f"note: the register was NOT checked against the article's text, which is not "
              f"at {paths.source_text_path()} (its locators were checked against the recorded "
              f"paragraph count only). The text is public at {paths.SOURCE_TEXT_URL}: save it "
              f"and set {paths.SOURCE_TEXT_ENV} to its path")
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in the data package at {pkg.root}")
        return 1
    print(f"data package at {pkg.root} is valid")
    return 0
