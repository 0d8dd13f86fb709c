"""Shared fixtures: a scratch copy of the data package that a test may corrupt, and the article."""
from __future__ import annotations

import shutil

import pytest
from outside import skip_without_article

from analysis.data import article, package, paths


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of ``data/`` in a temporary folder (hashes intact), made the current data
    package for the test (the analysis reads it, as ``--data-dir`` would make it)."""
    dest = tmp_path / "data"
    shutil.copytree(paths.DATA, dest)
    monkeypatch.setattr(package, "_current", package.DataPackage.at(dest))
    return dest


@pytest.fixture
def rehash():
    """Re-record the hashes of a corrupted copy, so that only the corruption is reported:
    ``rehash(data_copy)``."""
    return lambda root: package.DataPackage.at(root).update_hashes()


@pytest.fixture(scope="session")
def article_paragraphs():
    """The article's paragraphs; the test is skipped, saying where to get the text, if absent."""
    skip_without_article()
    return article.paragraphs()


@pytest.fixture
def patched_values(monkeypatch):
    """Override some register values for one test (the others stay as registered):
    ``patched_values({"fact.id": 42.0})``."""
    from analysis.data import register

    real = register.value

    def apply(overrides):
        monkeypatch.setattr(register, "value", lambda fid: overrides.get(fid, real(fid)))
    return apply
