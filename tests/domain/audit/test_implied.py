"""Numbers the article implies, by hand; none of them is judged."""
import pytest

from analysis.domain.audit import implied


@pytest.fixture(scope="module")
def by_id():
    return {c.check_id: c for c in implied.implied()}


def test_implied_numbers(by_id):
    assert {c.verdict for c in by_id.values()} == {"cannot check"}
    # 1,295,600 / 0.52 = 2,491,538.5
    assert by_id["labour.implied_labour_force"].computed == pytest.approx(2_491_538.5, abs=1)
    assert by_id["labour.provincial_average"].computed == 70  # 52 + 18
    # 25,424 / 6,652 = 3.822; 18,090 / 4,362 = 4.147; 7,334 / 2,290 = 3.20 for those who left
    h = by_id["migrants.household_size"]
    assert h.expected == pytest.approx(3.822, abs=1e-3)
    assert h.computed == pytest.approx(4.147, abs=1e-3) and "those who left 3.20" in h.note
    # Zhaizi: 95 - 32 - 2 = 61 others: at least 2 + ceil(61/32) = 4, at most 2 + 61 // 2 = 32
    assert implied.zhaizi_class_bounds() == (4, 32)


def test_pensions_against_the_income_line(by_id):
    p = by_id["income.pensions_against_line"]
    # 12 x 100 = 1,200 and 12 x 117 = 1,404 over 60; 12 x 150 = 1,800 and 12 x 217 = 2,604
    # over 80; 2,604 / 4,000 = 0.651
    assert p.computed == pytest.approx(0.651)
    assert "1,200 to 1,404" in p.note and "1,800 to 2,604" in p.note
    assert "30% to 35%" in p.note and "45% to 65%" in p.note
