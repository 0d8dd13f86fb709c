"""A Sphinx extension: every chapter page offers itself as an executed notebook (``.ipynb``).

After an HTML build, each page that is a notebook (a MyST Markdown chapter with a kernel) is
written next to its page as ``<page>.ipynb``: the chapter's own cells, text and code, with the
outputs of its execution, taken from the jupyter-cache where myst-nb keeps them (the
``.ipynb`` that myst-nb writes to ``_build/jupyter_execute`` carries no outputs when the cache
is used). Each such page shows, under its title, a link "Download this chapter as an executed
notebook".

Written here because the theme's download button offers an ``.ipynb`` only where a launch
service (Binder, JupyterHub) is configured, and this offline book has none. A notebook page
that has no executed record in the cache fails the build: the link would otherwise lead
nowhere, or to a notebook without outputs.

The written notebook is deterministic: cells get ids from their position and lose the timing
metadata of their execution, so an unchanged chapter gives identical bytes at every build.

The directive ``{notebook-list}`` (used by the instructor's page) prints a numbered, captioned
table of every notebook page, in the order of the table of contents, each with its download
link; in the PDF, where no notebook is shipped, the table names the files.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

import nbformat
import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from liangshan_book import preexecute

#: The class of the paragraph holding the link (styled in ``_static/liangshan.css``).
LINK_CLASS = "notebook-download"
#: What the link says.
LINK_TEXT = "Download this chapter as an executed notebook"
#: Cell metadata that changes at every execution and means nothing to a reader.
_VOLATILE = ("execution", "ExecuteTime")


def notebook_pages(srcdir: Path, docnames) -> list[str]:
    """The documents among ``docnames`` that are notebooks (MyST Markdown with a kernel),
    sorted."""
    from myst_nb.core.read import is_myst_markdown_notebook

    out = []
    for doc in docnames:
        path = srcdir / f"{doc}.md"
        if path.is_file() and is_myst_markdown_notebook(path.read_text(encoding="utf-8")):
            out.append(doc)
    return sorted(out)


def executed_notebook(path: Path, settings: preexecute.Settings) -> nbformat.NotebookNode:
    """The chapter at ``path`` as a notebook with the outputs of its cached execution.

    Raises:
        sphinx.errors.ExtensionError: the cache holds no execution of the chapter's current
            code cells.
    """
    from jupyter_cache import get_cache

    nb = preexecute.read_notebook(path, settings)
    try:
        _, merged = get_cache(str(settings.cache)).merge_match_into_notebook(nb)
    except KeyError:
        raise ExtensionError(f"{path.name}: no executed notebook in the jupyter-cache "
                             f"({settings.cache}) for its current cells; the page would offer "
                             "a notebook without outputs") from None
    merged.metadata.pop("source_map", None)
    for i, cell in enumerate(merged.cells):
        cell["id"] = f"cell-{i}"
        for key in _VOLATILE:
            cell.metadata.pop(key, None)
    return merged


def file_name(docname: str) -> str:
    """The notebook's file name beside its page: ``chapters/ch1_changes`` gives
    ``ch1_changes.ipynb``."""
    return docname.rsplit("/", 1)[-1] + ".ipynb"


def _pages(app) -> set[str]:
    """The notebook pages of this build, found once per build from the documents Sphinx
    knows."""
    if getattr(app, "_liangshan_notebook_pages", None) is None:
        app._liangshan_notebook_pages = set(notebook_pages(Path(app.srcdir),
                                                           app.env.found_docs))
    return app._liangshan_notebook_pages


def _add_link(app, doctree, docname):
    """Under the page's title, a paragraph with the download link (HTML builds only)."""
    if app.builder.format != "html" or docname not in _pages(app):
        return
    name = file_name(docname)
    html = (f'<p class="{LINK_CLASS}"><a class="reference download" href="{name}" '
            f'download="{name}">{LINK_TEXT}</a> <span class="{LINK_CLASS}-note">(.ipynb, '
            "with every output; to run it again you need the book's code)</span></p>")
    raw = nodes.raw("", html, format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, raw)
        return
    titles = [i for i, child in enumerate(section.children) if isinstance(child, nodes.title)]
    section.insert(titles[0] + 1 if titles else 0, raw)


def _write(app, exc):
    """After a successful HTML build, write every notebook page's executed notebook."""
    if exc is not None or app.builder.format != "html":
        return
    srcdir = Path(app.srcdir)
    settings = preexecute.Settings.of_book(srcdir)
    for doc in sorted(_pages(app)):
        nb = executed_notebook(srcdir / f"{doc}.md", settings)
        target = Path(app.outdir) / f"{doc}.ipynb"          # beside the page, doc.html
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def toc_order(srcdir: Path) -> list[str]:
    """The documents of the book's ``_toc.yml`` in reading order (root first)."""
    toc = yaml.safe_load((srcdir / "_toc.yml").read_text(encoding="utf-8"))
    order = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                order.append(entry["file"])
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return order


class NotebookListDirective(SphinxDirective):
    """A table of every executed notebook the book ships: the chapter (a link to its page) and
    its ``.ipynb`` (a download link in HTML, the file name in the PDF). The argument is the
    table's caption and ``:name:`` its label."""

    has_content = False
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"name": directives.unchanged}

    def run(self):
        srcdir = Path(self.env.srcdir)
        self.env.note_dependency(str(srcdir / "_toc.yml"))
        order = toc_order(srcdir)
        docs = notebook_pages(srcdir, self.env.found_docs)
        docs.sort(key=lambda d: (order.index(d) if d in order else len(order), d))
        here = posixpath.dirname(self.env.docname)
        table = nodes.table(classes=["colwidths-auto", "notebook-list"])
        if self.arguments:
            inline, messages = self.state.inline_text(self.arguments[0], self.lineno)
            table += nodes.title(self.arguments[0], "", *inline)
            table += messages
        self.add_name(table)
        group = nodes.tgroup(cols=2)
        table += group
        group += [nodes.colspec(colwidth=60), nodes.colspec(colwidth=40)]
        thead = nodes.thead()
        group += thead
        thead += self._row([nodes.Text("Chapter")], [nodes.Text("Executed notebook")])
        tbody = nodes.tbody()
        group += tbody
        for doc in docs:
            ref = addnodes.pending_xref("", nodes.inline(doc, doc), refdomain="std",
                                        reftype="doc", reftarget="/" + doc,
                                        refexplicit=False, refwarn=True,
                                        refdoc=self.env.docname)
            name = file_name(doc)
            href = posixpath.relpath(posixpath.join(posixpath.dirname(doc), name), here)
            link = nodes.raw("", f'<a class="reference download" href="{href}" '
                                 f'download="{name}"><code>{name}</code></a>', format="html")
            latex = r"\sphinxcode{\sphinxupquote{" + name.replace("_", r"\_") + "}}"
            tbody += self._row([ref], [link, nodes.raw("", latex, format="latex")])
        return [table]

    @staticmethod
    def _row(*cells):
        tr = nodes.row()
        for contents in cells:
            tr += nodes.entry("", nodes.paragraph("", "", *contents))
        return tr


def setup(app):
    app.add_directive("notebook-list", NotebookListDirective)
    app.connect("doctree-resolved", _add_link)
    app.connect("build-finished", _write)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
