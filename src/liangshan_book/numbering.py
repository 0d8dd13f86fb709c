"""A Sphinx extension: figures and tables of the appendices numbered A.1, A.2... in HTML too.

The PDF heads the appendices as appendices (chapters A to E, see
:mod:`liangshan_book.print_edition`), so LaTeX numbers their figures and tables A.1, B.1....
Sphinx numbers those of pages outside a numbered part in one run (1, 2, 3... across the
introduction and the appendices); this extension gives the appendices' figures and tables their
letter in the HTML book as well, so that a number cited from either edition finds the same
table. The letter is the one in the appendix's file name (``appendix_b_audit`` -> B).

Written here because Sphinx has no setting for lettered appendices.
"""
from __future__ import annotations

import re

#: An appendix's file name, with its letter.
APPENDIX = re.compile(r"(^|/)appendix_([a-z])_")


def letter_numbers(fignumbers: dict[str, dict[str, tuple]], docname: str) -> None:
    """Renumber the figures, tables and code blocks of ``docname`` (an appendix) in place:
    ``(n,)`` in document order becomes ``(letter, 1)``, ``(letter, 2)``..."""
    m = APPENDIX.search(docname)
    if not m or docname not in fignumbers:
        return
    letter = m.group(2).upper()
    for figtype, numbers in fignumbers[docname].items():
        ordered = sorted(numbers, key=lambda target: numbers[target])
        fignumbers[docname][figtype] = {target: (letter, i)
                                        for i, target in enumerate(ordered, start=1)}


def _letter_appendices(app, env):
    for docname in list(env.toc_fignumbers):
        letter_numbers(env.toc_fignumbers, docname)
    return []


def setup(app):
    # after Sphinx's toctree collector has numbered the figures (priority 500)
    app.connect("env-get-updated", _letter_appendices, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
