"""Named values for the prose: checked on the way in, with their hint."""
import math

import numpy as np
import pytest

from analysis.chapters.values import Value, Values
from analysis.domain import trends


def test_a_value_keeps_its_number_its_words_and_its_function():
    v = Values()
    v.add("ch1_ls_pp", np.float64(12.3), "fall of Liangshan's poverty rate, points",
          trends.rate_changes)
    assert type(v["ch1_ls_pp"].value) is float and v.number("ch1_ls_pp") == 12.3
    assert v["ch1_ls_pp"].hint() == ("fall of Liangshan's poverty rate, points "
                                     "[computed by analysis.domain.trends.rate_changes]")
    v.add("ch1_n", np.int64(8), "years", "analysis.domain.trends.national_series")
    assert type(v.number("ch1_n")) is int


@pytest.mark.parametrize("bad, error", [(math.nan, ValueError), (math.inf, ValueError),
                                        (None, TypeError), ([1, 2], TypeError),
                                        (True, TypeError)])
def test_the_book_prints_no_nan_and_no_objects(bad, error):
    with pytest.raises(error):
        Value(bad, "x", "f")


def test_a_key_is_added_once():
    v = Values()
    v.add("a", 1, "x", "f")
    with pytest.raises(KeyError, match="added twice"):
        v.add("a", 2, "x", "f")
