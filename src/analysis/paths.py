"""Every path the project uses, in one place.

The repository root is found from this file's location (src layout: ``src/analysis/paths.py``).
The article's text is *not* part of the project: it is looked for at
``../shared/sources/qiushi-2019-peng-liangshan.txt`` beside the repository root, or wherever the
environment variable ``LIANGSHAN_SOURCE_TEXT`` points.
"""
from __future__ import annotations

import os
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
#: The data directory; ``LIANGSHAN_DATA_DIR`` points the whole package (and a book build) at a
#: copy, as the tests of the build's freshness do.
DATA = Path(os.environ.get("LIANGSHAN_DATA_DIR", ROOT / "data")).resolve()
DESCRIPTOR = "datapackage.json"
FACTS = "facts.csv"
CONTEXT = "context"
GEO = "geo"
CHAPTERS = ROOT / "chapters"
BUILD = ROOT / "_build"
FIGURES = BUILD / "figures"
#: File name of the PDF book (written to _build/latex; the HTML book links a copy).
PDF_NAME = "liangshan-compendium.pdf"

SOURCE_TEXT_NAME = "qiushi-2019-peng-liangshan.txt"
SOURCE_TEXT_ENV = "LIANGSHAN_SOURCE_TEXT"
SOURCE_TEXT_URL = "http://english.qstheory.cn/2020-01/13/c_1125454215.htm"
SOURCE_TEXT_SHA256 = "fdb9d1fd058551539244cecc2b54672411a2e68881238f2fb5a01d909175169f"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: ``override`` if given, else the repository's ``data/``."""
    return Path(override).resolve() if override is not None else DATA


def source_text_path() -> Path:
    """Where the article's text is expected (it may be absent: check ``.is_file()``)."""
    env = os.environ.get(SOURCE_TEXT_ENV)
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "sources" / SOURCE_TEXT_NAME
