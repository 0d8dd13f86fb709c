"""Builds are repeatable: a chapter run again in a fresh kernel draws byte-identical figures
(PNG and PDF) to those of the built book, and the register and audit tables come out identical.

(Two whole clean builds are compared by ``make bench``, which records the result in
``benchmarks/results.md``; here one chapter is re-executed against the build ``make test`` made.)
"""
import base64
import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from analysis.data import paths
from liangshan_book.run_chapter import run

pytestmark = [pytest.mark.book, pytest.mark.build]

EXECUTED = paths.BUILD / "jupyter_execute"


def _hashes(nb, mime):
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {}).get(mime)
            if data:
                out.append(hashlib.sha256(base64.b64decode(data)).hexdigest())
    return out


def test_a_chapter_rerun_draws_the_same_figure_bytes_as_the_book(tmp_path):
    """The PNGs of the HTML book and the vector PDFs of the printed book (myst-nb names each
    file by its bytes' sha256)."""
    if not EXECUTED.is_dir():
        pytest.fail("the book is not built: run `make book` (make test does it first)")
    nb = run(paths.CHAPTERS / "ch3_problems.md", tmp_path / "ch3.ipynb")
    for mime, suffix in (("image/png", "png"), ("application/pdf", "pdf")):
        hashes = _hashes(nb, mime)
        assert len(hashes) >= 4, mime
        if suffix == "pdf" and not shutil.which("xelatex"):
            continue  # no TeX here, so no printed book whose figures could be compared
        built = {p.stem for p in EXECUTED.glob(f"*.{suffix}")}
        assert [h for h in hashes if h not in built] == [], mime


def _tables_in_a_fresh_process():
    code = ("import json; from analysis.domain.audit import run_audit; "
            "from analysis.data.register import load_facts; "
            "print(json.dumps({'audit': run_audit().to_json(orient='records'), "
            "'register': load_facts().to_json(orient='records')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_register_and_audit_tables_are_identical_across_processes():
    from analysis.data.register import load_facts
    from analysis.domain.audit import run_audit

    here = {"audit": run_audit().to_json(orient="records"),
            "register": load_facts().to_json(orient="records")}
    assert _tables_in_a_fresh_process() == here
