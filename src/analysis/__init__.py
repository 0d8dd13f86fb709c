"""The analysis of the Liangshan compendium, in layers that import downwards only:

- :mod:`analysis.data` - the data package (paths, descriptor, the register of the article's
  claims, context tables, boundaries) and its validation;
- :mod:`analysis.domain` - computations: trends, incomes, housing, clinics, schools, policy,
  the audit...;
- :mod:`analysis.figures` - the house style, maps and each chapter's figures;
- :mod:`analysis.chapters` - for each chapter, the named values its prose shows;
- :mod:`analysis.notebook` - helpers for the chapters' cells (tables, glue).

:mod:`analysis.formatting` (how numbers are written) serves every layer. The book's build
machinery (Sphinx extensions, pre-execution) is a separate package, ``liangshan_book``, which
this package never imports. Importing ``analysis`` loads nothing heavy.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("liangshan-compendium")
except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
    __version__ = "unknown"
