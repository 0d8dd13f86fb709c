"""A Sphinx extension: ``{num}`key:format``` prints a number the chapter computed, linked to
the folded cell that computed it, with a hover hint saying what it is and which function
computed it.

The chapter computes a section's values with one call (a function of
``analysis.chapters`` returning :class:`analysis.chapters.values.Values`) in a cell that
follows a label, and glues them with :func:`analysis.notebook.glue_values`, which glues, for
each ``key``, the value, its hint (``key__how``) and the label of that cell (``key__at``).
The role formats the value as myst-nb's ``{glue:text}`` does (``{num}`ch1_ls_pp:.1f```) and
links it to the label, like a register number (:mod:`liangshan_book.links`). A key that was
not glued, or was glued without its hint, is a build error.

Written here because myst-nb's ``{glue:text}`` prints text only.
"""
from __future__ import annotations

import ast

from myst_nb.core.variables import RetrievalError
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import glue_warning, retrieve_glue_data

from liangshan_book.links import hinted_ref

#: Suffixes of the glue keys that carry a value's hint and the label of its cell.
HOW, AT = "__how", "__at"


def _glued_text(document, key: str) -> str:
    data = retrieve_glue_data(document, key).data.get("text/plain", "")
    try:
        value = ast.literal_eval(data)
    except (ValueError, SyntaxError):
        value = data
    return str(value)


class NumRole(PasteTextRole):
    """``{num}`key:format```: the glued value, linked to where it was computed."""

    def run(self):
        pasted, messages = super().run()
        if messages or not pasted:
            return pasted, messages
        key = self.text.rsplit(":", 1)[0] if ":" in self.text else self.text
        try:
            hint = _glued_text(self.document, key + HOW)
            target = _glued_text(self.document, key + AT)
        except RetrievalError as exc:
            return [], [glue_warning(f"{{num}} {key!r}: {exc} Glue the section's values with "
                                     "analysis.notebook.glue_values.", self.document,
                                     self.line)]
        env = self.document.settings.env
        return [hinted_ref(target, hint, pasted[0].astext(), env.docname, "num-value")], []


def setup(app):
    app.setup_extension("liangshan_book.links")
    app.add_role("num", NumRole())
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
