"""Run one chapter top to bottom, as Jupyter would: ``python -m liangshan_book.run_chapter
FILE.md``.

Reads the MyST Markdown notebook with jupytext, executes it with nbclient in a fresh kernel
(working directory: the chapter's folder, as in the book build), and writes the executed
``.ipynb`` next to the path given by ``--out`` (default: ``_build/executed/<name>.ipynb``).
Exits non-zero, with the failing cell's error, if any cell fails.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.data import paths


def run(chapter: Path, out: Path | None = None, timeout: int = 300):
    """Execute ``chapter`` and return the executed notebook (raises on a failing cell)."""
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(chapter)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(chapter.parent.resolve())}})
    client.execute()
    out = out or paths.BUILD / "executed" / (chapter.stem + ".ipynb")
    out.parent.mkdir(parents=True, exist_ok=True)
    import nbformat

    nbformat.write(nb, out)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liangshan_book.run_chapter")
    parser.add_argument("chapter", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from nbclient.exceptions import CellExecutionError

    try:
        run(args.chapter, args.out)
    except CellExecutionError as exc:
        print(f"{args.chapter}: a cell failed\n{exc}", file=sys.stderr)
        return 1
    print(f"{args.chapter}: all cells ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
