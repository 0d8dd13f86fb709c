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

from analysis.data import paths
from analysis.data.problems import DataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("datapackage.json",)

#: Environment variable naming another data folder (for a whole build or a test run).
DATA_DIR_ENV = "LIANGSHAN_DATA_DIR"


@lru_cache(maxsize=16)
def _read_descriptor(path: Path, stamp: tuple) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataError(Problem(paths.DESCRIPTOR, None, None, "no such file",
                                f"a data package descriptor at {path}")) from None
    except UnicodeDecodeError as exc:
        raise DataError(Problem(paths.DESCRIPTOR, None, None,
                                f"bytes that are not UTF-8 at byte {exc.start}",
                                "a UTF-8 JSON file")) from None
    try:
        desc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(Problem(paths.DESCRIPTOR, exc.lineno, None,
                                f"invalid JSON ({exc.msg}, column {exc.colno})",
                                "a JSON object")) from None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DataError(Problem(paths.DESCRIPTOR, None, "resources",
                                f"a JSON {type(desc).__name__} without a list of resources",
                                "a data package descriptor with a 'resources' list"))
    return desc


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
            DataError: the file is missing, not UTF-8, not JSON, or has no resources list.
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
        raise DataError(Problem(paths.DESCRIPTOR, name, "resources", "no such resource",
                                f"a resource named '{name}'"))

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
        """
        desc = json.loads(self.descriptor_path.read_text(encoding="utf-8-sig"))
        changed = []
        for res in desc.get("resources", []):
            path = self.root / res["path"]
            new_hash, new_bytes = sha256(path), path.stat().st_size
            if res.get("hash") != new_hash or res.get("bytes") != new_bytes:
                changed.append(res["path"])
                res["hash"], res["bytes"] = new_hash, new_bytes
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
