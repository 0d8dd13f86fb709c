"""A Sphinx extension for the offline book: no Thebe, no request that leaves the machine.

Written here because no setting does it: Jupyter Book 1.x always loads ``sphinx-thebe``, even
with ``launch_buttons: thebe: false``, and its page snippet names a script on a CDN and is
inserted twice (which also raises a console error, "THEBE_JS_URL has already been declared").
The book has no live kernels, so this extension removes Thebe's scripts and styles from every
HTML page. (The theme's colour mode is set in ``_config.yml``, ``html_context``.)
"""
from __future__ import annotations


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def _strip_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_thebe(a)]


def setup(app):
    app.connect("html-page-context", _strip_thebe, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
