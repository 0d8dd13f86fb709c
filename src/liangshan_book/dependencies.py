"""What each chapter depends on, as a digest: its analysis modules and the data they read.

jupyter-cache keys a notebook on its code cells only, so a change to ``data/`` or to
``src/analysis/`` would not re-execute a chapter by itself. :func:`chapter_digest` summarises
everything outside the chapter's own code that its output depends on: the source of every
module of the ``analysis`` package it imports (followed through their own imports, at any
depth of subpackages, with the ``__init__`` of every package on the way), the data files those
modules declare in their ``DATA_FILES`` (globs in the data directory; the descriptor counts
without its hash and size fields, which only mirror the files), and the article's text when
the register's check against it is among them. A module that imports every module of a
package by name while it runs declares the package in ``IMPORTS_ALL_OF`` and depends on all of
them. :mod:`liangshan_book.freshness` re-executes a chapter when this digest changes.

Written here because no library does it: jupyter-cache and myst-nb know nothing of a
notebook's imports.
"""
from __future__ import annotations

import ast
import fnmatch
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from analysis.data import paths
from analysis.data.package import current

#: The folder that holds the ``analysis`` package (``src/``).
SRC = paths.ROOT / "src"
PACKAGE = "analysis"
#: The module whose import means "the register is checked against the article".
ARTICLE_MODULE = "analysis.data.article"


def module_file(name: str) -> Path | None:
    """The source file of module ``name`` of the package (a ``.py`` file or a package's
    ``__init__.py``), or None when ``name`` is not a module of it."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    base = SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def imported_modules(tree: ast.AST, importer: str = "") -> set[str]:
    """The modules of the package that the code in ``tree`` imports (``importer`` is the
    dotted name of the module the code belongs to, to resolve relative imports)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                is_pkg = module_file(importer) is not None and \
                    module_file(importer).name == "__init__.py"
                anchor = importer.split(".")
                anchor = anchor if is_pkg else anchor[:-1]
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # submodules imported by name
    out = set()
    for name in found:
        if module_file(name) is not None:
            out.add(name)
            out.update(p for p in _parents(name) if module_file(p) is not None)
    return out


def modules_of_chapter(text: str) -> set[str]:
    """The package's modules that a chapter's code cells import directly."""
    import jupytext

    nb = jupytext.reads(text, fmt="md:myst")
    found: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        try:
            found |= imported_modules(ast.parse(source))
        except SyntaxError:
            continue  # the build reports it when the cell runs
    return found


@lru_cache(maxsize=256)
def _imports_of(name: str, stamp: tuple) -> frozenset[str]:
    path = module_file(name)
    found = imported_modules(ast.parse(path.read_text(encoding="utf-8")), name)
    for package in _declared(name, "IMPORTS_ALL_OF"):
        found |= package_modules(package)
    return frozenset(found)


def package_modules(package: str) -> set[str]:
    """Every module of ``package`` (a package of ``analysis``), at any depth, with the package.

    A module that imports all the modules of a package while it runs (found by name, not by an
    import statement) declares the package in ``IMPORTS_ALL_OF``, and depends on them all.
    """
    init = module_file(package)
    if init is None or init.name != "__init__.py":
        return set()
    out = {package}
    for path in init.parent.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        out.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def closure(modules: set[str]) -> set[str]:
    """The modules and every module of the package they import, transitively."""
    todo, seen = list(modules), set()
    while todo:
        name = todo.pop()
        path = module_file(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        stat = path.stat()
        todo.extend(_imports_of(name, (stat.st_mtime_ns, stat.st_size)))
    return seen


def _declared(module: str, name: str) -> tuple[str, ...]:
    """The literal tuple a module assigns to ``name`` (read from its source, not imported)."""
    tree = ast.parse(module_file(module).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name
                                                for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    return ()


def declared_data_files(module: str) -> tuple[str, ...]:
    """The ``DATA_FILES`` globs a module declares (read from its source, not imported)."""
    return _declared(module, "DATA_FILES")


def data_digest(root: Path | None = None, patterns: tuple[str, ...] = ("*",)) -> str:
    """Digest of the data files matching ``patterns`` in the data folder ``root`` (default:
    the current data package's), the descriptor less its hash and size fields."""
    root = root or current().root
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if not any(fnmatch.fnmatch(rel, pat) for pat in patterns):
            continue
        if rel == paths.DESCRIPTOR:
            try:
                desc = json.loads(path.read_text(encoding="utf-8-sig"))
            except (ValueError, UnicodeDecodeError):
                content = path.read_bytes()  # validation reports it
            else:
                for res in desc.get("resources", []) if isinstance(desc, dict) else []:
                    res.pop("hash", None)
                    res.pop("bytes", None)
                content = json.dumps(desc, sort_keys=True).encode()
        else:
            content = path.read_bytes()
        h.update(rel.encode() + b"\0" + hashlib.sha256(content).digest())
    return h.hexdigest()


def chapter_digest(chapter: Path, data_root: Path | None = None) -> str:
    """Digest of what ``chapter``'s outputs depend on beyond its own code cells."""
    mods = closure(modules_of_chapter(chapter.read_text(encoding="utf-8")))
    h = hashlib.sha256()
    for name in sorted(mods):
        h.update(name.encode() + b"\0" + module_file(name).read_bytes())
    patterns = tuple(sorted({p for m in mods for p in declared_data_files(m)}))
    if patterns:
        h.update(data_digest(data_root, patterns).encode())
    if ARTICLE_MODULE in mods and paths.source_text_path().is_file():
        h.update(paths.source_text_path().read_bytes())
    return h.hexdigest()
