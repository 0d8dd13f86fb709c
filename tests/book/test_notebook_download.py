"""Each notebook page offers its executed notebook (liangshan_book.notebook_download): the
.ipynb is written beside the page with the outputs from the jupyter-cache, the page links it
under its title, a page that is not a notebook gets no link, and a chapter with no cached
execution is an error rather than a notebook without outputs."""
import subprocess
import textwrap

import nbformat
import pytest
import yaml
from minibook import HEADER, JB
from sphinx.errors import ExtensionError

from analysis.data import paths
from liangshan_book import notebook_download, preexecute

PAGE = HEADER + textwrap.dedent("""\
    (page)=
    # A chapter

    Some prose.

    ```{code-cell} ipython3
    print("six times seven is", 6 * 7)
    ```
    """)
PLAIN = "# A plain page\n\nNo code here.\n"


def _book(root):
    real = yaml.safe_load((paths.ROOT / "_config.yml").read_text())
    (root / "_config.yml").write_text(yaml.safe_dump({
        "title": "mini", "only_build_toc_files": True,
        "execute": {**real["execute"], "cache": str(root / "_build" / ".jupyter_cache")},
        "sphinx": {"extra_extensions": ["liangshan_book.notebook_download"]}}))
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/page\n"
                                   "chapters:\n  - file: chapters/plain\n")
    (root / "chapters").mkdir()
    (root / "chapters" / "page.md").write_text(PAGE)
    (root / "chapters" / "plain.md").write_text(PLAIN)
    return root


def _build(root):
    proc = subprocess.run([JB, "build", str(root), "--builder", "html", "-W", "--keep-going"],
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.build
def test_the_page_links_its_executed_notebook(tmp_path):
    book = _book(tmp_path)
    status, log = _build(book)
    assert status == 0, log
    html = book / "_build" / "html" / "chapters"
    page = (html / "page.html").read_text(encoding="utf-8")
    assert ('<p class="notebook-download"><a class="reference download" href="page.ipynb" '
            'download="page.ipynb">Download this chapter as an executed notebook</a>') in page
    # the link stands under the title, before the prose
    assert page.index("A chapter</h1>") < page.index("notebook-download") \
        < page.index("Some prose.")
    assert "notebook-download" not in (html / "plain.html").read_text(encoding="utf-8")
    assert not (html / "plain.ipynb").exists()

    written = (html / "page.ipynb").read_bytes()
    nb = nbformat.reads(written.decode("utf-8"), as_version=4)
    nbformat.validate(nb)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["markdown", "code"]
    assert "Some prose." in nb.cells[0].source
    (out,) = nb.cells[1].outputs
    assert out.output_type == "stream" and out.text == "six times seven is 42\n"
    assert [c.id for c in nb.cells] == ["cell-0", "cell-1"]
    assert "execution" not in nb.cells[1].metadata and "source_map" not in nb.metadata
    assert nb.metadata.kernelspec.name == "python3"

    status, log = _build(book)                     # nothing changed: the same bytes
    assert status == 0, log
    assert (html / "page.ipynb").read_bytes() == written


def test_a_chapter_without_a_cached_execution_is_an_error(tmp_path):
    book = _book(tmp_path)
    settings = preexecute.Settings.of_book(book)
    with pytest.raises(ExtensionError, match="page.md: no executed notebook"):
        notebook_download.executed_notebook(book / "chapters" / "page.md", settings)


def test_which_pages_are_notebooks_and_where_their_file_goes(tmp_path):
    book = _book(tmp_path)
    assert notebook_download.notebook_pages(book, ["chapters/page", "chapters/plain"]) \
        == ["chapters/page"]
    assert notebook_download.file_name("chapters/ch1_changes") == "ch1_changes.ipynb"
