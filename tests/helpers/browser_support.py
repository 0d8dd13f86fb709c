"""Serving the built HTML on localhost and driving Debian's Chromium with Playwright, offline.

Shared by the browser tests and by ``benchmarks/run.py`` (which counts accessibility findings
before and after the book's own fixes).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socketserver
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # no host but this one resolves: an outside request fails, and is recorded by the caller
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser (Playwright), or RuntimeError if Chromium is missing."""
    if CHROMIUM is None:
        raise RuntimeError("Chromium is not installed: run `make system-deps` (as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def html_pages(html_dir: Path) -> list[str]:
    """Every page of a built book, relative to its root (``index.html`` is the introduction)."""
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if "_static" not in p.parts and "_modules" not in p.parts)


def visit(browser, site: str, page_path: str):
    """Open a page; return (context, page, console errors, requests that left the machine)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((site, "data:", "blob:", "about:")) else None)
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}")
            if r.status >= 400 else None)
    page.goto(f"{site}/{page_path}", wait_until="networkidle")
    return context, page, errors, outside


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the open page (rules and their impact)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def impact_counts(violations: list[dict]) -> dict[str, int]:
    """Number of violated rules per impact level."""
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["impact"]] = counts.get(v["impact"], 0) + 1
    return counts


# --- colour contrast (WCAG 2.x), computed from the browser's computed styles

#: JavaScript: every element inside ``figcaption`` that shows text of its own, or (with
#: ``links``) the figure's anchor link, with its colour and the background colours of it and
#: of each ancestor up to the root (the first is its own).
CAPTION_COLOURS_JS = """([index, links]) => {
  const figure = document.querySelectorAll('figure')[index];
  const els = links ? Array.from(figure.querySelectorAll('a.headerlink'))
    : Array.from(figure.querySelectorAll('figcaption, figcaption *')).filter(el =>
        Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()));
  return els.filter(el => getComputedStyle(el).visibility === 'visible').map(el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
    return {text: el.textContent.trim().slice(0, 40), color: getComputedStyle(el).color,
            opacity: getComputedStyle(el).opacity, layers: layers};
  });
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    """``rgb(…)`` or ``rgba(…)`` as four numbers (alpha 1 when not given)."""
    import re

    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) > 3 else 1.0)


def over(top, bottom) -> tuple[float, float, float, float]:
    """Colour ``top`` (with its alpha) painted over the opaque colour ``bottom``."""
    a = top[3]
    return tuple(top[i] * a + bottom[i] * (1 - a) for i in range(3)) + (1.0,)


def effective_background(layers: list[str]) -> tuple[float, float, float, float]:
    """The opaque colour behind an element: its own and its ancestors' backgrounds painted
    from the root down over the browser's white canvas."""
    colour = (255.0, 255.0, 255.0, 1.0)
    for css in reversed(layers):
        c = rgba(css)
        if c[3] > 0:
            colour = over(c, colour)
    return colour


def luminance(colour) -> float:
    """WCAG relative luminance of an sRGB colour (0 black to 1 white)."""
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background) -> float:
    """WCAG contrast ratio of text colour ``foreground`` (alpha painted over the background)
    on the opaque ``background``: 1 to 21."""
    fg = over(foreground, background)
    hi, lo = sorted((luminance(fg), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
