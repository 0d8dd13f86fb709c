"""Helpers for the chapters' code cells: glue values for the prose, show tables and figures.

A section of a chapter computes its values with one call to ``analysis.chapters`` (a
:class:`~analysis.chapters.values.Values` mapping) in a folded cell that follows a label, and
glues them with :func:`glue_values`; the prose prints each with ``{num}`key:format``` (the
extension ``liangshan_book.numbers``), a link to that cell with a hover hint. The same cell
shows :func:`how_computed`, the section's "How these numbers were computed" table.
"""
from __future__ import annotations

import numbers
import re

from analysis.formatting import escape_markdown


def glue_value(name: str, value) -> None:
    """Glue ``value`` for the prose as a plain Python number (or text).

    myst-nb stores a glued value's ``repr`` and formats it later; numpy 2 writes its scalars as
    ``np.float64(…)``, which cannot be formatted, so numbers are converted to ``float`` here.

    Raises:
        TypeError: ``value`` is neither a number nor a string (a Series, say), or is NaN.
    """
    from myst_nb import glue

    if isinstance(value, str):
        glue(name, value, display=False)
        return
    if not isinstance(value, numbers.Real):
        raise TypeError(f"glue {name!r}: expected a number or a text, got {type(value).__name__}")
    number = float(value)
    if number != number:
        raise TypeError(f"glue {name!r}: the value is NaN; the book prints no NaN")
    glue(name, number, display=False)


#: Suffixes of the glue keys of a value's hint and of its cell's label (read by the ``{num}``
#: role of ``liangshan_book.numbers``).
HINT_SUFFIX, ANCHOR_SUFFIX = "__how", "__at"


def glue_values(values, anchor: str) -> None:
    """Glue every value of a section for the ``{num}`` role: the value, its hint, and
    ``anchor``, the label of the cell that computed it (written just above that cell as
    ``(anchor)=``).

    Args:
        values: a :class:`~analysis.chapters.values.Values` mapping.
        anchor: the label, e.g. ``how-ch1-rates``.
    """
    from myst_nb import glue

    for key, v in values.items():
        glue_value(key, v.value)
        glue(key + HINT_SUFFIX, v.hint(), display=False)
        glue(key + ANCHOR_SUFFIX, anchor, display=False)


def how_computed(values) -> Table:
    """The section's values as a table for the reader: the name the text uses, the value,
    what it is, and the function that computed it."""
    import pandas as pd

    from analysis.formatting import number

    def shown(v):
        return v if isinstance(v, str) else number(float(f"{v:.6g}"))

    frame = pd.DataFrame([{"Value": shown(v.value), "What it is": v.what,
                           "Computed by": v.computed_by + "()"} for v in values.values()],
                         index=pd.Index(list(values), name="Name in the text"))
    return Table(frame)


class Markdown:
    """Markdown that the book renders as text, in HTML and in the PDF alike (the chapters build
    it with :func:`analysis.formatting.escape_markdown` around every value taken from data)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


class Table:
    """A table for the book: shown whole (no cell cut short, no row left out) as HTML in the
    HTML book and in Jupyter, and as a MyST list-table, which the PDF typesets as a real table
    (myst-nb prefers ``text/markdown`` to ``text/plain`` for LaTeX, and ``text/html`` for HTML).

    Attributes:
        frame: the DataFrame shown, with its row labels as index.
    """

    _WHOLE = ("display.max_colwidth", None, "display.max_rows", None,
              "display.max_columns", None)

    def __init__(self, frame):
        self.frame = frame

    def _repr_html_(self) -> str:
        import pandas as pd

        with pd.option_context(*self._WHOLE):
            return self.frame._repr_html_()

    def __repr__(self) -> str:
        import pandas as pd

        with pd.option_context(*self._WHOLE, "display.width", 10_000):
            return repr(self.frame)

    def _repr_markdown_(self) -> str:
        """The table as a MyST ``list-table`` for the PDF: the corner cell names the row labels;
        numbers are formatted by pandas as in the HTML table; column widths follow the cells
        (:func:`column_widths`), and long identifiers may break after ".", "_" or "/", so that
        text wraps inside the page, ragged right and without hyphens; a ``longtable``, so that
        a long table breaks across pages; wide tables are set in smaller type
        (:data:`TYPE_SIZES`)."""
        import pandas as pd
        from pandas.io.formats.format import DataFrameFormatter

        frame = self.frame
        with pd.option_context(*self._WHOLE):
            formatter = DataFrameFormatter(frame)
            columns = [[s.strip() for s in formatter.format_col(i)]
                       for i in range(frame.shape[1])]
        header = [frame.columns.name or "Row"] + [str(c) for c in frame.columns]
        rows = [header] + [[str(label)] + [col[r] for col in columns]
                           for r, label in enumerate(frame.index)]
        size, line = next((size, line) for most, size, line in TYPE_SIZES
                          if len(header) <= most)
        widths = column_widths(rows, line)
        cells = [[escape_markdown(_breakable(c)) or "\u2014" for c in row] for row in rows]
        lines = ["```{list-table}", ":header-rows: 1",
                 ":widths: " + " ".join(str(w) for w in widths), ":class: longtable", ""]
        for row in cells:
            lines += ["* - " + row[0]] + ["  - " + c for c in row[1:]]
        lines.append("```")
        # in a group, \liangshantable (the LaTeX preamble in _config.yml): cells ragged right
        # and no hyphenation (an identifier copied from the PDF must not pick up a hyphen; it
        # breaks only where analysis puts a zero-width space); smaller type if wide
        setup = "\\begingroup\\liangshantable" + size
        lines = (["```{raw} latex", setup, "```", ""] + lines
                 + ["", "```{raw} latex", "\\endgroup", "```"])
        return "\n".join(lines) + "\n"


#: Type size of a table in the PDF by its number of columns (row labels included) — up to
#: how many columns, the LaTeX size command, and how many characters of running text fit on a
#: line of the text block at that size (FreeSerif: 10.95 pt, 9 pt, 8 pt; A4, as the book is
#: laid out; the space between columns is counted in COLUMN_PADDING).
TYPE_SIZES = ((5, "", 88), (7, "\\footnotesize", 108), (10**6, "\\scriptsize", 124))
#: The widest a column is made for its typical cell (characters).
WIDEST_COLUMN = 40
#: The space LaTeX leaves around a cell's text (twice ``\\tabcolsep``), in characters.
COLUMN_PADDING = 2
#: Where a long identifier may break in the PDF, and from what length on.
_BREAK_AFTER = re.compile(r"([._/])(?=.)")
_LONG_TOKEN = 16
_SEGMENT = re.compile(r"[\s._/]+")


def _breakable(text: str) -> str:
    """``text`` with a zero-width space after each ".", "_" or "/" inside long tokens."""
    return " ".join(_BREAK_AFTER.sub("\\1\u200b", w) if len(w) > _LONG_TOKEN else w
                    for w in text.split(" "))


def _length(text: str, bold: bool = False) -> float:
    """Printed length of ``text`` in average lower-case characters: capitals and figures are
    wider, and so is the bold header."""
    width = sum(1.4 if c.isupper() else 1.1 if c.isdigit() else 1.0 for c in text)
    return width * (1.15 if bold else 1.0)


def column_widths(rows: list[list[str]], capacity: int) -> list[int]:
    """Relative column widths for the PDF, in characters, for a line of ``capacity``.

    Each column wants the mean length of its cells (at most :data:`WIDEST_COLUMN`) and needs
    at least its longest unbreakable piece (a word, or a part of a long identifier between
    break points) plus :data:`COLUMN_PADDING`. When the wants do not fit the line, they shrink
    in proportion, no column below its need, until they fit (if even the needs do not fit,
    each column gets its need and LaTeX scales them all to the line).
    """
    import statistics

    need = [COLUMN_PADDING + max(_length(seg, bold=(r == 0)) for r, cell in enumerate(col)
                                 for seg in (_SEGMENT.split(cell) or [""]))
            for col in zip(*rows)]
    want = [max(n, min(WIDEST_COLUMN, statistics.mean(_length(c) for c in col)))
            for n, col in zip(need, zip(*rows))]
    if sum(want) > capacity:
        # the largest scale s at which the columns, each max(need, want * s), fit the line
        lo, hi = 0.0, 1.0
        for _ in range(40):
            mid = (lo + hi) / 2
            if sum(max(n, w * mid) for n, w in zip(need, want)) > capacity:
                hi = mid
            else:
                lo = mid
        want = [max(n, w * lo) for n, w in zip(need, want)]
    return [max(1, round(w)) for w in want]


def table(frame, index: str | None = None) -> Table:
    """A DataFrame ready to show in the book, in HTML and in the PDF alike.

    ``index`` (default: the first column) becomes the row labels, and its name moves into the
    header's corner cell, so that no header cell is left empty (screen readers announce empty
    header cells as blanks; axe-core's ``empty-table-header``). A pandas ``Styler`` would not do
    here: the PDF build prints its repr instead of the table.

    Raises:
        KeyError: ``index`` is not a column of ``frame``.
        ValueError: a cell is empty (NaN or None): the book prints no NaN; the message names
            the row and the column.
    """
    column = frame.columns[0] if index is None else index
    if column not in frame.columns:
        raise KeyError(f"table: no column {column!r} to use as row labels")
    missing = frame.isna()
    if missing.to_numpy().any():
        row, col = next((r, c) for r in range(len(frame)) for c in frame.columns
                        if missing.iloc[r][c])
        raise ValueError(f"table: row {row} (label {frame.iloc[row][column]!r}), column "
                         f"{col!r} is empty; give the cell a value or a dash that says why")
    out = frame.set_index(column)
    out.columns.name = out.index.name
    out.index.name = None
    return Table(out)


class HtmlOnly:
    """Content that only the HTML book can show (an interactive map, say): HTML for the HTML
    book and Jupyter, and in the PDF, in its place, a sentence saying where to find it
    (instead of the ``<IPython.core.display.HTML object>`` repr LaTeX would print).

    Attributes:
        html: the HTML shown.
        note: the Markdown shown in the PDF instead.
    """

    def __init__(self, html: str, note: str = "*This interactive view is part of the HTML "
                                              "edition of the book.*"):
        self.html = html
        self.note = note

    def _repr_html_(self) -> str:
        return self.html

    def _repr_markdown_(self) -> str:
        return self.note

    def __repr__(self) -> str:
        return "HTML shown in the HTML book only"
