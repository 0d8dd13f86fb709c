"""Chapter 5's named values: on a small list worked out by hand, and on the shipped data (the
counts by batch of the list's README)."""
import pandas as pd
import pytest

from analysis.chapters import ch5
from analysis.domain import national

LS, NJ, LX = (national.PREFECTURES[k] for k in ("Liangshan", "Nujiang", "Linxia"))


def _numbers(values):
    return {k: v.value for k, v in values.items()}


def _small():
    """Eight counties: two batches of the derived group's prefectures and four others."""
    rows = [  # list_code, prefecture, exit year, derived group
        ("513429", LS, 2020, True), ("513430", LS, 2020, True), ("513422", LS, 2019, True),
        ("533300", NJ, 2020, True), ("622900", LX, 2018, True),
        ("100001", "A", 2018, False), ("100002", "A", 2019, False), ("100003", "B", 2020, False),
    ]
    f = pd.DataFrame(rows, columns=["list_code", "prefecture_zh", "exit_year",
                                    "sanqu_sanzhou_derived"])
    f["liangshan"] = f["prefecture_zh"] == LS
    return f


def test_batches_by_hand():
    v = _numbers(ch5.batches(_small()))
    assert v["ch5_total"] == 8 and (v["ch5_first_year"], v["ch5_last_year"]) == (2018, 2020)
    assert (v["ch5_batch_2018"], v["ch5_batch_2019"], v["ch5_batch_2020"]) == (2, 2, 4)
    assert (v["ch5_ls_batch_2019"], v["ch5_ls_batch_2020"]) == (1, 2)
    # Liangshan: 2 of the last batch of 4 = 50 %; before its first (2019): 2 of 8 = 25 %
    assert v["ch5_ls_share_of_last_pct"] == pytest.approx(50.0)
    assert v["ch5_ls_before_first_pct"] == pytest.approx(25.0)
    assert v["ch5_trip_in_last"] == 2  # Butuo and Jinyang


def test_groups_by_hand():
    v = _numbers(ch5.groups(_small()))
    # derived group: 5 counties, mean (2020+2020+2019+2020+2018)/5 = 2019.4, 3 of 5 last
    assert v["ch5_sq_n"] == 5 and v["ch5_sq_mean"] == pytest.approx(2019.4)
    assert v["ch5_sq_last_pct"] == pytest.approx(60.0)
    # the rest: 3 counties, mean 2019, 1 of 3 last; ratio 60 / 33.3 = 1.8
    assert v["ch5_rest_mean"] == pytest.approx(2019.0)
    assert v["ch5_sq_last_ratio"] == pytest.approx(1.8)
    assert (v["ch5_nj_last_pct"], v["ch5_lx_last_pct"]) == (pytest.approx(100.0),
                                                             pytest.approx(0.0))


def test_values_on_the_shipped_list():
    v = _numbers(ch5.batches())
    # ../shared/national/README.md: 28, 125, 282, 345, 52; Liangshan 4 in 2019, 7 in 2020
    assert [v[f"ch5_batch_{y}"] for y in range(2016, 2021)] == [28, 125, 282, 345, 52]
    assert (v["ch5_ls_batch_2019"], v["ch5_ls_batch_2020"], v["ch5_ls_counties"]) == (4, 7, 11)
    # 28 + 125 + 282 = 435 of 832 had left before 2019: 52.28 %; 7 / 52 = 13.46 %
    assert v["ch5_ls_before_first_pct"] == pytest.approx(435 / 832 * 100)
    assert v["ch5_ls_share_of_last_pct"] == pytest.approx(7 / 52 * 100)
    c = _numbers(ch5.census_change())
    # every listed county falls in exactly one comparison class
    assert c["ch5_same_code"] + c["ch5_changed"] + c["ch5_by_hand"] + c["ch5_not_matched"] == 832
    # the falls the prose prints are the changes with the sign turned: "shrank by 6.9%"
    assert c["ch5_pop_fall_all_2019"] == pytest.approx(-c["ch5_pop_all_2019"])
    assert c["ch5_pop_fall_all_2019"] > 0 and c["ch5_pop_fall_same_2019"] > 0
    m = _numbers(ch5.map_values())
    assert (m["ch5_n_polygons"], m["ch5_not_on_map"]) == (2875, 1)
    # each unmatched county of the crosswalk is a row of the table, none dropped: 4 + 1 + 1
    assert len(ch5.unmatched_table()) == 6
