"""Appendix B's named values, tables and conclusions, by hand; its exercise done as a student
would."""
import pytest
from exercise import run_chapter

from analysis.chapters import appendix_b
from analysis.domain import sensitivity
from analysis.domain.assumptions import Assumptions


@pytest.fixture(scope="module")
def A():
    return Assumptions()


def test_overview_counts(A):
    v = appendix_b.overview(A)
    assert v.number("appb_n") == 56 and v.number("appb_n_kinds") == 9
    assert (v.number("appb_n_consistent"), v.number("appb_n_explained"),
            v.number("appb_n_inconsistent"), v.number("appb_n_cannot_check")) == (47, 2, 0, 7)
    assert v.number("appb_n_judged") == 49  # 56 - 7
    assert v["appb_n"].computed_by == "analysis.domain.audit.run_audit"


def test_verdict_summary_adds_up(A):
    t = appendix_b.verdict_summary(A).set_index("Kind of check")
    assert list(t.columns) == ["Consistent", "Explained", "Inconsistent", "Cannot check", "All"]
    assert t.loc["all kinds", "All"] == 56
    # stock_flow explained; cumulative_2019, the end-2017 bounds and the counties remaining
    # in 2020 consistent; the 2020 exits shown, not judged
    assert t.loc["stock-flow"].tolist() == [3, 1, 0, 1, 5]
    assert (t.drop(index="all kinds").sum() == t.loc["all kinds"]).all()


def test_poverty_roll_values(A):
    v = appendix_b.poverty_roll(A)
    # 881,000 - 317,000 = 564,000; 659,000 - 564,000 = 95,000; 1,052,000 - 881,000 = 171,000
    assert (v.number("appb_fall_to_2018"), v.number("appb_entries_to_2018"),
            v.number("appb_entries_to_2020")) == (564_000, 95_000, 171_000)
    assert v.number("appb_p18_expected") == 320_000  # 178,000 + 142,000
    assert v.number("appb_migrant_share") == pytest.approx(25.94, abs=0.01)  # 25,424 / 98,000


def test_roll_table():
    t = appendix_b.roll_table().set_index("Period")
    assert t.loc["2019"].tolist() == ["178,000", "142,000", "3,000", "S13"]
    assert t.loc["2020", "Entries implied"] == "73,000"
    assert t.loc["end of 2013", "Lifted out"] == "—"
    # the periods add up: 95,000 + 3,000 + 73,000 = 171,000 entries; 659,000 + 142,000 +
    # 251,000 = 1,052,000 lifted out
    assert t.loc["2014 to 2020", ["Lifted out", "Entries implied"]].tolist() == \
        ["1,052,000", "171,000"]


def test_press_rate_values(A):
    v = appendix_b.press_rate(A)
    assert (v.number("appb_cnr_2018"), v.number("appb_cnr_2019")) == (11, 4)
    assert v.number("appb_path_mid") == 7.5  # (11 + 4) / 2
    # 317,000 / 0.11 = 2.88 million; 317,000 / 0.071 = 4.46 million; 3,062,784 rural in 2020
    assert (v.number("appb_cnr_base_m"), v.number("appb_article_base_m"),
            v.number("appb_rural_2020_m")) == (2.88, 4.46, 3.06)
    assert v.number("appb_s13_n") == 9  # with the end-2017 bounds
    # end-2017 stock between 881,000 - 440,000 = 441,000 and 317,000 + 219,000 = 536,000
    assert (v.number("appb_s17_low"), v.number("appb_s17_high")) == (441_000, 536_000)
    assert (round(v.number("appb_s17_low_pct"), 1), round(v.number("appb_s17_high_pct"), 1)) \
        == (9.9, 12.0)
    assert "liangshan.rate_2018_press" in v.number("appb_s13_checks")


def test_almost_half_follows_the_assumption():
    default = appendix_b.almost_half(Assumptions())
    strict = appendix_b.almost_half(Assumptions(almost_band=0.05))
    # 28 / 61 = 45.9 %; band 10 %: 45 % to 50 %; band 5 %: 47.5 % to 50 %
    assert default.number("appb_half_fall") == pytest.approx(45.9016, abs=1e-4)
    assert (default.number("appb_half_lo"), default.number("appb_half_verdict")) == \
        (pytest.approx(45.0), "consistent")
    assert (strict.number("appb_half_lo"), strict.number("appb_half_verdict")) == \
        (pytest.approx(47.5), "inconsistent")
    assert strict.number("appb_almost_band_default") == pytest.approx(10.0)
    assert strict.number("appb_half_lo_default") == pytest.approx(45.0)


def test_referee_values(A):
    v = appendix_b.referee(A)
    assert v.number("appb_kuijiu_nonpoor") == 26  # 591 - 565
    assert v.number("appb_within_sichuan") == pytest.approx(44.65, abs=0.01)  # 317 / 710
    assert v.number("appb_rehoused_share") == pytest.approx(81.27, abs=0.01)
    assert v.number("appb_wage_persons") == 5  # 20,000 / 4,000
    assert v.number("appb_pension_80_share") == pytest.approx(65.1)  # 12 x 217 / 4,000


def test_conclusions_over_the_range_of_almost():
    rows = sensitivity.table(appendix_b.CONCLUSIONS).set_index("conclusion")
    half = rows.loc["appendix_b.almost_half"]
    # fall 28 / 61 = 0.45902 against the lower edge 0.475 (0.05), 0.45 (0.10), 0.40 (0.20)
    assert (half["at_low"], half["at_default"], half["at_high"]) == \
        (pytest.approx(0.45902 / 0.475, abs=1e-4), pytest.approx(0.45902 / 0.45, abs=1e-4),
         pytest.approx(0.45902 / 0.40, abs=1e-4))
    assert half["flips"] and not half["holds_at_low"]
    none = rows.loc["appendix_b.no_inconsistency"]
    # 48 of the 49 judged checks hold at the strict reading, all 49 otherwise
    assert (none["at_low"], none["at_default"], none["at_high"]) == \
        (pytest.approx(48 / 49), 1.0, 1.0)
    assert none["flips"]


@pytest.mark.build
def test_the_exercise_on_almost_changes_the_page_consistently(tmp_path):
    run = run_chapter("appendix_b_audit", {"almost_band": 0.05}, tmp_path)
    g = run.glued
    # the page's numbers: the band, its lower edge, the verdict and the count of inconsistent
    assert g["appb_almost_band"] == pytest.approx(5.0)
    assert g["appb_half_lo"] == pytest.approx(47.5)
    assert g["appb_half_verdict"] == "inconsistent"
    assert g["appb_n_inconsistent"] == 1 and g["appb_n_consistent"] == 46
    # the solution compares with the default, which stays the default
    assert g["appb_almost_band_default"] == pytest.approx(10.0)
    assert g["appb_half_lo_default"] == pytest.approx(45.0)
