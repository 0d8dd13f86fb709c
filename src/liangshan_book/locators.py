"""A Sphinx extension for the article's paragraph locators: ``{para}`29``` and ``{para}`23-26```.

The chapters cite the article by paragraph (the N-th non-blank line of its text; see
:func:`analysis.data.article.paragraph_count` and Appendix C). The role prints the locator, "¶29" or
"¶23–26", and checks it as the book is built: a paragraph that the article does not have, or a
range that runs backwards, is a build error naming the page and line. A locator is therefore
not a number typed by hand but a checked reference, like ``{fact}``. Written here because no
Sphinx extension knows the article's paragraphs.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from analysis.data.article import paragraph_count

_LOCATOR = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def parse_locator(text: str) -> tuple[int, int]:
    """The first and last paragraph of a locator such as ``"29"`` or ``"23-26"`` (an en dash
    also works).

    Raises:
        ValueError: not of that form, outside 1 to :func:`~analysis.data.article.paragraph_count`,
            or a range that runs backwards.
    """
    m = _LOCATOR.match(text)
    if not m:
        raise ValueError(f"paragraph locator {text!r}: expected a paragraph number such as 29 "
                         "or a range such as 23-26")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    count = paragraph_count()
    if not 1 <= first <= last <= count:
        raise ValueError(f"paragraph locator {text!r}: the article has paragraphs 1 to "
                         f"{count}, and a range must run forwards")
    return first, last


def render_locator(first: int, last: int) -> str:
    """``¶29`` or ``¶23–26``."""
    return f"¶{first}" if first == last else f"¶{first}\u2013{last}"


class ParaRole(SphinxRole):
    """``{para}`N``` or ``{para}`N-M```: an article paragraph locator, checked."""

    def run(self):
        try:
            first, last = parse_locator(self.text)
        except ValueError as err:
            msg = self.inliner.reporter.error(str(err), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        text = render_locator(first, last)
        return [nodes.inline(text, text, classes=["para-locator"])], []


def setup(app):
    app.add_role("para", ParaRole())
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
