"""A Sphinx extension: the role ``{pdf-download}`text``` links the book's PDF, when one is built.

``make book`` builds the PDF before the HTML; the HTML build copies the PDF next to
``index.html`` and this role links it. On a machine without TeX there is no PDF, and the role
says so in plain words instead of leaving a broken link. The page using the role depends on the
PDF file, so it is re-read when a PDF appears or changes.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from analysis.data import paths

PDF_NAME = paths.PDF_NAME


def built_pdf() -> Path:
    """Where the LaTeX build writes the PDF."""
    return paths.BUILD / "latex" / PDF_NAME


class PdfDownloadRole(SphinxRole):
    def run(self):
        self.env.note_dependency(str(built_pdf()))
        if self.env.app.builder.format != "html":
            return [nodes.inline(text="the document you are reading")], []
        if not built_pdf().is_file():
            return [nodes.emphasis(text="(no PDF was built on this machine: it needs TeX; see "
                                        "Appendix D)")], []
        depth = self.env.docname.count("/")
        uri = "../" * depth + PDF_NAME
        return [nodes.reference(self.rawtext, self.text, refuri=uri,
                                classes=["pdf-download"])], []


def _copy(app, exc):
    if exc is None and app.builder.format == "html" and built_pdf().is_file():
        shutil.copy2(built_pdf(), Path(app.outdir) / PDF_NAME)


def setup(app):
    app.add_role("pdf-download", PdfDownloadRole())
    app.connect("build-finished", _copy)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
