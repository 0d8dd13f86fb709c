"""The built HTML book in a real browser (Debian's Chromium, driven by Playwright), offline.

Every page is served from ``_build/html`` on localhost and opened in headless Chromium whose
host resolver knows no other host, so that any request leaving the machine fails and is
recorded. Each page must show no console error, make no outside request, load every image,
and pass axe-core with no serious or critical violation (moderate and minor ones are listed).
A screenshot of each chapter is kept in ``_build/test-artifacts/screenshots``.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import socketserver
import threading

import pytest

from analysis import paths

HTML = paths.BUILD / "html"
ARTIFACTS = paths.BUILD / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHAPTER_PAGES = ["chapters/ch1_changes.html", "chapters/ch2_basic_needs.html",
                 "chapters/ch3_problems.html", "chapters/ch4_measures.html"]
SEVERE = {"serious", "critical"}


def _pages():
    if not (HTML / "index.html").is_file():
        return []
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if p.name != "index.html" and "_static" not in p.parts)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    if not (HTML / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` (make test does it first)")
    handler = functools.partial(_Quiet, directory=str(HTML))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail("Chromium is not installed: run `make system-deps` (as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            # no host but this one resolves: an outside request fails, and is recorded below
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ])
        yield b
        b.close()


@pytest.fixture(scope="module")
def axe_report():
    report = {}
    yield report
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(report, indent=1, sort_keys=True))
    print("\naxe-core violations per page (impact: count of rules):")
    for page, counts in sorted(report.items()):
        print(f"  {page}: {counts or 'none'}")


def _visit(browser, site, page_path):
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


@pytest.mark.parametrize("page_path", _pages() or ["(book not built)"])
def test_page_in_the_browser(browser, site, axe_report, page_path):
    from axe_playwright_python.sync_playwright import Axe

    context, page, errors, outside = _visit(browser, site, page_path)
    try:
        broken = page.eval_on_selector_all(
            "img", "els => els.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        # what the book itself logged and requested; axe-core's own fetches come after (its CSS
        # preloader resolves the theme's relative @import against the page, a harmless 404)
        errors, outside = list(errors), list(outside)
        result = Axe().run(page)
        violations = result.response["violations"]
        counts = {}
        for v in violations:
            counts[v["impact"]] = counts.get(v["impact"], 0) + 1
        axe_report[page_path] = counts
        severe = [f"{v['id']} ({v['impact']}): {v['help']} - "
                  f"{[n['target'] for n in v['nodes']][:3]}" for v in violations
                  if v["impact"] in SEVERE]
        for v in violations:
            if v["impact"] not in SEVERE:
                print(f"{page_path}: {v['impact']} {v['id']} x{len(v['nodes'])}: {v['help']}")
        if page_path in CHAPTER_PAGES or page_path == "chapters/intro.html":
            shots = ARTIFACTS / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / (page_path.split("/")[-1][:-5] + ".png")))
    finally:
        context.close()
    assert errors == [], f"console errors on {page_path}"
    assert outside == [], f"requests leaving the machine from {page_path}"
    assert broken == [], f"images that did not load on {page_path}"
    assert severe == [], f"serious or critical accessibility violations on {page_path}"


@pytest.mark.parametrize("page_path", CHAPTER_PAGES)
def test_each_chapter_shows_its_figures(browser, site, page_path):
    context, page, _, _ = _visit(browser, site, page_path)
    try:
        figures = page.eval_on_selector_all(
            "figure img", "els => els.filter(i => i.naturalWidth > 0).length")
    finally:
        context.close()
    assert figures >= 2, f"{page_path} shows {figures} figure(s)"


def test_the_interactive_county_map_works_offline(browser, site):
    context, page, errors, outside = _visit(browser, site, "chapters/ch1_changes.html")
    try:
        paths_with_titles = page.eval_on_selector_all(
            "svg path[tabindex='0']", "els => els.filter(p => p.querySelector('title')).length")
        first = page.locator("svg path[tabindex='0']").first
        first.focus()
        focused = page.evaluate("document.activeElement.tagName")
    finally:
        context.close()
    assert paths_with_titles == 17
    assert focused.lower() == "path"
    assert outside == [] and errors == []
