"""Helpers for tests that corrupt a copy of the data package: edit a file, find a row's line."""
from __future__ import annotations

from pathlib import Path

CI = "context/county_indicators.csv"
STATUS = "context/poverty_county_status.csv"
NATIONAL = "context/poverty_national.csv"
SL = "context/poverty_sichuan_liangshan.csv"
TIMELINE = "context/campaign_timeline.csv"
BUTUO, JINYANG = "513429", "513430"


def replace_once(data_dir: Path, rel: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a data file."""
    path = data_dir / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(data_dir: Path, rel: str, start: str) -> int:
    """File line (header = 1) of the row starting with ``start``."""
    lines = (data_dir / rel).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if line.startswith(start)]
    assert len(hits) == 1, hits
    return hits[0]


def problems_of(exc_info):
    """The problems carried by a raised DataError."""
    return exc_info.value.problems
