"""Building the book: ``python -m liangshan_book.build html|pdf|notebooks|dist`` (used by the
Makefile).

``html`` runs Jupyter Book with ``-n -W --keep-going`` (nit-picky, warnings are errors), so a
broken reference, a failing cell or a missing alt text stops the build. ``pdf`` runs the LaTeX
builder through xelatex and copies the PDF next to the HTML for its download link.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

from analysis.data import paths
from analysis.data.package import current
from liangshan_book import preexecute

PDF_NAME = paths.PDF_NAME
JB = [str(Path(sys.executable).parent / "jupyter-book")]

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


def _jb(builder: str) -> int:
    """Run Jupyter Book, unless nothing it reads has changed since its last successful run."""
    digest, stamp = inputs_digest(builder), _stamp(builder)
    if stamp.is_file() and stamp.read_text() == digest:
        print(f"{builder}: up to date (no source, code or data file changed since the last "
              "build)")
        return 0
    preexecute.run(paths.ROOT)  # the stale chapters, side by side; see liangshan_book.preexecute
    machinery, machinery_stamp = machinery_digest(), stamp.with_name(".machinery-digest")
    everything = not (machinery_stamp.is_file() and machinery_stamp.read_text() == machinery)
    cmd = [*JB, "build", str(paths.ROOT), "--builder", builder, "-n", "-W", "--keep-going",
           *(["--all"] if everything else [])]
    status = subprocess.call(cmd, cwd=paths.ROOT)
    if status == 0:
        stamp.write_text(digest)
        machinery_stamp.write_text(machinery)
    else:
        stamp.unlink(missing_ok=True)
        machinery_stamp.unlink(missing_ok=True)
    return status


def html() -> int:
    """Build the HTML book into ``_build/html`` (it links and copies the PDF if one is built).
    Sphinx re-reads only what changed, and the chapters whose code, modules or data changed are
    executed again; when no input changed at all, nothing runs."""
    return _jb("html")


def pdf() -> int:
    """Build the PDF into ``_build/latex`` with xelatex (skipped when no input changed)."""
    return _jb("pdflatex")


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
    """Zip the offline HTML book, the PDF and the data package into ``_build/dist``."""
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
        if pdf_file.is_file():
            z.write(pdf_file, PDF_NAME)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


def main(argv: list[str]) -> int:
    commands = {"html": html, "pdf": pdf, "notebooks": notebooks, "dist": dist}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m liangshan_book.build {{{'|'.join(commands)}}}")
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
