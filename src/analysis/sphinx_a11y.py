"""A Sphinx extension for accessibility fixes that the theme and docutils leave open.

- Bibliography entries: docutils wraps citations in ``<div role="list">`` but gives each entry
  the DPUB role ``doc-biblioentry``, which is deprecated and is not a list item, so screen readers
  (and axe-core's ``aria-required-children`` rule) find a list without items. Each entry gets
  ``role="listitem"`` instead.
- Role ``{zh}`凉山``` marks Chinese text with ``lang="zh"`` so that screen readers switch voice
  (in LaTeX the text is set as is; xeCJK picks the CJK font).
- The compendium's stylesheet (``static/liangshan.css``: link contrast on code pages, register
  numbers, the county map) and a favicon, so that browsers do not ask for a missing one.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxRole


class ZhRole(SphinxRole):
    """``{zh}`布拖县``` -> ``<span lang="zh">布拖县</span>``."""

    def run(self):
        node = nodes.inline(self.text, self.text, classes=["lang-zh"])
        node["lang"] = "zh"
        return [node], []


def _translator(base):
    class AccessibleTranslator(base):
        def visit_citation(self, node):
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

        def visit_inline(self, node):
            if "lang-zh" in node.get("classes", []):
                self.body.append(self.starttag(node, "span", "", lang="zh"))
            else:
                super().visit_inline(node)

    AccessibleTranslator.__name__ = f"Accessible{base.__name__}"
    return AccessibleTranslator


def _install(app):
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder)
    if base is None:
        base = app.builder.default_translator_class
    app.set_translator(app.builder.name, _translator(base), override=True)


STATIC = Path(__file__).resolve().parent / "static"


def _static(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.png")


def setup(app):
    app.add_role("zh", ZhRole())
    app.connect("config-inited", _static)
    app.add_css_file("liangshan.css")
    app.connect("builder-inited", _install)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
