"""A reader's summary of the data package: what each file holds, its licence and sources."""
from __future__ import annotations

import json
from pathlib import Path

from . import paths
from .descriptor import load

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see analysis.dependencies).
DATA_FILES = ("*",)


def resources_table(data_dir: str | Path | None = None):
    """The package's resources as a table for readers: file, what it holds, licence, sources.

    Returns:
        pandas.DataFrame with columns File, What it holds, Licence, Sources (titles joined by
        "; "), Rows (data rows of a CSV, features of a GeoJSON).
    """
    import pandas as pd

    root = paths.data_dir(data_dir)
    rows = []
    for res in load(root).get("resources", []):
        path = root / res["path"]
        if path.suffix == ".csv":
            count = sum(1 for _ in path.open(encoding="utf-8")) - 1
        else:
            count = len(json.loads(path.read_text(encoding="utf-8")).get("features", []))
        rows.append({
            "File": res["path"],
            "What it holds": res.get("title", res["name"]),
            "Licence": "; ".join(lic.get("title") or lic.get("name", "") for lic in
                                 res.get("licenses", [])),
            "Sources": "; ".join(s.get("title", "") for s in res.get("sources", [])),
            "Rows": count,
        })
    return pd.DataFrame(rows)
