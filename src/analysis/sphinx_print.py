"""A Sphinx extension: the bibliography and the title page of the book as printed.

- Registers the author–year bibliography style of :mod:`analysis.bibstyle`, so that
  ``bibtex_default_style: liangshan_author_year`` in ``_config.yml`` finds it (both builders).
- Sets Sphinx's ``release`` (and ``version``) to the package's version when the configuration
  leaves them empty, so the PDF's title page shows it without a second copy of the number:
  ``analysis.__version__`` is the one the tests hold equal to ``pyproject.toml``.
- In the LaTeX build, drops a chapter that is left with nothing but its heading. The HTML
  book's References page holds only the ``bibliography`` directive; LaTeX moves every
  bibliography entry to one list at the end of the book, which would leave an empty
  "References" chapter in front of it.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import __version__, bibstyle

#: Nodes that print nothing of their own: a section holding only these besides its title is
#: empty on paper.
_SILENT = (nodes.target, nodes.comment, addnodes.index, nodes.substitution_definition)


def is_empty_section(section: nodes.section) -> bool:
    """Whether ``section`` would print only its heading (labels and comments aside)."""
    def silent(node) -> bool:
        if isinstance(node, _SILENT):
            return True
        # wrappers that Sphinx or Jupyter Book leave behind (toctree compounds, hidden cells)
        return isinstance(node, nodes.Element) and not isinstance(node, nodes.section) \
            and type(node) in (nodes.compound, nodes.container, nodes.Element) \
            and all(silent(c) for c in node.children)

    return all(isinstance(c, nodes.title) or silent(c) for c in section.children)


class DropEmptyChapters(SphinxPostTransform):
    """Remove each document's top section when it is empty once the bibliography has moved.

    Runs after Sphinx's LaTeX ``BibliographyTransform`` (priority 750), which gathers the
    citations at the end of the book, and after Jupyter Book's re-arrangement (700).
    """

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs):
        for start in list(self.document.findall(addnodes.start_of_file)):
            sections = [c for c in start.children if isinstance(c, nodes.section)]
            if len(sections) == 1 and is_empty_section(sections[0]):
                start.parent.remove(start)


def _release_from_package(app, config) -> None:
    if not config.release:
        config.release = __version__
    if not config.version:
        config.version = __version__


def setup(app):
    bibstyle.register()
    app.connect("config-inited", _release_from_package)
    app.add_post_transform(DropEmptyChapters)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
