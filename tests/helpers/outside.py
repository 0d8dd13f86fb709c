"""Things the tests need from outside the repository (the article's text, the maintainers'
shared folder), and skips that say how to get them when they are absent."""
from __future__ import annotations

import pytest

from analysis.data import article, paths


def skip_without_article():
    """Skip the calling test, saying where to get the article's text, when it is absent."""
    if not article.source_available():
        pytest.skip(f"the article's text is not on this machine ({paths.source_text_path()}); "
                    f"it is public at {paths.SOURCE_TEXT_URL}: save the article's text and set "
                    f"{paths.SOURCE_TEXT_ENV} to its path (or put the maintainers' shared "
                    f"folder beside the clone as ../shared/, or set {paths.SHARED_ENV} to it)")


def skip_without_shared(path, what):
    """Skip the calling test when ``path`` (in the maintainers' shared folder, which is not
    part of the repository) is absent, saying what it is and how to get it."""
    if not path.exists():
        pytest.skip(f"not on this machine: {what} ({path}), kept in the maintainers' shared "
                    "folder, which is not part of the repository; put that folder beside the "
                    f"clone as ../shared/, or set {paths.SHARED_ENV} to it")
    return path
