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
    html = t.to_html()
    assert "<th></th>" not in html and ">Place</th>" in html
    assert list(t.index) == ["Butuo", "Jinyang"] and list(t.columns) == ["Rate (%)"]
    with pytest.raises(KeyError, match="no column 'Year'"):
        table(t.reset_index(), "Year")
