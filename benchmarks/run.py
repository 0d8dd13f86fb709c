"""Benchmark of the build and the test suite: ``make bench`` (writes benchmarks/results.md).

Measures, on this machine: a cold HTML build, a no-change rebuild, a rebuild after editing one
data file (and checks that the edit shows: never stale), the PDF build after the HTML, ``import
analysis``, the weight of each chapter page (HTML plus its images) and of the offline bundle,
whether two clean builds draw byte-identical figures, the edit loop (one assumption of one chapter
changed in a scratch copy, then ``make html``; ``--edit-loop-only`` measures only that), and
``make test``. It also counts axe-core
findings per page on the default theme (the book's own fixes switched off) and on the book, for
``benchmarks/accessibility.md``. Every figure is reported against its target, met or not.

It rebuilds ``_build`` from scratch several times: expect ten minutes or more on two cores.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BUILD = ROOT / "_build"
HTML = BUILD / "html"
CHAPTERS = ["index", "primer_setting", "ch1_changes", "ch2_basic_needs", "ch3_problems",
            "ch4_measures", "ch5_national", "instructor",
            "appendix_a_register", "appendix_b_audit", "appendix_c_sources",
            "appendix_d_reproducibility", "appendix_e_code", "cite", "references"]
MB = 1_000_000
LIMITS = """What limits each figure:

- *Cold build*: executing the chapters, each in a new kernel that imports pandas, geopandas,
  matplotlib and statsmodels before it draws its figures and maps. `liangshan_book.preexecute` runs
  them two at a time (one per core) before Sphinx reads them; the libraries' bytecode is
  compiled once at set-up (`uv pip install --compile-bytecode`), which saves each kernel about
  4 s where `PYTHONDONTWRITEBYTECODE` is set. Sphinx itself takes the rest.
- *No-change rebuild*: `liangshan_book.build` hashes every input (sources, code, data, lock file,
  the article's text, the PDF it links) and skips Jupyter Book when none changed.
- *One data file edited*: the register (`facts.csv`) is read by every chapter and by Appendices
  B and C, so all six notebooks run again, two at a time; then Sphinx re-reads and writes the
  six pages. Row-level dependencies (re-running a chapter only when the rows it reads change)
  would cut the number of notebooks. An edit of one context table re-runs the same six; an
  edit of the boundaries, the four that draw maps or list the files.
- *Edit loop*: the edited chapter's kernel (it imports the analysis and draws the chapter's
  figures again), then Sphinx: start-up and the pickled environment, re-reading that page,
  writing the pages that changed, the module listings and the search index. The data package's
  validation is skipped when no data or check changed, and the PDF is not rebuilt.
- *PDF*: three xelatex passes over the whole book.
- *`make test`*: the browser tests (every page opened in Chromium and checked by axe-core) and
  the build-behaviour tests (two small books built twice) dominate; the suite runs in two
  parallel workers.
"""


def timed(cmd, env=None, check=True):
    """Run ``cmd`` in the repository; return (seconds, combined output)."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - t0
    if check and proc.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{proc.stdout[-3000:]}\n"
                 f"{proc.stderr[-3000:]}")
    return seconds, proc.stdout + proc.stderr


#: A chapter's line in the build's output: its name under the stage's description, its time.
CHAPTER_LINE = re.compile(r"^ {11}\w+ +([\d.]+) s$", re.M)


def executed_seconds(log: str) -> float:
    """Total of the notebooks' own execution times, from the build's chapter lines; chapters
    run side by side, so this can exceed the wall-clock time."""
    return sum(float(s) for s in CHAPTER_LINE.findall(log))


def chapter_seconds(log: str, name: str) -> float | None:
    """One chapter's own execution time, from its line in the build's output (None when it
    did not run)."""
    m = re.search(rf"^ {{11}}{re.escape(name)} +([\d.]+) s$", log, re.M)
    return float(m.group(1)) if m else None


#: Chapters with a target of their own for their execution in the cold build (seconds).
CHAPTER_TARGETS = {"ch5_national": 15}


def executed_count(log: str) -> int:
    """How many notebooks ran (one line each in the build's output)."""
    return len(CHAPTER_LINE.findall(log))


def figure_hashes() -> set[str]:
    return {p.stem for p in (BUILD / "jupyter_execute").glob("*.png")}


def page_weight(name: str) -> int:
    """Bytes of a chapter page plus the images it shows (not the shared theme assets); the
    introduction is the root page, ``index.html``."""
    page = HTML / f"{name}.html" if name == "index" else HTML / "chapters" / f"{name}.html"
    text = page.read_text(encoding="utf-8")
    total = page.stat().st_size
    for src in set(re.findall(r'<img[^>]+src="([^"]+)"', text)):
        img = (page.parent / src).resolve()
        if img.is_file():
            total += img.stat().st_size
    return total


def tables_digest() -> str:
    code = ("import hashlib; from analysis.domain.audit import run_audit; "
            "from analysis.data.register import load_facts; "
            "print(hashlib.sha256((run_audit().to_json() + "
            "load_facts().to_json()).encode()).hexdigest())")
    return subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def clean():
    shutil.rmtree(BUILD, ignore_errors=True)


def edit_loop(record) -> None:
    """A reader's edit loop, in a scratch copy of the repository (its own build, this
    environment): change one assumption of one chapter (``tests/helpers/scratch.py``'s EDIT),
    run ``make html``, and check that the page shows the new value."""
    sys.path.insert(0, str(ROOT / "tests" / "helpers"))
    import scratch

    with tempfile.TemporaryDirectory() as tmp:
        root = scratch.copy(Path(tmp) / "repo", cache=True)
        _, status, out = scratch.make(root, "html")  # the book as the reader has it
        if status != 0:
            sys.exit(f"benchmark step failed: make html in a scratch copy\n{out[-3000:]}")
        before = scratch.SHOWN_BEFORE in scratch.page_text(root)
        scratch.edit(root)
        seconds, status, out = scratch.make(root, "html")
        shows = status == 0 and scratch.SHOWN_AFTER in scratch.page_text(root)
        record("edit loop: one assumption of one chapter changed, then `make html`",
               f"{seconds:.1f} s, edit visible: {shows}", "≤ 15 s, the page shows the edit",
               seconds <= 15 and shows and before)


def accessibility_counts(html_dir: Path) -> dict[str, dict[str, int]]:
    sys.path.insert(0, str(ROOT / "tests" / "helpers"))
    from browser_support import axe_violations, chromium, html_pages, impact_counts, serve, visit

    counts = {}
    with serve(html_dir) as site, chromium() as browser:
        for page_path in html_pages(html_dir):
            if page_path.startswith("_modules/"):
                continue  # the code listings: one row for all would say the same thing
            context, page, errors, _ = visit(browser, site, page_path)
            page_errors = len(errors)  # before axe-core's own fetches add theirs
            found = impact_counts(axe_violations(page))
            found["console errors"] = page_errors
            counts[page_path] = found
            context.close()
    return counts


def before_fixes_build(out: Path) -> Path:
    """Build the HTML with the default theme settings: the book's own fixes switched off."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    exts = config["sphinx"]["extra_extensions"]
    config["sphinx"]["extra_extensions"] = [e for e in exts if e not in
                                            ("liangshan_book.offline", "liangshan_book.a11y")]
    opts = config["sphinx"]["config"]["html_theme_options"]
    opts.pop("pygment_light_style", None)
    opts.pop("pygment_dark_style", None)
    config["sphinx"]["config"].pop("html_sidebars", None)  # its template comes with sphinx_a11y
    cfg = out / "_config_before.yml"
    out.mkdir(parents=True, exist_ok=True)
    cfg.write_text(yaml.safe_dump(config))
    jb = str(Path(PY).parent / "jupyter-book")
    timed([jb, "build", str(ROOT), "--config", str(cfg), "--path-output", str(out),
           "--builder", "html"])
    html = out / "_build" / "html"
    if not html_pages_exist(html):
        sys.exit(f"the build with the default theme settings wrote no pages into {html}")
    return html


def html_pages_exist(html: Path) -> bool:
    return (html / "index.html").is_file() and (html / "chapters" / "ch1_changes.html").is_file()


#: The captioned, numbered tables (MyST ``{table}`` directives) that the two reports open
#: (Appendix D includes both files; every table of the book has a number and a caption).
RESULTS_TABLE = ("::::{table} Each measure of the build and the tests against its target, as "
                 "last measured by make bench.\n:name: tbl-appd-benchmarks\n:class: longtable\n")
ACCESSIBILITY_TABLE = ("::::{table} The axe-core findings of each HTML page, before the book's "
                       "own fixes and after, as last measured by make bench.\n"
                       ":name: tbl-appd-accessibility\n:class: longtable\n")


def write_accessibility(now: str) -> None:
    """Count axe-core findings before and after the book's fixes into accessibility.md."""
    with tempfile.TemporaryDirectory() as tmp:
        before = accessibility_counts(before_fixes_build(Path(tmp)))
    after = accessibility_counts(HTML)

    def fmt(c):
        return ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if v) or "none"
    acc = ["# Accessibility counts", "",
           f"axe-core rules violated per page (by impact) and console errors, measured {now} by "
           "`make bench`. *Before*: the default Jupyter Book theme settings (the book's "
           "`sphinx_offline` and `sphinx_a11y` extensions and accessible code colours switched "
           "off). *After*: the book as built.", "",
           ACCESSIBILITY_TABLE, "| Page | Before | After |", "|---|---|---|"]
    for page in sorted(set(before) | set(after)):
        acc.append(f"| `{page}` | {fmt(before.get(page, {}))} | {fmt(after.get(page, {}))} |")
    acc.append("::::")
    (ROOT / "benchmarks" / "accessibility.md").write_text("\n".join(acc) + "\n", encoding="utf-8")


def main() -> int:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if "--accessibility-only" in sys.argv:  # needs a built book
        write_accessibility(now)
        return 0
    results = []  # (measure, value, target, met)

    def record(measure, value, target, met):
        results.append((measure, value, target, "met" if met else "NOT met"))
        print(f"{measure}: {value} (target {target}: {'met' if met else 'NOT met'})", flush=True)

    timed(["make", "--no-print-directory", "setup"])
    if "--edit-loop-only" in sys.argv:  # prints its figure; results.md is left as it is
        edit_loop(record)
        return 0

    # import analysis
    best = min(timed([PY, "-c", "import analysis"])[0] for _ in range(3))
    record("`import analysis`", f"{best:.2f} s", "≤ 1 s", best <= 1)

    # the fast loop: lint, layer contract and the tests that need no build
    check_time, log = timed(["make", "--no-print-directory", "check"], check=False)
    summary = re.findall(r"=+ (.*(?:passed|failed).*) in ", log) or re.findall(
        r"^(\d+ passed.*) in ", log, re.M)
    record("`make check` (the fast loop)", f"{check_time:.0f} s "
           f"({summary[-1] if summary else '?'})", "≤ 30 s",
           check_time <= 30 and bool(summary) and "failed" not in summary[-1])

    # cold HTML build
    clean()
    cold, log = timed([PY, "-m", "liangshan_book.build", "html"])
    execution = executed_seconds(log)
    limit = min(90, 1.5 * execution + 15)
    record("cold HTML build", f"{cold:.1f} s (chapters' own execution {execution:.1f} s)",
           f"≤ 90 s and ≤ 1.5 × execution + 15 s = {1.5 * execution + 15:.0f} s", cold <= limit)
    for name, target in CHAPTER_TARGETS.items():
        own = chapter_seconds(log, name)
        record(f"chapter execution: {name}", "did not run" if own is None else f"{own:.1f} s",
               f"≤ {target} s (run beside another chapter in the cold build)",
               own is not None and own <= target)
    first_figures, first_tables = figure_hashes(), tables_digest()

    # no-change rebuild
    again, log = timed([PY, "-m", "liangshan_book.build", "html"])
    record("no-change rebuild", f"{again:.1f} s, {executed_count(log)} "
           "notebooks executed", "≤ 3 s, nothing executed",
           again <= 3 and executed_count(log) == 0)

    # one data file edited (content, not only the mtime: the cache keys on content)
    facts = ROOT / "data" / "facts.csv"
    original = facts.read_bytes()
    marker = "Registered poor people in the prefecture at the end of 2013."
    try:
        facts.write_text(original.decode().replace(marker, marker + " (benchmark edit)"),
                         encoding="utf-8")
        timed([PY, "-m", "analysis", "hashes"])
        edited, log = timed([PY, "-m", "liangshan_book.build", "html"])
        shows = "(benchmark edit)" in (HTML / "chapters" / "appendix_a_register.html").read_text()
        record("rebuild after editing one data file",
               f"{edited:.1f} s, {executed_count(log)} notebooks "
               f"re-executed, edit visible: {shows}", "≤ 30 s and never stale",
               edited <= 30 and shows)
    finally:
        facts.write_bytes(original)
        timed([PY, "-m", "analysis", "hashes"])
        timed([PY, "-m", "liangshan_book.build", "html"])

    edit_loop(record)

    # PDF after the HTML
    if shutil.which("xelatex") and shutil.which("latexmk"):
        pdf, _ = timed([PY, "-m", "liangshan_book.build", "pdf"])
        record("PDF build after the HTML", f"{pdf:.1f} s", "≤ 60 s", pdf <= 60)
        timed([PY, "-m", "liangshan_book.build", "html"])  # the HTML now links the PDF
    else:
        record("PDF build after the HTML", "not measured: TeX is not installed", "≤ 60 s", False)

    # page weights and the offline bundle
    heaviest = 0
    for name in CHAPTERS:
        w = page_weight(name)
        heaviest = max(heaviest, w)
        record(f"page weight: {name}", f"{w / MB:.2f} MB", "≤ 1 MB", w <= MB)
    timed(["make", "--no-print-directory", "dist"])
    bundle = BUILD / "dist" / "liangshan-compendium-offline.zip"
    size = bundle.stat().st_size
    record("offline bundle (`make dist`)", f"{size / MB:.1f} MB", "≤ 25 MB", size <= 25 * MB)

    # determinism: a second clean build
    clean()
    timed([PY, "-m", "liangshan_book.build", "html"])
    same = figure_hashes() == first_figures and tables_digest() == first_tables
    record("two clean builds: identical figures and tables",
           f"{len(first_figures)} figure files, {'identical' if same else 'DIFFERENT'}",
           "byte-identical", same)

    # make test (includes its own build of the PDF and the HTML when needed)
    test_time, log = timed(["make", "--no-print-directory", "test"], check=False)
    summary = re.findall(r"=+ (.*(?:passed|failed).*) in ", log)
    record("`make test` (after a build)", f"{test_time:.0f} s ({summary[-1] if summary else '?'})",
           "≤ 5 minutes", test_time <= 300 and "failed" not in (summary[-1] if summary else "x"))

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = ["# Benchmark results", "",
             f"Measured {now} on {machine} by `make bench` (`benchmarks/run.py`).", "",
             RESULTS_TABLE, "| Measure | Result | Target | Verdict |", "|---|---|---|---|"]
    lines += [f"| {m} | {v} | {t} | {ok} |" for m, v, t, ok in results]
    lines += ["::::", "", LIMITS, ""]
    (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines), encoding="utf-8")

    write_accessibility(now)
    print(json.dumps({"results": results}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
