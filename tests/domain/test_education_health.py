"""Schooling and medical costs (analysis.domain.education_health): values worked out by hand."""
import numpy as np
import pytest

from analysis.domain import education_health as eh


def test_out_of_school_identity_holds():
    acc = eh.out_of_school_accounting()
    # 39,271 + 22,601 = 61,872 = the peak
    assert acc["returned_plus_still_out"] == 61_872
    assert acc["peak"] == 61_872
    assert acc["difference"] == 0
    assert acc["balances"] is True


def test_out_of_school_identity_reports_mismatch(patched_values):
    patched_values({"liangshan.out_of_school_children_peak": 62_000.0})
    acc = eh.out_of_school_accounting()
    # 62,000 - 61,872 = 128
    assert acc["difference"] == 128
    assert acc["balances"] is False


def test_shares():
    # 39,271 / 61,872 = 0.63471
    assert eh.share_returned() == pytest.approx(0.63471, abs=1e-5)
    # 5,541 / 22,601 = 0.24517
    assert eh.share_still_out_registered_poor() == pytest.approx(0.24517, abs=1e-5)


def test_out_of_school_table():
    table = eh.out_of_school_table()
    # still out, other = 22,601 - 5,541 = 17,060
    assert table["children"].tolist() == [61_872, 39_271, 5_541, 17_060]


def test_registered_poor_above_whole_is_an_error(patched_values):
    patched_values({"liangshan.out_of_school_children_registered_poor": 30_000.0})
    with pytest.raises(ValueError, match="exceed"):
        eh.share_still_out_registered_poor()


def test_free_education_years():
    # 15 - 3 = 12 school years
    assert eh.free_education_years() == {"total": 15, "preschool": 3, "school": 12}


@pytest.mark.parametrize("bill, share, expected", [
    (0, 0.5, 0.0),
    (25, 0.5, 0.0),        # within the free 30 yuan
    (30, 0.5, 0.0),
    (60, 0.5, 30.0),       # 60 - 30
    (100, 0.5, 70.0),      # 100 - 30
    (200, 0.5, 120.0),     # 70 + (1 - 0.5) x 100
    (200, 0.8, 90.0),      # 70 + 0.2 x 100
    (300, 1.0, 70.0),      # everything above 100 refunded
    (300, 0.0, 270.0),     # nothing refunded: 300 - 30
])
def test_outpatient_patient_cost(bill, share, expected):
    assert eh.outpatient_patient_cost(bill, share) == pytest.approx(expected)


def test_outpatient_cost_defaults_to_the_registry_share_and_vectorises():
    # default share 0.75: 70 + 0.25 x 100 = 95 yuan
    assert eh.outpatient_patient_cost(200) == pytest.approx(95)
    out = eh.outpatient_patient_cost(np.array([10, 100, 300]), 0.5)
    # 0; 70; 70 + 0.5 x 200 = 170
    assert out.tolist() == pytest.approx([0, 70, 170])


@pytest.mark.parametrize("bill, share", [(-1, 0.5), (100, 1.5), (100, -0.1),
                                         (float("inf"), 0.5)])
def test_outpatient_cost_rejects_bad_input(bill, share):
    with pytest.raises(ValueError):
        eh.outpatient_patient_cost(bill, share)


def test_outpatient_schedule_table():
    table = eh.outpatient_schedule([0, 200], shares=(0.5, 0.9))
    assert len(table) == 4
    # 70 + 0.1 x 100 = 80
    assert table.iloc[-1]["patient_pays_yuan"] == pytest.approx(80)
    # by default the low end, default and high end of the registry: 3 shares x 2 bills
    assert len(eh.outpatient_schedule([0, 200])) == 6


def test_illustrative_shares_include_the_chapter_value_once():
    assert eh.illustrative_shares() == (0.5, 0.75, 0.9)
    assert eh.illustrative_shares(0.6) == (0.5, 0.6, 0.9)
    assert eh.illustrative_shares(0.9) == (0.5, 0.9)
    with pytest.raises(ValueError, match="reimbursement_share"):
        eh.illustrative_shares(1.5)


def test_share_for_payment_inverts_the_schedule():
    # 200-yuan bill paid 120: 1 - (120 - 70) / (200 - 100) = 0.5
    assert eh.share_for_payment(200, 120) == pytest.approx(0.5)
    assert eh.outpatient_patient_cost(200, eh.share_for_payment(200, 80)) == pytest.approx(80)
    with pytest.raises(ValueError, match="not above the threshold"):
        eh.share_for_payment(80, 50)
    with pytest.raises(ValueError, match="no refund share"):
        eh.share_for_payment(200, 300)  # 1 - 230 / 100 = -1.3


def test_out_of_school_rates_per_child_aged_5_to_14():
    rates = eh.out_of_school_rates().set_index("count")
    # census 2020, residents aged 5-14: 251,893 + 236,503 + 239,887 + 221,858 = 950,141
    assert (rates["children_aged_5_14"] == 950_141).all()
    # 61,872 / 950,141 = 0.065119; 22,601 / 950,141 = 0.023787; 5,541 / 950,141 = 0.005832
    assert rates.loc["peak", "rate"] == pytest.approx(0.065119, abs=1e-6)
    assert rates.loc["still out", "rate"] == pytest.approx(0.023787, abs=1e-6)
    assert rates.loc["still out, registered poor", "rate"] == pytest.approx(0.005832, abs=1e-6)


def test_inpatient_cost():
    # 5% of 10,000 yuan = 500 yuan
    assert eh.inpatient_patient_cost(10_000) == pytest.approx(500)
    with pytest.raises(ValueError):
        eh.inpatient_patient_cost(-10)


def test_outpatient_band_width():
    # 100 - 30 = 70 yuan, and equal to the payment at the threshold whatever the share
    assert eh.outpatient_band_width() == pytest.approx(70)
    assert eh.outpatient_patient_cost(100, 0.3) == pytest.approx(eh.outpatient_band_width())
