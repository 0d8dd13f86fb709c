"""The built HTML book (``make book`` builds it before ``make test`` runs this suite)."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from analysis.data import paths

pytestmark = pytest.mark.book

HTML = paths.BUILD / "html"
#: The pages of the book; the introduction is the root page, index.html
CHAPTERS = ["index", "primer_setting", "ch1_changes", "ch2_basic_needs", "ch3_problems",
            "ch4_measures", "ch5_national", "instructor",
            "appendix_a_register", "appendix_b_audit", "appendix_c_sources",
            "appendix_d_reproducibility", "appendix_e_code", "cite", "references"]


@pytest.fixture(scope="module")
def pages():
    if not (HTML / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` (make test does it first)")
    return {p: p.read_text(encoding="utf-8") for p in sorted(HTML.rglob("*.html"))
            if "_static" not in p.parts and "_modules" not in p.parts}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])


def _parse(text):
    p = _Tags()
    p.feed(text)
    return p


def test_every_chapter_and_appendix_is_built(pages):
    built = {p.stem for p in pages}
    assert set(CHAPTERS) <= built


def test_no_resource_is_loaded_from_the_network(pages):
    remote = re.compile(r"^(https?:)?//", re.I)
    offenders = []
    for path, text in pages.items():
        for tag, a in _parse(text).tags:
            url = a.get("src") if tag in ("script", "img", "iframe", "source", "video", "audio") \
                else a.get("href") if tag == "link" else None
            if url and remote.match(url):
                offenders.append(f"{path.relative_to(HTML)}: <{tag}> {url}")
    for css in (HTML / "_static").rglob("*.css"):
        text = css.read_text(errors="ignore")
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text):
            offenders.append(f"{css.relative_to(HTML)}: url({url})")
    assert offenders == []


def test_mathjax_is_bundled(pages):
    with_math = [t for t in pages.values() if "mathjax" in t.lower()]
    for text in with_math:
        assert "cdn.jsdelivr" not in text
    assert (HTML / "_static" / "mathjax" / "tex-chtml.js").is_file()
    # the bundles no page loads are not shipped (liangshan_book.offline.trim_mathjax)
    assert not (HTML / "_static" / "mathjax" / "tex-svg.js").exists()
    assert not (HTML / "_static" / "mathjax" / "output" / "svg").exists()
    assert (HTML / "_static" / "mathjax" / "output" / "chtml").is_dir()


def test_every_image_has_meaningful_alt_text(pages):
    missing = []
    for path, text in pages.items():
        for tag, a in _parse(text).tags:
            if tag == "img":
                alt = (a.get("alt") or "").strip()
                if len(alt) < 15 or re.fullmatch(r"(figure|image|fig\.?)\s*\d*", alt, re.I):
                    missing.append(f"{path.relative_to(HTML)}: {a.get('src')} alt={alt!r}")
    assert missing == []


def test_internal_links_and_anchors_resolve(pages):
    ids = {path.resolve(): _parse(text).ids for path, text in pages.items()}
    broken = []
    for path, text in pages.items():
        for tag, a in _parse(text).tags:
            href = a.get("href") if tag == "a" else None
            if not href or href.startswith(("mailto:", "javascript:")) or re.match(r"^\w+:", href):
                continue
            parts = urlsplit(href)
            target = (path.parent / parts.path).resolve() if parts.path else path.resolve()
            if not target.exists():
                broken.append(f"{path.relative_to(HTML)} -> {href}")
            elif parts.fragment and target.suffix == ".html" and target in ids \
                    and parts.fragment not in ids[target]:
                broken.append(f"{path.relative_to(HTML)} -> {href} (no such anchor)")
    assert broken == []


def test_every_register_row_has_an_anchor(pages):
    from analysis.data.register import load_facts
    from analysis.formatting import fact_anchor

    page = pages[HTML / "chapters" / "appendix_a_register.html"]
    ids = _parse(page).ids
    assert {fact_anchor(f) for f in load_facts().index} <= ids


def test_fact_numbers_link_to_the_register(pages):
    intro = pages[HTML / "index.html"]
    assert re.search(r'href="chapters/appendix_a_register.html#fact-liangshan-author-visits"',
                     intro)


def test_pages_say_their_language(pages):
    for path, text in pages.items():
        assert re.search(r'<html[^>]*\blang="en"', text), path


def test_no_nan_or_error_output_in_pages(pages):
    bad = []
    for path, text in pages.items():
        if path.name == "appendix_e_code.html" or "_modules" in path.parts:
            continue  # the code's documentation may name NaN; the book's outputs may not
        visible = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        visible = re.sub(r"<[^>]+>", " ", visible)
        for word in (" NaN ", "Traceback (most recent call last)", " <NA> ", "&lt;NA&gt;"):
            if word in visible:
                bad.append(f"{path.relative_to(HTML)}: {word.strip()}")
    assert bad == []


def test_no_page_shows_a_doubled_percent_sign(pages):
    """A percentage from the register already carries its sign ("80%"): a "%" typed after the
    role, or an escaped "%%" left in a format string, shows "80%%" to the reader."""
    bad = []
    for path, text in pages.items():
        if path.name == "appendix_e_code.html" or "_modules" in path.parts:
            continue  # the code's documentation may show a format string
        visible = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        visible = re.sub(r"<[^>]+>", "", visible)   # "80</abbr></a>%" reads as "80%%" too
        for m in re.finditer(r".{0,40}%\s*%.{0,20}", visible):
            bad.append(f"{path.relative_to(HTML)}: {m.group(0).strip()}")
    assert bad == []


def test_the_pdf_is_offered_for_download_when_built(pages):
    pdf = paths.BUILD / "latex" / "liangshan-compendium.pdf"
    if not pdf.is_file():
        pytest.skip("no PDF built (TeX not installed): nothing to offer")
    assert (HTML / "liangshan-compendium.pdf").is_file()
    assert "liangshan-compendium.pdf" in pages[HTML / "index.html"]


class _LangStack(HTMLParser):
    """Finds Chinese characters in text whose nearest lang attribute is not Chinese."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr", "path", "rect", "circle", "line", "polyline", "polygon", "use"}

    def __init__(self):
        super().__init__()
        self.stack, self.unmarked = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        parent = self.stack[-1][1] if self.stack else "en"
        self.stack.append((tag, dict(attrs).get("lang", parent)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(tag in ("script", "style", "code", "pre", "kbd", "samp") for tag, _ in self.stack):
            return  # code, not prose
        lang = self.stack[-1][1] if self.stack else "en"
        if re.search(r"[\u4e00-\u9fff]", data) and not lang.startswith("zh"):
            self.unmarked.append(data.strip()[:40])


def test_chinese_text_is_marked_as_chinese(pages):
    unmarked = {}
    for path, text in pages.items():
        if "_modules" in path.parts:
            continue  # source listings: code, not prose
        p = _LangStack()
        p.feed(text)
        if p.unmarked:
            unmarked[path.relative_to(HTML).as_posix()] = p.unmarked[:5]
    assert unmarked == {}


def test_every_data_file_can_be_downloaded_from_appendix_c(pages):
    """A reader can follow a context figure to its table and its source: every file of the data
    package is offered for download, and the sources table gives each source's address and the
    date it was read."""
    from analysis.data.package import current

    page = pages[HTML / "chapters" / "appendix_c_sources.html"]
    offered = {Path(urlsplit(href).path).name
               for href in re.findall(r'href="([^"]*_downloads/[^"]+)"', page)}
    files = {Path(r["path"]).name for r in current().descriptor()["resources"]}
    assert files - offered == set()
    assert "https://github.com/leiii/census" in page and "2026-11-28" in page


def _article(html: str) -> str:
    start = html.find('<article class="bd-article">')
    return html[start:html.find("</article>", start)] if start >= 0 else ""


def test_every_table_is_numbered_with_its_caption(pages):
    """Each table of the chapters and appendices (notebook tables, prose tables, the register,
    the execution table) carries a caption with its number, so that the text cites it."""
    tables, uncaptioned = 0, []
    for path, html in pages.items():
        if path.parent.name != "chapters" and path.name != "index.html":
            continue
        for table in re.findall(r"<table\b.*?</table>", _article(html), re.S):
            if ">Name in the text<" in table:
                continue  # a "how these numbers were computed" table: unnumbered, by design
            tables += 1
            if not re.search(r'<caption><span class="caption-number">Table [0-9A-E.]+ </span>',
                             table):
                uncaptioned.append(f"{path.name}: {table[:80]}")
    assert tables >= 18 and uncaptioned == []


def test_appendix_tables_are_numbered_by_their_letter_as_in_print(pages):
    audit = pages[HTML / "chapters" / "appendix_b_audit.html"]
    assert 'caption-number">Table B.1 </span>' in audit
    assert 'caption-number">Table B.2 </span>' in audit
    intro = pages[HTML / "index.html"]
    assert 'caption-number">Table 1 </span>' in intro
    assert 'caption-number">Table 1.1 </span>' in pages[HTML / "chapters" / "ch1_changes.html"]


def test_every_notebook_page_offers_its_executed_notebook(pages):
    """Each chapter that is a notebook links, under its title, its executed .ipynb, which is
    shipped beside the page with every output (figures as PNG); other pages have no such
    link."""
    import nbformat

    from liangshan_book.notebook_download import LINK_TEXT, notebook_pages

    docs = [f"chapters/{p.stem}" for p in paths.CHAPTERS.glob("*.md")]
    notebooks = notebook_pages(paths.ROOT, docs)
    assert {"chapters/primer_setting", "chapters/ch1_changes", "chapters/ch5_national"} \
        <= set(notebooks)
    problems = []
    for doc in docs:
        page = pages[HTML / f"{doc}.html"]
        name = doc.split("/")[-1] + ".ipynb"
        link = f'<a class="reference download" href="{name}" download="{name}">{LINK_TEXT}</a>'
        if doc not in notebooks:
            if '<p class="notebook-download">' in page:
                problems.append(f"{doc}: a link, but the page is not a notebook")
            continue
        article = page[page.index('<article class="bd-article">'):]
        title_end = article.index("</h1>")
        if link not in article or not title_end < article.index(link) < title_end + 200:
            problems.append(f"{doc}: no download link right under the title")
            continue
        nb = nbformat.read(HTML / f"{doc}.ipynb", as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        outputs = [o for c in code for o in c.outputs]
        pngs = [o for o in outputs if "image/png" in o.get("data", {})]
        if not code or not outputs:
            problems.append(f"{doc}.ipynb: {len(code)} code cells, {len(outputs)} outputs")
        if doc.split("/")[-1].startswith(("ch", "primer")) and not pngs:
            problems.append(f"{doc}.ipynb: no figure among its outputs")
    assert problems == []
