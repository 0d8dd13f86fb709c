"""A reader's summary of the data package: what each file holds, its licence and sources."""
from __future__ import annotations

import csv
import io
import json
import re

from analysis.data import context
from analysis.data.package import current
from analysis.formatting import escape_markdown as esc

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("*",)


def resources_table():
    """The package's resources as a table for readers: file, what it holds, licence, sources.

    Returns:
        pandas.DataFrame with columns File, What it holds, Licence, Sources, Rows (data rows
        of a CSV, features of a GeoJSON). Sources are given by their ids (``S01``...), which
        :func:`sources_markdown` lists in full, or by title where a source has no id (the
        article, the boundary data): a row naming every source in full would not fit a page.
    """
    import pandas as pd

    pkg = current()
    rows = []
    for res in pkg.descriptor()["resources"]:
        path = pkg.root / res["path"]
        text = path.read_text(encoding="utf-8-sig")  # a checked file: UTF-8, maybe a BOM
        if path.suffix == ".csv":  # rows, not lines: quoted line breaks, empty last lines
            count = sum(1 for row in csv.reader(io.StringIO(text, newline="")) if row) - 1
        else:
            count = len(json.loads(text).get("features", []))
        rows.append({
            "File": res["path"],
            "What it holds": res.get("title", res["name"]),
            "Licence": "; ".join(lic.get("title") or lic.get("name", "") for lic in
                                 res.get("licenses", [])),
            "Sources": "; ".join(_source_label(s.get("title", ""))
                                 for s in res.get("sources", [])),
            "Rows": count,
        })
    return pd.DataFrame(rows)


def _source_label(title: str) -> str:
    """A source's id (``S10b`` of ``S10b: Repost of ...``), or its title when it has none."""
    m = re.match(r"(S\d+[a-z]?): ", title)
    return m.group(1) if m else title


def sources_markdown() -> str:
    """The sources of the context tables as a Markdown list, one item per source: its id, who
    produced it, its title, its address (a link), the date it was read, its licence, the weight
    it can bear (*solid*, *medium*, *weak*) and what it is used for.

    A list rather than a table, so that long titles and addresses wrap in the PDF.
    """
    import pandas as pd

    items = []
    for s in context.sources().itertuples():
        read = pd.Timestamp(s.date_accessed).strftime("%Y-%m-%d")
        use = "" if pd.isna(s.note) else f" Use: {esc(str(s.note).rstrip('.'))}."
        items.append(f"- **{esc(s.source_id)}**: {esc(s.producer)}, *{esc(s.title)}*. "
                     f"<{s.url}> (read {read}). Licence: {esc(s.licence)}. "
                     f"Weight: *{esc(s.strength)}*.{use}")
    return "\n".join(items) + "\n"
