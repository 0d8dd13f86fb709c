"""Rerunning one chapter: ``python -m liangshan_book.run_chapter`` (``make chapter CH=...``)."""
import subprocess
import sys

import nbformat
import pytest
from minibook import HEADER
from scratch import TCP_NOTICE

from analysis.data import paths
from liangshan_book import run_chapter

MODULE = [sys.executable, "-m", "liangshan_book.run_chapter"]
NAMES = "ch1, ch2, ch3, ch4, ch5, primer, appendix_b, appendix_c, appendix_d"


def test_the_help_explains_the_chapter_argument_and_the_options(capsys):
    with pytest.raises(SystemExit) as exit_:
        run_chapter.main(["--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"a short name ({NAMES})" in text
    assert "the path to a chapter's .md file" in text
    assert "--out FILE where to write the executed notebook" in text
    assert "--timeout SECONDS" in text


def test_short_names_are_the_shortest_unique_start_of_each_chapters_file_name():
    found = {name: path.name for name, path in run_chapter.chapters().items()}
    assert found == {"ch1": "ch1_changes.md", "ch2": "ch2_basic_needs.md",
                     "ch3": "ch3_problems.md", "ch4": "ch4_measures.md",
                     "ch5": "ch5_national.md", "primer": "primer_setting.md",
                     "appendix_b": "appendix_b_audit.md", "appendix_c": "appendix_c_sources.md",
                     "appendix_d": "appendix_d_reproducibility.md"}


@pytest.mark.parametrize("name", ["ch2", "ch2_basic_needs", "ch2_basic_needs.md",
                                  "chapters/ch2_basic_needs.md"])
def test_a_chapter_is_found_by_short_name_file_name_or_path(name, monkeypatch):
    monkeypatch.chdir(paths.ROOT)
    assert run_chapter.resolve(name).resolve() == paths.CHAPTERS / "ch2_basic_needs.md"


@pytest.mark.parametrize("argv, first_words", [(["ch9"], "no chapter named 'ch9'; valid names:"),
                                               (["appendix"], "no chapter named 'appendix';"),
                                               ([], "name a chapter:")])
def test_a_wrong_or_missing_name_gets_one_line_with_the_valid_names(argv, first_words, capsys):
    assert run_chapter.main(argv) == run_chapter.BAD_NAME == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("run_chapter: " + first_words)
    assert f"{NAMES} (or the path to a chapter's .md file)" in err


@pytest.mark.build
def test_a_chapter_run_by_short_name_writes_its_notebook_and_says_where(tmp_path):
    """Appendix D is the quickest chapter; its kernel talks over IPC, so no TCP notice."""
    out = tmp_path / "d.ipynb"
    proc = subprocess.run([*MODULE, "appendix_d", "--out", str(out)], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].endswith(f"executed notebook: {out}")
    assert TCP_NOTICE not in proc.stdout + proc.stderr
    nb = nbformat.read(out, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)


@pytest.mark.build
def test_a_failing_cell_is_reported_without_a_traceback_of_the_tool(tmp_path):
    chapter = tmp_path / "broken.md"
    chapter.write_text(HEADER + "# Broken\n\n```{code-cell} ipython3\nx = 1\n```\n\n"
                       "```{code-cell} ipython3\nraise ValueError('this cell fails on purpose')"
                       "\n```\n")
    out = tmp_path / "broken.ipynb"
    proc = subprocess.run([*MODULE, str(chapter), "--out", str(out)], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert f"{chapter}: a cell failed" in proc.stderr
    assert "raise ValueError('this cell fails on purpose')" in proc.stderr
    assert "ValueError: this cell fails on purpose" in proc.stderr
    assert 'File "' not in proc.stderr  # no Python traceback of run_chapter or nbclient
    assert proc.stderr.splitlines()[-1] == f"the notebook as far as it ran: {out}"
    nb = nbformat.read(out, as_version=4)  # written as far as it ran: the first cell's result
    assert nb.cells[1].execution_count == 1 and nb.cells[2].outputs[0].ename == "ValueError"
