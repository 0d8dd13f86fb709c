"""The audit table: strings only, the verdict's level and how it was reached."""
import pytest

from analysis.domain import audit
from analysis.domain.audit.table import verdict_label


def test_verdict_labels():
    assert verdict_label("consistent", "within rounding", "") == "CONSISTENT (within rounding)"
    assert verdict_label("explained", "beyond rounding",
                         "households registered after 2013 (named by the article): ...") == \
        "EXPLAINED (households registered after 2013)"
    assert verdict_label("cannot check", "nothing to compare with", "") == "CANNOT CHECK"


def test_table_parts():
    frame = audit.run_audit()
    full = audit.audit_table(frame)
    assert not full.isna().any().any() and len(full) == len(frame)
    res = audit.audit_table(frame, part="results")
    assert list(res.columns) == audit.TABLE_PARTS["results"]
    row = res.set_index("Check").loc["liangshan.stock_flow"]
    assert (row["Expected"], row["Computed"], row["Tolerance"]) == ("659,000", "564,000",
                                                                    "1,500")
    assert full.set_index("Check").loc["liangshan.stock_flow", "Difference"] == "-95,000"
    assert row["Verdict"] == "EXPLAINED (households registered after 2013)"
    notes = audit.audit_table(frame, part="notes").set_index("Check")
    assert notes.loc["kuijiu.poverty_rate", "Mechanism weighed"] == "—"
    assert notes.loc["zhaizi.class_count", "Context sources"] == "—"
    with pytest.raises(ValueError, match="part must be"):
        audit.audit_table(frame, part="everything")
