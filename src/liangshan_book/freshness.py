"""A Sphinx extension that keeps executed chapters fresh: never stale, never re-run for nothing.

Before Sphinx decides what to re-read, it computes each chapter's
:func:`liangshan_book.dependencies.chapter_digest`. A chapter whose digest differs from the one of
the
last build is re-read, and its entry in the jupyter-cache is dropped so that myst-nb executes it
again, unless the entry carries the current digest (:mod:`liangshan_book.preexecute` has just run
the
chapter). Where the last digest is unknown (Sphinx starts a new environment when the
configuration changes), the chapter's cache entries are checked in the same way. An unchanged
rebuild re-reads and executes nothing.
"""
from __future__ import annotations

from pathlib import Path

from liangshan_book.dependencies import chapter_digest
from liangshan_book.preexecute import DIGEST_KEY

_ATTR = "liangshan_digests"


def _digests(env) -> dict[str, str]:
    out = {}
    for docname in env.found_docs:
        path = Path(env.doc2path(docname))
        if path.suffix == ".md" and "chapters" in path.parts:
            out[docname] = chapter_digest(path)
    return out


def _outdated(app, env, added, changed, removed):
    old = getattr(env, _ATTR, {})
    new = _digests(env)
    stale = [d for d, dig in new.items() if d not in added and old.get(d) not in (None, dig)]
    # a chapter whose last digest is unknown (a new environment: first build, a changed
    # configuration, or a new chapter) may still have a cache record made with other modules
    # or data: check its records too, or myst-nb would serve the old outputs
    unknown = [d for d in new if d in added or d not in old]
    if (stale or unknown) and app.config.nb_execution_mode == "cache":
        _drop_cache(app, env, {d: new[d] for d in stale + unknown})
    env.liangshan_pending = new
    return stale


def _drop_cache(app, env, digests: dict[str, str]):
    """Drop the cache records of the chapters in ``digests`` (docname: current digest), except
    a record made with the current digest."""
    from jupyter_cache import get_cache

    cache = get_cache(app.config.nb_execution_cache_path or
                      str(Path(app.outdir).parent / ".jupyter_cache"))
    current = {str(Path(env.doc2path(d)).resolve()): dig for d, dig in digests.items()}
    for record in cache.list_cache_records():
        uri = str(Path(record.uri).resolve())
        if uri in current and record.data.get(DIGEST_KEY) != current[uri]:
            cache.remove_cache(record.pk)


def _remember(app, env, docnames):
    # runs after reading: the digests of this build become the reference of the next
    setattr(env, _ATTR, getattr(env, "liangshan_pending", {}) or _digests(env))


def setup(app):
    app.connect("env-get-outdated", _outdated)
    app.connect("env-updated", lambda app, env: _remember(app, env, None) or [])
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
