"""Running the chapters that must run again side by side, before Jupyter Book reads them.

Jupyter Book 1.x executes notebooks one after another, while Sphinx reads them. Here, before
the build, every chapter notebook whose jupyter-cache record is missing or out of date is
executed, several at a time (one kernel per core), and stored in the cache under the key that
myst-nb looks up. Sphinx then finds each of them there and executes nothing itself.

A record is out of date when the chapter's code cells changed (the cache's own key) or when its
:func:`liangshan_book.dependencies.chapter_digest` differs from the one stored with the record (its
modules or data changed). :mod:`liangshan_book.freshness` keeps a record that carries the
current digest and drops any other record of a chapter whose digest changed, so a build run
without this step is just as fresh, only slower.

A chapter that fails here is not cached, and its failing cell is reported. ``python -m
liangshan_book.build`` then stops with an error; a plain ``jupyter-book build`` would execute it
again and fail with myst-nb's own report. Either way a failing cell fails the build every time.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import yaml

from liangshan_book.console import Console, cell_errors
from liangshan_book.dependencies import chapter_digest
from liangshan_book.kernels import use_ipc

#: Key of the chapter's dependency digest in a jupyter-cache record's ``data``.
DIGEST_KEY = "liangshan_digest"


@dataclass(frozen=True)
class Settings:
    """The execution settings of a book, read from its ``_config.yml`` (``execute`` and
    ``parse.myst_enable_extensions``)."""

    cache: Path
    timeout: int
    allow_errors: bool
    extensions: tuple[str, ...]

    @classmethod
    def of_book(cls, root: Path) -> Settings:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
        execute = config.get("execute", {})
        cache = Path(execute.get("cache") or root / "_build" / ".jupyter_cache")
        return cls(cache=cache if cache.is_absolute() else root / cache,
                   timeout=int(execute.get("timeout", 30)),
                   allow_errors=bool(execute.get("allow_errors", False)),
                   extensions=tuple(config.get("parse", {}).get("myst_enable_extensions", [])))


def chapter_notebooks(root: Path) -> list[Path]:
    """The chapters of the book at ``root`` that are notebooks (MyST Markdown with a
    ``kernelspec`` in their front matter), sorted by name."""
    from myst_nb.core.read import is_myst_markdown_notebook

    return sorted(p for p in (root / "chapters").glob("*.md")
                  if is_myst_markdown_notebook(p.read_text(encoding="utf-8")))


def read_notebook(path: Path, settings: Settings):
    """The notebook of a MyST Markdown chapter, read as myst-nb reads it during the build (so
    that its cache key is the one myst-nb looks up)."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    config = MdParserConfig(enable_extensions=set(settings.extensions))
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=config,
                                       add_source_map=True, path=str(path))


def stale_chapters(root: Path, settings: Settings, data_root: Path | None = None):
    """``(path, notebook, digest)`` of every chapter notebook without an up-to-date record."""
    from jupyter_cache import get_cache

    cache = get_cache(str(settings.cache))
    out = []
    for path in chapter_notebooks(root):
        nb = read_notebook(path, settings)
        digest = chapter_digest(path, data_root)
        record = None
        with suppress(KeyError):
            record = cache.match_cache_notebook(nb)
        if record is None or record.data.get(DIGEST_KEY) != digest:
            out.append((path, nb, digest))
    return out


def _execute(path: Path, nb, settings: Settings):
    """Execute one notebook in its chapter's folder (a worker process): the executed notebook,
    the seconds it took, and the error's report or ``None``."""
    from jupyter_cache.executors.utils import single_nb_execution

    result = single_nb_execution(nb, cwd=str(path.parent), timeout=settings.timeout,
                                 allow_errors=settings.allow_errors, meta_override=True)
    return nb, result.time, (result.exc_string if result.err is not None else None)


def run(root: Path, workers: int | None = None, data_root: Path | None = None,
        console: Console | None = None) -> dict[str, str]:
    """Execute the stale chapters of the book at ``root``, ``workers`` at a time (default: one
    per core), and cache each one that succeeds with its digest.

    Prints a line per chapter with its time, and the failing cell's code and error for a
    chapter that fails; every chapter's report goes to ``_build/logs/execute.log``.

    Returns:
        For each chapter executed, by file name, ``"executed in N s"`` or ``"failed"``.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    use_ipc()  # no kernel started here talks over TCP (see liangshan_book.kernels)
    settings = Settings.of_book(root)
    todo = stale_chapters(root, settings, data_root)
    if not todo:
        return {}
    console = console or Console()
    log = root / "_build" / "logs" / "execute.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(len(todo), workers or os.cpu_count() or 1))
    console.result("execute", f"{len(todo)} chapter(s), {workers} at a time", log=log)
    cache = get_cache(str(settings.cache))
    outcome: dict[str, str] = {}
    errors: dict[str, str] = {}
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool, \
            open(log, "w", encoding="utf-8") as report:
        # every worker is forked at the first submission, before the console's live line starts
        # its thread
        futures = {pool.submit(_execute, path, nb, settings): (path, digest)
                   for path, nb, digest in todo}
        with console.stage("execute") as stage:
            running = [p.stem for p, _, _ in todo]
            for future in as_completed(futures):
                path, digest = futures[future]
                running.remove(path.stem)
                stage.progress(f"{len(todo) - len(running)} of {len(todo)} done; running: "
                               + ", ".join(running[:workers]))
                executed, seconds, error = future.result()
                if error is not None:
                    outcome[path.name] = "failed"
                    errors[path.name] = error
                    report.write(f"{path.name}: FAILED after {seconds:.1f} s\n{error}\n")
                    console.result("", f"{path.stem}  FAILED", seconds)
                    continue
                cache.cache_notebook_bundle(
                    CacheBundleIn(executed, str(path),
                                  data={"execution_seconds": seconds, DIGEST_KEY: digest}),
                    check_validity=False, overwrite=True)
                outcome[path.name] = f"executed in {seconds:.1f} s"
                report.write(f"{path.name}: {outcome[path.name]}\n")
                console.result("", path.stem, seconds)
    for name, error in errors.items():
        console.line(f"\n{name}: a cell failed")
        for block in cell_errors(error):
            console.lines(block)
    return outcome
