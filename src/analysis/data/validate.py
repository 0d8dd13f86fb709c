"""Validation of the whole data package: ``python -m analysis validate [--data-dir DIR]``.

Runs, in order: the descriptor is readable; every resource's file exists and matches its
recorded sha256; each CSV meets its Table Schema (types, constraints, declared units, unique
ids, primary and foreign keys); the article's text on this machine is the one the register was
made against; the register agrees with the article (locators in range, each ``as_written``
phrase in its paragraph and reading as the row's value, when the text is here); the context
tables, the boundaries and the national files pass their own checks
(:mod:`analysis.data.national`).
"""
from __future__ import annotations

from analysis.data import article, boundaries, context_checks, national, paths, register
from analysis.data.package import DataPackage, current
from analysis.data.problems import DataError, Problem
from analysis.data.schema_check import check_resources

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("*",)


def check_package(pkg: DataPackage | None = None) -> list[Problem]:
    """Every problem of the data package (default: the current one)."""
    pkg = pkg or current()
    if not pkg.root.is_dir():
        return [Problem(str(pkg.root), None, None, "no such directory", "a data directory")]
    try:
        pkg.descriptor()
        problems = check_resources(pkg)
        problems += article.check_identity(pkg)
    except DataError as exc:
        return exc.problems
    except Exception as exc:  # frictionless refuses a descriptor it cannot read
        return [Problem(paths.DESCRIPTOR, None, None, f"a descriptor that cannot be read ({exc})",
                        "a valid Frictionless data package descriptor")]
    problems += register.check_register(pkg)
    problems += context_checks.check_context(pkg)
    problems += boundaries.check_boundaries(pkg)
    problems += national.check_national(pkg)
    return problems


def main(pkg: DataPackage | None = None) -> int:
    """Print one line per problem and return the exit status (0 = valid)."""
    pkg = pkg or current()
    problems = check_package(pkg)
    if not article.source_available():
        print(f"note: the article's text is not at {paths.source_text_path()}, so the register "
              f"was not checked against it (public text: {paths.SOURCE_TEXT_URL}; set "
              f"{paths.SOURCE_TEXT_ENV} to a local copy)")
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in the data package at {pkg.root}")
        return 1
    print(f"data package at {pkg.root} is valid")
    return 0
