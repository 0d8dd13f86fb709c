"""A Sphinx extension for the offline book: no Thebe, no request that leaves the machine.

Written here because no setting does it: Jupyter Book 1.x always loads ``sphinx-thebe``, even
with ``launch_buttons: thebe: false``, and its page snippet names a script on a CDN and is
inserted twice (which also raises a console error, "THEBE_JS_URL has already been declared").
The book has no live kernels, so this extension removes Thebe's scripts and styles from every
HTML page. (The theme's colour mode is set in ``_config.yml``, ``html_context``.)

It also trims the MathJax copy that ``sphinx-mathjax-offline`` ships: that package copies every
MathJax 3 bundle, while a page with mathematics loads only ``tex-chtml.js`` (its
``mathjax_path``), which fetches its CHTML fonts, TeX extensions, menu and accessibility parts on
demand. The other bundles (SVG output, MathML input, the "full" builds, the Node entry point)
are never loaded: about 4 MB of the offline zip.
"""
from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path

#: MathJax files that no page loads (paths under ``_static/mathjax``, shell patterns).
UNUSED_MATHJAX = ("tex-svg*.js", "tex-mml-*.js", "mml-*.js", "tex-chtml-full*.js",
                  "node-main.js", "output/svg")


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def _strip_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_thebe(a)]


def trim_mathjax(folder: Path) -> list[str]:
    """Delete the MathJax bundles of :data:`UNUSED_MATHJAX` from ``folder``; returns what went.

    Raises:
        FileNotFoundError: ``folder`` has no ``tex-chtml.js``, the bundle the pages load.
    """
    if not (folder / "tex-chtml.js").is_file():
        raise FileNotFoundError(f"{folder}: no tex-chtml.js, the MathJax bundle pages load")
    gone = []
    for path in sorted(folder.iterdir()):
        if any(fnmatch.fnmatch(path.name, pattern) for pattern in UNUSED_MATHJAX):
            gone.append(path.name)
            path.unlink()
    svg = folder / "output" / "svg"
    if svg.is_dir():
        shutil.rmtree(svg)
        gone.append("output/svg")
    return gone


def _trim_after_copy(app, exc):
    folder = Path(app.outdir) / "_static" / "mathjax"
    if exc is None and app.builder.format == "html" and folder.is_dir():
        trim_mathjax(folder)


def setup(app):
    app.connect("html-page-context", _strip_thebe, priority=900)
    # after sphinx-mathjax-offline's copy (connected at the default priority, 500)
    app.connect("build-finished", _trim_after_copy, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
