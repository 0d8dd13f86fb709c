"""A data file's bytes, checked before any parser reads them.

What real files do to a reader, and what this module answers (each a
:class:`~analysis.data.problems.Problem` naming the file, and the line where there is one):

* refused: no file, a directory, zero bytes, a Git LFS pointer (the data was never downloaded),
  an HTML or XML page saved in place of the file (an error or login page), a ZIP archive (a
  workbook saved under the file's name), UTF-16 text, binary content (NUL bytes), bytes that
  are not UTF-8 (the line, the offending bytes in hex and the line as read);
* JSON: not JSON (line and column), cut short (the text ends inside the JSON), a key twice in
  one object (naming the key and both values); a GeoJSON that is not a FeatureCollection (a
  single Feature, a bare geometry);
* accepted: a UTF-8 byte-order mark (removed), CRLF or CR line endings (a spreadsheet's way of
  saving; parsers read them as line breaks).

A refused file is *blocked*: nothing else is checked in it, so that one cause gives one message,
and checks of other files against it are skipped. Tables are checked further by
:mod:`analysis.data.csv_check`.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.data.problems import Problem

#: What each kind of file is, in a message.
KINDS = {"csv": "CSV table (UTF-8, comma-separated)", "json": "JSON file",
         "geojson": "GeoJSON FeatureCollection"}
_LFS = b"version https://git-lfs.github.com/spec/"
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Opened:
    """A file's text, or why it cannot be read.

    Attributes:
        rel: path of the file in the data folder.
        text: the decoded text (byte-order mark removed), or ``None`` when the file is blocked.
        problems: what is wrong with the file (a blocked file has at least one).
    """

    rel: str
    text: str | None
    problems: tuple[Problem, ...] = ()

    @property
    def blocked(self) -> bool:
        """Whether the file cannot be read at all."""
        return self.text is None


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (None,)
    return (st.st_mtime_ns, st.st_size, path.is_dir())


def read_text(root: Path, rel: str, kind: str) -> Opened:
    """The text of data file ``rel`` (in folder ``root``), checked as the module docstring
    says; ``kind`` is one of :data:`KINDS` (read once per change of the file)."""
    return _read_text(root, rel, kind, _stamp(root / rel))


@lru_cache(maxsize=64)
def _read_text(root: Path, rel: str, kind: str, stamp: tuple) -> Opened:
    path = root / rel
    what = KINDS[kind]

    def refuse(found: str, expected: str, line: int | None = None) -> Opened:
        return Opened(rel, None, (Problem(rel, line, None, found, expected),))

    if path.is_dir():
        return refuse("a directory", f"a {what}")
    if not path.is_file():
        return refuse("no such file", f"the {what} listed in datapackage.json")
    data = path.read_bytes()
    if not data.strip():
        return refuse(f"an empty file ({len(data)} bytes)", f"a {what}")
    if data.startswith(_LFS):
        return refuse("a Git LFS pointer, not the data (the file itself was never downloaded)",
                      "the file's content: run `git lfs pull`, or download the file itself")
    head = data[:512].removeprefix(_UTF8_BOM).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return refuse("an HTML page (a web page saved in place of the file: an error or login "
                      "page?)", f"the {what} itself (download the raw file)")
    if head.startswith(b"<?xml"):
        return refuse("an XML document (a server's error message saved in place of the file?)",
                      f"the {what} itself (download the raw file)")
    if data.startswith(b"PK\x03\x04"):
        return refuse("a ZIP archive (a spreadsheet workbook saved under this name?)",
                      f"a {what}: save or export it as that")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return refuse("UTF-16 text (byte-order mark " + data[:2].hex(" ") + ")",
                      "UTF-8 text (save it as 'UTF-8', e.g. 'CSV UTF-8')")
    if b"\0" in data:
        line = data[:data.index(b"\0")].count(b"\n") + 1
        return refuse("binary content (a NUL byte)", f"a {what}", line)
    body = data.removeprefix(_UTF8_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Opened(rel, None, (_not_utf8(rel, body, exc, kind),))
    return Opened(rel, text)


def _not_utf8(rel: str, body: bytes, exc: UnicodeDecodeError, kind: str) -> Problem:
    """The first place with bytes that are not UTF-8: line, column (of a table), the bytes."""
    lines = body.split(b"\n")
    line = body[:exc.start].count(b"\n") + 1
    start = exc.start - (body.rfind(b"\n", 0, exc.start) + 1)
    raw = lines[line - 1].rstrip(b"\r")
    bad = raw[start:start + max(1, exc.end - exc.start)]
    # the rest of the sequence a legacy encoding wrote (GBK uses two bytes per character)
    while start + len(bad) < len(raw) and len(bad) < 4 and raw[start + len(bad)] >= 0x80:
        bad = raw[start:start + len(bad) + 1]
    shown = raw.decode("utf-8", "backslashreplace")
    if len(shown) > 80:
        cut = max(0, len(raw[:start].decode("utf-8", "backslashreplace")) - 30)
        shown = ("…" if cut else "") + shown[cut:cut + 80] + "…"
    others = sum(1 for ln in lines[line:] if _bad_utf8(ln))
    more = f"; {others} more line(s) like it" if others else ""
    column = _column_of(lines[0], raw, start) if kind == "csv" and line > 1 else None
    return Problem(rel, line, column,
                   f"bytes that are not UTF-8, {bad.hex(' ')}, at character {start + 1} of "
                   f"the line ({shown!r}){more}",
                   "UTF-8 text (the file was saved in another encoding, such as GBK or "
                   "Latin-1: save it as UTF-8)")


def _bad_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _column_of(header: bytes, raw: bytes, start: int) -> str | None:
    """The CSV column holding byte ``start`` of line ``raw``."""
    names = next(csv.reader([header.decode("utf-8", "replace").lstrip("\ufeff")]), [])
    before = next(csv.reader([raw[:start].decode("utf-8", "replace") + "x"]), [])
    index = len(before) - 1
    return names[index].strip() if 0 <= index < len(names) else None


# ----------------------------------------------------------------------------- JSON


class _DuplicateKey(ValueError):
    def __init__(self, key: str, first: Any, second: Any):
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key, seen[key], value)
        seen[key] = value
    return seen


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def parse_json(rel: str, text: str) -> tuple[Any, list[Problem]]:
    """The JSON document in ``text`` (of file ``rel``), or ``None`` and the problem."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates), []
    except _DuplicateKey as exc:
        return None, [Problem(rel, None, exc.key, f"the key '{exc.key}' twice in one object "
                              f"(values {_short(exc.first)} and {_short(exc.second)})",
                              "each key once in an object (a JSON reader keeps only one "
                              "of the two)")]
    except json.JSONDecodeError as exc:
        # a string that never ends runs to the end of the file (a line break would end it)
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            return None, [Problem(rel, exc.lineno, None,
                                  f"the end of the file inside the JSON ({exc.msg})",
                                  "a complete JSON document (the file was cut short: copy or "
                                  "download it again)")]
        return None, [Problem(rel, exc.lineno, None, f"invalid JSON at column {exc.colno} "
                              f"({exc.msg})", "a JSON document")]


def read_json(root: Path, rel: str, kind: str = "json") -> tuple[Any, list[Problem]]:
    """The JSON document in data file ``rel``, or ``None`` and why it cannot be read (as
    :func:`read_text`, then :func:`parse_json`, then for ``kind="geojson"`` the shape of a
    FeatureCollection)."""
    opened = read_text(root, rel, kind)
    if opened.blocked:
        return None, list(opened.problems)
    doc, problems = parse_json(rel, opened.text)
    if doc is not None and kind == "geojson":
        problems = geojson_shape(rel, doc)
        if problems:
            doc = None
    return doc, problems


def geojson_shape(rel: str, doc: Any) -> list[Problem]:
    """Problems of a GeoJSON document's outer shape: a FeatureCollection of Features."""
    want = "a GeoJSON FeatureCollection holding every feature of the layer"
    if not isinstance(doc, dict):
        return [Problem(rel, None, None, f"a JSON {type(doc).__name__}", want)]
    kind = doc.get("type")
    if kind == "Feature":
        props = doc.get("properties") or {}
        label = f" ({', '.join(f'{k} {v}' for k, v in list(props.items())[:2])})" if isinstance(
            props, dict) and props else ""
        return [Problem(rel, None, None, f"a single Feature{label}", want)]
    if kind != "FeatureCollection":
        return [Problem(rel, None, "type", repr(kind), want)]
    feats = doc.get("features")
    if not isinstance(feats, list):
        return [Problem(rel, None, "features", f"{type(feats).__name__}", "a list of Features")]
    return [Problem(rel, f"feature {i + 1}", "type", repr(f.get("type") if isinstance(f, dict)
                                                         else f), "a Feature")
            for i, f in enumerate(feats)
            if not (isinstance(f, dict) and f.get("type") == "Feature")]
