"""Tests of analysis.domain.social (values worked out by hand from the register and context)."""
import pytest

from analysis.domain import social


def test_migrants_table():
    m = social.migrants().set_index("measure")
    assert m.loc["all spontaneous movers", "persons"] == 185100  # 150,800 + 34,300
    # 25,424 - 18,090 = 7,334 persons; 6,652 - 4,362 = 2,290 households out of poverty
    assert m.loc["of whom out of poverty", "persons"] == 7334
    assert m.loc["of whom out of poverty", "households"] == 2290
    assert m["households"].isna().sum() == 3  # the article gives no households for movers


def test_migrant_ratios():
    r = social.migrant_ratios()
    assert r["outside_share"] == pytest.approx(0.185305, abs=1e-6)       # 34,300 / 185,100
    assert r["persons_per_household"] == pytest.approx(3.822008, abs=1e-6)  # 25,424 / 6,652
    assert r["remaining_persons_per_household"] == pytest.approx(4.147180, abs=1e-6)  # 18,090/4,362
    assert r["remaining_share_persons"] == pytest.approx(0.711532, abs=1e-6)  # 18,090 / 25,424
    assert r["remaining_share_households"] == pytest.approx(0.655743, abs=1e-6)  # 4,362 / 6,652


def test_migrant_rates_against_the_2020_census():
    r = social.migrant_rates()
    # 185,100 movers / 4,858,359 residents = 0.038099; 150,800 / 4,858,359 = 0.031039
    assert r["movers_share_of_residents"] == pytest.approx(0.038099, abs=1e-6)
    assert r["within_share_of_residents"] == pytest.approx(0.031039, abs=1e-6)
    # 6,652 registered households / 1,411,269 family households = 0.0047135
    assert r["registered_households_share"] == pytest.approx(0.0047135, abs=1e-7)
    assert (r["residents"], r["households"]) == (4858359, 1411269)


def test_remaining_poor():
    rp = social.remaining_poor().set_index(["geography", "year"])["persons"]
    assert rp[("Liangshan", 2018)] == 317000
    assert rp[("Liangshan", 2019)] == 178000  # context table, S13
    assert rp[("Sichuan", 2018)] == 710000    # context table, S17


def test_mobilisation_ratios():
    assert social.ratio("working-team members per team") == pytest.approx(518.1818, abs=1e-4)
    # 317,000 / 11,276 = 28.1128; 178,000 / 11,276 = 15.7857
    assert social.ratio("remaining poor per official, end-2018") == pytest.approx(28.1128,
                                                                                   abs=1e-4)
    assert social.ratio("remaining poor per official, end-2019") == pytest.approx(15.7857,
                                                                                   abs=1e-4)
    # 317,000 / 5,700 = 55.614; 260,000 / 710,000 = 0.366197; 34 / 12 = 2.8333
    assert social.ratio("remaining poor per working-team member, end-2018") == pytest.approx(
        55.614, abs=1e-3)
    assert social.ratio("survey staff per remaining poor person, Sichuan end-2018") == \
        pytest.approx(0.366197, abs=1e-6)
    assert social.ratio("policies per category") == pytest.approx(2.833333, abs=1e-6)
    with pytest.raises(KeyError, match="no ratio"):
        social.ratio("poor per goat")


def test_remaining_poor_names_the_source_of_each_context_number():
    src = social.remaining_poor().set_index(["geography", "year"])["source_id"]
    # the context table's primary rows: S13 (radio report, end-2019), S17 (Sichuan, end-2018)
    assert src.to_dict() == {("Liangshan", 2018): "article", ("Liangshan", 2019): "S13",
                             ("Sichuan", 2018): "S17"}


def test_survey_in_liangshan_by_hand():
    s = social.survey_in_liangshan(1.0)
    # every member in Liangshan: 260,000 / 317,000 = 0.8202 staff per registered poor person
    assert s["staff_per_poor"] == pytest.approx(0.820189, abs=1e-6)
    d = social.survey_in_liangshan()
    # the default share 0.45: 117,000 staff; 117,000 / 317,000 = 0.3691; 317,000 / 117,000
    # = 2.709 poor per staff member
    assert d["staff_liangshan"] == pytest.approx(117000)
    assert d["staff_per_poor"] == pytest.approx(0.369085, abs=1e-6)
    assert d["poor_per_staff"] == pytest.approx(2.709402, abs=1e-6)
    with pytest.raises(ValueError, match="survey_liangshan_share"):
        social.survey_in_liangshan(1.5)


def test_the_survey_share_range_rests_on_the_data():
    from analysis.domain import assumptions

    # the low end of the assumption is Liangshan's share of Sichuan's registered poor at the
    # end of 2018, 317,000 / 710,000 = 0.4465, rounded to two decimals
    share = social.survey_in_liangshan()["liangshan_share_of_sichuan_poor"]
    assert share == pytest.approx(0.446479, abs=1e-6)
    assert assumptions.get("survey_liangshan_share").low == pytest.approx(share, abs=0.005)


def test_final_year_by_hand():
    f = social.final_year()
    # end of 2019: 178,000 at 4 % -> base 4,450,000; 3 % of it 133,500; 44,500 to take off
    assert (f["stock"], f["rate"], f["base"]) == (178000, 4, 4450000)
    assert f["to_threshold"] == pytest.approx(44500)
    # per official: 178,000 / 11,276 = 15.786; 44,500 / 11,276 = 3.946; per team member
    # 178,000 / 5,700 = 31.228
    assert f["to_zero_per_official"] == pytest.approx(15.7857, abs=1e-4)
    assert f["to_threshold_per_official"] == pytest.approx(3.9464, abs=1e-4)
    assert f["to_zero_per_member"] == pytest.approx(31.2281, abs=1e-4)
    assert (f["counties_left"], f["villages_left"]) == (7, 300)


def test_exit_batches_with_population_by_hand():
    t = social.exit_batches_with_population().set_index("group")
    assert t["counties"].sum() == 17
    assert t.loc["exited, 2020 batch", "counties"] == 7
    # the seven counties of the last batch held 1,486,731 of 4,858,359 residents in 2020:
    # 30.60 %; 7 of 17 counties = 41.18 %
    assert t.loc["exited, 2020 batch", "population_2020"] == 1486731
    assert t.loc["exited, 2020 batch", "population_share"] == pytest.approx(30.6015, abs=1e-4)
    assert t.loc["exited, 2020 batch", "county_share"] == pytest.approx(41.1765, abs=1e-4)
    assert t["population_share"].sum() == pytest.approx(100)
