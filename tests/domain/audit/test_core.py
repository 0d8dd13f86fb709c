"""The audit's shared rules: tolerances from printed numbers, agreements, verdicts and named
mechanisms."""
import math

import pytest

from analysis.domain.audit import core
from analysis.domain.audit.core import Check, Mechanism


def test_rounding_tolerance_from_the_printed_number():
    assert core.rounding_tolerance("95.6%") == pytest.approx(0.05)
    assert core.rounding_tolerance("26%") == pytest.approx(0.5)
    assert core.rounding_tolerance("3 million") == pytest.approx(500_000)
    assert core.rounding_tolerance("30 cents") == pytest.approx(0.005)
    assert core.rounding_tolerance("881,000") == pytest.approx(0.5)
    assert core.rounding_tolerance("881,000", trailing_zeros_rounded=True) == 500
    assert core.rounding_tolerance("three") == 0.5
    with pytest.raises(ValueError):
        core.rounding_tolerance("two-thirds")
    with pytest.raises(ValueError):
        core.rounding_tolerance("no number here")


def test_agreements_of_equalities_bounds_and_readings():
    assert core.agreement_equal(53, 53, 0) == "exact"
    assert core.agreement_equal(95.6, 95.6007, 0.05) == "within rounding"
    assert core.agreement_equal(659_000, 564_000, 1_500) == "beyond rounding"
    assert core.agreement_equal(float("nan"), 1, 0) == "nothing to compare with"
    assert core.agreement_at_most(372, 390) == "the bound holds"
    assert core.agreement_at_most(391, 390) == "the bound is broken"
    assert core.agreement_within(0.459, 0.45, 0.5) == "within the reading"
    assert core.agreement_within(0.459, 0.475, 0.5) == "outside the reading"


# entries to the roll: 95,000 needed; at least none, at most the 171,000 of 2020
ENTRIES = Mechanism("households registered after 2013", "the article", 95_000, 0, 171_000,
                    "persons")


def test_three_levels_of_verdict():
    assert core.verdict_equal(53, 53, 0) == "consistent"
    assert core.verdict_equal(95.6, 95.6007, 0.05) == "consistent"
    assert core.verdict_at_most(372, 390) == "consistent"
    # a relation that fails is inconsistent unless a named mechanism accounts for the gap
    assert core.verdict_equal(659_000, 564_000, 1_500) == "inconsistent"
    assert core.verdict_equal(659_000, 564_000, 1_500, ENTRIES) == "explained"
    assert core.verdict_at_most(391, 390, ENTRIES) == "explained"
    # ... and only if it can supply what the gap needs, in sign and in size
    too_small = Mechanism("x", "y", 95_000, 0, 90_000, "persons")
    negative = Mechanism("x", "y", -3_000, 0, math.inf, "persons")
    assert core.verdict_equal(659_000, 564_000, 1_500, too_small) == "inconsistent"
    assert core.verdict_equal(320_000, 317_000, 1_500, negative) == "inconsistent"
    # a mechanism never changes a relation that holds, nor a number with nothing to compare
    assert core.verdict_equal(53, 53, 0, negative) == "consistent"
    assert core.verdict_equal(float("nan"), 1, 0, ENTRIES) == "cannot check"
    with pytest.raises(ValueError, match="unknown agreement"):
        core.verdict("roughly")
    # a mechanism that fills a gap in sign but that nothing bounds in size shows, not judges
    unbounded = Mechanism("x", "y", 73_000, 0, math.inf, "persons")
    assert core.verdict_equal(178_000, 251_000, 1_500, unbounded) == "cannot check"
    assert "in sign; nothing tests its size" in unbounded.describe()
    # a relation tested on a reading the source does not state is shown, not judged
    assert core.verdict("holds on an unstated reading") == "cannot check"
    assert core.verdict("fails on an unstated reading") == "cannot check"


def test_a_mechanism_says_what_it_needs_and_what_it_can_give():
    text = ENTRIES.describe()
    assert "95,000 persons needed" in text and "at most 171,000" in text
    assert text.endswith("accounts for the gap")
    unbounded = Mechanism("x", "y", 73_000, 0, math.inf, "persons").describe()
    assert "no upper bound" in unbounded


def test_a_check_as_a_row():
    row = Check("a.b", "stock-flow", "d", ("f1", "f2"), 659_000, 564_000, 1_500,
                "beyond rounding", "n", ("S14", "S14", "S13"), ENTRIES).row()
    assert row["difference"] == -95_000  # computed - expected
    assert row["verdict"] == "explained" and row["fact_ids"] == "f1; f2"
    assert row["context_sources"] == "S14; S13"  # each source once
    assert row["mechanism"].startswith("households registered after 2013")
    implied = Check("c", "implied", "d", ("f",), float("nan"), 4, 0,
                    "nothing to compare with").row()
    assert math.isnan(implied["difference"]) and implied["verdict"] == "cannot check"


def test_lookups_name_what_is_missing():
    assert core.value("kuijiu.residents") == 591
    assert core.press("Liangshan", 2019, "registered_poor_population") == (178_000, "S13")
    with pytest.raises(KeyError, match="found 0"):
        core.press("Liangshan", 2018, "poverty_incidence")  # re-dated: not an end-of-year row
    with pytest.raises(Exception, match="kuijiu.resident"):
        core.value("kuijiu.resident")
