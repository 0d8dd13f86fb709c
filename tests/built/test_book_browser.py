"""The built HTML book in a real browser (Debian's Chromium, driven by Playwright), offline.

Every page is served from ``_build/html`` on localhost and opened in headless Chromium whose
host resolver knows no other host, so that any request leaving the machine fails and is
recorded. Each page must show no console error, make no outside request, load every image,
and pass axe-core with no serious or critical violation (moderate and minor ones are listed).
A screenshot of each chapter is kept in ``_build/test-artifacts/screenshots``.
"""
from __future__ import annotations

import json
import os
import re

import pytest
from browser_support import (
    CAPTION_COLOURS_JS,
    axe_violations,
    chromium,
    contrast_ratio,
    effective_background,
    html_pages,
    impact_counts,
    rgba,
    serve,
    visit,
)

from analysis.data import paths

pytestmark = [pytest.mark.book, pytest.mark.browser]

HTML = paths.BUILD / "html"
ARTIFACTS = paths.BUILD / "test-artifacts"
CHAPTER_PAGES = ["chapters/ch1_changes.html", "chapters/ch2_basic_needs.html",
                 "chapters/ch3_problems.html", "chapters/ch4_measures.html",
                 "chapters/ch5_national.html"]
SEVERE = {"serious", "critical"}


def _pages():
    return html_pages(HTML) if (HTML / "index.html").is_file() else []


@pytest.fixture(scope="module")
def site():
    if not (HTML / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` (make test does it first)")
    with serve(HTML) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    try:
        with chromium() as b:
            yield b
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def axe_report():
    report = {}
    yield report
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one file per parallel worker
    (ARTIFACTS / f"axe-{worker}.json").write_text(json.dumps(report, indent=1, sort_keys=True))
    print("\naxe-core violations per page (impact: count of rules):")
    for page, counts in sorted(report.items()):
        print(f"  {page}: {counts or 'none'}")


@pytest.mark.parametrize("page_path", _pages() or ["(book not built)"])
def test_page_in_the_browser(browser, site, axe_report, page_path):
    context, page, errors, outside = visit(browser, site, page_path)
    try:
        broken = page.eval_on_selector_all(
            "img", "els => els.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        # what the book itself logged and requested; axe-core's own fetches come after (its CSS
        # preloader resolves the theme's relative @import against the page, a harmless 404)
        errors, outside = list(errors), list(outside)
        violations = axe_violations(page)
        axe_report[page_path] = impact_counts(violations)
        severe = [f"{v['id']} ({v['impact']}): {v['help']} - "
                  f"{[n['target'] for n in v['nodes']][:3]}" for v in violations
                  if v["impact"] in SEVERE]
        for v in violations:
            if v["impact"] not in SEVERE:
                print(f"{page_path}: {v['impact']} {v['id']} x{len(v['nodes'])}: {v['help']}")
        if page_path in CHAPTER_PAGES or page_path == "index.html":
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
    context, page, _, _ = visit(browser, site, page_path)
    try:
        figures = page.eval_on_selector_all(
            "figure img", "els => els.filter(i => i.naturalWidth > 0).length")
    finally:
        context.close()
    assert figures >= 2, f"{page_path} shows {figures} figure(s)"


def test_the_interactive_county_map_works_offline(browser, site):
    context, page, errors, outside = visit(browser, site, "chapters/ch1_changes.html")
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


def test_a_figure_opens_full_size_on_a_phone(browser, site):
    """At a phone's width every figure image of a chapter is a link to its own file, larger
    than it is shown; the link takes the keyboard's focus, and Enter opens the image."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{site}/chapters/ch1_changes.html", wait_until="networkidle")
        figures = page.evaluate("""() => [...document.querySelectorAll('figure img')].map(i => {
          const a = i.closest('a.figure-zoom');
          return {linked: !!a && a.getAttribute('href') === i.getAttribute('src'),
                  shown: i.getBoundingClientRect().width, natural: i.naturalWidth};
        })""")
        link = page.locator("figure a.figure-zoom").first
        link.focus()
        focused = page.evaluate("document.activeElement.classList.contains('figure-zoom')")
        href = link.get_attribute("href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        opened = page.url
        natural = page.evaluate("document.images.length ? document.images[0].naturalWidth : 0")
    finally:
        context.close()
    assert len(figures) >= 5 and all(f["linked"] for f in figures), figures
    assert all(f["natural"] > f["shown"] for f in figures)      # the file shows more detail
    assert focused and opened.endswith(href.split("/")[-1]) and natural > 390


@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_runs_off_the_screen(browser, site, width):
    """At a desktop and at a phone's width no page scrolls sideways: wide tables and figures
    scroll inside themselves."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wide = {}
    try:
        for page_path in _pages():
            page.goto(f"{site}/{page_path}", wait_until="networkidle")
            over = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if over > 0:
                wide[page_path] = over
    finally:
        context.close()
    assert wide == {}, f"pages wider than {width} px (by px): {wide}"


def test_the_register_can_be_searched_sorted_and_filtered(browser, site):
    context, page, errors, outside = visit(browser, site, "chapters/appendix_a_register.html")
    try:
        rows = "table.fact-register tbody tr"
        page.wait_for_selector("div.dt-search input")
        total = page.locator(rows).count()
        page.fill("div.dt-search input", "Kuijiu")
        kuijiu = page.locator(rows).count()
        shown = page.locator(rows).all_inner_texts()
        page.fill("div.dt-search input", "")
        page.click("table.fact-register thead th:nth-child(5)")     # sort by Value
        page.click("button.dtsp-showAll")                           # open the filter panes
        panes = page.locator("div.dtsp-searchPane").count()
        # a register row's anchor still lands on its row
        page.goto(f"{site}/chapters/appendix_a_register.html#fact-kuijiu-poverty-rate")
        target = page.evaluate("document.getElementById('fact-kuijiu-poverty-rate')"
                               ".closest('tr').querySelector('td').innerText")
    finally:
        context.close()
    assert total == 113
    assert 0 < kuijiu < total and all("kuijiu" in r.lower() for r in shown)
    assert panes == 4                                               # section, place, unit, hedge
    assert target.replace("\n", "") == "kuijiu.poverty_rate"
    assert errors == [] and outside == []


#: For each register id: the number of lines it takes, and its pieces (text between the <wbr>
#: after "." and "_") that the browser broke inside.
_ID_LINES_JS = """() => [...document.querySelectorAll(
    'table.fact-register tbody td:first-child code')].map(code => {
    const tops = new Set([...code.getClientRects()].map(r => Math.round(r.top)));
    const broken = [...code.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
      .filter(n => { const r = document.createRange(); r.selectNodeContents(n);
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; })
      .map(n => n.textContent);
    return [code.textContent, tops.size, broken];
  })"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_register_table_reads_at_any_width(browser, site, width):
    """Appendix A's table at a desktop's and a phone's width: its caption sits above the box
    that scrolls sideways and shows whole; ids break only after "." and "_", the usual id
    (``liangshan.poor_population.2013``) in at most two lines; the row a #fact- link points at
    is in view and highlighted; the header row stays in view while the rows scroll under it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{site}/chapters/appendix_a_register.html#fact-liangshan-poor-population-2013",
                  wait_until="networkidle")
        page.wait_for_selector("p.interactive-table-caption")
        caption = page.evaluate("""() => {
          const c = document.querySelector('p.interactive-table-caption');
          const box = document.querySelector('table.fact-register').closest('.dt-layout-cell');
          const r = c.getBoundingClientRect();
          return {text: c.innerText, inBox: box.contains(c), right: r.right,
                  inTable: !!document.querySelector('table.fact-register > caption'),
                  label: document.querySelector('table.fact-register')
                           .getAttribute('aria-labelledby') === c.id};
        }""")
        ids = page.evaluate(_ID_LINES_JS)
        target = page.evaluate("""() => {
          const row = document.getElementById('fact-liangshan-poor-population-2013')
                        .closest('tr');
          const next = row.nextElementSibling;
          const box = row.closest('.dt-layout-cell').getBoundingClientRect();
          const head = row.closest('table').querySelector('thead').getBoundingClientRect();
          const r = row.getBoundingClientRect();
          const bg = e => getComputedStyle(e.querySelector('td')).backgroundColor;
          return {visible: r.top >= head.bottom - 1 && r.bottom <= Math.min(box.bottom,
                    innerHeight) + 1, own: bg(row), next: bg(next)};
        }""")
        # scroll the table's box down by a screen: the header row is still at its top
        header = page.evaluate("""() => {
          const box = document.querySelector('table.fact-register').closest('.dt-layout-cell');
          box.scrollTop += 600;
          box.scrollIntoView({block: 'start'});
          const th = box.querySelector('thead th').getBoundingClientRect();
          return {scrolled: box.scrollTop > 0,
                  atTop: Math.abs(th.top - box.getBoundingClientRect().top) < 2};
        }""")
    finally:
        context.close()
    assert caption["text"].startswith("Table A.1 The register")
    assert not caption["inBox"] and not caption["inTable"] and caption["label"]
    assert caption["right"] <= width                                 # not cut off at the right
    assert len(ids) == 113
    assert [(i, b) for i, _, b in ids if b] == []                   # no break inside a piece
    lines = {i: n for i, n, _ in ids}
    assert lines["liangshan.poor_population.2013"] <= 2
    assert target["visible"] and target["own"] != target["next"]   # in view, highlighted
    assert header == {"scrolled": True, "atTop": True}
    assert errors == []


def test_the_national_map_works_offline(browser, site):
    """Every poverty county drawn in the boundary layer is focusable with a name; the other
    counties are drawn but not in the tab order."""
    context, page, errors, outside = visit(browser, site, "chapters/ch5_national.html")
    try:
        focusable = page.eval_on_selector_all(
            "svg.natmap path[tabindex='0']",
            "els => els.filter(p => (p.getAttribute('aria-label') || '').length > 20).length")
        background = page.eval_on_selector_all(
            "svg.natmap path[aria-hidden='true']:not([tabindex])", "els => els.length")
        page.locator("svg.natmap path[tabindex='0']").first.focus()
        focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    finally:
        context.close()
    # 832 listed counties less 冷湖行委, the one with no polygon (national/crosswalk.csv)
    assert focusable == 831
    assert background >= 2 and focused.startswith("Poverty county")
    assert outside == [] and errors == []


def test_the_audit_table_can_be_searched(browser, site):
    """Appendix B's audit table: searching for a verdict leaves the checks that reached it."""
    from analysis.domain import audit

    context, page, errors, outside = visit(browser, site, "chapters/appendix_b_audit.html")
    try:
        rows = page.locator("table.interactive-table").first.locator("tbody tr")
        page.wait_for_selector("div.dt-search input")
        total = rows.count()
        page.locator("div.dt-search input").first.fill("EXPLAINED")
        shown = rows.all_inner_texts()
    finally:
        context.close()
    counts = audit.verdict_counts()
    assert total == counts.sum()
    assert len(shown) == counts["explained"] and all("EXPLAINED" in r for r in shown)
    assert errors == [] and outside == []


#: Pages with figures: the chapters and the primer.
FIGURE_PAGES = CHAPTER_PAGES + ["chapters/primer_setting.html"]
#: WCAG 2.x level AA for body-size text.
AA = 4.5


def test_the_contrast_arithmetic():
    # black on white is the maximum, 21:1; #767676 on white is the lightest grey that passes
    # AA (4.54:1); half-transparent black on white is grey 127.5, of luminance
    # ((0.5 + 0.055) / 1.055) ** 2.4 = 0.214, so (1 + 0.05) / (0.214 + 0.05) = 3.98:1
    white = (255, 255, 255, 1.0)
    assert contrast_ratio((0, 0, 0, 1.0), white) == pytest.approx(21.0)
    assert contrast_ratio((118, 118, 118, 1.0), white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((0, 0, 0, 0.5), white) == pytest.approx(3.98, abs=0.01)
    assert effective_background(["rgba(0, 0, 0, 0)", "rgb(18, 18, 18)"]) == (18, 18, 18, 1.0)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_figure_captions_meet_wcag_aa_contrast(browser, site, mode):
    """Each caption's text, and the figure's anchor link shown when the figure is hovered,
    against the background it is drawn on, in the theme's light and dark modes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    low, checked = [], 0
    try:
        for page_path in FIGURE_PAGES:
            page.goto(f"{site}/{page_path}", wait_until="networkidle")
            page.evaluate(f"document.documentElement.dataset.theme = '{mode}'")
            page.wait_for_timeout(400)                     # the theme's colour transition
            for i in range(page.locator("figure").count()):
                if not page.locator("figure").nth(i).locator("figcaption").count():
                    continue
                found = page.evaluate(CAPTION_COLOURS_JS, [i, False])
                page.locator("figure").nth(i).hover()
                page.wait_for_timeout(150)
                found += page.evaluate(CAPTION_COLOURS_JS, [i, True])
                for item in found:
                    fg = rgba(item["color"])
                    fg = fg[:3] + (fg[3] * float(item["opacity"]),)
                    ratio = contrast_ratio(fg, effective_background(item["layers"]))
                    checked += 1
                    if ratio < AA:
                        low.append(f"{page_path} figure {i + 1} {item['text']!r}: "
                                   f"{item['color']} {ratio:.2f}:1")
    finally:
        context.close()
    assert checked >= 20, f"only {checked} caption texts found"
    assert low == [], f"caption text below {AA}:1 in {mode} mode: {low}"


#: Chapter pages whose exercises are numbered by sphinx-exercise.
EXERCISE_PAGES = CHAPTER_PAGES

EXERCISES_JS = """() => {
  const own = [...document.querySelectorAll('div.exercise')].map(e => [e.id,
      (e.querySelector('.caption-number') || {}).textContent || '']);
  const refs = [...document.querySelectorAll('a[href^="#ex-"]')].map(a => [
      a.getAttribute('href').slice(1), a.textContent.trim()]);
  return {own, refs};
}"""


@pytest.mark.parametrize("page_path", EXERCISE_PAGES)
def test_exercise_numbers_resolve(browser, site, page_path):
    """Each exercise carries a number of its chapter (Exercise 2.1...), and every link to an
    exercise (from the text or from its solution) shows that same number and lands on it."""
    context, page, errors, _ = visit(browser, site, page_path)
    try:
        found = page.evaluate(EXERCISES_JS)
        chapter = page_path.split("/")[-1][2]  # ch2_basic_needs.html -> "2"
        own = {ex_id: " ".join(number.split()) for ex_id, number in found["own"]}
        bad = [f"{ex_id}: {number!r}" for ex_id, number in own.items()
               if not re.fullmatch(rf"Exercise {chapter}\.\d+", number)]
        wrong = [f"{href} shows {text!r}" for href, text in found["refs"]
                 if own.get(href) is None or own[href] not in text]
        if found["refs"]:  # a link really moves the page to its exercise
            href = found["refs"][-1][0]
            page.locator(f'a[href="#{href}"]').last.click()
            page.wait_for_timeout(300)
            in_view = page.evaluate(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.top >= -5 && r.top < window.innerHeight; }", href)
        else:
            in_view = False
    finally:
        context.close()
    assert len(own) >= 2 and bad == [], f"{page_path}: exercises {own}; unnumbered {bad}"
    assert found["refs"] and wrong == [], f"{page_path}: links {wrong}"
    assert in_view, f"{page_path}: the link to {href} did not bring it into view"
    assert errors == []


@pytest.mark.parametrize("page_path", CHAPTER_PAGES)
def test_folded_code_opens(browser, site, page_path):
    """The analysis code is on the page, folded: a click on the fold's title shows it, and a
    second click folds it again."""
    context, page, errors, _ = visit(browser, site, page_path)
    try:
        folds = page.locator("details.hide")
        count = folds.count()
        first = folds.first
        code = first.locator("div.cell_input pre").first
        before = code.is_visible()
        first.locator("summary").click()
        opened = code.is_visible()
        text = code.inner_text() if opened else ""
        first.locator("summary").click()
        closed_again = not code.is_visible()
    finally:
        context.close()
    assert count >= 2, f"{page_path}: {count} folded code cells"
    assert (before, opened, closed_again) == (False, True, True)
    assert "(" in text  # a call of the analysis, not an empty block
    assert errors == []


def test_a_number_s_hint_shows_on_keyboard_focus(browser, site):
    """A register number reached with the Tab key shows its hint (the link's title) under it:
    a browser shows a title on mouse hover only."""
    context, page, errors, _ = visit(browser, site, "chapters/ch2_basic_needs.html")
    try:
        link = page.locator("a:has(> abbr.fact-value)").first
        hint = link.get_attribute("title")
        before = page.evaluate("a => getComputedStyle(a.firstElementChild, '::after').content",
                               link.element_handle())
        link.focus()
        page.keyboard.press("Shift+Tab")  # focus by keyboard, so that :focus-visible applies
        page.keyboard.press("Tab")
        after = page.evaluate("a => getComputedStyle(a.firstElementChild, '::after').content",
                              link.element_handle())
    finally:
        context.close()
    assert hint and before in ("none", "normal")
    assert after == f'"{hint}"'
    assert errors == []
