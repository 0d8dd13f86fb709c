"""A Sphinx extension for accessibility fixes that the theme and docutils leave open.

- Bibliography entries: docutils wraps citations in ``<div role="list">`` but gives each entry
  the DPUB role ``doc-biblioentry``, which is deprecated and is not a list item, so screen readers
  (and axe-core's ``aria-required-children`` rule) find a list without items. Each entry gets
  ``role="listitem"`` instead.
- A link inside a folded block's title (a solution's "Exercise 2.1") follows the link and does
  not reach sphinx-togglebutton 0.4.5, whose click handler finds no button for it and throws
  ("button is not defined"); :data:`LINKS_IN_TOGGLE_TITLES` stops the click before it.
- Chinese text anywhere in a page (prose, tables, notebook outputs) is wrapped in
  ``<span lang="zh">`` so that screen readers switch language; the role ``{zh}`凉山``` does
  the same by hand (in LaTeX the text is set as is; xeCJK picks the CJK font).

Written here because neither docutils nor the theme offers these. (The book's title in the
sidebar sits inside a navigation landmark through ``_templates/liangshan-title.html``, listed in
``html_sidebars``; the stylesheet and favicon are in ``_static/``; both set in ``_config.yml``.)
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxRole

#: Runs of Chinese characters (CJK ideographs, CJK punctuation, full-width forms).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_SKIP_RAW = ("svg", "script", "style")  # SVG marks its own text; scripts and styles are code


def _zh_span(text: str) -> nodes.inline:
    node = nodes.inline(text, text, classes=["lang-zh"])
    node["lang"] = "zh"
    return node


def _mark_text(doctree) -> None:
    for node in list(doctree.findall(nodes.Text)):
        parent = node.parent
        if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.literal,
                                                 nodes.raw, nodes.comment)) \
                or "lang-zh" in parent.get("classes", []):
            continue
        text = str(node)
        if not CJK.search(text):
            continue
        pieces, pos = [], 0
        for m in CJK.finditer(text):
            if m.start() > pos:
                pieces.append(nodes.Text(text[pos:m.start()]))
            pieces.append(_zh_span(m.group()))
            pos = m.end()
        if pos < len(text):
            pieces.append(nodes.Text(text[pos:]))
        parent.replace(node, pieces)


def mark_chinese_html(html: str) -> str:
    """Wrap each run of Chinese characters in the text of an HTML fragment in
    ``<span lang="zh">``, leaving tags, attributes, SVG, scripts and styles alone."""
    out, depth = [], 0
    for token in re.split(r"(<[^>]+>)", html):
        if token.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", token)
            if name and name.group(1).lower() in _SKIP_RAW and not token.endswith("/>"):
                depth += -1 if token.startswith("</") else 1
            out.append(token)
        elif depth > 0:
            out.append(token)
        else:
            out.append(CJK.sub(lambda m: f'<span lang="zh">{m.group()}</span>', token))
    return "".join(out)


def _mark_chinese(app, doctree, docname):
    """Mark Chinese text with ``lang="zh"`` in every HTML page: prose, tables, notebook outputs."""
    if app.builder.format != "html":
        return
    _mark_text(doctree)
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and CJK.search(raw.astext()):
            marked = mark_chinese_html(raw.astext())
            raw.replace(raw[0], nodes.Text(marked)) if len(raw) else raw.append(nodes.Text(marked))


class ZhRole(SphinxRole):
    """``{zh}`布拖县``` -> ``<span lang="zh">布拖县</span>``."""

    def run(self):
        return [_zh_span(self.text)], []


def _translator(base):
    class AccessibleTranslator(base):
        def visit_citation(self, node):
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

        def visit_inline(self, node):
            if "lang-zh" in node.get("classes", []):
                node.html5tagname = "span"  # what docutils' depart_inline closes
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


#: Script run in the capture phase. A click on a link inside the title of a folded block goes
#: to the link only (the browser still follows it; the block's toggle never sees the click).
LINKS_IN_TOGGLE_TITLES = (
    "document.addEventListener('click', e => {"
    " const a = e.target.closest && e.target.closest("
    "'.admonition.dropdown .admonition-title a[href], .toggle .admonition-title a[href]');"
    " if (a) { e.stopPropagation(); } }, true);")


def setup(app):
    app.add_role("zh", ZhRole())
    app.add_js_file(None, body=LINKS_IN_TOGGLE_TITLES)
    app.connect("doctree-resolved", _mark_chinese)
    app.connect("builder-inited", _install)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
