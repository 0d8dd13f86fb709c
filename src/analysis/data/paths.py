"""Every path the project uses, in one place.

The repository root is found from this file's location (``src/analysis/data/paths.py``). Two
things live outside the repository and may be absent on a reader's machine (a clone without
``../shared/`` beside it): the article's text, looked for at
``../shared/sources/qiushi-2019-peng-liangshan.txt`` or wherever ``LIANGSHAN_SOURCE_TEXT``
points, and the compendium's text checkers in ``../shared/tools/``. ``LIANGSHAN_SHARED``
names another shared folder (a path that does not exist hides it, as CI's second clone does).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
#: The repository's data directory (the data package; see :mod:`analysis.data.package`).
#:
#: :meta hide-value:
DATA = ROOT / "data"
DESCRIPTOR = "datapackage.json"
FACTS = "facts.csv"
CONTEXT = "context"
GEO = "geo"
CHAPTERS = ROOT / "chapters"
BUILD = ROOT / "_build"
#: File name of the PDF book (written to _build/latex; the HTML book links a copy).
PDF_NAME = "liangshan-compendium.pdf"

SOURCE_TEXT_NAME = "qiushi-2019-peng-liangshan.txt"
SOURCE_TEXT_ENV = "LIANGSHAN_SOURCE_TEXT"
SHARED_ENV = "LIANGSHAN_SHARED"
SOURCE_TEXT_URL = "http://english.qstheory.cn/2020-01/13/c_1125454215.htm"


def shared_dir() -> Path:
    """The shared folder beside the repository (``../shared``), or ``$LIANGSHAN_SHARED``; it may
    not exist (check ``.is_dir()``)."""
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else ROOT.parent / "shared"


def source_text_path() -> Path:
    """Where the article's text is expected (it may be absent: check ``.is_file()``)."""
    env = os.environ.get(SOURCE_TEXT_ENV)
    if env:
        return Path(env)
    return shared_dir() / "sources" / SOURCE_TEXT_NAME


def tools_dir() -> Path:
    """The compendium's text checkers (``../shared/tools``); may be absent."""
    return shared_dir() / "tools"
