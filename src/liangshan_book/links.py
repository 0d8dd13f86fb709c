"""Links that carry a hover hint: the numbers of the prose, linked to where they come from.

A register number (``{fact}``) links to its row in Appendix A; a computed number (``{num}``)
links to the folded cell that computed it. Both carry a hint saying what the number is and
where it comes from. :func:`hinted_ref` makes the pending reference; :class:`HintedLinks`
resolves it when a page is written. Written here because Sphinx's own ``std:ref`` resolution
keeps only the text of a reference, so the hint would be lost.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode


def hinted_ref(target: str, hint: str, text: str, refdoc: str, css_class: str
               ) -> addnodes.pending_xref:
    """A reference to the label ``target`` showing ``text``, with the hover hint ``hint``."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=target,
                                refdoc=refdoc, refexplicit=True, refwarn=True, hint=hint,
                                hint_class=css_class)
    ref += nodes.inline(text, text, classes=[css_class])
    return ref


class HintedLinks(SphinxPostTransform):
    """Resolve the references made by :func:`hinted_ref`, keeping the hint.

    Runs before Sphinx's own resolution (priority 5 < 10) and builds the link itself. In HTML
    the link gets the hint as its ``title`` and the number is an ``<abbr>`` with the same
    explanation; other formats get the plain number (LaTeX would otherwise print the
    explanation in parentheses). A reference whose label is unknown is left to Sphinx, which
    reports it (the book is built with ``-W``).
    """

    default_priority = 5

    def run(self, **kwargs):
        std = self.env.get_domain("std")
        html = self.app.builder.format == "html"
        for ref in list(self.document.findall(addnodes.pending_xref)):
            hint = ref.get("hint")
            if hint is None:
                continue
            docname, labelid = std.anonlabels.get(ref["reftarget"], ("", ""))
            if not docname:
                continue
            text, css = ref.astext(), ref.get("hint_class", "")
            inner = (nodes.abbreviation(text, text, explanation=hint, classes=[css])
                     if html else nodes.inline(text, text, classes=[css]))
            link = make_refnode(self.app.builder, ref.get("refdoc", self.env.docname), docname,
                                labelid, inner, title=hint if html else None)
            ref.replace_self(link)


def setup(app):
    app.add_post_transform(HintedLinks)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
