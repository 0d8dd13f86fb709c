"""What each chapter depends on, as a digest: its analysis modules and the data they read.

jupyter-cache keys a notebook on its code cells only, so a change to ``data/`` or to
``src/analysis/`` would not re-execute a chapter by itself. :func:`chapter_digest` summarises
everything outside the chapter's own code that its output depends on: the source of every
``analysis`` module it imports (followed through their own imports), the data files those
modules declare in their ``DATA_FILES`` (globs in the data directory; the descriptor counts
without its hash and size fields, which only mirror the files), and the article's text when
the register's check against it is among them. The Sphinx extension
:mod:`analysis.sphinx_freshness` re-executes a chapter when this digest changes.
"""
from __future__ import annotations

import ast
import fnmatch
import hashlib
import json
import re
from pathlib import Path

from . import paths

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("*",)

PACKAGE = Path(__file__).resolve().parent
_CHAPTER_IMPORT = re.compile(r"^\s*(?:from|import)\s+analysis(?:\.(\w+))?(?:\s+import\s+([\w, ()]+))?",
                             re.M)
_MODULE_IMPORT = re.compile(r"^\s*from\s+\.(\w*)\s+import\s+([\w, ()\n]+?)(?:$|\))", re.M)


def _module_names(names: str) -> list[str]:
    return [n.strip().split(" as ")[0] for n in names.replace("(", "").replace(")", "").split(",")
            if n.strip()]


def modules_of_chapter(text: str) -> set[str]:
    """Names of the ``analysis`` modules a chapter's source imports directly."""
    found: set[str] = set()
    for m in _CHAPTER_IMPORT.finditer(text):
        if m.group(1):
            found.add(m.group(1))
        elif m.group(2):  # from analysis import register, trends
            found.update(n for n in _module_names(m.group(2)) if (PACKAGE / f"{n}.py").exists())
        else:
            found.add("__init__")
    return found


def closure(modules: set[str]) -> set[str]:
    """The modules and every ``analysis`` module they import, transitively (relative imports)."""
    todo, seen = list(modules), set()
    while todo:
        name = todo.pop()
        if name in seen or not (PACKAGE / f"{name}.py").exists():
            continue
        seen.add(name)
        for m in _MODULE_IMPORT.finditer((PACKAGE / f"{name}.py").read_text(encoding="utf-8")):
            if m.group(1):
                todo.append(m.group(1))
            else:
                todo.extend(_module_names(m.group(2)))
    return seen


def declared_data_files(module: str) -> tuple[str, ...]:
    """The ``DATA_FILES`` globs a module declares (read from its source, not imported)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DATA_FILES"
                                                for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    return ()


def data_digest(data_dir: Path | None = None, patterns: tuple[str, ...] = ("*",)) -> str:
    """Digest of the data files matching ``patterns`` (the descriptor less its hash and size
    fields)."""
    root = paths.data_dir(data_dir)
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if not any(fnmatch.fnmatch(rel, pat) for pat in patterns):
            continue
        if rel == paths.DESCRIPTOR:
            desc = json.loads(path.read_text(encoding="utf-8"))
            for res in desc.get("resources", []):
                res.pop("hash", None)
                res.pop("bytes", None)
            content = json.dumps(desc, sort_keys=True).encode()
        else:
            content = path.read_bytes()
        h.update(rel.encode() + b"\0" + hashlib.sha256(content).digest())
    return h.hexdigest()


def chapter_digest(chapter: Path, data_dir: Path | None = None) -> str:
    """Digest of what ``chapter``'s outputs depend on beyond its own code cells."""
    mods = closure(modules_of_chapter(chapter.read_text(encoding="utf-8")))
    h = hashlib.sha256()
    for name in sorted(mods):
        h.update(name.encode() + b"\0" + (PACKAGE / f"{name}.py").read_bytes())
    patterns = tuple(sorted({p for m in mods for p in declared_data_files(m)}))
    if patterns:
        h.update(data_digest(data_dir, patterns).encode())
    if "article" in mods and paths.source_text_path().is_file():
        h.update(paths.source_text_path().read_bytes())
    return h.hexdigest()
