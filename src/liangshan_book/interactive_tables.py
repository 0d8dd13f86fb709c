"""A Sphinx extension: tables readers can search, sort and filter in the HTML book, offline.

A table whose class list holds ``interactive-table`` (the register of Appendix A, the audit
table of Appendix B) is enhanced in the browser by DataTables, taken from the ``itables``
package that ``requirements.lock`` pins (its ``dt_bundle.js`` and ``dt_bundle.css``, with no
request to a CDN) and copied into the book's ``_static/vendor/datatables/``. Only the pages that
hold such a table load it. Every row stays in the page (no paging), so anchors to rows work, and
without JavaScript the table is an ordinary table.

Written here because Jupyter Book has no setting for it: itables renders DataFrames of
notebook cells, not tables written by a directive, and would fetch its assets from a CDN.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.fileutil import copy_asset_file

#: The class that marks a table as interactive.
INTERACTIVE = "interactive-table"
ASSETS = Path(__file__).resolve().parent / "assets"
SCRIPT = "liangshan-tables.js"
VENDOR = "vendor/datatables"


def _itables_dir() -> Path:
    import itables

    return Path(itables.__file__).resolve().parent / "html"


def has_interactive_table(doctree) -> bool:
    """Whether a page's doctree holds a table marked :data:`INTERACTIVE` (or raw HTML of one,
    as a notebook's output is)."""
    if any(INTERACTIVE in t.get("classes", []) for t in doctree.findall(nodes.table)):
        return True
    return any("html" in r.get("format", "") and INTERACTIVE in r.astext()
               for r in doctree.findall(nodes.raw))


def _page(app, pagename, templatename, context, doctree):
    if app.builder.format == "html" and doctree is not None and has_interactive_table(doctree):
        app.add_css_file(f"{VENDOR}/dt_bundle.css")
        app.add_js_file(SCRIPT, type="module")


def _copy(app, exc):
    if exc is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    copy_asset_file(str(ASSETS / SCRIPT), str(static / SCRIPT))
    (static / VENDOR).mkdir(parents=True, exist_ok=True)
    for name in ("dt_bundle.js", "dt_bundle.css"):
        copy_asset_file(str(_itables_dir() / name), str(static / VENDOR / name))


def setup(app):
    app.connect("html-page-context", _page)
    app.connect("build-finished", _copy)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
