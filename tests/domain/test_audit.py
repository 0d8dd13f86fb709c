"""The audit of the article's numbers: tolerances, verdicts and the checks themselves."""
import pytest

from analysis.domain import audit


@pytest.fixture(scope="module")
def checks():
    return audit.run_audit().set_index("check_id")


def test_rounding_tolerance_from_the_printed_number():
    assert audit.rounding_tolerance("95.6%") == pytest.approx(0.05)
    assert audit.rounding_tolerance("26%") == pytest.approx(0.5)
    assert audit.rounding_tolerance("3 million") == pytest.approx(500_000)
    assert audit.rounding_tolerance("30 cents") == pytest.approx(0.005)
    assert audit.rounding_tolerance("881,000") == pytest.approx(0.5)
    assert audit.rounding_tolerance("881,000", trailing_zeros_rounded=True) == 500
    assert audit.rounding_tolerance("three") == 0.5
    with pytest.raises(ValueError):
        audit.rounding_tolerance("two-thirds")
    with pytest.raises(ValueError):
        audit.rounding_tolerance("no number here")


def test_verdict_rules():
    assert audit.verdict_equal(53, 53, 0) == "consistent"
    assert audit.verdict_equal(95.6, 95.6007, 0.05) == "rounding"
    assert audit.verdict_equal(659000, 564000, 1500) == "inconsistent"
    assert audit.verdict_equal(float("nan"), 1, 0) == "cannot check"
    assert audit.verdict_at_most(372, 390) == "consistent"
    assert audit.verdict_at_most(391, 390) == "inconsistent"


def test_every_row_is_complete_and_verdicts_are_known(checks):
    assert checks.index.is_unique
    assert set(checks["verdict"]) <= set(audit.VERDICTS)
    assert (checks["description"].str.len() > 0).all()
    assert (checks["fact_ids"].str.len() > 0).all()
    assert len(checks) >= 30
    table = audit.audit_table()
    assert not table.isna().any().any()


def test_sums_by_hand(checks):
    # 39271 + 22601 = 61872; 45 + 8 = 53; 28 + 3 + 2 = 33
    assert checks.loc["schooling.peak_identity", "computed"] == 61872
    assert checks.loc["kuijiu_group2.households", "verdict"] == "consistent"
    assert checks.loc["wawu_group.households", "computed"] == 33


def test_ratios_by_hand(checks):
    # 565 / 591 = 0.956007 -> 95.60%, printed 95.6: within 0.05 but not exact
    k = checks.loc["kuijiu.poverty_rate"]
    assert k["computed"] == pytest.approx(95.6007, abs=1e-4) and k["verdict"] == "rounding"
    # 372 / 30 = 12.4 exactly
    assert checks.loc["butuo.staff_per_clinic", "verdict"] == "consistent"


def test_almost_half(checks):
    # (61000 - 33000) / 61000 = 0.45902; within [0.45, 0.50] at ALMOST_BAND = 0.1
    v = checks.loc["butuo.visits_almost_half"]
    assert v["computed"] == pytest.approx(0.45902, abs=1e-5)
    assert v["verdict"] == "consistent"
    assert audit.almost_band(0.5, 0.05) == pytest.approx((0.475, 0.5))


def test_bases_and_stock_flow(checks):
    # bases 4,449,495 and 4,464,789 differ by 15,294 < rounding band
    b = checks.loc["liangshan.implied_bases"]
    assert b["difference"] == pytest.approx(15293.8, abs=0.5) and b["verdict"] == "rounding"
    # 881000 - 317000 = 564000 against 659000: gap 95000
    s = checks.loc["liangshan.stock_flow"]
    assert s["difference"] == -95000 and s["verdict"] == "inconsistent"
    # entries by 2020: 1,052,000 - 881,000 = 171,000 >= 95,000
    e = checks.loc["liangshan.entries_grow"]
    assert e["expected"] == 171000 and e["verdict"] == "consistent"


def test_outside_record(checks):
    assert checks.loc["liangshan.rate_2018_press", "verdict"] == "inconsistent"  # 7.1 vs 11
    # 178,000 + 142,000 = 320,000 vs 317,000: 3,000 apart, beyond 1,500
    s = checks.loc["liangshan.stock_2018_press"]
    assert s["expected"] == 320000 and s["verdict"] == "inconsistent"
    assert checks.loc["liangshan.stock_2013_press", "verdict"] == "consistent"


def test_bounds_and_implied(checks):
    # 5516 + 3107 = 8623 <= 45533
    assert checks.loc["income.county_subsets", "computed"] == 8623
    # 25424 / 6652 = 3.822; 18090 / 4362 = 4.147
    h = checks.loc["migrants.household_size"]
    assert h["expected"] == pytest.approx(3.822, abs=1e-3)
    assert h["computed"] == pytest.approx(4.147, abs=1e-3)
    # 1,295,600 / 0.52 = 2,491,538
    assert checks.loc["labour.implied_labour_force", "computed"] == pytest.approx(2491538.5,
                                                                                  abs=1)
    assert checks.loc["labour.provincial_average", "computed"] == 70  # 52 + 18
    # Zhaizi: 95 - 32 - 2 = 61 others: at least 2 + ceil(61/32) = 4, at most 2 + 61//2 = 32
    assert audit.zhaizi_class_bounds() == (4, 32)


def test_verdict_counts_cover_every_verdict(checks):
    counts = audit.verdict_counts(checks.reset_index())
    assert list(counts.index) == audit.VERDICTS
    assert counts.sum() == len(checks)


def test_table_parts():
    res = audit.audit_table(part="results")
    assert list(res.columns) == audit.TABLE_PARTS["results"]
    assert set(res["Verdict"]) <= {v.upper() for v in audit.VERDICTS}
    with pytest.raises(ValueError):
        audit.audit_table(part="everything")
