"""Ways to damage a copy of the data package the way real files get damaged: by a
spreadsheet, an editor, a bad download or a checkout. Each function returns a corruption, a
function of the copy's folder, for the battery of ``tests/data/test_bad_input.py``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

FACTS = "facts.csv"
COUNTIES = "context/counties.csv"
INDICATORS = "context/county_indicators.csv"
NATIONAL = "context/poverty_national.csv"
SOURCES = "context/sources.csv"
STATUS = "context/poverty_county_status.csv"
SL = "context/poverty_sichuan_liangshan.csv"
GEO = "geo/liangshan_counties.geojson"
PREF = "geo/sichuan_prefectures.geojson"
DESCRIPTOR = "datapackage.json"
NAT_LIST = "national/poverty_counties.csv"
NAT_CROSSWALK = "national/crosswalk.csv"
NAT_CENSUS = "national/census.csv"
NAT_POINTS = "national/prefecture_datapoints.csv"
NAT_COUNTIES = "national/counties.geojson"
NAT_PROVINCES = "national/provinces.geojson"
CSVS = [FACTS, COUNTIES, INDICATORS, NATIONAL, SOURCES, STATUS, SL, NAT_LIST, NAT_CROSSWALK,
        NAT_CENSUS, NAT_POINTS]
BUTUO = "513429"


def replace(rel: str, old: str | bytes, new: str | bytes, count: int = 1):
    """Replace ``old`` by ``new`` (the first ``count`` times) in the bytes of a file."""
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new

    def corrupt(d: Path) -> None:
        data = (d / rel).read_bytes()
        assert old_b in data, f"{old!r} not in {rel}"
        (d / rel).write_bytes(data.replace(old_b, new_b, count))
    return corrupt


def write(rel: str, data: bytes):
    """Put ``data`` in place of the file."""
    return lambda d: (d / rel).write_bytes(data)


def transform(rel: str, fn):
    """Rewrite the file's bytes with ``fn(bytes) -> bytes``."""
    return lambda d: (d / rel).write_bytes(fn((d / rel).read_bytes()))


def header(rel: str, old: str, new: str):
    """Replace ``old`` by ``new`` in the first line only."""
    def fn(data: bytes) -> bytes:
        first, rest = data.split(b"\n", 1)
        assert old.encode() in first, f"{old!r} not in the header of {rel}"
        return first.replace(old.encode(), new.encode(), 1) + b"\n" + rest
    return transform(rel, fn)


def lines(rel: str, fn):
    """Rewrite the file's lines (each with its line break) with ``fn(list) -> list``."""
    return transform(rel, lambda data: b"".join(fn(data.splitlines(keepends=True))))


def drop_column(rel: str, name: str):
    """Remove one column (the file has no quoted commas before it)."""
    def fn(rows: list[bytes]) -> list[bytes]:
        i = rows[0].decode().rstrip("\n").split(",").index(name)
        out = []
        for row in rows:
            cells = row.decode().rstrip("\n").split(",")
            out.append((",".join(cells[:i] + cells[i + 1:]) + "\n").encode())
        return out
    return lines(rel, fn)


def directory(rel: str):
    """A directory where the file should be."""
    def corrupt(d: Path) -> None:
        (d / rel).unlink()
        (d / rel).mkdir()
    return corrupt


def remove(rel: str):
    return lambda d: (d / rel).unlink()


def spreadsheet(rel: str, *, bom: bool = True, eol: bytes = b"\r\n"):
    """Save the file as a spreadsheet does: a UTF-8 byte-order mark and CRLF line endings."""
    return transform(rel, lambda data: (b"\xef\xbb\xbf" if bom else b"")
                     + data.replace(b"\n", eol))


def geojson(rel: str, edit):
    """Edit the parsed GeoJSON with ``edit(doc)`` (in place, or return a new document)."""
    def corrupt(d: Path) -> None:
        doc = json.loads((d / rel).read_text(encoding="utf-8"))
        new = edit(doc)
        (d / rel).write_text(json.dumps(doc if new is None else new), encoding="utf-8")
    return corrupt


def descriptor(edit):
    """Edit the parsed descriptor with ``edit(doc)`` (in place)."""
    return geojson(DESCRIPTOR, edit)


def resource(name: str, /, **changes):
    """Change fields of one resource of the descriptor."""
    def edit(doc):
        res = next(r for r in doc["resources"] if r["name"] == name)
        res.update(changes)
    return descriptor(edit)


def feature(doc: dict, code: str) -> dict:
    return next(f for f in doc["features"] if f["properties"]["adcode"] == code)


def move(doc: dict, code: str, dlon: float) -> None:
    """Shift one feature east by ``dlon`` degrees (a mistyped longitude)."""
    geom = feature(doc, code)["geometry"]

    def shift(c):
        return [c[0] + dlon, c[1]] if isinstance(c[0], (int, float)) else [shift(x) for x in c]
    geom["coordinates"] = shift(geom["coordinates"])


def to_metres(doc: dict) -> None:
    """Reproject every coordinate to UTM zone 48N metres, keeping the file's lack of a CRS
    member (a layer exported from a GIS in its projected system)."""
    import pyproj

    tr = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)

    def proj(c):
        return list(tr.transform(c[0], c[1])) if isinstance(c[0], (int, float)) else [
            proj(x) for x in c]
    for f in doc["features"]:
        f["geometry"]["coordinates"] = proj(f["geometry"]["coordinates"])


def copy_tree(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest
