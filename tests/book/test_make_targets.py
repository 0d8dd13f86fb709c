"""Targets of the Makefile that a clone without ``../shared/`` meets: ``make help`` says which
need it, and such a target fails with one clear line instead of a traceback."""
import os
import subprocess

from analysis.data import paths


def make(*args, env=None):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_help_says_which_targets_need_the_shared_folder():
    lines = make("help").stdout.splitlines()
    needs = [line.split()[0] for line in lines if "(needs ../shared/)" in line]
    assert needs == ["check-text"]


def test_check_text_without_the_shared_folder_fails_with_one_line(tmp_path):
    proc = make("check-text", env={"LIANGSHAN_SHARED": str(tmp_path / "absent"),
                                   "LIANGSHAN_SOURCE_TEXT": ""})
    assert proc.returncode != 0
    assert proc.stdout.splitlines() == [
        "make check-text needs ../shared/ (its tools/ and the article's text), which this clone "
        "does not have"]
    assert "Traceback" not in proc.stderr and "No such file" not in proc.stderr


def test_help_names_the_targets_of_the_edit_loop_and_of_one_chapter():
    text = make("help").stdout
    assert "html          validate and build the HTML book only: the edit loop" in text
    assert "chapter       run one chapter in a fresh kernel: make chapter CH=ch2" in text
    assert 'lab           JupyterLab at the repository root, chapters and code; options: ' \
           'LAB_ARGS="..."' in text
