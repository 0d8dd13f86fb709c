"""Pre-execution: stale chapters run side by side before the build, and the build finds them in
the cache instead of executing them again; a failing chapter still fails the build."""
import shutil
import subprocess
import sys

import pytest
from minibook import build, make

from analysis.data import paths
from liangshan_book import preexecute

READS_A_FACT = ("from analysis.data.register import fact\n"
                "print('DESCRIPTION:', fact('liangshan.poor_population.2013').description)")


@pytest.fixture
def book_and_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    (tmp_path / "book").mkdir()
    return make(tmp_path / "book", READS_A_FACT), data


def test_the_settings_are_read_from_the_books_config():
    settings = preexecute.Settings.of_book(paths.ROOT)
    assert settings.cache == paths.ROOT / "_build" / ".jupyter_cache"
    assert settings.timeout == 300 and settings.allow_errors is False
    assert "colon_fence" in settings.extensions


def test_the_chapter_notebooks_are_those_with_a_kernel():
    names = [p.name for p in preexecute.chapter_notebooks(paths.ROOT)]
    assert "ch1_changes.md" in names and "appendix_b_audit.md" in names
    assert "cite.md" not in names and "appendix_a_register.md" not in names


@pytest.mark.build
def test_a_pre_executed_chapter_is_taken_from_the_cache_and_a_data_edit_runs_it_again(
        book_and_data, monkeypatch):
    book, data = book_and_data
    monkeypatch.setenv("LIANGSHAN_DATA_DIR", str(data))  # for the kernels
    env = {"LIANGSHAN_DATA_DIR": str(data)}
    settings = preexecute.Settings.of_book(book)

    outcome = preexecute.run(book, workers=2, data_root=data)
    assert list(outcome) == ["page.md"] and outcome["page.md"].startswith("executed in")
    assert preexecute.stale_chapters(book, settings, data) == []
    status, log = build(book, env)
    assert status == 0, log
    assert "Using cached notebook" in log and "Executing notebook" not in log
    page = book / "_build" / "html" / "chapters" / "page.html"
    assert "Registered poor people" in page.read_text()

    assert preexecute.run(book, data_root=data) == {}  # nothing changed: nothing runs

    facts = data / paths.FACTS
    facts.write_text(facts.read_text().replace("Registered poor people in the prefecture",
                                               "EDITED description of poor people", 1))
    subprocess.run([sys.executable, "-m", "analysis", "hashes", "--data-dir", str(data)],
                   check=True, capture_output=True)
    assert [p.name for p, _, _ in preexecute.stale_chapters(book, settings, data)] == ["page.md"]
    assert preexecute.run(book, data_root=data)["page.md"].startswith("executed in")
    status, log = build(book, env)
    assert status == 0, log
    assert "Executing notebook" not in log  # the build re-reads the page, from the cache
    assert "EDITED description" in page.read_text()


@pytest.mark.build
def test_a_failing_chapter_is_not_cached_and_the_build_still_fails(tmp_path):
    book = make(tmp_path, "raise ValueError('this cell fails on purpose')")
    assert preexecute.run(book) == {"page.md": "failed"}
    assert len(preexecute.stale_chapters(book, preexecute.Settings.of_book(book))) == 1
    status, log = build(book)
    assert status != 0 and "this cell fails on purpose" in log


@pytest.mark.book
def test_the_books_chapters_were_all_taken_from_pre_execution():
    """After ``make book``, every chapter's cache record carries its current digest: myst-nb
    found the pre-executed notebooks under the key it looks up (had it executed one itself,
    that record would carry no digest)."""
    settings = preexecute.Settings.of_book(paths.ROOT)
    if not settings.cache.is_dir():
        pytest.fail("the book is not built: run `make book` first")
    assert [p.name for p, _, _ in preexecute.stale_chapters(paths.ROOT, settings)] == []
