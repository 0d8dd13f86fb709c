"""Doing a chapter's exercise as a student would: change an assumption in the chapter's
assumptions cell, run the chapter, and look at what it now says.

:func:`run_chapter` copies a chapter, adds ``A.<name> = <value>`` lines at the end of its
assumptions cell (the code cell tagged ``assumptions``, where ``A = Assumptions()`` is made),
executes it in a fresh kernel from the chapters folder, and returns what a reader would see:
the glued values (what ``{num}`` prints in the prose and the solutions) and the texts of every
matplotlib figure the chapter keeps in a variable (titles, labels, annotations).
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from analysis.data import paths

#: A cell appended to the scratch copy: the texts of every Figure held in a variable.
_COLLECT = """
import json as _json
from matplotlib.figure import Figure as _Figure
from matplotlib.text import Text as _Text
print("FIGURE-TEXTS " + _json.dumps({
    _name: [t.get_text() for t in _obj.findobj(_Text) if t.get_text()]
    for _name, _obj in list(globals().items()) if isinstance(_obj, _Figure)}))
"""


@dataclass
class ChapterRun:
    """What a run of a chapter shows.

    Attributes:
        glued: every glued value, by key (numbers as numbers, texts as texts).
        figures: the texts of each Figure kept in a variable, by variable name.
    """

    glued: dict
    figures: dict[str, list[str]]


def _glued(nb) -> dict:
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook", {})
            key = meta.get("mime_prefix", "") + "text/plain"
            if meta.get("name") and key in output.get("data", {}):
                text = output["data"][key]
                try:
                    out[meta["name"]] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    out[meta["name"]] = text
    return out


def run_chapter(name: str, overrides: dict, tmp_path: Path, timeout: int = 300) -> ChapterRun:
    """Run chapter ``name`` (file stem, e.g. ``ch2_basic_needs``) with ``overrides`` set in its
    assumptions cell; return what it shows.

    Raises:
        AssertionError: the chapter has no (or more than one) cell tagged ``assumptions``.
        nbclient.exceptions.CellExecutionError: a cell failed.
    """
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    nb = jupytext.read(paths.CHAPTERS / f"{name}.md", fmt="md:myst")
    cells = [c for c in nb.cells if "assumptions" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{name}: expected one code cell tagged 'assumptions'"
    lines = [f"A.{key} = {value!r}" for key, value in overrides.items()]
    cells[0].source = cells[0].source.rstrip() + ("\n" + "\n".join(lines) if lines else "")
    nb.cells.append(nbformat.v4.new_code_cell(_COLLECT))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(paths.CHAPTERS)}})
    client.execute()
    (tmp_path / f"{name}.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    texts = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    figures = json.loads(texts.split("FIGURE-TEXTS ", 1)[1])
    return ChapterRun(glued=_glued(nb), figures=figures)
