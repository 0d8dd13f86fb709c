"""A battery of corrupted copies of the data package. Each must be rejected, with a plain
message naming the file (and the row or item), by ``python -m analysis validate --data-dir``
and by the build (``make book`` validates first, the chapters read through validated loaders).
Nothing may be silently dropped or shown as NaN."""
import json
import os
import re
import subprocess

import pytest

from analysis.data import paths
from analysis.data.validate import main


def _replace(rel, old, new, count=1):
    def corrupt(d):
        p = d / rel
        text = p.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        p.write_text(text.replace(old, new, count), encoding="utf-8")
    return corrupt


def _drop_line(rel, startswith):
    def corrupt(d):
        p = d / rel
        lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if not ln.startswith(startswith)]
        assert len(kept) == len(lines) - 1
        p.write_text("".join(kept), encoding="utf-8")
    return corrupt


def _geojson(rel, edit):
    def corrupt(d):
        p = d / rel
        gj = json.loads(p.read_text(encoding="utf-8"))
        edit(gj)
        p.write_text(json.dumps(gj), encoding="utf-8")
    return corrupt


def _bowtie(gj):
    gj["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[
        [102.0, 27.0], [102.5, 27.5], [102.5, 27.0], [102.0, 27.5], [102.0, 27.0]]]}


def _drop_butuo(gj):
    gj["features"] = [f for f in gj["features"] if f["properties"]["adcode"] != "513429"]


def _recode(gj):
    gj["features"][0]["properties"]["adcode"] = "513499"


# (id, corruption, re-record hashes?, what the message must name)
CASES = [
    ("register-unknown-unit", _replace("facts.csv", ",persons,", ",people,"), True,
     ["facts.csv, line", "column 'unit'", "'people'"]),
    ("register-non-numeric", _replace("facts.csv", ",881000,", ",881k,"), True,
     ["facts.csv, line", "column 'value'", "'881k'"]),
    ("context-non-numeric", _replace("context/county_indicators.csv", ",4532809,", ",4.5 million,"),
     True, ["context/county_indicators.csv", "value", "4.5 million"]),
    ("context-unknown-source", _replace("context/county_indicators.csv", ",S01,", ",S08,"), True,
     ["context/county_indicators.csv", "S08"]),
    ("context-missing-county", _drop_line("context/counties.csv", "513429"), True,
     ["513429"]),
    ("boundary-missing-county", _geojson("geo/liangshan_counties.geojson", _drop_butuo), True,
     ["geo/liangshan_counties.geojson", "513429"]),
    ("boundary-unknown-code", _geojson("geo/liangshan_counties.geojson", _recode), True,
     ["geo/liangshan_counties.geojson", "513499"]),
    ("boundary-invalid-geometry", _geojson("geo/liangshan_counties.geojson", _bowtie), True,
     ["geo/liangshan_counties.geojson", "elf-intersection"]),
    ("descriptor-stale-hash", _replace("context/county_indicators.csv", ",4532809,", ",4532808,"),
     False, ["context/county_indicators.csv", "column 'hash'", "recorded in datapackage.json"]),
    ("descriptor-not-json", _replace("datapackage.json", "{", "{{"), False,
     ["datapackage.json"]),
]


@pytest.mark.parametrize("name, corrupt, rehash_after, needles", CASES, ids=[c[0] for c in CASES])
def test_validate_rejects_with_a_clear_message(name, corrupt, rehash_after, needles, data_copy,
                                               rehash, capsys):
    corrupt(data_copy)
    if rehash_after:
        rehash(data_copy)
    status = main()
    out = capsys.readouterr().out
    assert status == 1, out
    for needle in needles:
        assert needle in out, f"{needle!r} not in:\n{out}"
    assert "Traceback" not in out and not re.search(r"\bnan\b", out, re.I)


@pytest.mark.build
@pytest.mark.parametrize("name, corrupt, rehash_after, needles",
                         [c for c in CASES if c[0] in ("register-unknown-unit",
                                                        "boundary-invalid-geometry")],
                         ids=["register-unknown-unit", "boundary-invalid-geometry"])
def test_the_build_refuses_bad_data(name, corrupt, rehash_after, needles, data_copy, rehash):
    corrupt(data_copy)
    if rehash_after:
        rehash(data_copy)
    proc = subprocess.run(["make", "--no-print-directory", "book"], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "LIANGSHAN_DATA_DIR": str(data_copy),
                               "MAKEFLAGS": ""})
    assert proc.returncode != 0
    assert needles[0] in proc.stdout + proc.stderr
    assert "liangshan_book.build" not in proc.stdout  # stopped at validation, before any build step
