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
