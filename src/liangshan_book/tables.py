"""A Sphinx extension: how the book sets its tables, in HTML and in the PDF.

A table marks its columns of numbers with the classes ``numeric-<n>`` (``n`` counted from 1,
the row labels' column included; :class:`analysis.notebook.Table` does it, and a table in the
prose can do it with the ``{table}`` directive's ``:class:`` option). This extension

- gives each cell of those columns the class ``numeric``, which the stylesheet
  (``_static/liangshan.css``) sets right-aligned with tabular figures in HTML;
- in the PDF, sets a table whose column widths are given (``:widths:``) in columns of those
  widths that are ragged right (``\\LSleft``) or, for numbers, ragged left (``\\LSright``):
  narrow text columns set justified would gape. Both column types are defined in
  ``latex/liangshan.sty``.

It also gives myst-nb's table of the notebooks' execution a caption and a number
(``{execution-table}``, :class:`ExecutionTable`).

Written here because neither docutils' tables nor Sphinx's LaTeX writer has a per-column
alignment (Sphinx's ``tabularcolumns`` directive sets one table by hand, and, put in a notebook's
output, takes the table after it out of the HTML page).
"""
from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

_NUMERIC = re.compile(r"numeric-(\d+)")


def numeric_columns(table: nodes.table) -> set[int]:
    """The columns (counted from 1) that ``table``'s classes mark as numbers."""
    return {int(m.group(1)) for c in table.get("classes", []) if (m := _NUMERIC.fullmatch(c))}


def column_spec(widths: list[int], numeric: set[int]) -> str:
    """The LaTeX column specification for columns of relative ``widths``: ragged right, or
    ragged left for the ``numeric`` ones.

    >>> column_spec([2, 1], {2})
    '\\\\LSleft{2}{3}\\\\LSright{1}{3}'
    """
    total = sum(widths)
    return "".join(("\\LSright" if i in numeric else "\\LSleft") + f"{{{w}}}{{{total}}}"
                   for i, w in enumerate(widths, 1))


def _mark_cells(table: nodes.table, numeric: set[int]) -> None:
    for row in table.findall(nodes.row):
        for i, entry in enumerate(row.children, 1):
            if i in numeric and "numeric" not in entry["classes"]:
                entry["classes"].append("numeric")


class TableLayout(SphinxPostTransform):
    """Right-align the columns of numbers; in the PDF, ragged columns of the given widths."""

    default_priority = 500

    def run(self, **kwargs):
        latex = self.app.builder.format == "latex"
        for table in list(self.document.findall(nodes.table)):
            numeric = numeric_columns(table)
            _mark_cells(table, numeric)
            colspecs = list(table.findall(nodes.colspec))
            if not latex or "colwidths-given" not in table["classes"] or not colspecs:
                continue
            at = table.parent.index(table)
            if at and isinstance(table.parent[at - 1], addnodes.tabular_col_spec):
                continue  # set by hand: left alone
            spec = column_spec([int(c["colwidth"]) for c in colspecs], numeric)
            table.parent.insert(at, addnodes.tabular_col_spec(spec=spec))


class ExecutionTable(SphinxDirective):
    """``{execution-table} caption`` with ``:name:``: myst-nb's table of how each notebook was
    executed (its ``{nb-exec-table}``), numbered and captioned like every table of the book.

    The table, with its caption and label, is made when the page is read, so that Sphinx
    numbers it; its rows are filled in when the page is written (:class:`FillExecutionTables`),
    once every notebook has run. The page is marked as holding such a table, so that myst-nb
    writes it again when a notebook runs again.
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"name": directives.unchanged}

    def run(self):
        from myst_nb.ext.execution_tables import METADATA_KEY
        from myst_nb.sphinx_ import NbMetadataCollector

        NbMetadataCollector.set_doc_data(self.env, self.env.docname, METADATA_KEY, True)
        table = nodes.table(classes=[EXECUTION_TABLE])
        inline, messages = self.state.inline_text(self.arguments[0], self.lineno)
        table += nodes.title(self.arguments[0], "", *inline)
        self.add_name(table)
        return [table, *messages]


#: The class of the tables :class:`ExecutionTable` makes.
EXECUTION_TABLE = "execution-table"


class FillExecutionTables(SphinxPostTransform):
    """Fill each execution table with myst-nb's rows (before references are resolved, 10)."""

    default_priority = 8

    def run(self, **kwargs):
        from myst_nb.ext.execution_tables import make_stat_table
        from myst_nb.sphinx_ import NbMetadataCollector

        for table in self.document.findall(nodes.table):
            if EXECUTION_TABLE not in table["classes"] or any(
                    isinstance(c, nodes.tgroup) for c in table.children):
                continue
            made = make_stat_table(self.env.docname, NbMetadataCollector.get_doc_data(self.env))
            table["classes"] += made["classes"]
            table.extend(made.children)


def setup(app):
    app.add_directive("execution-table", ExecutionTable)
    app.add_post_transform(FillExecutionTables)
    app.add_post_transform(TableLayout)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
