"""analysis.chapters.ch3_tables: the chapter's tables for readers, checked cell by cell."""
from analysis.chapters import ch3_tables
from analysis.domain.assumptions import Assumptions


def test_gap_costs_frame():
    t = ch3_tables.gap_costs_frame()
    # 20,000 + 10,000 + 30,000 = 60,000 ... 100,000 + 10,000 + 50,000 = 160,000
    assert t.iloc[:, -1].tolist() == ["60,000", "80,000", "140,000", "160,000"]
    assert not t.isna().any().any()


def test_per_person_frame_uses_the_census_and_the_assumption_in_force():
    t = ch3_tables.per_person_frame(Assumptions(household_size=5.0)).set_index("Household")
    # Butuo 2020: 3.70 persons, 10,000 / 3.70 = 2,703; grants 8,108 to 13,514 yuan per person
    butuo = t.loc["Butuo, 2020 census"]
    assert butuo.tolist() == ["3.70", "2,703", "8,108 to 13,514", "2.03"]
    # the assumption: 5 persons, 10,000 / 5 = 2,000; 30,000 / 20,000 = 1.50 years
    ours = t.loc["This chapter's assumption"]
    assert ours.tolist() == ["5.00", "2,000", "6,000 to 10,000", "1.50"]


def test_assumptions_and_sensitivity_frames():
    a = ch3_tables.assumptions_frame()
    days = a.iloc[:, 0].str.endswith("(clinic_working_days)")
    assert a.loc[days, "Range"].tolist() == ["230 to 300"]
    assert a.loc[days, "Default"].tolist() == ["250 days per year"]
    s = ch3_tables.sensitivity_frame()
    assert len(s) == 6  # five conclusions, one of them resting on two assumptions
    flips = s[s["Verdict"] != "holds over the whole range"]
    assert flips["Verdict"].tolist() == ["flips at the high end"]
    # 30,000 / (3.25 x 4,000) = 2.31; / (3.70 x 4,000) = 2.03; / (4.27 x 4,000) = 1.76
    assert flips["Number at low / default / high end"].tolist() == \
        ["2.31 / 2.03 / 1.76 years of income"]
