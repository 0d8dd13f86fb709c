"""The data package: one object for the data folder, its descriptor and its resources.

Everything in the ``analysis`` package reads data through one :class:`DataPackage`, the *current*
one
(:func:`current`): the repository's ``data/`` folder, unless ``LIANGSHAN_DATA_DIR`` names
another folder (a book build on a copy) or :func:`use` sets one (the ``--data-dir`` option of
``python -m analysis validate``, and tests that corrupt a copy). The data folder is therefore
one setting, and no function passes it on. Checks take the package as their argument.

The descriptor (``datapackage.json``) is a Frictionless data package: every resource with its
path, schema, licences, sources and sha256 hash.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.data import files, paths
from analysis.data.problems import DataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json",)

#: Environment variable naming another data folder (for a whole build or a test run).
DATA_DIR_ENV = "LIANGSHAN_DATA_DIR"


@lru_cache(maxsize=16)
def _read_descriptor(path: Path, stamp: tuple) -> dict[str, Any]:
    opened = files.read_text(path.parent, path.name, "json")
    if opened.blocked:
        raise DataError(list(opened.problems))
    desc, problems = files.parse_json(path.name, opened.text)
    if problems:
        raise DataError(problems)
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DataError(Problem(paths.DESCRIPTOR, None, "resources",
                                f"a JSON {type(desc).__name__} without a list of resources",
                                "a data package descriptor with a 'resources' list"))
    problems = _resource_problems(desc["resources"], path.parent)
    if problems:
        raise DataError(problems)
    return desc


def _resource_problems(resources: list, root: Path) -> list[Problem]:
    """Each resource has a name (once) and a path to a file inside the data folder."""
    problems, names = [], set()
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(res, dict):
            problems.append(Problem(paths.DESCRIPTOR, where, None, f"a JSON "
                                    f"{type(res).__name__}", "a resource (a JSON object)"))
            continue
        name, rel = res.get("name"), res.get("path")
        if isinstance(name, str) and name:
            where = f"resource '{name}'"
            if name in names:
                problems.append(Problem(paths.DESCRIPTOR, where, "name", f"the name '{name}' "
                                        "again", "each resource name once"))
            names.add(name)
        else:
            problems.append(Problem(paths.DESCRIPTOR, where, "name", repr(name),
                                    "a resource name (text)"))
        if not (isinstance(rel, str) and rel):
            problems.append(Problem(paths.DESCRIPTOR, where, "path", repr(rel),
                                    "the path of the resource's file in the data folder"))
        elif "://" in rel:
            problems.append(Problem(paths.DESCRIPTOR, where, "path", f"{rel!r}, a remote "
                                    "address", "a file in the data folder (the book reads its "
                                    "data offline)"))
        elif ("\\" in rel or Path(rel).is_absolute() or ".." in Path(rel).parts
              or not (root / rel).resolve().is_relative_to(root.resolve())):
            problems.append(Problem(paths.DESCRIPTOR, where, "path", f"{rel!r}, a path that "
                                    "leads outside the data folder", "a path inside the data "
                                    "folder, relative to it, with forward slashes"))
    return problems


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), st.st_mtime_ns, st.st_size)


@dataclass(frozen=True)
class DataPackage:
    """The data package in one folder.

    Attributes:
        root: the data folder (absolute).
    """

    root: Path

    @classmethod
    def at(cls, root: str | os.PathLike) -> DataPackage:
        """The package in folder ``root``."""
        return cls(Path(root).resolve())

    @property
    def descriptor_path(self) -> Path:
        """The descriptor file, ``<root>/datapackage.json``."""
        return self.root / paths.DESCRIPTOR

    def descriptor(self) -> dict[str, Any]:
        """The descriptor as a dict (read once per change of the file).

        Raises:
            DataError: the file is missing or unreadable (see :mod:`analysis.data.files`), not
                JSON, has a key twice, has no resources list, or a resource without a name
                (once) or without a path inside the data folder.
        """
        return _read_descriptor(self.descriptor_path, _stamp(self.descriptor_path))

    def resource(self, name: str) -> dict[str, Any]:
        """The descriptor entry of the resource called ``name``.

        Raises:
            DataError: no such resource.
        """
        for res in self.descriptor()["resources"]:
            if isinstance(res, dict) and res.get("name") == name:
                return res
        raise DataError(Problem(paths.DESCRIPTOR, f"resource '{name}'", "name",
                                "no resource of this name", f"a resource named '{name}' (the "
                                "analysis reads it by that name)"))

    def file(self, name: str) -> str:
        """The path of resource ``name``'s file, relative to the data folder (as written in
        the descriptor and in every problem report)."""
        return self.resource(name)["path"]

    def path(self, name: str) -> Path:
        """The absolute path of resource ``name``'s file."""
        return self.root / self.file(name)

    def stamp(self, *names: str) -> tuple:
        """Modification times and sizes of the descriptor and of the files of ``names``: a
        cache key that changes whenever one of them does."""
        files = [self.descriptor_path] + [self.path(n) for n in names]
        return tuple(_stamp(f) for f in files)

    def update_hashes(self) -> list[str]:
        """Rewrite every resource's ``hash`` and ``bytes`` from its file; return what changed.

        This is what ``python -m analysis hashes`` runs after a deliberate edit of a data file.

        Raises:
            DataError: the descriptor cannot be read, or a resource's file is missing (nothing
                is written then).
        """
        desc = json.loads(json.dumps(self.descriptor()))  # a checked, private copy
        changed, missing = [], []
        for res in desc["resources"]:
            path = self.root / res["path"]
            if not path.is_file():
                missing.append(Problem(res["path"], None, None, "no such file",
                                       f"the file of resource '{res['name']}'"))
                continue
            new_hash, new_bytes = sha256(path), path.stat().st_size
            if res.get("hash") != new_hash or res.get("bytes") != new_bytes:
                changed.append(res["path"])
                res["hash"], res["bytes"] = new_hash, new_bytes
        if missing:
            raise DataError(missing)
        self.descriptor_path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
        return changed


def field(res: dict[str, Any], name: str) -> dict[str, Any]:
    """The schema field ``name`` of resource ``res``.

    Raises:
        KeyError: the schema has no such field.
    """
    for f in res.get("schema", {}).get("fields", []):
        if f["name"] == name:
            return f
    raise KeyError(name)


def sha256(path: Path) -> str:
    """``sha256:<hex>`` of a file's bytes, in the descriptor's notation."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


_current: DataPackage | None = None


def current() -> DataPackage:
    """The data package the analysis reads: the one :func:`use` set, else the folder named by
    ``LIANGSHAN_DATA_DIR``, else the repository's ``data/``."""
    if _current is not None:
        return _current
    return DataPackage.at(os.environ.get(DATA_DIR_ENV) or paths.DATA)


def use(root: str | os.PathLike | DataPackage | None) -> DataPackage:
    """Make the package in ``root`` the current one (``None``: back to the default) and
    return it."""
    global _current
    _current = root if isinstance(root, DataPackage) or root is None else DataPackage.at(root)
    return current()
