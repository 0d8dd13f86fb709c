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
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from docutils import nodes
from sphinx.errors import ExtensionError

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


def setup(app):
    app.connect("doctree-resolved", _add_link)
    app.connect("build-finished", _write)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
