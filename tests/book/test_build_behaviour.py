"""How the book build behaves: it fails loudly, and it is never stale nor needlessly slow.

Each test builds a one-chapter book in a temporary folder with the project's own execution
settings and extensions, so the behaviour checked here is the real book's.
"""
import shutil
import subprocess
import sys

import pytest
from minibook import build as _build
from minibook import make as _book

from analysis.data import paths

pytestmark = pytest.mark.build


def test_a_failing_cell_fails_the_build_every_time(tmp_path):
    book = _book(tmp_path, "raise ValueError('this cell fails on purpose')")
    first, log1 = _build(book)
    second, log2 = _build(book)
    assert first != 0 and "this cell fails on purpose" in log1
    assert second != 0 and "this cell fails on purpose" in log2


def test_a_data_change_re_executes_and_an_unchanged_rebuild_executes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    env = {"LIANGSHAN_DATA_DIR": str(data)}
    code = ("from analysis.data.register import fact\n"
            "print('DESCRIPTION:', fact('liangshan.poor_population.2013').description)")
    (tmp_path / "book").mkdir()
    book = _book(tmp_path / "book", code)
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


def test_a_new_environment_does_not_serve_outputs_made_with_old_data(tmp_path):
    """Sphinx starts a new environment when the configuration changes; a chapter whose data
    changed meanwhile must run again rather than be served from its old cache record (the cache
    keys on code cells only)."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    env = {"LIANGSHAN_DATA_DIR": str(data)}
    code = ("from analysis.data.register import fact\n"
            "print('DESCRIPTION:', fact('liangshan.poor_population.2013').description)")
    (tmp_path / "book").mkdir()
    book = _book(tmp_path / "book", code)
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
