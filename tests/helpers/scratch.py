"""A scratch copy of the repository that builds with this repository's environment, for the
tests and the benchmark that edit a chapter and rebuild the book as a reader would.

The copy holds the working tree (not the environment, the build or the version history) and a
link to this repository's ``.venv``; :func:`make` runs its Makefile with the copy's own packages
first on the path (the environment's editable install points at this repository) and without
ever re-running the set-up, which would re-point that install at the copy.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

from analysis.data import paths

#: What a copy leaves out: the environment, builds, caches and the version history.
IGNORED = (".venv", ".git", "_build", ".pytest_cache", ".ruff_cache", "__pycache__",
           "*.egg-info", ".ipynb_checkpoints", ".import_linter_cache", "artifacts")
#: A build's line that names the kernels' unencrypted TCP channels (ipykernel's notice).
TCP_NOTICE = "without encryption"
#: The edit a student makes first: a shorter building season in chapter 2's assumptions cell
#: (one line added under ``A = Assumptions()``, as the cell's comment suggests).
EDIT = ("chapters/ch2_basic_needs.md",
        "A = Assumptions()",
        "A = Assumptions()\nA.construction_season_days = 250")
EDIT_PAGE = "chapters/ch2_basic_needs.html"
#: What the page shows before and after the edit (visible text, whitespace collapsed): the
#: season's length and its months (analysis.domain.housing.season_words: 250 days ending on
#: 30 November start on 26 March).
SHOWN_BEFORE = "This chapter assumes 275 days, March to November (set in the"
SHOWN_AFTER = "This chapter assumes 250 days, 26 March to 30 November (set in the"


def page_text(root: Path, page: str = EDIT_PAGE) -> str:
    """The visible text of a built HTML page of the copy at ``root`` (tags dropped, white space
    collapsed)."""
    html = (root / "_build" / "html" / page).read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" :", ":")


def copy(dest: Path, cache: bool = False) -> Path:
    """Copy the repository's working tree to ``dest`` (with ``_build/.jupyter_cache`` when
    ``cache``, so that only what changed executes) and link its environment."""
    shutil.copytree(paths.ROOT, dest, ignore=shutil.ignore_patterns(*IGNORED), symlinks=True)
    (dest / ".venv").symlink_to(paths.ROOT / ".venv")
    if cache and (paths.BUILD / ".jupyter_cache").is_dir():
        shutil.copytree(paths.BUILD / ".jupyter_cache", dest / "_build" / ".jupyter_cache")
    return dest


def environment(root: Path) -> dict[str, str]:
    """The environment of a build in the copy at ``root``: its packages first, and the same
    shared folder (article's text) as this repository's, wherever the copy is."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"),
           paths.SHARED_ENV: str(paths.shared_dir())}
    env.pop("LIANGSHAN_DATA_DIR", None)
    return env


def make(root: Path, *targets: str, timeout: int = 900):
    """Run ``make TARGETS`` in the copy at ``root`` (never its set-up): (seconds, exit
    status, output)."""
    start = time.perf_counter()
    proc = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", *targets],
                          cwd=root, env=environment(root), capture_output=True, text=True,
                          timeout=timeout)
    return time.perf_counter() - start, proc.returncode, proc.stdout + proc.stderr


def edit(root: Path) -> None:
    """Make :data:`EDIT` in the copy at ``root``, with a comment that no earlier run has seen
    (so that the chapter runs again even if this very edit was once executed and cached)."""
    chapter, before, after = EDIT
    path = root / chapter
    text = path.read_text(encoding="utf-8")
    if text.count(before) != 1:
        raise AssertionError(f"the edit no longer fits {chapter}: {before!r} occurs "
                             f"{text.count(before)} times; update EDIT in tests/helpers/scratch.py")
    path.write_text(text.replace(before, f"{after}  # edited {uuid.uuid4().hex[:8]}"),
                    encoding="utf-8")
