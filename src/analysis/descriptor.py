"""The data package descriptor (``data/datapackage.json``): reading it and its resources."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import paths
from .problems import DataError, Problem

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("datapackage.json",)


def load(data_dir: str | Path | None = None) -> dict[str, Any]:
    """The descriptor as a dict.

    Raises:
        DataError: the file is missing or is not valid JSON.
    """
    path = paths.data_dir(data_dir) / paths.DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(Problem(paths.DESCRIPTOR, None, None, "no such file",
                                f"a data package descriptor at {path}")) from None
    except json.JSONDecodeError as exc:
        raise DataError(Problem(paths.DESCRIPTOR, exc.lineno, None, f"invalid JSON ({exc.msg})",
                                "a JSON object")) from None


def resource(name: str, data_dir: str | Path | None = None) -> dict[str, Any]:
    """The descriptor entry of the resource called ``name``."""
    for res in load(data_dir).get("resources", []):
        if res.get("name") == name:
            return res
    raise DataError(Problem(paths.DESCRIPTOR, name, "resources", "no such resource",
                            f"a resource named '{name}'"))


def field(res: dict[str, Any], name: str) -> dict[str, Any]:
    """The schema field ``name`` of resource ``res``."""
    for f in res.get("schema", {}).get("fields", []):
        if f["name"] == name:
            return f
    raise KeyError(name)


def sha256(path: Path) -> str:
    """``sha256:<hex>`` of a file's bytes, in the descriptor's notation."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def update_hashes(data_dir: str | Path | None = None) -> list[str]:
    """Rewrite every resource's ``hash`` and ``bytes`` from its file; return what changed.

    This is what ``python -m analysis hashes`` runs after a deliberate edit of a data file.
    """
    root = paths.data_dir(data_dir)
    desc = load(root)
    changed = []
    for res in desc.get("resources", []):
        path = root / res["path"]
        new_hash, new_bytes = sha256(path), path.stat().st_size
        if res.get("hash") != new_hash or res.get("bytes") != new_bytes:
            changed.append(res["path"])
            res["hash"], res["bytes"] = new_hash, new_bytes
    (root / paths.DESCRIPTOR).write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    return changed

