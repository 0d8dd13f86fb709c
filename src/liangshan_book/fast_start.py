"""Jupyter Book's command line, started without a grammar it never uses: ``python -m
liangshan_book.fast_start build ...`` is how :mod:`liangshan_book.build` runs Jupyter Book.

jsonschema checks the "iri" string format with rfc3987-syntax when that package is installed
(JupyterLab's jupyter-events brings it in), and importing rfc3987-syntax compiles some forty
grammars: about a second of processor time in every process that imports jsonschema. Jupyter
Book imports it at start-up (for its configuration schema), and so does pre-execution (through
nbformat); neither schema uses that format. :func:`skip_iri_grammar` marks the module absent in
the current process, so that jsonschema goes without the "iri" check there, as it does wherever
rfc3987-syntax is not installed. The data package's validation runs in a process of its own and
keeps every check.
"""
from __future__ import annotations

import sys

#: The module jsonschema imports, when it can, to check "iri" strings.
IRI_GRAMMAR = "rfc3987_syntax"


def skip_iri_grammar() -> None:
    """Make ``import rfc3987_syntax`` fail in this process (jsonschema then skips "iri"), unless
    it is already imported."""
    sys.modules.setdefault(IRI_GRAMMAR, None)


def main() -> int:
    """Run ``jupyter-book`` with the arguments of this process."""
    skip_iri_grammar()
    from jupyter_book.cli.main import main as jupyter_book

    sys.argv[0] = "jupyter-book"
    return jupyter_book()


if __name__ == "__main__":
    sys.exit(main())
