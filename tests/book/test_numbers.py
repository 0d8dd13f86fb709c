"""The {num} role: a computed number, formatted, linked to the cell that computed it, with a
hover hint; a number that was not glued with its hint fails the build."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.build

JB = str(Path(sys.executable).parent / "jupyter-book")
PAGE = textwrap.dedent("""\
    ---
    jupytext:
      text_representation: {extension: .md, format_name: myst}
    kernelspec: {display_name: Python 3, language: python, name: python3}
    ---
    # Page

    The rate fell by {num}`x_pp:.1f` points.

    (how-x)=
    ```{code-cell} ipython3
    ---
    tags: [hide-cell]
    mystnb:
      code_prompt_show: "How these numbers were computed"
    ---
    from analysis.chapters.values import Values
    from analysis.notebook import glue_values, how_computed
    v = Values()
    v.add("x_pp", 12.345, "fall of the rate, points", "analysis.domain.trends.rate_changes")
    glue_values(v, "how-x")
    how_computed(v)
    ```
    """)


def _book(root: Path, page: str) -> int:
    (root / "chapters").mkdir(parents=True)
    (root / "_config.yml").write_text(yaml.safe_dump({
        "title": "mini", "only_build_toc_files": True,
        "execute": {"execute_notebooks": "force", "raise_on_error": True},
        "sphinx": {"extra_extensions": ["liangshan_book.numbers"]}}))
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/page\n")
    (root / "chapters" / "page.md").write_text(page)
    proc = subprocess.run([JB, "build", str(root), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return proc.returncode, proc.stdout + proc.stderr


def test_a_computed_number_links_to_its_cell_with_its_hint(tmp_path):
    status, log = _book(tmp_path, PAGE)
    assert status == 0, log
    html = (tmp_path / "_build" / "html" / "chapters" / "page.html").read_text()
    hint = "fall of the rate, points [computed by analysis.domain.trends.rate_changes]"
    assert f'href="#how-x" title="{hint}"' in html
    assert f'<abbr class="num-value" title="{hint}">12.3</abbr>' in html
    assert "How these numbers were computed" in html


def test_a_number_glued_without_its_hint_fails_the_build(tmp_path):
    page = PAGE.replace("glue_values(v, \"how-x\")",
                        "from myst_nb import glue\nglue(\"x_pp\", 12.345, display=False)")
    status, log = _book(tmp_path, page)
    assert status != 0
    assert "x_pp__how" in log and "glue_values" in log
