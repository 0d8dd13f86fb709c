"""A Sphinx extension for accessibility fixes that the theme and docutils leave open.

- Bibliography entries: docutils wraps citations in ``<div role="list">`` but gives each entry
  the DPUB role ``doc-biblioentry``, which is deprecated and is not a list item, so screen readers
  (and axe-core's ``aria-required-children`` rule) find a list without items. Each entry gets
  ``role="listitem"`` instead.
- Chinese text anywhere in a page (prose, tables, notebook outputs) is wrapped in
  ``<span lang="zh">`` so that screen readers switch language; the role ``{zh}`凉山``` does
  the same by hand (in LaTeX the text is set as is; xeCJK picks the CJK font).
- The book's title in the sidebar sits inside a navigation landmark (``templates/
  liangshan-title.html``, listed in ``html_sidebars`` in ``_config.yml``).
- ``index.html``: a real page (language, title, link) instead of a bare redirect.
- The compendium's stylesheet (``static/liangshan.css``: link contrast on code pages, register
  numbers, the county map) and a favicon, so that browsers do not ask for a missing one.
"""
from __future__ import annotations

import re
from pathlib import Path

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


STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def _static(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.png")


_REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="Refresh" content="0; url={target}">
</head>
<body>
<main><p><a href="{target}">{title}: go to the first page</a></p></main>
</body>
</html>
"""


def _index_page(app, exc):
    """Jupyter Book writes ``index.html`` as a bare refresh tag, with no language and no link;
    rewrite it as a small page that has both (after the toc extension wrote it)."""
    if exc is not None or app.builder.format != "html":
        return
    index = Path(app.outdir) / "index.html"
    if index.is_file() and "<html" not in index.read_text(encoding="utf-8"):
        import re

        m = re.search(r'url=([^"]+)"', index.read_text(encoding="utf-8"))
        if m:
            index.write_text(_REDIRECT.format(title=app.config.html_title or app.config.project,
                                              target=m.group(1)), encoding="utf-8")


def setup(app):
    app.add_role("zh", ZhRole())
    app.connect("build-finished", _index_page, priority=900)
    app.connect("doctree-resolved", _mark_chinese)
    app.connect("config-inited", _static)
    app.add_css_file("liangshan.css")
    app.connect("builder-inited", _install)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
