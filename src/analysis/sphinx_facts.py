"""A Sphinx extension: numbers in prose taken from the register, each linked to its row.

- Role ``{fact}`fact_id``` prints the register value (formatted by :mod:`analysis.formatting`)
  as a link to the row of the register in Appendix A; in HTML, hovering shows what the number
  is and where it stands in the article.
- Directive ``{fact-register}`` prints the whole register as a table with one anchor per row
  (``fact-<id>``), which the role's links land on.

Both record ``data/facts.csv`` as a dependency, so Sphinx re-reads the pages that use them when
the register changes. An unknown id is a build error (the book is built with ``-W``).
"""
from __future__ import annotations

import pandas as pd
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import formatting, paths
from .problems import DataError, UnknownFactError

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("datapackage.json", "facts.csv")


class FactRole(SphinxRole):
    """``{fact}`liangshan.poor_population.2013``` -> ``881,000`` linked to its register row."""

    def run(self):
        from .register import fact

        fact_id = self.text.strip()
        self.env.note_dependency(str(paths.DATA / paths.FACTS))
        try:
            f = fact(fact_id)
        except (UnknownFactError, DataError) as exc:
            msg = self.inliner.reporter.error(f"fact role: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        text = formatting.value(f.value, f.unit, f.value_max)
        ref = addnodes.pending_xref("", refdomain="std", reftype="ref",
                                    reftarget=formatting.fact_anchor(fact_id),
                                    refexplicit=True, refwarn=True)
        if self.env.app.builder.format == "html":
            hint = f"{f.description} [{f.locator}; register id {fact_id}]"
            ref += nodes.abbreviation(text, text, explanation=hint, classes=["fact-value"])
        else:
            ref += nodes.inline(text, text, classes=["fact-value"])
        return [ref], []


class FactRegisterDirective(SphinxDirective):
    """The whole register as a table, one anchor per fact."""

    has_content = False
    option_spec = {}

    def run(self):
        from .register import load_facts

        self.env.note_dependency(str(paths.DATA / paths.FACTS))
        frame = load_facts()
        std = self.env.get_domain("std")
        headers = ["Fact id", "Where (§, ¶)", "Place", "Value", "Unit", "Hedge", "Period",
                   "What it is"]
        widths = [24, 6, 11, 9, 9, 7, 9, 25]
        table = nodes.table(classes=["fact-register", "colwidths-given", "longtable"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for w in widths:
            group += nodes.colspec(colwidth=w)
        thead = nodes.thead()
        group += thead
        thead += self._row(headers, header=True)
        tbody = nodes.tbody()
        group += tbody
        for row in frame.itertuples(index=False):
            anchor = formatting.fact_anchor(row.fact_id)
            vmax = None if pd.isna(row.value_max) else row.value_max
            cells = [row.fact_id, f"{row.section}, {row.paragraph}", row.place,
                     formatting.value(row.value, row.unit, vmax), row.unit.replace("_", " "),
                     "" if pd.isna(row.qualifier) else row.qualifier,
                     "" if pd.isna(row.period) else row.period, row.description]
            tr = self._row(cells)
            target = nodes.target("", "", ids=[anchor])
            tr[0][0].insert(0, target)
            std.note_hyperlink_target(anchor, self.env.docname, anchor, row.fact_id)
            tbody += tr
        return [table]

    @staticmethod
    def _row(cells, header=False):
        tr = nodes.row()
        for text in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            if header:
                para += nodes.Text(str(text))
            else:
                para += nodes.literal(str(text), str(text)) if text is cells[0] else \
                    nodes.Text(str(text))
            entry += para
            tr += entry
        return tr


def setup(app):
    app.add_role("fact", FactRole())
    app.add_directive("fact-register", FactRegisterDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
