"""Helpers for the chapters' code cells: glue values for the prose, show tables and figures.

A section of a chapter computes its values with one call to ``analysis.chapters`` (a
:class:`~analysis.chapters.values.Values` mapping) in a folded cell that follows a label, and
glues them with :func:`glue_values`; the prose prints each with ``{num}`key:format``` (the
extension ``liangshan_book.numbers``), a link to that cell with a hover hint. The same cell
shows :func:`how_computed`, the section's "How these numbers were computed" table.
"""
from __future__ import annotations

import math
import numbers
import re

from analysis.formatting import breakable, escape_markdown


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
    it with :func:`analysis.formatting.escape_markdown` around every value taken from data).

    Attributes:
        text: the Markdown.
        ragged: set ragged right in the PDF (a list of long addresses and titles, say, which
            justified would gape or run into the margin).
    """

    def __init__(self, text: str, ragged: bool = False):
        self.text = text
        self.ragged = ragged

    def _repr_markdown_(self) -> str:
        if not self.ragged:
            return self.text
        return ("```{raw} latex\n\\begingroup\\raggedright\n```\n\n" + self.text.rstrip("\n")
                + "\n\n```{raw} latex\n\\par\\endgroup\n```\n")

    def __repr__(self) -> str:
        return self.text


class Table:
    """A numbered table with its caption, for the book and for Jupyter.

    The book shows it as a MyST ``list-table`` (its ``text/markdown`` form, which ``_config.yml``
    ranks first for the HTML builder too, through ``nb_mime_priority_overrides``): a real table
    with its caption, numbered in both editions and citable with ``{numref}`` through its
    ``name``; in the PDF, kept on one page if short (:data:`ONE_PAGE_ROWS`), else a
    ``longtable`` whose caption stays with its first rows and whose continuation pages name it
    by its number. Jupyter shows the ``text/html`` form (the frame
    with its caption). Numbers in it are written with a true minus sign, and columns of numbers
    are marked ``numeric-<n>`` for the book, which sets them right-aligned (the book's
    ``liangshan_book.tables``).

    Attributes:
        frame: the DataFrame shown, with its row labels as index.
        caption: the caption (MyST inline markup), one paragraph: what the table shows and the
            sources of its numbers, in words.
        name: the label, ``tbl-...``, by which the text refers to it.
        interactive: whether readers of the HTML book can search, sort and filter it (class
            ``interactive-table``, see ``liangshan_book.interactive_tables``).

    A table without caption and name is shown unnumbered (the "How these numbers were
    computed" tables of :func:`how_computed`).
    """

    _WHOLE = ("display.max_colwidth", None, "display.max_rows", None,
              "display.max_columns", None)

    def __init__(self, frame, caption: str | None = None, name: str | None = None,
                 interactive: bool = False):
        if (caption is None) != (name is None):
            raise ValueError("a table has both a caption and a name, or neither")
        self.frame = frame
        self.caption = " ".join(caption.split()) if caption is not None else None
        self.name = name
        self.interactive = interactive

    def _repr_html_(self) -> str:
        import html

        import pandas as pd

        with pd.option_context(*self._WHOLE):
            out = self.frame._repr_html_()
        if self.caption is None:
            return out
        caption = html.escape(_ROLE.sub(r"\1", self.caption).replace("`", ""))
        return _TABLE_TAG.sub(lambda m: f"{m.group()}<caption>{caption}</caption>", out,
                              count=1)

    def __repr__(self) -> str:
        import pandas as pd

        with pd.option_context(*self._WHOLE, "display.width", 10_000):
            return f"{self.caption or ''}\n{self.frame!r}".lstrip("\n")

    def cells(self) -> list[list[str]]:
        """The table as text, header row first, the row labels' name in the corner cell;
        numbers formatted by pandas (as in the HTML), each leading minus a true minus sign."""
        import pandas as pd
        from pandas.io.formats.format import DataFrameFormatter

        frame = self.frame
        with pd.option_context(*self._WHOLE):
            formatter = DataFrameFormatter(frame)
            columns = [[s.strip() for s in formatter.format_col(i)]
                       for i in range(frame.shape[1])]
        corner = frame.columns.name or frame.index.name or "Row"
        header = [corner] + [str(c) for c in frame.columns]
        rows = [[str(label)] + [col[r] for col in columns] for r, label in enumerate(frame.index)]
        return [header] + [[_MINUS.sub("\u2212", c) for c in row] for row in rows]

    def numeric_columns(self) -> list[int]:
        """The columns (1 for the row labels' column) that hold only numbers (or dashes)."""
        body = list(zip(*self.cells()[1:]))
        return [i + 1 for i, col in enumerate(body) if i > 0 and _is_numeric(col)]

    def _repr_markdown_(self) -> str:
        """The table as a captioned MyST ``list-table`` (see the class): column widths follow
        the cells (:func:`column_widths`), long identifiers may break after ".", "_" or "/";
        wide tables are set in smaller type in the PDF (:data:`TYPE_SIZES`)."""
        rows = self.cells()
        header = rows[0]
        size, line = next((size, line) for most, size, line in TYPE_SIZES
                          if len(header) <= most)
        widths = column_widths(rows, line)
        cells = [[escape_markdown(breakable(c)) or "\u2014" for c in row] for row in rows]
        long = _breaks_across_pages(rows, widths, line)
        classes = ((["longtable"] if long else []) + ["liangshan-table"]
                   + (["interactive-table"] if self.interactive else [])
                   + [f"numeric-{i}" for i in self.numeric_columns()])
        head = [":::{list-table} " + self.caption, ":header-rows: 1", ":stub-columns: 1",
                f":name: {self.name}"] if self.caption else [
                ":::{list-table}", ":header-rows: 1", ":stub-columns: 1"]
        lines = head + [":widths: " + " ".join(str(w) for w in widths),
                        ":class: " + " ".join(classes), ""]
        for row in cells:
            lines += ["* - " + row[0]] + ["  - " + c for c in row[1:]]
        lines.append(":::")
        # in a group, \liangshantable (the LaTeX preamble in _config.yml): no hyphenation (an
        # identifier copied from the PDF must not pick up a hyphen; it breaks only where
        # analysis puts a zero-width space); smaller type if wide
        setup = "\\begingroup\\liangshantable" + size
        lines = (["```{raw} latex", setup, "```", ""] + lines
                 + ["", "```{raw} latex", "\\endgroup", "```"])
        return "\n".join(lines) + "\n"


#: A MyST role in a caption (``{py:func}`name```), and a table's opening tag in pandas' HTML.
_ROLE = re.compile(r"\{[^{}`]+\}`([^`]*)`")
_TABLE_TAG = re.compile(r"<table[^>]*>")
#: A hyphen-minus before a figure at the start of a cell (a minus sign).
_MINUS = re.compile(r"^-(?=[\d.])")
#: A cell that is a number (sign, figures with thousands separators, decimals, per cent).
_NUMBER = re.compile(r"[\u2212+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s?%?")
_DASHES = ("", "\u2014", "\u2013", "-", "n/a")


def _is_numeric(column) -> bool:
    """Whether every cell of ``column`` is a number or a dash, and one at least a number."""
    cells = [c.strip() for c in column]
    return (any(_NUMBER.fullmatch(c) for c in cells)
            and all(_NUMBER.fullmatch(c) or c in _DASHES for c in cells))


#: The most rows, the most characters in all its cells, and the most printed lines (its cells
#: wrapped in their columns) of a table that the PDF keeps on one page (a short table split
#: across two pages reads badly); a longer table breaks across pages (a ``longtable``), its
#: caption kept with its first rows. The lines are estimated by characters
#: (:func:`printed_lines`); words wrap less tightly, and the roll's table of chapter 1, estimated
#: at 31, printed 46 lines. 24 estimated lines (about 36 printed, some 350 pt of table type)
#: leave room above a table kept whole for its caption and a paragraph.
ONE_PAGE_ROWS = 16
ONE_PAGE_CHARACTERS = 1500
ONE_PAGE_LINES = 24


def printed_lines(rows: list[list[str]], widths: list[int], capacity: int) -> int:
    """How many lines a table of ``rows`` (header first) takes in print, each row as tall as
    its most-wrapped cell, with the columns of relative ``widths`` scaled to a line of
    ``capacity`` characters (less :data:`COLUMN_PADDING` each)."""
    scale = min(1.0, capacity / max(1, sum(widths)))
    room = [max(1.0, w * scale - COLUMN_PADDING) for w in widths]
    return sum(max(math.ceil(max(1, len(cell)) / r) for cell, r in zip(row, room))
               for row in rows)


def _breaks_across_pages(rows: list[list[str]], widths: list[int], capacity: int) -> bool:
    """Whether a table of ``rows`` (header first) is long enough to break across pages."""
    return (len(rows) - 1 > ONE_PAGE_ROWS
            or sum(len(c) for row in rows for c in row) > ONE_PAGE_CHARACTERS
            or printed_lines(rows, widths, capacity) > ONE_PAGE_LINES)


#: Type size of a table in the PDF by its number of columns (row labels included) — up to
#: how many columns, the LaTeX size command, and how many characters of running text fit on a
#: line of the text block at that size (FreeSerif: 10.95 pt, 9 pt, 8 pt; A4, as the book is
#: laid out; the space between columns is counted in COLUMN_PADDING).
#:
#: :meta hide-value:
TYPE_SIZES = ((5, "", 88), (7, "\\footnotesize", 108), (10**6, "\\scriptsize", 124))
#: How much wider the heading face (header row, row labels) sets a word than the body face
#: (headers such as "Compound" ran 7 pt past their column at 1.15).
BOLD = 1.3
#: The widest a column is made for its typical cell (characters).
WIDEST_COLUMN = 40
#: The space LaTeX leaves around a cell's text (twice ``\\tabcolsep``), in characters.
COLUMN_PADDING = 2
#: What separates the pieces of a cell that LaTeX cannot break (spaces, zero-width spaces).
_SEGMENT = re.compile(r"[\s\u200b]+")


def _length(text: str, bold: bool = False) -> float:
    """Printed length of ``text`` in average lower-case characters: capitals and figures are
    wider, and so is the heading face of the header and the row labels."""
    width = sum(1.4 if c.isupper() else 1.1 if c.isdigit() else 1.0 for c in text)
    return width * (BOLD if bold else 1.0)


def column_widths(rows: list[list[str]], capacity: int) -> list[int]:
    """Relative column widths for the PDF, in characters, for a line of ``capacity``.

    Each column wants the mean length of its cells (at most :data:`WIDEST_COLUMN`) and needs
    at least its longest unbreakable piece (a word, or a part of a long identifier between
    break points) plus :data:`COLUMN_PADDING`. The header row and the row labels (the first
    column) are set in the heading face, which is wider. When the wants do not fit the line,
    they shrink in proportion, no column below its need, until they fit (if even the needs do
    not fit, each column gets its need and LaTeX scales them all to the line).
    """
    import statistics

    need = [COLUMN_PADDING + max(_length(seg, bold=(r == 0 or j == 0))
                                 for r, cell in enumerate(col)
                                 for seg in (_SEGMENT.split(breakable(cell)) or [""]))
            for j, col in enumerate(zip(*rows))]
    want = [max(n, min(WIDEST_COLUMN, statistics.mean(_length(c, bold=(j == 0)) for c in col)))
            for j, (n, col) in enumerate(zip(need, zip(*rows)))]
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


def table(frame, index: str | None = None, *, caption: str, name: str,
          interactive: bool = False) -> Table:
    """A DataFrame ready to show in the book as a numbered table with its caption, in HTML and
    in the PDF alike (see :class:`Table`).

    ``index`` (default: the first column) becomes the row labels, and its name moves into the
    header's corner cell, so that no header cell is left empty (screen readers announce empty
    header cells as blanks; axe-core's ``empty-table-header``). A pandas ``Styler`` would not do
    here: the PDF build prints its repr instead of the table.

    Args:
        frame: the data, one row per table row.
        index: the column of row labels (default: the first).
        caption: what the table shows and where its numbers come from, in words (one
            paragraph of MyST inline markup; roles such as ``{py:func}`` may link the code).
        name: the table's label, ``tbl-`` and lower-case words joined by hyphens, by which
            the text cites it (``{numref}`tbl-ch1-trends```).
        interactive: readers of the HTML book may search, sort and filter it (for long
            tables such as the audit's).

    Raises:
        KeyError: ``index`` is not a column of ``frame``.
        ValueError: a cell is empty (NaN or None): the book prints no NaN; the message names
            the row and the column. Also when the caption is empty or the name malformed.
    """
    if not caption.strip():
        raise ValueError(f"table {name!r}: give it a caption (what it shows, and its sources)")
    if not _NAME.fullmatch(name):
        raise ValueError(f"table name {name!r}: expected 'tbl-' and lower-case words joined "
                         "by hyphens, e.g. 'tbl-ch1-trends'")
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
    return Table(out, caption, name, interactive=interactive)


#: A table's label: ``tbl-`` and lower-case words joined by hyphens.
_NAME = re.compile(r"tbl-[a-z0-9]+(-[a-z0-9]+)*")
