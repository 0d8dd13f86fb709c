"""Building the book: ``python -m liangshan_book.build book|html|pdf|validate|notebooks|dist``
(used by the Makefile).

``book`` validates the data package, builds the PDF when TeX is installed, then the HTML book;
``html`` and ``pdf`` validate and build one of them. Each prints one line per stage and per
chapter executed, with its time (:mod:`liangshan_book.console`); the whole output of each stage
goes to ``_build/logs/`` (``validate.log``, ``execute.log``, ``html.log``, ``pdf.log``), and a
failure shows what failed: the cell and its traceback, the Sphinx error, the TeX error.

Jupyter Book runs with ``-n -W --keep-going`` (nit-picky, warnings are errors), so a broken
reference, a failing cell or a missing alt text stops the build. ``pdf`` runs the LaTeX builder
through xelatex and copies the PDF next to the HTML for its download link.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path

from analysis.data import paths
from analysis.data.package import current
from liangshan_book import fast_start, kernels, preexecute
from liangshan_book.console import (
    REPORT_LINES,
    Console,
    failure_report,
    progress_of,
    run_logged,
    shown_path,
)

PDF_NAME = paths.PDF_NAME
#: Jupyter Book's command line, without a grammar it never uses (liangshan_book.fast_start).
JB = [sys.executable, "-m", "liangshan_book.fast_start"]
#: The build's log files (each stage line names its own).
LOGS = paths.BUILD / "logs"
NO_TEX = ("not built: TeX (xelatex, latexmk, xindy) is not installed (`make system-deps`, as "
          "root, installs it)")
#: Lines of a successful build's standard error that are still shown.
WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")

#: The inputs of the book, relative to the repository root — single files, and folders read
#: whole (the data folder is the current data package's, wherever it is).
INPUT_FILES = ("_config.yml", "_toc.yml", "index.md", "references.bib", "CITATION.cff",
               "pyproject.toml", "requirements.lock")
INPUT_FOLDERS = ("chapters", "src", "_static", "_templates", "latex")
#: Names that are never inputs, wherever they occur (caches, editor and packaging debris).
_NOT_INPUTS = ("__pycache__", ".ipynb_checkpoints", ".egg-info", ".pyc", ".DS_Store")


def input_files(builder: str) -> list[Path]:
    """Every file the book ``builder`` reads (present or not): sources, configuration, code,
    data, lock file, the included benchmark pages, the article's text and, for the HTML, the PDF
    it links."""
    files = [paths.ROOT / f for f in INPUT_FILES]
    for folder in INPUT_FOLDERS:
        files += (p for p in (paths.ROOT / folder).rglob("*") if p.is_file())
    files += (p for p in current().root.rglob("*") if p.is_file())
    files += (paths.ROOT / "benchmarks").glob("*.md")       # included by Appendix D
    files = [p for p in files if not any(bad in part for part in p.parts for bad in _NOT_INPUTS)]
    files = sorted(set(files)) + [paths.source_text_path()]
    if builder == "html":
        files.append(paths.BUILD / "latex" / paths.PDF_NAME)
    return files


def inputs_digest(builder: str) -> str:
    """Digest of every input of the book (:func:`input_files`): names and contents."""
    h = hashlib.sha256(builder.encode())
    for path in input_files(builder):
        h.update(str(path).encode() + b"\0")
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _stamp(builder: str) -> Path:
    return paths.BUILD / ("html" if builder == "html" else "latex") / ".inputs-digest"


def machinery_digest() -> str:
    """Digest of the book's machinery (``src/liangshan_book``) and the page templates and
    styles. Sphinx re-writes only the pages it re-reads, and it does not re-read a page when an
    extension's code changes: when this digest moves, the whole book is written again."""
    h = hashlib.sha256()
    for folder in (paths.ROOT / "src" / "liangshan_book", paths.ROOT / "_templates",
                   paths.ROOT / "_static"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()
                           and not any(bad in p.as_posix() for bad in _NOT_INPUTS)):
            h.update(str(path.relative_to(paths.ROOT)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _env() -> dict[str, str]:
    kernels.use_ipc()
    return dict(os.environ)


def validation_digest() -> str:
    """Digest of what the data package's validation reads: the data, the analysis code, the
    lock file and the article's text."""
    h = hashlib.sha256()
    files = sorted(p for p in current().root.rglob("*") if p.is_file())
    files += sorted((paths.ROOT / "src" / "analysis").rglob("*.py"))
    files += [paths.ROOT / "requirements.lock", paths.source_text_path()]
    for path in files:
        h.update(str(path).encode() + b"\0")
        if path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def validate(console: Console) -> int:
    """Validate the data package (``python -m analysis validate``) unless nothing it reads has
    changed since it last passed; its notes are shown every time, its errors when it fails."""
    log, stamp = LOGS / "validate.log", LOGS / ".validate-digest"
    digest = validation_digest()
    if stamp.is_file() and stamp.read_text() == digest and log.is_file():
        console.result("validate", "up to date (no data or check changed)", log=log)
        console.lines(line for line in log.read_text(encoding="utf-8").splitlines()
                      if line.startswith("note:"))
        return 0
    start = time.perf_counter()
    with console.stage("validate", "checking the data package"):
        status, out, err = run_logged([sys.executable, "-m", "analysis", "validate"], log,
                                      cwd=paths.ROOT, env=_env())
    lines = [line for line in out + err if line.strip()]
    if status != 0:
        console.result("validate", "FAILED", time.perf_counter() - start, log)
        console.lines(lines[:REPORT_LINES])
        if len(lines) > REPORT_LINES:
            console.line(f"... ({len(lines) - REPORT_LINES} more lines in {shown_path(log)})")
        stamp.unlink(missing_ok=True)
        return status
    console.result("validate", "data package valid", time.perf_counter() - start, log)
    console.lines(line for line in lines if not line.endswith(" is valid"))
    stamp.write_text(digest)
    return 0


def _summary(builder: str, out: list[str]) -> str:
    """The stage line's description of what a finished Sphinx build did."""
    if builder == "html":
        written = sum(1 for line in out if line.startswith("writing output... ["))
        return f"{written} page(s) written"
    pdfs = [m for line in out if (m := re.search(r"Output written on (\S+) \((\d+) pages", line))]
    return f"{pdfs[-1][1]}, {pdfs[-1][2]} pages" if pdfs else "PDF written"


def sphinx(builder: str, console: Console, root: Path = paths.ROOT,
           everything: bool = False) -> int:
    """Run Jupyter Book's ``builder`` on the book at ``root`` with its output in
    ``_build/logs/<html|pdf>.log``; one line when it ends, and what failed if it fails.
    ``everything`` writes every page again (``--all``), not only those Sphinx re-read."""
    name = "html" if builder == "html" else "pdf"
    log = root / "_build" / "logs" / f"{name}.log"
    cmd = [*JB, "build", str(root), "--builder", builder, "-n", "-W", "--keep-going",
           *(["--all"] if everything else [])]
    start = time.perf_counter()
    with console.stage(name, "Sphinx" if name == "html" else "Sphinx, then xelatex") as stage:
        status, out, err = run_logged(
            cmd, log, cwd=root, env=_env(),
            on_line=lambda line: (p := progress_of(line)) and stage.progress(p))
    seconds = time.perf_counter() - start
    if status == 0:
        console.result(name, _summary(builder, out), seconds, log)
        console.lines(line for line in err if WARNING.search(line))
        return 0
    console.result(name, "FAILED", seconds, log)
    console.lines(failure_report(out, err))
    console.line(f"(the whole output: {shown_path(log)})")
    return status


def _jb(builder: str, console: Console) -> int:
    """Run Jupyter Book, unless nothing it reads has changed since its last successful run;
    the stale chapters are executed first, side by side."""
    name = "html" if builder == "html" else "pdf"
    digest, stamp = inputs_digest(builder), _stamp(builder)
    if stamp.is_file() and stamp.read_text() == digest:
        console.result(name, "up to date (no source, code or data changed)")
        return 0
    outcome = preexecute.run(paths.ROOT, console=console)
    failed = [chapter for chapter, result in outcome.items() if result == "failed"]
    if failed:
        console.line(f"build stopped: {', '.join(failed)} failed (report above; all of it in "
                     f"{shown_path(LOGS / 'execute.log')})")
        return 1
    machinery, machinery_stamp = machinery_digest(), stamp.with_name(".machinery-digest")
    everything = not (machinery_stamp.is_file() and machinery_stamp.read_text() == machinery)
    status = sphinx(builder, console, everything=everything)
    if status == 0:
        stamp.write_text(digest)
        machinery_stamp.write_text(machinery)
    else:
        stamp.unlink(missing_ok=True)
        machinery_stamp.unlink(missing_ok=True)
    return status


def _where(console: Console, pdf: bool) -> None:
    console.line()
    console.line(f"HTML book: {shown_path(paths.BUILD / 'html' / 'index.html')}")
    pdf_file = paths.BUILD / "latex" / paths.PDF_NAME
    if pdf and pdf_file.is_file():
        console.line(f"PDF book:  {shown_path(pdf_file)}")


def tex_installed() -> bool:
    """Whether the PDF can be built: xelatex, latexmk and xindy (the index) on the path."""
    return all(shutil.which(tool) for tool in ("xelatex", "latexmk", "xindy"))


def html(console: Console | None = None) -> int:
    """Validate, then build the HTML book into ``_build/html`` (it links and copies the PDF if
    one is built). Sphinx re-reads only what changed, and the chapters whose code, modules or
    data changed are executed again; when no input changed at all, nothing runs."""
    console = console or Console()
    status = validate(console) or _jb("html", console)
    if status == 0:
        _where(console, pdf=False)
    return status


def pdf(console: Console | None = None) -> int:
    """Validate, then build the PDF into ``_build/latex`` with xelatex (skipped when no input
    changed)."""
    console = console or Console()
    if not tex_installed():
        console.result("pdf", NO_TEX)
        return 1
    status = validate(console) or _jb("pdflatex", console)
    if status == 0:
        console.line(f"PDF book: {shown_path(paths.BUILD / 'latex' / paths.PDF_NAME)}")
    return status


def book(console: Console | None = None) -> int:
    """``make book``: validate, build the PDF when TeX is installed, then the HTML book that
    links it; one line per stage and per chapter executed, then where the book is."""
    console = console or Console()
    status = validate(console)
    if status == 0 and tex_installed():
        status = _jb("pdflatex", console)
    elif status == 0:
        console.result("pdf", NO_TEX)
    status = status or _jb("html", console)
    if status == 0:
        _where(console, pdf=True)
    return status


def notebooks() -> int:
    """Export every chapter as ``.ipynb`` into ``_build/notebooks`` (for readers without
    jupytext)."""
    import jupytext

    out = paths.BUILD / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    for md in preexecute.chapter_notebooks(paths.ROOT):
        jupytext.write(jupytext.read(md, fmt="md:myst"), out / (md.stem + ".ipynb"))
        print(out / (md.stem + ".ipynb"))
    return 0


def dist() -> int:
    """Zip the offline HTML book, the PDF and the data package into ``_build/dist``.

    The PDF is stored once: inside the book (``book/liangshan-compendium.pdf``, where the
    HTML links it) when the HTML build copied it there, at the top of the zip otherwise."""
    html_dir = paths.BUILD / "html"
    if not (html_dir / "index.html").is_file():
        print("no HTML book in _build/html: run `make book` first")
        return 1
    out = paths.BUILD / "dist"
    out.mkdir(parents=True, exist_ok=True)
    target = out / "liangshan-compendium-offline.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(html_dir.rglob("*")):
            if f.is_file() and ".doctrees" not in f.parts:
                z.write(f, Path("book") / f.relative_to(html_dir))
        data = current().root
        for f in sorted(data.rglob("*")):
            if f.is_file():
                z.write(f, Path("data") / f.relative_to(data))
        for name in ("README.md", "CITATION.cff", "LICENSE", "LICENSE-TEXT.md", "LICENSE-DATA.md"):
            if (paths.ROOT / name).is_file():
                z.write(paths.ROOT / name, name)
        pdf_file = paths.BUILD / "latex" / paths.PDF_NAME
        if pdf_file.is_file() and not (html_dir / PDF_NAME).is_file():
            z.write(pdf_file, PDF_NAME)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


def main(argv: list[str]) -> int:
    fast_start.skip_iri_grammar()  # this process reads notebooks through nbformat's schema
    commands = {"book": book, "html": html, "pdf": pdf, "validate": lambda: validate(Console()),
                "notebooks": notebooks, "dist": dist}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m liangshan_book.build {{{'|'.join(commands)}}}")
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
