"""Builds are repeatable: a chapter run again in a fresh kernel draws byte-identical figures
to those of the built book, and the register and audit tables come out identical.

(Two whole clean builds are compared by ``make bench``, which records the result in
``benchmarks/results.md``; here one chapter is re-executed against the build ``make test`` made.)
"""
import base64
import hashlib
import json
import subprocess
import sys

import pytest

from analysis.data import paths
from liangshan_book.run_chapter import run

pytestmark = [pytest.mark.book, pytest.mark.build]

EXECUTED = paths.BUILD / "jupyter_execute"


def _png_hashes(nb):
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {}).get("image/png")
            if data:
                out.append(hashlib.sha256(base64.b64decode(data)).hexdigest())
    return out


def test_a_chapter_rerun_draws_the_same_figure_bytes_as_the_book(tmp_path):
    if not EXECUTED.is_dir():
        pytest.fail("the book is not built: run `make book` (make test does it first)")
    nb = run(paths.CHAPTERS / "ch3_problems.md", tmp_path / "ch3.ipynb")
    hashes = _png_hashes(nb)
    assert len(hashes) >= 4
    built = {p.stem for p in EXECUTED.glob("*.png")}
    assert [h for h in hashes if h not in built] == []


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
