"""A Sphinx extension for the printed book: no empty References chapter.

In the LaTeX build it drops a chapter that is left with nothing but its heading. The HTML
book's References page holds only the ``bibliography`` directive; LaTeX moves every
bibliography entry to one list at the end of the book, which would leave an empty
"References" chapter in front of it. Written here because neither Sphinx nor Jupyter Book has a
setting for it.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Nodes that print nothing of their own — a section holding only these besides its title is
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


def setup(app):
    app.add_post_transform(DropEmptyChapters)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
