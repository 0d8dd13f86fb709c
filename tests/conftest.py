"""Shared fixtures: a scratch copy of the data package that a test may corrupt."""
from __future__ import annotations

import shutil

import pytest

from analysis import article, paths
from analysis.descriptor import update_hashes


@pytest.fixture
def data_copy(tmp_path):
    """A copy of ``data/`` in a temporary folder (hashes intact)."""
    dest = tmp_path / "data"
    shutil.copytree(paths.DATA, dest)
    return dest


@pytest.fixture
def rehash():
    """Re-record the hashes of a corrupted copy, so that only the corruption is reported."""
    return update_hashes


@pytest.fixture(scope="session")
def article_paragraphs():
    """The article's paragraphs; the test is skipped, saying where to get the text, if absent."""
    if not article.source_available():
        pytest.skip(f"the article's text is not on this machine ({paths.source_text_path()}); "
                    f"it is public at {paths.SOURCE_TEXT_URL} - set {paths.SOURCE_TEXT_ENV}")
    return article.paragraphs()


@pytest.fixture
def patched_values(monkeypatch):
    """Override some register values for one test (the others stay as registered):
    ``patched_values({"fact.id": 42.0})``."""
    from analysis import register

    real = register.value

    def apply(overrides):
        monkeypatch.setattr(register, "value",
                            lambda fid, data_dir=None: overrides.get(fid, real(fid, data_dir)))
    return apply
