"""One-chapter books in a temporary folder, built with the project's own execution settings and
extensions (shared by the tests of the build's behaviour and of pre-execution)."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from analysis.data import paths

JB = str(Path(sys.executable).parent / "jupyter-book")
HEADER = textwrap.dedent("""\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
        format_version: 0.13
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---
    """)


def make(root: Path, code: str) -> Path:
    """A book at ``root`` whose one chapter, ``chapters/page.md``, runs ``code``."""
    real = yaml.safe_load((paths.ROOT / "_config.yml").read_text())
    config = {
        "title": "mini", "only_build_toc_files": True,
        "execute": {**real["execute"], "cache": str(root / "_build" / ".jupyter_cache")},
        "sphinx": {"extra_extensions": ["liangshan_book.freshness", "liangshan_book.kernels"]},
    }
    (root / "_config.yml").write_text(yaml.safe_dump(config))
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/page\n")
    (root / "chapters").mkdir(exist_ok=True)
    (root / "chapters" / "page.md").write_text(
        HEADER + "# Page\n\n```{code-cell} ipython3\n" + code + "\n```\n")
    return root


def build(root: Path, env=None):
    """Build the book at ``root`` as HTML with ``jupyter-book``: (exit status, log)."""
    proc = subprocess.run([JB, "build", str(root), "--builder", "html", "-W", "--keep-going"],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def sphinx_build(root: Path, builder: str, files: dict[str, str]) -> Path:
    """Build a small Sphinx project in-process: ``files`` (``conf.py``, ``index.rst``...) are
    written to ``root/src`` and built with ``builder`` into ``root/<builder>``, warnings as
    errors, from a fresh environment. Returns the output folder."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = root / "src"
    src.mkdir(exist_ok=True)
    for name, text in files.items():
        (src / name).write_text(text)
    out = root / builder
    with docutils_namespace():
        Sphinx(str(src), str(src), str(out), str(root / "doctrees"), builder, status=None,
               warningiserror=True, freshenv=True).build()
    return out
