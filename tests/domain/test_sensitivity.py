"""Sensitivity: each conclusion swept over the range of each assumption it uses."""
import pytest

from analysis.domain import sensitivity
from analysis.domain.sensitivity import Conclusion

# a toy conclusion: "a season yields more than 40,000 bricks" at 150 bricks a day
SEASON = Conclusion(key="toy.bricks", statement="more than 40,000 bricks a season",
                    compute=lambda A: 150 * A.construction_season_days,
                    holds=lambda x: x > 40_000, uses=("construction_season_days",),
                    unit="bricks")


def test_a_sweep_moves_one_assumption_to_each_end_of_its_range():
    (row,) = sensitivity.sweep(SEASON).to_dict("records")
    # 150 x 214 = 32,100; 150 x 275 = 41,250; 150 x 303 = 45,450
    assert (row["at_low"], row["at_default"], row["at_high"]) == (32_100, 41_250, 45_450)
    assert (row["holds_at_low"], row["holds_at_default"], row["holds_at_high"]) == \
        (False, True, True)
    assert row["flips"]


def test_the_tornado_rows_are_percent_changes_sorted_by_swing():
    steady = Conclusion(key="toy.days", statement="more than a hundred days",
                        compute=lambda A: A.clinic_working_days, holds=lambda x: x > 100,
                        uses=("clinic_working_days",), unit="days")
    rows = sensitivity.tornado_rows([steady, SEASON])
    assert list(rows["conclusion"]) == ["toy.bricks", "toy.days"]
    # 32,100 / 41,250 - 1 = -22.18 %; 45,450 / 41,250 - 1 = +10.18 %
    assert rows.loc[0, "change_low_pct"] == pytest.approx(-22.18, abs=0.01)
    assert rows.loc[0, "change_high_pct"] == pytest.approx(10.18, abs=0.01)
    # 230 / 250 - 1 = -8 %; 300 / 250 - 1 = +20 %; holds throughout
    assert rows.loc[1, ["change_low_pct", "change_high_pct"]].tolist() == \
        pytest.approx([-8.0, 20.0])
    assert not rows.loc[1, "flips"]


def test_an_unknown_assumption_is_refused_when_the_conclusion_is_made():
    with pytest.raises(KeyError, match="no assumption 'season'"):
        Conclusion(key="x", statement="x", compute=lambda A: 1, holds=bool, uses=("season",),
                   unit="x")
