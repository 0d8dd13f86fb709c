"""Gluing numbers for the prose."""
import numpy as np
import pytest

from analysis.notebook import glue_value


def test_numpy_scalars_are_glued_as_plain_floats(monkeypatch):
    seen = {}
    monkeypatch.setattr("myst_nb.glue", lambda name, value, display: seen.update({name: value}))
    glue_value("x", np.float64(140000.0))
    glue_value("label", "Butuo")
    assert seen == {"x": 140000.0, "label": "Butuo"} and type(seen["x"]) is float


@pytest.mark.parametrize("bad", [np.nan, [1, 2], None])
def test_nan_and_non_numbers_are_refused(bad):
    with pytest.raises(TypeError):
        glue_value("x", bad)


CAPTION = {"caption": "A caption.", "name": "tbl-test"}


def test_table_puts_row_labels_in_the_corner_cell_and_leaves_no_header_empty():
    import pandas as pd

    from analysis.notebook import table

    t = table(pd.DataFrame({"Place": ["Butuo", "Jinyang"], "Rate (%)": [26.0, 23.6]}),
              **CAPTION)
    html = t._repr_html_()
    assert "<th></th>" not in html and ">Place</th>" in html
    assert list(t.frame.index) == ["Butuo", "Jinyang"] and list(t.frame.columns) == ["Rate (%)"]
    with pytest.raises(KeyError, match="no column 'Year'"):
        table(t.frame.reset_index(), "Year", **CAPTION)


def test_a_table_is_numbered_with_its_caption_in_both_forms():
    import pandas as pd

    from analysis.notebook import table

    t = table(pd.DataFrame({"Place": ["Butuo"], "Rate (%)": [26.0]}), name="tbl-ch1-rates",
              caption="Rates by place.\n  Source: {py:func}`analysis.domain.trends.rate_changes`.")
    md = t._repr_markdown_()
    # a captioned list-table (a colon fence: the caption may hold roles with backticks), with
    # its label, so that {numref} numbers it in HTML and PDF alike; the caption on one line
    assert (":::{list-table} Rates by place. Source: "
            "{py:func}`analysis.domain.trends.rate_changes`.\n") in md
    assert ":name: tbl-ch1-rates\n" in md and ":stub-columns: 1\n" in md
    # Jupyter's HTML form carries the caption too, the role reduced to its text
    assert ("<caption>Rates by place. Source: analysis.domain.trends.rate_changes.</caption>"
            in t._repr_html_())


@pytest.mark.parametrize("caption, name, message", [
    (" ", "tbl-x", "give it a caption"),
    ("A caption.", "table one", "expected 'tbl-'"),
    ("A caption.", "tbl-Ch1", "expected 'tbl-'"),
])
def test_a_table_needs_a_caption_and_a_well_formed_name(caption, name, message):
    import pandas as pd

    from analysis.notebook import table

    with pytest.raises(ValueError, match=message):
        table(pd.DataFrame({"A": ["x"], "B": [1]}), caption=caption, name=name)


def test_columns_of_numbers_are_marked_and_get_a_true_minus_sign():
    import pandas as pd

    from analysis.notebook import table

    t = table(pd.DataFrame({
        "Place": ["Butuo", "Jinyang", "-2 is a label"],
        "Change (pp)": [-9.6, -14.5, 1.0],             # floats: pandas writes -9.6
        "Count": ["1,295,600", "\u2014", "52%"],       # formatted numbers, a dash
        "Note": ["a", "-3 things", "b"],                # text, even if one cell starts "-3"
        "Year": [2013, 2018, 2020]}), **CAPTION)
    assert t.numeric_columns() == [2, 3, 5]   # the row labels' column (1) is never numeric
    md = t._repr_markdown_()
    assert ":class: liangshan-table numeric-2 numeric-3 numeric-5\n" in md
    cells = t.cells()
    assert [row[1] for row in cells[1:]] == ["\u22129.6", "\u221214.5", "1.0"]
    assert cells[2][3] == "\u22123 things" and cells[3][0] == "\u22122 is a label"


def test_table_cells_are_shown_whole_in_html_and_in_the_markdown_for_the_pdf():
    import pandas as pd

    from analysis.notebook import table

    long_note = "a note " * 40
    t = table(pd.DataFrame({"Check": ["c1", "c2"], "Value": [1295600.0, 52.0],
                            "Note": [long_note, "ids a_b and *c*, one | two"]}), **CAPTION)
    assert long_note.strip() in t._repr_html_() and "..." not in t._repr_html_()
    md = t._repr_markdown_()
    assert md.startswith("```{raw} latex\n\\begingroup\\liangshantable\n")  # see preamble
    assert ":::{list-table} A caption.\n:header-rows: 1\n" in md and "\n:widths: " in md
    # short (2 rows, some 350 characters): kept on one page in the PDF, not a longtable
    assert ":class: liangshan-table numeric-2\n" in md
    assert "* - Check\n  - Value\n  - Note\n" in md
    assert f"* - c1\n  - 1295600.0\n  - {long_note.strip()}\n" in md  # pandas' formatting
    # no markup leaks; the identifier may break after its "_" (a zero-width space)
    assert "  - ids a\\_\u200bb and \\*c\\*, one \\| two\n" in md
    assert "footnotesize" not in md and "scriptsize" not in md  # three columns: normal size


def test_a_long_table_breaks_across_pages_and_a_short_one_stays_on_one():
    import pandas as pd

    from analysis.notebook import ONE_PAGE_ROWS, table

    def classes(frame):
        md = table(frame, **CAPTION)._repr_markdown_()
        return next(line for line in md.splitlines() if line.startswith(":class:")).split()[1:]

    rows = ONE_PAGE_ROWS
    assert "longtable" not in classes(pd.DataFrame({"A": [f"r{i}" for i in range(rows)]}))
    assert "longtable" in classes(pd.DataFrame({"A": [f"r{i}" for i in range(rows + 1)]}))
    # few rows, but long cells: 3 rows of 600 characters exceed the 1,500 kept on a page
    assert "longtable" in classes(pd.DataFrame({"A": ["x", "y", "z"], "B": ["w " * 300] * 3}))
    # few rows (6) and few characters (about 1,100), but a note of 180 characters in a column
    # of at most 40 wraps to 5 lines a row: 31 lines, more than ONE_PAGE_LINES
    notes = pd.DataFrame({**{c: ["x"] * 6 for c in "ABCDEF"}, "Note": ["word " * 36] * 6})
    assert "longtable" in classes(notes)
    assert "longtable" not in classes(notes.head(2))


def test_printed_lines_count_the_most_wrapped_cell_of_each_row():
    from analysis.notebook import COLUMN_PADDING, printed_lines

    # two columns of 10 characters on a 20-character line (room 10 - padding each): a cell of
    # 25 characters wraps to ceil(25 / (10 - COLUMN_PADDING)) lines; the header takes one
    room = 10 - COLUMN_PADDING
    rows = [["h", "h"], ["x" * 25, "y"]]
    assert printed_lines(rows, [10, 10], 20) == 1 + -(-25 // room)
    # columns wider than the line are scaled down first: at twice the width, the same
    assert printed_lines(rows, [20, 20], 20) == 1 + -(-25 // room)


def test_column_widths_follow_the_cells_and_fit_the_line():
    from analysis.notebook import WIDEST_COLUMN, column_widths

    rows = [["Id", "Note"], ["a", "word " * 100], ["b", "short"]]
    # "Id" in the heading face: (1.4 + 1) * 1.3 = 3.12, plus padding 2: 5; the note capped
    assert column_widths(rows, 200) == [5, WIDEST_COLUMN]
    # too wide for the line: the wants shrink until the line is full (the note from 40 to 20),
    # but no column below its longest word; the row label "CONSISTENT", ten capitals in the
    # heading face, needs 10 * 1.4 * 1.3 + 2 = 20.2
    wide = [["Verdict", "What is tested"], ["CONSISTENT", "a long sentence " * 20]]
    assert column_widths(wide, 40) == [20, 20]
    # an identifier needs only its longest piece, up to a break after "." or "_"
    # (and when even the needs do not fit, each column gets just its need: "k", 1.3 + 2)
    assert column_widths([["k", "x"], ["a", "liangshan.spontaneous_migrant"]], 5) == [
        3, len("spontaneous_") + 2]
    # a short identifier breaks too ("bricks_per_home", 15 characters): its need is a piece
    assert column_widths([["k", "x"], ["a", "bricks_per_home"]], 5)[1] == len("bricks_") + 2
    # a number does not: "1,234.5" is one piece of 7 characters, 7 * 1.1 + 2 = 9.7
    assert column_widths([["k", "x"], ["a", "1,234.5"]], 5)[1] == 10


def test_long_identifiers_may_break_in_the_pdf():
    import pandas as pd

    from analysis.notebook import table

    md = table(pd.DataFrame({"Id": ["liangshan.poor_population.2013"], "V": [1]}), **CAPTION)
    assert "liangshan.\u200bpoor\\_\u200bpopulation.\u200b2013" in md._repr_markdown_()


def test_wider_tables_get_smaller_type_in_the_pdf():
    import pandas as pd

    from analysis.notebook import table

    def setup(columns):  # columns with the row labels
        frame = pd.DataFrame({f"c{i}": ["v"] for i in range(columns)})
        return table(frame, **CAPTION)._repr_markdown_().splitlines()[1]

    assert setup(5) == "\\begingroup\\liangshantable"
    assert setup(6) == setup(7) == "\\begingroup\\liangshantable\\footnotesize"
    assert setup(8) == "\\begingroup\\liangshantable\\scriptsize"


def test_a_table_with_an_empty_cell_is_refused_naming_row_and_column():
    import pandas as pd

    from analysis.notebook import table

    with pytest.raises(ValueError, match=r"row 1 \(label 'y'\), column 'B' is empty"):
        table(pd.DataFrame({"A": ["x", "y"], "B": [1.0, None]}), **CAPTION)


def test_markdown_escaping_keeps_data_from_being_read_as_markup():
    from analysis.notebook import Markdown, escape_markdown

    assert escape_markdown("a_b *c* [d](e)\n  f") == "a\\_b \\*c\\* \\[d\\](e) f"
    assert Markdown("**x**")._repr_markdown_() == "**x**"
    # ragged right in the PDF: the Markdown inside a LaTeX group, unchanged for HTML
    ragged = Markdown("- a\n- b\n", ragged=True)._repr_markdown_()
    assert ragged.startswith("```{raw} latex\n\\begingroup\\raggedright\n```\n\n- a\n- b\n")
    assert ragged.endswith("```{raw} latex\n\\par\\endgroup\n```\n")


def test_the_latex_preamble_defines_the_table_setup_that_tables_call():
    import yaml

    from analysis.data import paths

    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))
    preamble = config["sphinx"]["config"]["latex_elements"]["preamble"]
    assert "\\usepackage{liangshan}" in preamble
    assert "latex/liangshan.sty" in config["sphinx"]["config"]["latex_additional_files"]
    sty = (paths.ROOT / "latex" / "liangshan.sty").read_text(encoding="utf-8")
    # the group of analysis.notebook.Table, and the columns of liangshan_book.tables
    assert "\\newcommand{\\liangshantable}" in sty
    assert "\\newcolumntype{\\LSleft}" in sty and "\\newcolumntype{\\LSright}" in sty


def test_how_computed_lists_each_value_with_what_it_is_and_its_function():
    from analysis.chapters.values import Values
    from analysis.notebook import how_computed

    v = Values()
    v.add("ch1_ls_pp", 12.3456789, "fall of the rate, points", "analysis.domain.trends.f")
    v.add("ch1_word", "March to November", "the season", "analysis.domain.housing.g")
    frame = how_computed(v).frame
    assert list(frame.index) == ["ch1_ls_pp", "ch1_word"]
    assert frame.loc["ch1_ls_pp", "Value"] == "12.3457"       # six significant digits
    assert frame.loc["ch1_word", "Computed by"] == "analysis.domain.housing.g()"
