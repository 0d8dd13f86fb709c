"""What the build prints: a few lines with times, the logs they name, no kernel notices; and
validation that runs again only when what it reads changes."""
import io
import re

import pytest
import scratch
from datafiles import BUTUO, CI, replace_once

from liangshan_book import build
from liangshan_book.console import Console

pytestmark = pytest.mark.build


def test_make_html_after_a_one_chapter_edit_is_quiet_names_its_logs_and_shows_the_edit(
        tmp_path):
    """In a scratch copy of the repository (its execution cache copied, so that only the
    edited chapter runs), a reader changes one assumption of chapter 2 and runs ``make html``:
    at most 60 lines, a line for the chapter executed, the logs named exist, no kernel notice
    and no TeX warning, and the page shows the new value."""
    root = scratch.copy(tmp_path / "repo", cache=True)
    scratch.edit(root)
    _, status, out = scratch.make(root, "html")
    assert status == 0, out
    lines = out.splitlines()
    assert len(lines) <= 60, out
    assert scratch.TCP_NOTICE not in out
    assert "Overfull" not in out and "LaTeX Warning" not in out
    assert any(re.fullmatch(r" {11}ch2_basic_needs +[\d.]+ s", line) for line in lines), out
    logs = set(re.findall(r"_build/logs/\w+\.log", out))
    assert logs == {"_build/logs/validate.log", "_build/logs/execute.log",
                    "_build/logs/html.log"}, out
    assert all((root / log).is_file() for log in logs)
    assert lines[-1] == "HTML book: _build/html/index.html"
    assert scratch.SHOWN_AFTER in scratch.page_text(root)


def test_validation_runs_again_only_when_what_it_reads_changes(data_copy, monkeypatch,
                                                               tmp_path):
    monkeypatch.setenv("LIANGSHAN_DATA_DIR", str(data_copy))  # for `python -m analysis`
    monkeypatch.setattr(build, "LOGS", tmp_path / "logs")

    def validate():
        stream = io.StringIO()
        return build.validate(Console(stream, live=False)), stream.getvalue().splitlines()

    status, lines = validate()
    assert status == 0
    assert re.match(r"validate +data package valid +[\d.]+ s  \S+/logs/validate\.log$", lines[0])
    assert validate()[1][0].startswith("validate   up to date")

    replace_once(data_copy, CI, f"{BUTUO},resident_population,2020,185553,",
                 f"{BUTUO},resident_population,2020,many,")
    status, lines = validate()
    assert status != 0
    assert re.match(r"validate +FAILED", lines[0])
    assert any("county_indicators.csv" in line for line in lines[1:])
    assert not validate()[1][0].startswith("validate   up to date")  # it failed: checked again
