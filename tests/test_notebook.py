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


def test_table_puts_row_labels_in_the_corner_cell_and_leaves_no_header_empty():
    import pandas as pd

    from analysis.notebook import table

    t = table(pd.DataFrame({"Place": ["Butuo", "Jinyang"], "Rate (%)": [26.0, 23.6]}))
    html = t._repr_html_()
    assert "<th></th>" not in html and ">Place</th>" in html
    assert list(t.frame.index) == ["Butuo", "Jinyang"] and list(t.frame.columns) == ["Rate (%)"]
    with pytest.raises(KeyError, match="no column 'Year'"):
        table(t.frame.reset_index(), "Year")


def test_table_cells_are_shown_whole_in_html_and_in_the_markdown_for_the_pdf():
    import pandas as pd

    from analysis.notebook import table

    long_note = "a note " * 40
    t = table(pd.DataFrame({"Check": ["c1", "c2"], "Value": [1295600.0, 52.0],
                            "Note": [long_note, "ids a_b and *c*, one | two"]}))
    assert long_note.strip() in t._repr_html_() and "..." not in t._repr_html_()
    md = t._repr_markdown_()
    assert md.startswith("```{raw} latex\n\\begingroup\\liangshantable\n")  # see preamble
    assert "```{list-table}\n:header-rows: 1\n:widths: " in md
    assert ":class: longtable" in md  # breaks across pages in the PDF
    assert "* - Check\n  - Value\n  - Note\n" in md
    assert f"* - c1\n  - 1295600.0\n  - {long_note.strip()}\n" in md  # pandas' formatting
    assert "  - ids a\\_b and \\*c\\*, one \\| two\n" in md  # no markup leaks
    assert "footnotesize" not in md and "scriptsize" not in md  # three columns: normal size


def test_column_widths_follow_the_cells_and_fit_the_line():
    from analysis.notebook import WIDEST_COLUMN, column_widths

    rows = [["Id", "Note"], ["a", "word " * 100], ["b", "short"]]
    assert column_widths(rows, 200) == [5, WIDEST_COLUMN]  # bold "Id" and padding; capped note
    # too wide for the line: the wants shrink until the line is full (the note from 40 to 24),
    # but no column below its longest word
    wide = [["Verdict", "What is tested"], ["CONSISTENT", "a long sentence " * 20]]
    assert column_widths(wide, 40) == [16, 24]  # ten capitals count as 14, padding 2
    # an identifier needs only its longest piece between "." and "_"
    # (and when even the needs do not fit, each column gets just its need)
    assert column_widths([["x"], ["liangshan.spontaneous_migrant"]], 5) == [len("spontaneous")
                                                                             + 2]


def test_long_identifiers_may_break_in_the_pdf():
    import pandas as pd

    from analysis.notebook import table

    md = table(pd.DataFrame({"Id": ["liangshan.poor_population.2013"], "V": [1]}))
    assert "liangshan.\u200bpoor\\_\u200bpopulation.\u200b2013" in md._repr_markdown_()


def test_wider_tables_get_smaller_type_in_the_pdf():
    import pandas as pd

    from analysis.notebook import table

    def setup(columns):  # columns with the row labels
        frame = pd.DataFrame({f"c{i}": ["v"] for i in range(columns)})
        return table(frame)._repr_markdown_().splitlines()[1]

    assert setup(5) == "\\begingroup\\liangshantable"
    assert setup(6) == setup(7) == "\\begingroup\\liangshantable\\footnotesize"
    assert setup(8) == "\\begingroup\\liangshantable\\scriptsize"


def test_a_table_with_an_empty_cell_is_refused_naming_row_and_column():
    import pandas as pd

    from analysis.notebook import table

    with pytest.raises(ValueError, match=r"row 1 \(label 'y'\), column 'B' is empty"):
        table(pd.DataFrame({"A": ["x", "y"], "B": [1.0, None]}))


def test_html_only_content_gives_the_pdf_a_sentence_instead_of_a_repr():
    from analysis.notebook import HtmlOnly

    shown = HtmlOnly("<svg></svg>")
    assert shown._repr_html_() == "<svg></svg>"
    assert "HTML edition" in shown._repr_markdown_()
    assert "object at" not in repr(shown) and "IPython" not in repr(shown)


def test_markdown_escaping_keeps_data_from_being_read_as_markup():
    from analysis.notebook import Markdown, escape_markdown

    assert escape_markdown("a_b *c* [d](e)\n  f") == "a\\_b \\*c\\* \\[d\\](e) f"
    assert Markdown("**x**")._repr_markdown_() == "**x**"


def test_the_latex_preamble_defines_the_table_setup_that_tables_call():
    import yaml

    from analysis.data import paths

    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))
    preamble = config["sphinx"]["config"]["latex_elements"]["preamble"]
    assert "\\newcommand{\\liangshantable}" in preamble


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
