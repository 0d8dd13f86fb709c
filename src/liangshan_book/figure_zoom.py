"""A Sphinx extension: every figure's image in the HTML book opens full size when tapped.

A figure drawn for a 1280 px page shrinks to about 340 px on a phone, where its labels are a
few pixels tall. Each ``<img>`` of a ``<figure>`` (the chapters' matplotlib figures, the
primer's timeline) is wrapped, when the page is written, in a link to its own image file in
``_images/``: tapping or clicking it, or pressing Enter on it, opens the image at its full
resolution, which the browser can zoom. Nothing is loaded from elsewhere and no script is
needed, so it works offline and without JavaScript. The link's name is the image's alt text;
``title`` says what the link does. Images already inside a link are left as they are.

Written here because neither Jupyter Book nor Sphinx links an image to its file unless the
image is scaled (``html_scaled_image_link``), and myst-nb's figures are not.
"""
from __future__ import annotations

import re

#: The class of the link around a figure's image (styled in ``_static/liangshan.css``).
LINK_CLASS = "figure-zoom"
#: What the link's ``title`` (and a phone's hint) says.
HINT = "Open the figure full size"

_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.S)
_IMG = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>')


def link_figure_images(html: str) -> str:
    """``html`` with the image of each ``<figure>`` wrapped in a link to the image's file.

    Args:
        html: the body of a page as Sphinx rendered it.

    Returns:
        The same HTML, each figure's first ``<img>`` that is not already inside a link now
        inside ``<a class="figure-zoom" href="<the image's src>">``.
    """
    def one(figure: re.Match) -> str:
        text = figure.group(0)
        img = _IMG.search(text)
        if img is None or re.search(r"<a\b[^>]*>\s*$", text[:img.start()]):
            return text
        link = (f'<a class="reference internal image-reference {LINK_CLASS}" '
                f'href="{img.group("src")}" title="{HINT}">')
        return text[:img.start()] + link + img.group(0) + "</a>" + text[img.end():]

    return _FIGURE.sub(one, html)


def _page(app, pagename, templatename, context, doctree):
    if app.builder.format == "html" and "body" in context:
        context["body"] = link_figure_images(context["body"])


def setup(app):
    app.connect("html-page-context", _page)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
