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
