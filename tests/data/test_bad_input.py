"""A battery of damaged copies of the data package, the way spreadsheets, editors, downloads
and checkouts damage real files.

Each REFUSED case must give, through ``python -m analysis validate``, exit status 1, one line per
cause (``n``, usually one) naming the file, the line or feature, the column and what was
expected, and no traceback; the loader of the damaged file, called directly, must raise a
DataError with the same message. Each ACCEPTED case (harmless and unambiguous) must validate
and load exactly as the committed data does. A few cases also go through ``make book``, which
must stop at validation, before any chapter runs, with the same message.

(Longer than the house's 350 lines on purpose: the table of cases is one place to read every
class of bad input and what it gives; the ways to damage a file are in tests/helpers/corrupt.py.)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from typing import NamedTuple

import pandas as pd
import pytest
from corrupt import (
    BUTUO,
    COUNTIES,
    CSVS,
    DESCRIPTOR,
    FACTS,
    GEO,
    INDICATORS,
    NAT_CENSUS,
    NAT_COUNTIES,
    NAT_CROSSWALK,
    NAT_LIST,
    NAT_POINTS,
    NAT_PROVINCES,
    NATIONAL,
    PREF,
    SL,
    SOURCES,
    STATUS,
    directory,
    drop_column,
    feature,
    geojson,
    header,
    lines,
    move,
    remove,
    replace,
    resource,
    spreadsheet,
    to_metres,
    transform,
    write,
)

from analysis.data import boundaries, context, national, paths, register
from analysis.data.problems import DataError
from analysis.data.validate import main


def _last_quote_line(name: str) -> int:
    """The line of the committed file on which its last quoted value opens (and closes)."""
    data = (paths.DATA / name).read_bytes()
    return data[:data.rindex(b'"')].count(b"\n") + 1

#: The loader that reads each file (the descriptor: any loader reads it first).
LOADERS = {FACTS: register.load_facts, COUNTIES: context.counties,
           INDICATORS: context.county_indicators, NATIONAL: context.poverty_national,
           SOURCES: context.sources, STATUS: context.poverty_county_status,
           SL: context.poverty_sichuan_liangshan, GEO: boundaries.load_counties,
           PREF: boundaries.load_prefectures, DESCRIPTOR: register.load_facts,
           NAT_LIST: national.poverty_counties, NAT_CROSSWALK: national.crosswalk,
           NAT_CENSUS: national.census, NAT_POINTS: national.prefecture_datapoints,
           NAT_COUNTIES: national.county_boundaries, NAT_PROVINCES: national.province_boundaries}


class Case(NamedTuple):
    id: str
    file: str           # the damaged file (its loader must refuse it)
    corrupt: object     # a function of the copy's folder
    needles: list[str]  # what the message must say
    rehash: bool = True  # re-record the digests afterwards (a deliberate edit)
    n: int = 1          # number of problems reported


def _bowtie(doc):
    feature(doc, BUTUO)["geometry"] = {"type": "Polygon", "coordinates": [[
        [102.6, 27.6], [102.8, 27.8], [102.8, 27.6], [102.6, 27.8], [102.6, 27.6]]]}


def _codes_as_numbers(doc):
    for f in doc["features"]:
        f["properties"]["adcode"] = int(f["properties"]["adcode"])


def _insert_after_header(text: bytes):
    return lambda rows: rows[:1] + [text] + rows[1:]


LATIN1 = replace(FACTS, "Liangshan Prefecture,prefecture,513400,author_visits",
                 b"Liangsh\xe2n Prefecture,prefecture,513400,author_visits")
GBK = replace(COUNTIES, "西昌市".encode(), "西昌市".encode("gbk"))

REFUSED = [
    # --- the file itself, before any parser: what downloads and checkouts do
    Case("not-utf8-latin1", FACTS, LATIN1,
         ["facts.csv, line 2, column 'place'", "not UTF-8, e2", "Liangsh\\\\xe2n"]),
    Case("not-utf8-gbk", COUNTIES, GBK,
         ["context/counties.csv, line 2, column 'name_zh'", "ce f7", "save it as UTF-8"]),
    Case("utf16", FACTS, transform(FACTS, lambda b: b.decode().encode("utf-16")),
         ["facts.csv: found UTF-16 text", "expected UTF-8 text"]),
    Case("zero-bytes", SOURCES, write(SOURCES, b""),
         ["context/sources.csv: found an empty file (0 bytes)"]),
    Case("directory", FACTS, directory(FACTS), ["facts.csv: found a directory"], rehash=False),
    Case("missing-file", NATIONAL, remove(NATIONAL),
         ["context/poverty_national.csv: found no such file"], rehash=False),
    Case("lfs-pointer", PREF, write(PREF, b"version https://git-lfs.github.com/spec/v1\n"
                                    b"oid sha256:4d7a\nsize 1649422\n"),
         ["geo/sichuan_prefectures.geojson: found a Git LFS pointer", "git lfs pull"]),
    Case("html-page", SOURCES, write(SOURCES, b"<!DOCTYPE html>\n<html><body>404 Not Found"
                                     b"</body></html>\n"),
         ["context/sources.csv: found an HTML page", "download the raw file"]),
    Case("zip-workbook", FACTS, write(FACTS, b"PK\x03\x04\x14\x00\x06\x00rest of a workbook"),
         ["facts.csv: found a ZIP archive"]),
    Case("nul-bytes", NATIONAL, replace(NATIONAL, "rural_poor_population,98990000",
                                        b"rural_poor_population,98990\x00000"),
         ["context/poverty_national.csv, line 2: found binary content"]),
    # --- a table's structure: spreadsheets and editors
    Case("semicolons", COUNTIES, transform(COUNTIES, lambda b: b.replace(b",", b";")),
         ["context/counties.csv, line 1: found values separated by semicolons"]),
    Case("tabs", NATIONAL, transform(NATIONAL, lambda b: b.replace(b",", b"\t")),
         ["context/poverty_national.csv, line 1: found values separated by tabs"]),
    Case("header-only", FACTS, lines(FACTS, lambda rows: rows[:1]),
         ["facts.csv: found a header and no rows of data"]),
    Case("quote-never-closed", SOURCES, transform(SOURCES, lambda b: b[:b.rindex(b'"')]),
         [f"context/sources.csv, line {_last_quote_line(SOURCES)}: found a quoted value that "
          "is never closed"]),
    Case("stray-quote", SOURCES, replace(SOURCES, 'county tabulations)",', 'county tabulations),'),
         ["context/sources.csv, line 2: found a malformed quoted value"]),
    Case("duplicated-column", NATIONAL, header(NATIONAL, ",note", ",note,note"),
         ["context/poverty_national.csv, line 1, column 'note': found the column header "
          "'note' 2 times (columns 8, 9)"]),
    Case("missing-column", FACTS, drop_column(FACTS, "unit"),
         ["facts.csv, line 1, column 'unit': found no such column"]),
    Case("extra-column", STATUS, header(STATUS, ",note", ",note,remarks"),
         ["context/poverty_county_status.csv, line 1, column 'remarks': found a column that "
          "the schema does not declare"]),
    Case("misspelt-header", INDICATORS, header(INDICATORS, ",unit,", ",Unit ,"),
         ["context/county_indicators.csv, line 1, column 'unit': found the column header "
          "'Unit '"]),
    Case("columns-reordered", COUNTIES,
         header(COUNTIES, "adcode,adcode_2020", "adcode_2020,adcode"),
         ["context/counties.csv, line 1: found the columns in the order adcode_2020, adcode"]),
    Case("empty-line-inside", SL, lines(SL, _insert_after_header(b"\n")),
         ["context/poverty_sichuan_liangshan.csv, line 2: found an empty line inside"]),
    Case("separators-only-row", FACTS, lines(FACTS, _insert_after_header(b",,,,,,,,,,,,,,\n")),
         ["facts.csv, line 2: found a row with no values (only separators"]),
    Case("unquoted-comma", NATIONAL, replace(NATIONAL, "cross-check of S19 (same value)",
                                             "cross-check of S19, same value"),
         ["context/poverty_national.csv, line 3: found 9 cells; expected 8 cells",
          "must be in double quotes"]),
    Case("cut-short", FACTS, transform(FACTS, lambda b: b[:-40]),
         ["facts.csv, line 114: found a last line without a line break"]),
    # --- cells: types and the ways spreadsheets write numbers
    Case("wrong-type", FACTS, replace(FACTS, ",881000,", ",881k,"),
         ["facts.csv, line", "column 'value': found '881k'; expected a value of type number"]),
    Case("nan", NATIONAL, replace(NATIONAL, "rural_poor_population,98990000",
                                  "rural_poor_population,NaN"),
         ["context/poverty_national.csv, line 2, column 'value': found 'NaN', a stand-in for "
          "a missing value"]),
    Case("n-a-optional", FACTS,
         replace(FACTS, ",yi_population_share,80,,", ",yi_population_share,80,N/A,"),
         ["facts.csv, line 3, column 'value_max': found 'N/A'",
          "only an empty cell means that a value is missing"]),
    Case("dash", INDICATORS, replace(INDICATORS, ",4532809,", ",-,"),
         ["context/county_indicators.csv, line 2, column 'value': found '-', a stand-in"]),
    Case("spreadsheet-error", INDICATORS, replace(INDICATORS, ",4532809,", ",#DIV/0!,"),
         ["column 'value': found '#DIV/0!', a spreadsheet error"]),
    Case("thousands-separator", INDICATORS, replace(INDICATORS, ",4532809,", ',"4,532,809",'),
         ["context/county_indicators.csv, line 2, column 'value': found '4,532,809', a number "
          "with thousands separators; expected a number written with digits alone, 4532809"]),
    Case("percent-sign", NATIONAL, replace(NATIONAL, "poverty_incidence,10.2,",
                                           "poverty_incidence,10.2%,"),
         ["context/poverty_national.csv, line 12, column 'value': found '10.2%', a number with "
          "a percent sign; expected the number alone, 10.2"]),
    Case("decimal-comma", NATIONAL, replace(NATIONAL, "poverty_incidence,10.2,",
                                            'poverty_incidence,"10,2",'),
         ["line 12, column 'value': found '10,2', a number with a decimal comma; expected a "
          "decimal point, 10.2"]),
    Case("exponent", INDICATORS, replace(INDICATORS, ",4532809,", ",4.532809E+06,"),
         ["line 2, column 'value': found '4.532809E+06', a number in exponent notation",
          "written out in full, 4532809"]),
    Case("integer-with-decimals", NATIONAL, replace(NATIONAL, "2012,rural_poor_population",
                                                    "2012.0,rural_poor_population"),
         ["line 2, column 'year': found '2012.0', a whole number written with decimals"]),
    Case("date-format", SOURCES, replace(SOURCES, ",2026-11-28,", ",28/11/2026,"),
         ["context/sources.csv, line 2, column 'date_accessed': found '28/11/2026'; expected "
          "a value of type date (written YYYY-MM-DD)"]),
    Case("boolean-word", STATUS, replace(STATUS, "513401,false,", "513401,no,"),
         ["context/poverty_county_status.csv, line 2, column 'national_poverty_county': found "
          "'no'; expected a value of type boolean (true or false)"]),
    Case("trailing-space-in-code", COUNTIES, replace(COUNTIES, "513401,513401,", "513401 ,513401,"),
         ["context/counties.csv, line 2, column 'adcode': found '513401 ', with a space after "
          "it; expected '513401'"]),
    Case("invisible-character-in-id", NATIONAL, replace(NATIONAL, ",S27,", ",S27\u200b,"),
         ["line 3, column 'source_id'", "an invisible character (U+200B)"]),
    Case("negative-count", INDICATORS, replace(INDICATORS, f"{BUTUO},resident_population,2020,"
                                               "185553,", f"{BUTUO},resident_population,2020,"
                                               "-185553,"),
         ["context/county_indicators.csv, line 120, column 'value': found '-185553'; expected "
          "a number >= 0"]),
    Case("required-value-empty", FACTS, replace(FACTS, ",times,2018/,,six,", ",,2018/,,six,"),
         ["facts.csv, line 2, column 'unit': found an empty cell; expected a value (this "
          "column is required)"]),
    Case("undeclared-value", FACTS, replace(FACTS, ",times,2018/,", ",visits,2018/,"),
         ["facts.csv, line 2, column 'unit': found 'visits'; expected one of the declared"]),
    # --- keys and references
    Case("duplicated-key", FACTS, replace(FACTS, "butuo_jinyang.yi_population_share,",
                                          "liangshan.author_visits,"),
         ["facts.csv, line 3, column 'fact_id': found the key fact_id='liangshan.author_visits'"
          " again (first on line 2)"]),
    Case("duplicated-compound-key", INDICATORS,
         lines(INDICATORS, lambda rows: rows[:119] + rows[118:]),  # a row pasted twice
         [f"line 120, column 'adcode, indicator, year': found the key adcode='{BUTUO}', "
          "indicator='resident_population', year='2010' again (first on line 119)"]),
    Case("unknown-source", INDICATORS, replace(INDICATORS, ",4532809,persons,S01,",
                                               ",4532809,persons,S08,"),
         ["context/county_indicators.csv, line 2, column 'source_id': found 'S08'; expected a "
          "source_id listed in context/sources.csv"]),
    Case("unknown-corroborating-source", STATUS, replace(STATUS, ",S12,S09;S10,", ",S12,S09;S08,"),
         ["context/poverty_county_status.csv, line 2, column 'corroborated_by': found 'S08'"]),
    Case("unknown-county-in-table", INDICATORS, replace(INDICATORS, f"{BUTUO},resident_population,"
                                                        "2010,", "513499,resident_population,"
                                                        "2010,"),
         ["context/county_indicators.csv, line 119, column 'adcode': found '513499'; expected "
          "the prefecture 513400 or a county code of context/counties.csv"], n=2),
    Case("unknown-county-in-register", FACTS, replace(FACTS, ",county,513429,poverty_rate,",
                                                      ",county,513499,poverty_rate,"),
         ["facts.csv, line 4, column 'adcode': found '513499'; expected the code of Sichuan "
          "province (510000), of the prefecture (513400) or of a county listed in "
          "context/counties.csv"]),
    Case("unknown-county-in-status", STATUS, replace(STATUS, "513401,false,", "513499,false,"),
         ["context/poverty_county_status.csv, line 2, column 'adcode': found '513499'; "
          "expected an adcode listed in context/counties.csv"], n=2),
    Case("county-missing-from-table", COUNTIES,
         lines(COUNTIES, lambda rows: [r for r in rows if not r.startswith(BUTUO.encode())]),
         ["context/counties.csv, column 'adcode': found 16 distinct county codes; expected "
          "the 17 county-level divisions of Liangshan",
          # each file that names the missing county says so once, naming every line
          "facts.csv, lines 4, 5, 40,", "context/county_indicators.csv, lines 119, 120,",
          "context/poverty_county_status.csv, line 10, column 'adcode': found '513429'",
          f"geo/liangshan_counties.geojson, feature 9 (adcode {BUTUO}, Butuo)"], n=5),
    Case("paragraph-out-of-range", FACTS, replace(FACTS, "liangshan.author_visits,front,4,",
                                                  "liangshan.author_visits,front,57,"),
         ["facts.csv, line 2, column 'paragraph': found '57'; expected a number <= 43"]),
    # --- the national files go through the same checks
    Case("national-thousands-separator", NAT_CENSUS,
         replace(NAT_CENSUS, "2010,130125,行唐县,406353,", '2010,130125,行唐县,"406,353",'),
         ["national/census.csv, line 2, column 'population': found '406,353', a number with "
          "thousands separators"]),
    Case("national-semicolons", NAT_CROSSWALK, transform(NAT_CROSSWALK,
                                                        lambda b: b.replace(b",", b";")),
         ["national/crosswalk.csv, line 1: found values separated by semicolons"]),
    Case("national-lfs-pointer", NAT_COUNTIES,
         write(NAT_COUNTIES, b"version https://git-lfs.github.com/spec/v1\noid sha256:9f0c\n"
               b"size 5709478\n"),
         ["national/counties.geojson: found a Git LFS pointer"]),
    # --- the descriptor
    Case("descriptor-not-json", DESCRIPTOR, write(DESCRIPTOR, b"resources: [facts.csv]\n"),
         ["datapackage.json, line 1: found invalid JSON at column 1"], rehash=False),
    Case("descriptor-truncated", DESCRIPTOR, transform(DESCRIPTOR, lambda b: b[:len(b) // 2]),
         ["datapackage.json, line", "found the end of the file inside the JSON",
          "the file was cut short"], rehash=False),
    Case("descriptor-duplicated-key", DESCRIPTOR,
         replace(DESCRIPTOR, '"path": "facts.csv",', '"path": "facts.csv",\n'
                 '      "path": "context/facts.csv",'),
         ["datapackage.json, column 'path': found the key 'path' twice in one object (values "
          "\"facts.csv\" and \"context/facts.csv\")"], rehash=False),
    Case("resource-outside-data", DESCRIPTOR, resource("facts", path="../README.md"),
         ["datapackage.json, resource 'facts', column 'path': found '../README.md', a path "
          "that leads outside the data folder"], rehash=False),
    Case("resource-remote", DESCRIPTOR,
         resource("context_sources", path="https://example.org/sources.csv"),
         ["resource 'context_sources', column 'path'", "a remote address"], rehash=False),
    Case("resource-renamed", DESCRIPTOR, resource("facts", name="register"),
         ["datapackage.json, resource 'facts', column 'name': found no resource of this name; "
          "expected a resource named 'facts'"], rehash=False),
    Case("stale-hash", INDICATORS, replace(INDICATORS, "equals the sum of the 17 counties",
                                           "is the sum of the 17 counties"),
         ["context/county_indicators.csv, column 'hash': found a file whose sha256:",
          "after a deliberate edit run `python -m analysis hashes`"], rehash=False),
    Case("layer-setting-type", GEO, resource("geo_liangshan_counties",
                                                    **{"x-feature-count": "17"}),
         ["datapackage.json, resource 'geo_liangshan_counties', column 'x-feature-count': "
          "found '17'; expected a whole number"], rehash=False),
    # --- boundaries
    Case("geojson-truncated", GEO, transform(GEO, lambda b: b[:5000]),
         ["geo/liangshan_counties.geojson, line 1: found the end of the file inside the JSON"]),
    Case("geojson-not-json", GEO, write(GEO, b"adcode,geometry\n513401,POLYGON((...))\n"),
         ["geo/liangshan_counties.geojson, line 1: found invalid JSON"]),
    Case("geojson-duplicated-key", GEO, replace(GEO, '"adcode":"513401",',
                                                '"adcode":"513401","adcode":"513499",'),
         ["geo/liangshan_counties.geojson, column 'adcode': found the key 'adcode' twice in "
          "one object (values \"513401\" and \"513499\")"]),
    Case("geojson-not-utf8", GEO, replace(GEO, "西昌市".encode(), "西昌市".encode("gbk")),
         ["geo/liangshan_counties.geojson, line 1: found bytes that are not UTF-8, ce f7"]),
    Case("space-in-layer-code", GEO, replace(GEO, '"adcode":"513401"', '"adcode":"513401 "'),
         ["geo/liangshan_counties.geojson, feature 1 (adcode 513401, Xichang), column 'adcode': "
          "found '513401 ', with a space after it; expected '513401'"]),
    Case("single-feature", GEO, geojson(GEO, lambda doc: doc["features"][0]),
         ["geo/liangshan_counties.geojson: found a single Feature (adcode 513401",
          "expected a GeoJSON FeatureCollection"]),
    Case("null-geometry", GEO, geojson(GEO, lambda doc: feature(doc, BUTUO).update(
        geometry=None)),
         [f"geo/liangshan_counties.geojson, feature 9 (adcode {BUTUO}, Butuo), column "
          "'geometry': found no geometry (null); expected a polygon"]),
    Case("invalid-geometry", GEO, geojson(GEO, _bowtie),
         [f"(adcode {BUTUO}, Butuo), column 'geometry': found Self-intersection"]),
    Case("outside-expected-area", GEO, geojson(GEO, lambda doc: move(doc, BUTUO, 3.0)),
         [f"(adcode {BUTUO}, Butuo), column 'geometry': found a polygon reaching",
          "expected a polygon within the layer's extent 100.0-103.95°E, 26.0-29.35°N"]),
    Case("projected-metres", GEO, geojson(GEO, to_metres),
         ["geo/liangshan_counties.geojson, column 'geometry': found coordinates from (",
          "which look like projected metres; expected longitude/latitude in degrees"]),
    Case("codes-as-numbers", GEO, geojson(GEO, _codes_as_numbers),
         ["geo/liangshan_counties.geojson, column 'adcode': found codes written as numbers "
          "(such as 513401)"]),
    Case("county-missing-from-layer", GEO, geojson(GEO, lambda doc: doc["features"].remove(
        feature(doc, BUTUO))),
         ["geo/liangshan_counties.geojson: found 16 features; expected 17",
          f"adcode {BUTUO}, column 'adcode': found no feature for this county"], n=2),
    Case("unknown-code-in-layer", GEO, geojson(GEO, lambda doc: feature(doc, BUTUO)[
        "properties"].update(adcode="513499")),
         ["(adcode 513499, Butuo), column 'adcode': found 513499, a code not in "
          "context/counties.csv"], n=2),
]

#: Harmless and unambiguous: validated, and loaded exactly as the committed data.
ACCEPTED = [
    ("spreadsheet-bom-crlf-everywhere", [spreadsheet(rel) for rel in CSVS]),
    ("classic-mac-cr-line-endings", [spreadsheet(rel, bom=False, eol=b"\r") for rel in CSVS]),
    ("empty-lines-at-the-end", [transform(rel, lambda b: b + b"\n\n") for rel in CSVS]),
    ("every-cell-quoted", [transform(SOURCES, lambda b: _quote_all(b))]),
    ("spaces-around-free-text", [replace(FACTS, ",Liangshan Prefecture,prefecture,",
                                         ",  Liangshan Prefecture ,prefecture,")]),
    ("bom-in-json", [transform(rel, lambda b: b"\xef\xbb\xbf" + b)
                     for rel in (GEO, PREF, DESCRIPTOR, NAT_PROVINCES)]),
]


def _quote_all(data: bytes) -> bytes:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def _messages(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if not ln.startswith("note:")
            and not re.search(r"problem\(s\) in the data package", ln)]


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
def test_refused_by_validate_and_by_the_loader(case, data_copy, rehash, capsys):
    case.corrupt(data_copy)
    if case.rehash:
        rehash(data_copy)
    status = main()
    out = capsys.readouterr().out
    assert status == 1, out
    messages = _messages(out)
    assert len(messages) == case.n, out
    for needle in case.needles:
        assert needle in out, f"{needle!r} not in:\n{out}"
    assert "Traceback" not in out and "could not check" not in out
    assert not re.search(r"\bnan\b", out.replace("'NaN'", ""), re.I)
    # the loader of the damaged file, called directly, refuses it with the same message
    with pytest.raises(DataError) as exc:
        LOADERS[case.file]()
    loaded = str(exc.value).splitlines()
    assert any(m in loaded for m in messages if case.needles[0] in m), loaded


def _loaded():
    return {"facts": register.load_facts(), **{k: getattr(context, k)() for k in
                                               context.RESOURCES},
            "counties_geo": boundaries.load_counties(),
            "prefectures_geo": boundaries.load_prefectures(),
            **{f.__name__: f() for f in (national.poverty_counties, national.crosswalk,
                                         national.census, national.prefecture_datapoints)}}


@pytest.fixture(scope="module")
def committed():
    return _loaded()


@pytest.mark.parametrize("name, corruptions", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted_and_read_as_the_committed_data(name, corruptions, committed, data_copy,
                                                 rehash, capsys):
    for corrupt in corruptions:
        corrupt(data_copy)
    rehash(data_copy)
    assert main() == 0, capsys.readouterr().out
    for key, frame in _loaded().items():
        if hasattr(frame, "geometry"):
            assert frame.geom_equals(committed[key].geometry).all(), key
            frame, expected = frame.drop(columns="geometry"), committed[key].drop(
                columns="geometry")
        else:
            expected = committed[key]
        pd.testing.assert_frame_equal(pd.DataFrame(frame), pd.DataFrame(expected), obj=key)


# ----------------------------------------------------------------------------- line endings


def test_gitattributes_keep_the_committed_bytes_of_every_data_file():
    """A checkout that converts line endings (core.autocrlf on Windows) must leave the data's
    bytes, and so their recorded digests, alone: .gitattributes marks data/ as not text."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    attrs = subprocess.run([git, "check-attr", "text", "eol", "--", "data/facts.csv",
                            "data/geo/liangshan_counties.geojson", "data/datapackage.json"],
                           cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    assert attrs.count("text: unset") == 3, attrs


def test_a_crlf_checkout_keeps_the_digests(tmp_path):
    """Commit the data with the repository's .gitattributes and check it out as Windows does;
    without the attributes the same checkout rewrites the line endings (the control)."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def checkout(with_attributes: bool) -> bytes:
        repo = tmp_path / ("with" if with_attributes else "without")
        (repo / "data").mkdir(parents=True)
        shutil.copy(paths.DATA / FACTS, repo / "data" / FACTS)
        if with_attributes:
            shutil.copy(paths.ROOT / ".gitattributes", repo / ".gitattributes")
        run = lambda *args: subprocess.run(["git", "-c", "core.autocrlf=true", *args],  # noqa: E731
                                           cwd=repo, env=env, check=True, capture_output=True)
        run("init", "-q")
        run("add", "-A")
        run("commit", "-qm", "data")
        (repo / "data" / FACTS).unlink()
        run("checkout", "--", ".")
        return (repo / "data" / FACTS).read_bytes()

    committed = (paths.DATA / FACTS).read_bytes()
    assert checkout(with_attributes=True) == committed
    assert checkout(with_attributes=False) != committed  # the control: CRLF without them


# ----------------------------------------------------------------------------- the build

#: The cases also run through ``make book`` (each run takes seconds: a few representatives of
#: the file, table, cell and boundary levels).
BUILD_CASES = ["not-utf8-latin1", "header-only", "invalid-geometry"]


@pytest.mark.build
@pytest.mark.parametrize("case", [c for c in REFUSED if c.id in BUILD_CASES], ids=BUILD_CASES)
def test_the_build_stops_at_validation_with_the_same_message(case, data_copy, rehash, capsys):
    case.corrupt(data_copy)
    if case.rehash:
        rehash(data_copy)
    main()
    expected = _messages(capsys.readouterr().out)
    proc = subprocess.run(["make", "--no-print-directory", "book"], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "LIANGSHAN_DATA_DIR": str(data_copy),
                               "MAKEFLAGS": ""})
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    for message in expected:
        assert message in out.splitlines(), f"{message!r} not in:\n{out}"
    assert "Traceback" not in out
    # validation is the last step that ran: no build command, no chapter
    assert "liangshan_book.build" not in out and "run_chapter" not in out, out
    assert json.loads((data_copy / DESCRIPTOR).read_text(encoding="utf-8-sig"))  # untouched
