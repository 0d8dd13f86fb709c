"""Validation of the whole data package: ``python -m analysis validate [--data-dir DIR]``.

Runs, in order: the descriptor is readable; every resource's file exists and matches its
recorded sha256; each CSV meets its Table Schema (types, constraints, declared units, unique
ids, primary and foreign keys); the register agrees with the article (locators in range, each
``as_written`` phrase in its paragraph and reading as the row's value, when the text is here);
the context tables and the boundaries pass their own checks.
"""
from __future__ import annotations

from pathlib import Path

from . import article, paths, register
from .problems import DataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("*",)


def check_package(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem of the data package in ``data_dir`` (default: the repository's ``data/``)."""
    from .schema_check import check_resources

    root = paths.data_dir(data_dir)
    if not root.is_dir():
        return [Problem(str(root), None, None, "no such directory", "a data directory")]
    try:
        problems = check_resources(root)
    except DataError as exc:
        return exc.problems
    except Exception as exc:  # frictionless refuses a broken descriptor
        return [Problem(paths.DESCRIPTOR, None, None, f"a descriptor that cannot be read ({exc})",
                        "a valid Frictionless data package descriptor")]
    problems += register.check_register(root)
    for check in _context_checks():
        problems += check(root)
    return problems


def _context_checks():
    """The checks of the context tables and boundaries (modules of their own)."""
    from . import boundaries, context

    return [context.check_context, boundaries.check_boundaries]


def main(data_dir: str | None = None) -> int:
    """Print one line per problem and return the exit status (0 = valid)."""
    problems = check_package(data_dir)
    root = paths.data_dir(data_dir)
    if not article.source_available():
        print(f"note: the article's text is not at {paths.source_text_path()}, so the register "
              f"was not checked against it (public text: {paths.SOURCE_TEXT_URL}; set "
              f"{paths.SOURCE_TEXT_ENV} to a local copy)")
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in the data package at {root}")
        return 1
    print(f"data package at {root} is valid")
    return 0
