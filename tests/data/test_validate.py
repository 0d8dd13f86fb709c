"""``python -m analysis validate``: passes on the data, and rejects each class of bad input
with a plain message naming file, line and column, and a non-zero exit."""
import subprocess
import sys

import pandas as pd
from outside import skip_without_article

from analysis.data import paths
from analysis.data.package import DataPackage
from analysis.data.validate import check_package, main


def _edit(data_dir, fn):
    path = data_dir / paths.FACTS
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = fn(frame)
    frame.to_csv(path, index=False)


def _run(data_dir, capsys):
    status = main(DataPackage.at(data_dir))
    return status, capsys.readouterr().out


def test_the_data_package_is_valid():
    assert check_package() == []


def test_cli_exit_zero_and_no_traceback_on_bad_data(data_copy, rehash):
    _edit(data_copy, lambda f: f.assign(value=f["value"].where(f.index != 0, "lots")))
    rehash(data_copy)
    ok = subprocess.run([sys.executable, "-m", "analysis", "validate"], capture_output=True,
                        text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data-dir",
                          str(data_copy)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert "facts.csv, line 2, column 'value': found 'lots'" in bad.stdout


def test_duplicate_id(data_copy, rehash, capsys):
    _edit(data_copy, lambda f: f.assign(fact_id=f["fact_id"].where(f.index != 1, f["fact_id"][0])))
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert "facts.csv, line 3" in out and "fact_id" in out and "unique" in out


def test_non_numeric_value(data_copy, rehash, capsys):
    _edit(data_copy, lambda f: f.assign(value=f["value"].where(f.index != 4, "26 percent")))
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert ("facts.csv, line 6, column 'value': found '26 percent'; "
            "expected a value of type number") in out


def test_unknown_unit(data_copy, rehash, capsys):
    _edit(data_copy, lambda f: f.assign(unit=f["unit"].where(f.index != 2, "furlongs")))
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert ("facts.csv, line 4, column 'unit': found 'furlongs'; "
            "expected one of the declared values") in out


def test_paragraph_out_of_range(data_copy, rehash, capsys):
    _edit(data_copy, lambda f: f.assign(paragraph=f["paragraph"].where(f.index != 0, "57")))
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    # once, by the schema (the register's own range check and section check stand aside)
    assert "facts.csv, line 2, column 'paragraph': found '57'; expected a number <= 43" in out
    assert "1 problem(s)" in out


def test_value_not_in_its_paragraph(data_copy, rehash, capsys, article_paragraphs):
    # 881,000 belongs to paragraph 11; moving the row to paragraph 6 must be caught
    def move(f):
        i = f.index[f["fact_id"] == "liangshan.poor_population.2013"][0]
        f.loc[i, ["paragraph", "section"]] = ["6", "I"]
        return f
    _edit(data_copy, move)
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert "column 'as_written': found '881,000', which is not in paragraph 6" in out


def test_value_disagreeing_with_as_written(data_copy, rehash, capsys):
    def typo(f):
        i = f.index[f["fact_id"] == "liangshan.poor_population.2013"][0]
        f.loc[i, "value"] = "88.1"
        return f
    _edit(data_copy, typo)
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert "column 'value': found 88.1; expected 881000" in out


def test_missing_column(data_copy, rehash, capsys):
    _edit(data_copy, lambda f: f.drop(columns=["unit"]))
    rehash(data_copy)
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert "facts.csv" in out and "column 'unit'" in out and "found no such column" in out


def test_file_whose_hash_no_longer_matches(data_copy, capsys):
    path = data_copy / paths.FACTS
    path.write_text(path.read_text(encoding="utf-8").replace("591", "592", 1), encoding="utf-8")
    status, out = _run(data_copy, capsys)
    assert status == 1
    assert "facts.csv, column 'hash': found a file whose sha256:" in out
    assert "recorded in datapackage.json" in out


def test_missing_data_dir(tmp_path, capsys):
    status, out = _run(tmp_path / "nowhere", capsys)
    assert status == 1 and "no such directory" in out


def test_without_the_shared_folder_the_data_is_valid_and_the_gap_is_said_once(monkeypatch):
    """A reader's clone (no ../shared/ beside it): the package validates, and the output says
    once that the register was not checked against the article, and how to get the text."""
    monkeypatch.setenv(paths.SHARED_ENV, "/nonexistent")
    monkeypatch.delenv(paths.SOURCE_TEXT_ENV, raising=False)
    proc = subprocess.run([sys.executable, "-m", "analysis", "validate"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    notes = [ln for ln in proc.stdout.splitlines() if "NOT checked against the article" in ln]
    assert len(notes) == 1, proc.stdout
    assert paths.SOURCE_TEXT_URL in notes[0] and paths.SOURCE_TEXT_ENV in notes[0]
    assert proc.stdout.rstrip().endswith("is valid") and proc.stderr == ""


def test_with_the_article_there_is_no_note(capsys):
    skip_without_article()
    assert main() == 0
    assert "NOT checked" not in capsys.readouterr().out


def test_a_check_that_breaks_is_a_problem_not_a_traceback(monkeypatch, capsys):
    from analysis.data import validate

    def broken(pkg):
        raise RuntimeError("unforeseen")
    broken.__module__, broken.__name__ = "analysis.data.context_checks", "check_context"
    monkeypatch.setattr(validate.context_checks, "check_context", broken)
    status, out = _run(paths.DATA, capsys)
    assert status == 1
    assert ("datapackage.json: found an input that analysis.data.context_checks.check_context "
            "could not check (RuntimeError: unforeseen)") in out


def test_hashes_refuses_a_package_with_a_missing_file(data_copy, capsys):
    from analysis.__main__ import main as cli

    (data_copy / "context" / "sources.csv").unlink()
    before = (data_copy / "datapackage.json").read_bytes()
    assert cli(["hashes", "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "context/sources.csv: found no such file" in out and "nothing updated" in out
    assert (data_copy / "datapackage.json").read_bytes() == before
