"""A Sphinx extension: numbers in prose taken from the register, each linked to its row.

- Role ``{fact}`fact_id``` prints the register value (formatted by :mod:`analysis.formatting`)
  as a link to the row of the register in Appendix A; in HTML, hovering shows what the number
  is and where it stands in the article (the link's ``title``).
- Directive ``{fact-register}`` prints the whole register as a table with one anchor per row
  (``fact-<id>``), which the role's links land on. In the PDF the table gets its own column
  widths, a smaller font and line breaks inside the long fact ids; the HTML table is unchanged.

Both record ``data/facts.csv`` as a dependency, so Sphinx re-reads the pages that use them when
the register changes. An unknown id is a build error (the book is built with ``-W``).

The doctrees stay the same whatever the builder: what differs between HTML and LaTeX is decided
when a page is written (a post-transform for the links, a LaTeX visitor for the ids), so a PDF
build and an HTML build can share Sphinx's cached environment.
"""
from __future__ import annotations

import re

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

from analysis import formatting
from analysis.data.package import current
from analysis.data.problems import DataError, UnknownFactError
from liangshan_book import book_index
from liangshan_book.interactive_tables import INTERACTIVE
from liangshan_book.links import hinted_ref

#: Column headers of the register table, with their relative widths in the PDF (in HTML the
#: browser sizes the columns to their content; ids wrap after "." and "_").
#: The PDF gives the fact id more room (it wraps at "." and "_") and the description less, so
#: that the narrow columns still hold their one-word headers.
REGISTER_COLUMNS = (
    ("Fact id", 22),
    ("Section", 6),
    ("¶", 4),
    ("Place", 10),
    ("Value", 9),
    ("Unit", 8),
    ("Hedge", 7),
    ("Period", 9),
    ("As printed", 10),
    ("What it is", 15),
)

#: The LaTeX printed before the register table (and ``LATEX_TABLE_CLOSE`` after it) sets a
#: smaller font and narrower column gaps, inside a group so that nothing leaks into the rest of
#: the book.
LATEX_TABLE_OPEN = r"\begingroup\footnotesize\setlength{\tabcolsep}{3pt}"
LATEX_TABLE_CLOSE = r"\endgroup"


def latex_column_spec(widths: list[int] | tuple[int, ...]) -> str:
    """A ``tabularcolumns`` spec of ragged-right columns with the given relative widths.

    Ragged-right cells avoid the stretched word spaces of justified text in narrow columns.
    """
    total = sum(widths)
    return "".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{{total}}}" for w in widths)


def latex_breakable_id(fact_id: str, encode) -> str:
    """``fact_id`` as LaTeX code text that may break after each ``.`` and ``_``.

    Args:
        fact_id: a register id such as ``liangshan.poor_population.2013``.
        encode: the LaTeX translator's escaping function (``_`` becomes ``\\_``...).

    Returns:
        ``\\sphinxcode{\\sphinxupquote{...}}`` with ``\\allowbreak{}`` after each separator, so
        the longest ids wrap inside their column instead of running into the next one.
    """
    pieces = [p for p in re.split(r"(?<=[._])", fact_id) if p]
    return r"\sphinxcode{\sphinxupquote{" + r"\allowbreak{}".join(encode(p) for p in pieces) \
        + "}}"


class fact_id_literal(nodes.literal):
    """A fact id in the register table: a plain literal everywhere except in LaTeX, where it
    may break after ``.`` and ``_`` (Sphinx's translators fall back to ``visit_literal``)."""


def _visit_fact_id_html(self, node):
    """A fact id in HTML, with a line-break opportunity (``<wbr>``) after each ``.`` and
    ``_`` (copying the id copies no extra character)."""
    import html

    pieces = [p for p in re.split(r"(?<=[._])", node.astext()) if p]
    self.body.append(self.starttag(node, "code", "", CLASS="docutils literal notranslate"))
    self.body.append("<wbr>".join(html.escape(p) for p in pieces) + "</code>")
    raise nodes.SkipNode


def _visit_fact_id_latex(self, node):
    self.body.append(latex_breakable_id(node.astext(), self.encode))
    raise nodes.SkipNode


def fact_hint(f) -> str:
    """The hover text of a number from the register: what it is, where the article says it (the
    register id is in the row the number links to, not in the reader's text)."""
    return f"{f.description} [{f.locator}]"


class FactRole(SphinxRole):
    """``{fact}`liangshan.poor_population.2013``` -> ``881,000`` linked to its register row.

    The role leaves a ``pending_xref`` to the row's anchor that carries the hint in
    :func:`fact_hint`; :class:`liangshan_book.links.HintedLinks` turns it into the link when
    the page is written.
    """

    def run(self):
        from analysis.data.register import fact

        fact_id = self.text.strip()
        self.env.note_dependency(str(current().path("facts")))
        try:
            f = fact(fact_id)
        except (UnknownFactError, DataError) as exc:
            msg = self.inliner.reporter.error(f"fact role: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        text = formatting.value(f.value, f.unit, f.value_max)
        ref = hinted_ref(formatting.fact_anchor(fact_id), fact_hint(f), text,
                         self.env.docname, "fact-value")
        ref["fact_id"] = fact_id  # for the book's index (liangshan_book.book_index)
        return [ref], []


class FactRegisterDirective(SphinxDirective):
    """The whole register as a table, one anchor per fact; the directive's argument is the
    table's caption and ``:name:`` its label, so that it is numbered like every table."""

    has_content = False
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"name": directives.unchanged}

    def run(self):
        from analysis.data.register import load_facts

        self.env.note_dependency(str(current().path("facts")))
        frame = load_facts()
        std = self.env.get_domain("std")
        headers = [c[0] for c in REGISTER_COLUMNS]
        # in HTML the browser sizes the columns (colwidths-auto); the PDF gets its widths from
        # the column specification set below
        table = nodes.table(classes=["fact-register", INTERACTIVE, "colwidths-auto",
                                     "longtable", f"numeric-{headers.index('Value') + 1}"])
        if self.arguments:
            inline, messages = self.state.inline_text(self.arguments[0], self.lineno)
            table += nodes.title(self.arguments[0], "", *inline)
            table += messages
        self.add_name(table)
        group = nodes.tgroup(cols=len(headers))
        table += group
        for _, width in REGISTER_COLUMNS:
            group += nodes.colspec(colwidth=width)
        thead = nodes.thead()
        group += thead
        thead += self._row([nodes.Text(h) for h in headers])
        tbody = nodes.tbody()
        group += tbody
        for row in frame.itertuples(index=False):
            anchor = formatting.fact_anchor(row.fact_id)
            vmax = None if pd.isna(row.value_max) else row.value_max
            cells = [row.section, row.paragraph, row.place,
                     formatting.value(row.value, row.unit, vmax), row.unit.replace("_", " "),
                     "" if pd.isna(row.qualifier) else row.qualifier,
                     "" if pd.isna(row.period) else row.period, row.as_written,
                     row.description]
            tr = self._row([fact_id_literal(row.fact_id, row.fact_id)]
                           + [nodes.Text(str(c)) for c in cells])
            tr[0][0].insert(0, nodes.target("", "", ids=[anchor]))
            # the row is the main entry of its id in the book's index
            book_index.mark(tr[0][0], [f"{book_index.REGISTER}; {row.fact_id}"], self.env,
                            main=True)
            std.note_hyperlink_target(anchor, self.env.docname, anchor, row.fact_id)
            tbody += tr
        spec = addnodes.tabular_col_spec()
        spec["spec"] = latex_column_spec([width for _, width in REGISTER_COLUMNS])
        return [nodes.raw("", LATEX_TABLE_OPEN, format="latex"), spec, table,
                nodes.raw("", LATEX_TABLE_CLOSE, format="latex")]

    @staticmethod
    def _row(contents):
        tr = nodes.row()
        for node in contents:
            tr += nodes.entry("", nodes.paragraph("", "", node))
        return tr


def setup(app):
    app.add_role("fact", FactRole())
    app.add_directive("fact-register", FactRegisterDirective)
    app.add_node(fact_id_literal, latex=(_visit_fact_id_latex, None),
                 html=(_visit_fact_id_html, None))
    app.setup_extension("liangshan_book.links")
    app.setup_extension("liangshan_book.interactive_tables")
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True}
