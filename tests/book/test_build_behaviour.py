"""How the book build behaves: it fails loudly, and it is never stale nor needlessly slow.

Each test builds a one-chapter book in a temporary folder with the project's own execution
settings and extensions, so the behaviour checked here is the real book's.
"""
import io
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from minibook import build as _build
from minibook import make as _book
from scratch import TCP_NOTICE

from analysis.data import paths
from liangshan_book import build, preexecute
from liangshan_book.console import Console

pytestmark = pytest.mark.build


def test_a_failing_cell_fails_the_build_every_time(tmp_path):
    book = _book(tmp_path, "raise ValueError('this cell fails on purpose')")
    first, log1 = _build(book)
    second, log2 = _build(book)
    assert first != 0 and "this cell fails on purpose" in log1
    assert second != 0 and "this cell fails on purpose" in log2
    assert TCP_NOTICE not in log1 + log2  # myst-nb's kernels talk over IPC


def test_a_failed_build_prints_the_failing_cell_and_names_its_log(tmp_path):
    """What ``make html`` prints when Sphinx fails: the stage line, myst-nb's warning, the
    cell's code and error (not the machinery's traceback), and where the whole output is."""
    book = _book(tmp_path, "x = 1\nraise ValueError('this cell fails on purpose')")
    stream = io.StringIO()
    status = build.sphinx("html", Console(stream, live=False), root=book)
    lines = stream.getvalue().splitlines()
    log = book / "_build" / "logs" / "html.log"
    assert status != 0
    assert re.fullmatch(r"html +FAILED +[\d.]+ s  \S+/_build/logs/html\.log", lines[0])
    assert lines[1].endswith("page.md: WARNING: Executing notebook failed: CellExecutionError "
                             "[mystnb.exec]")
    assert "raise ValueError('this cell fails on purpose')" in lines
    assert "ValueError: this cell fails on purpose" in lines
    assert not any("site-packages" in line for line in lines)
    assert lines[-1] == f"(the whole output: {log})"
    assert "Traceback (most recent call last)" in log.read_text()  # all of it is in the log


def test_a_chapter_that_fails_in_pre_execution_is_reported_with_its_cell(tmp_path):
    book = _book(tmp_path, "raise ValueError('this cell fails on purpose')")
    stream = io.StringIO()
    assert preexecute.run(book, console=Console(stream, live=False)) == {"page.md": "failed"}
    lines = stream.getvalue().splitlines()
    assert re.fullmatch(r"execute +1 chapter\(s\), 1 at a time +\S+/_build/logs/execute\.log",
                        lines[0])
    assert re.fullmatch(r" +page  FAILED +[\d.]+ s", lines[1])
    assert lines[3] == "page.md: a cell failed"
    assert "ValueError: this cell fails on purpose" in lines
    assert "this cell fails on purpose" in (book / "_build" / "logs" / "execute.log").read_text()


@pytest.mark.skipif(not build.tex_installed(),
                    reason="TeX (xelatex, latexmk, xindy) is not installed")
def test_a_pdf_build_keeps_tex_box_warnings_in_its_log(tmp_path):
    """A line too long for the page (an unbreakable word) makes TeX warn of an overfull box:
    the warning is in pdf.log, and the build prints only its one line."""
    book = _book(tmp_path, "print('ok')")
    config = yaml.safe_load((book / "_config.yml").read_text())
    config["sphinx"]["config"] = {"latex_additional_files": [str(paths.ROOT / "latex/bbm.sty")]}
    (book / "_config.yml").write_text(yaml.safe_dump(config))
    page = book / "chapters" / "page.md"
    page.write_text(page.read_text() + "\n" + "Unbreakable" * 12 + " word.\n")
    stream = io.StringIO()
    status = build.sphinx("pdflatex", Console(stream, live=False), root=book)
    log = book / "_build" / "logs" / "pdf.log"
    assert status == 0, log.read_text()[-3000:]
    assert "Overfull \\hbox" in log.read_text()
    (line,) = stream.getvalue().splitlines()
    assert re.fullmatch(r"pdf +\S+\.pdf, \d+ pages +[\d.]+ s  \S+/_build/logs/pdf\.log", line)


def _register_book(tmp_path):
    """A one-chapter book that prints a register row's description, reading a copy of the data
    package (LIANGSHAN_DATA_DIR): (book, data folder, environment)."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    code = ("from analysis.data.register import fact\n"
            "print('DESCRIPTION:', fact('liangshan.poor_population.2013').description)")
    (tmp_path / "book").mkdir()
    return _book(tmp_path / "book", code), data, {"LIANGSHAN_DATA_DIR": str(data)}


def test_a_data_change_re_executes_and_an_unchanged_rebuild_executes_nothing(tmp_path):
    book, data, env = _register_book(tmp_path)
    status, log = _build(book, env)
    assert status == 0, log
    assert "Executing notebook" in log
    page = book / "_build" / "html" / "chapters" / "page.html"
    assert "Registered poor people" in page.read_text()

    status, log = _build(book, env)  # nothing changed: nothing executes
    assert status == 0, log
    assert "Executing notebook" not in log

    facts = data / paths.FACTS
    facts.write_text(facts.read_text().replace("Registered poor people in the prefecture",
                                               "EDITED description of poor people", 1))
    subprocess.run([sys.executable, "-m", "analysis", "hashes", "--data-dir", str(data)],
                   check=True, capture_output=True)
    status, log = _build(book, env)
    assert status == 0, log
    assert "Executing notebook" in log
    assert "EDITED description" in page.read_text()


def test_jupyter_book_starts_without_the_iri_grammar_and_still_builds(tmp_path):
    """``liangshan_book.fast_start`` runs Jupyter Book with rfc3987-syntax marked absent (about a
    second less per build): the book builds, and jsonschema imported there has no "iri"
    check, while a plain process has one (the control)."""
    probe = ("{block}import jsonschema; "
             "print('iri' in jsonschema.FormatChecker().checkers)")
    plain = subprocess.run([sys.executable, "-c", probe.format(block="")],
                           capture_output=True, text=True, check=True).stdout
    fast = subprocess.run(
        [sys.executable, "-c", probe.format(
            block="from liangshan_book import fast_start; fast_start.skip_iri_grammar(); ")],
        capture_output=True, text=True, check=True).stdout
    assert (plain, fast) == ("True\n", "False\n")
    book = _book(tmp_path, "print('built')")
    stream = io.StringIO()
    assert build.sphinx("html", Console(stream, live=False), root=book) == 0, stream.getvalue()
    assert "built" in (book / "_build" / "html" / "chapters" / "page.html").read_text()


def test_a_new_environment_does_not_serve_outputs_made_with_old_data(tmp_path):
    """Sphinx starts a new environment when the configuration changes; a chapter whose data
    changed meanwhile must run again rather than be served from its old cache record (the cache
    keys on code cells only)."""
    book, data, env = _register_book(tmp_path)
    status, log = _build(book, env)
    assert status == 0, log

    facts = data / paths.FACTS
    facts.write_text(facts.read_text().replace("Registered poor people in the prefecture",
                                               "EDITED description of poor people", 1))
    subprocess.run([sys.executable, "-m", "analysis", "hashes", "--data-dir", str(data)],
                   check=True, capture_output=True)
    shutil.rmtree(book / "_build" / ".doctrees")       # as a changed configuration does
    status, log = _build(book, env)
    assert status == 0, log
    assert "Executing notebook" in log
    page = book / "_build" / "html" / "chapters" / "page.html"
    assert "EDITED description" in page.read_text()
