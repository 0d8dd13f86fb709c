"""Run one chapter top to bottom in a fresh kernel, as the book build does:
``python -m liangshan_book.run_chapter ch2`` (``make chapter CH=ch2``).

The chapter is named by its short name (``ch2``, ``appendix_b``), its file's name
(``ch2_basic_needs``) or a path to its MyST Markdown file. It is read with jupytext and executed
with nbclient (working directory: the chapter's folder, as in the build; the kernel talks over
local sockets, see :mod:`liangshan_book.kernels`), and the executed notebook is written to
``_build/executed/<name>.ipynb`` or to ``--out``. If a cell fails, the failing cell and its
error are printed, the notebook is written as far as it ran, and the exit status is 1. A name
that is no chapter gets one line listing the valid names, and exit status 2.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis.data import paths

#: Exit status for a chapter name or path that does not exist.
BAD_NAME = 2


def chapters(folder: Path = paths.CHAPTERS) -> dict[str, Path]:
    """The chapters that are notebooks, by short name: the shortest start of the file's name,
    in whole ``_``-separated words, that no other chapter shares (``ch2`` for
    ``ch2_basic_needs.md``, ``appendix_b`` for ``appendix_b_audit.md``)."""
    from liangshan_book.preexecute import chapter_notebooks

    # the chapters first, then the appendices
    files = sorted(chapter_notebooks(folder.parent), key=lambda p: (p.stem.startswith("appendix"),
                                                                     p.stem))
    stems = [p.stem for p in sorted(folder.glob("*.md"))]  # unique among every page
    out = {}
    for path in files:
        words = path.stem.split("_")
        for n in range(1, len(words) + 1):
            short = "_".join(words[:n])
            if sum(1 for s in stems if s == short or s.startswith(short + "_")) == 1:
                out[short] = path
                break
    return out


def resolve(name: str, folder: Path = paths.CHAPTERS) -> Path:
    """The chapter file that ``name`` means: a short name, a file name with or without
    ``.md``, or a path to an existing ``.md`` file.

    Raises:
        LookupError: no chapter has that name; the message lists the valid names.
    """
    path = Path(name)
    if path.suffix == ".md" and path.is_file():
        return path
    known = chapters(folder)
    stem = path.name.removesuffix(".md")
    if stem in known:
        return known[stem]
    for chapter in known.values():
        if chapter.stem == stem:
            return chapter
    what = f"no chapter named '{name}'; valid names" if name else "name a chapter"
    raise LookupError(f"{what}: {', '.join(known)} (or the path to a chapter's .md file)")


def run(chapter: Path, out: Path | None = None, timeout: int = 300):
    """Execute ``chapter`` and write the executed notebook to ``out`` (default:
    :func:`executed_path`), also when a cell fails (then as far as it ran, and nbclient's
    ``CellExecutionError`` is raised).

    Returns:
        The executed notebook.
    """
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    from liangshan_book.kernels import use_ipc

    use_ipc()
    nb = jupytext.read(chapter)
    out = out or executed_path(chapter)
    out.parent.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(chapter.parent.resolve())}})
    try:
        client.execute()
    finally:
        nbformat.write(nb, out)
    return nb


def executed_path(chapter: Path) -> Path:
    """Where a chapter's executed notebook goes by default: ``_build/executed/<name>.ipynb``."""
    return paths.BUILD / "executed" / (chapter.stem + ".ipynb")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m liangshan_book.run_chapter",
        description="Run one chapter of the book top to bottom in a fresh kernel, as the book "
                    "build does, and write the executed notebook (with its outputs) as .ipynb. "
                    "The book itself is not rebuilt: `make html` does that.",
        epilog="Example: python -m liangshan_book.run_chapter ch2 (or: make chapter CH=ch2)")
    names = ", ".join(chapters())
    parser.add_argument("chapter", nargs="?", default="", metavar="CHAPTER",
                        help=f"the chapter to run: a short name ({names}), its file name "
                             "(ch2_basic_needs) or the path to a chapter's .md file")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="where to write the executed notebook (default: "
                             "_build/executed/<chapter's file name>.ipynb)")
    parser.add_argument("--timeout", type=int, default=300, metavar="SECONDS",
                        help="longest time one cell may run (default: 300, as in the build)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        chapter = resolve(args.chapter)
    except LookupError as exc:
        print(f"run_chapter: {exc}", file=sys.stderr)
        return BAD_NAME
    from nbclient.exceptions import CellExecutionError

    from liangshan_book.console import plain, shown_path

    target = args.out or executed_path(chapter)
    print(f"running {shown_path(chapter)} in a fresh kernel ...", flush=True)
    start = time.perf_counter()
    try:
        nb = run(chapter, target, timeout=args.timeout)
    except CellExecutionError as exc:
        report = str(exc) if sys.stderr.isatty() else plain(str(exc))  # colours: terminals
        print(f"{shown_path(chapter)}: a cell failed\n{report}", file=sys.stderr)
        print(f"the notebook as far as it ran: {shown_path(target)}", file=sys.stderr)
        return 1
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"all {cells} code cells ran in {time.perf_counter() - start:.1f} s; "
          f"executed notebook: {shown_path(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
