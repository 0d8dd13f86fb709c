"""Chapter 4 (section IV of the article): the named values of each section's prose, its
tables and its sensitivity conclusions.

One function per section of ``chapters/ch4_measures.md``, each taking the chapter's
:class:`~analysis.domain.assumptions.Assumptions` and returning
:class:`~analysis.chapters.values.Values`; tables are DataFrames ready for
:func:`analysis.notebook.table`.
"""
from __future__ import annotations

import pandas as pd

from analysis.chapters.values import Values
from analysis.domain import assumptions, social
from analysis.domain.assumptions import Assumptions
from analysis.domain.sensitivity import Conclusion
from analysis.formatting import number

#: Registered poor per official that exercise 4.2 aims at (an example, not a norm).
EXERCISE_POOR_PER_OFFICIAL = 10
#: The survey's share in Liangshan that exercise ex-ch4-survey suggests (every member there).
EXERCISE_SURVEY_SHARE = 1.0


def helpers(A: Assumptions) -> Values:
    """The people mobilised against the registered poor still to be lifted out."""
    v = Values()
    r = social.mobilisation_ratios().set_index("ratio")["value"]
    f = social.mobilisation_ratios
    for key, label, what in (
            ("ch4_members_per_team", "working-team members per team",
             "members per team, at least (the article gives the total as more than a figure)"),
            ("ch4_poor_per_member", "remaining poor per working-team member, end-2018",
             "registered poor per working-team member, end of 2018, at most"),
            ("ch4_poor_per_official_2018", "remaining poor per official, end-2018",
             "registered poor per official, end of 2018"),
            ("ch4_poor_per_official_2019", "remaining poor per official, end-2019",
             "registered poor per official, end of 2019"),
            ("ch4_policies_per_cat", "policies per category", "policies per category")):
        v.add(key, r[label], what, f)
    rp = social.remaining_poor().set_index(["geography", "year"])
    g = social.remaining_poor
    v.add("ch4_poor_2019", rp.loc[("Liangshan", 2019), "persons"], "Liangshan's registered "
          "poor at the end of 2019, persons", g)
    v.add("ch4_src_poor_2019", rp.loc[("Liangshan", 2019), "source_id"], "its source "
          "(Appendix C)", g)
    v.add("ch4_poor_sc_2018", rp.loc[("Sichuan", 2018), "persons"], "Sichuan's registered "
          "poor at the end of 2018, persons", g)
    v.add("ch4_poor_fall", (1 - rp.loc[("Liangshan", 2019), "persons"]
                            / rp.loc[("Liangshan", 2018), "persons"]) * 100,
          "fall of Liangshan's registered poor during 2019, percent", g)
    s = social.survey_in_liangshan(A.survey_liangshan_share)
    h = social.survey_in_liangshan
    v.add("ch4_survey_share", s["share"] * 100, "share of the survey's staff assumed to work "
          "in Liangshan, percent (assumption survey_liangshan_share)", h)
    v.add("ch4_survey_share_default", assumptions.default("survey_liangshan_share") * 100,
          "the book's default for that share, percent", assumptions.default)
    v.add("ch4_survey_share_high", assumptions.get("survey_liangshan_share").high * 100,
          "the high end of its range, percent", assumptions.get)
    v.add("ch4_ls_share_sc_poor", s["liangshan_share_of_sichuan_poor"] * 100, "Liangshan's "
          "share of Sichuan's registered poor at the end of 2018, percent", h)
    v.add("ch4_survey_words", survey_words(s["share"]), "the reading of the survey's scope "
          "that the assumed share stands for", survey_words)
    v.add("ch4_survey_staff_ls", s["staff_liangshan"], "survey staff in Liangshan at that "
          "share, persons", h)
    v.add("ch4_survey_per_poor", s["staff_per_poor"], "survey staff in Liangshan per "
          "registered poor person there, end of 2018", h)
    v.add("ch4_poor_per_survey", s["poor_per_staff"], "registered poor per survey member in "
          "Liangshan", h)
    v.add("ch4_ex_target", EXERCISE_POOR_PER_OFFICIAL, "exercise: registered poor per official "
          "aimed at", "analysis.chapters.ch4.EXERCISE_POOR_PER_OFFICIAL")
    v.add("ch4_ex_officials", rp.loc[("Liangshan", 2019), "persons"]
          / EXERCISE_POOR_PER_OFFICIAL, "exercise: officials needed for that ratio at the end "
          "of 2019", "analysis.chapters.ch4.helpers")
    base = social.survey_in_liangshan(assumptions.default("survey_liangshan_share"))
    v.add("ch4_survey_per_poor_default", base["staff_per_poor"], "the same ratio at the "
          "default share", h)
    ex = social.survey_in_liangshan(EXERCISE_SURVEY_SHARE)
    v.add("ch4_ex_survey_share", EXERCISE_SURVEY_SHARE * 100, "the share the exercise "
          "suggests, percent", "analysis.chapters.ch4.EXERCISE_SURVEY_SHARE")
    v.add("ch4_ex_survey_per_poor", ex["staff_per_poor"], "survey staff per registered poor "
          "person at the exercise's share", h)
    v.add("ch4_ex_poor_per_survey", ex["poor_per_staff"], "registered poor per survey member "
          "at the exercise's share", h)
    v.add("ch4_poor_per_survey_default", base["poor_per_staff"], "registered poor per survey "
          "member at the default share", h)
    return v


def final_year(A: Assumptions) -> Values:
    """What was left for 2020 by the two benchmarks of "done", and per helper."""
    v = Values()
    fy = social.final_year()
    f = social.final_year
    for key, what in (("stock", "registered poor at the end of 2019, persons"),
                      ("rate", "poverty incidence at the end of 2019, percent"),
                      ("threshold", "county exit threshold in Sichuan, percent"),
                      ("threshold_stock", "registered poor at that threshold, persons"),
                      ("to_threshold", "people to lift out for the county benchmark"),
                      ("to_zero_per_official", "people to lift out per official in 2020 "
                                               "(household benchmark)"),
                      ("to_threshold_per_official", "people to lift out per official in "
                                                    "2020 (county benchmark)"),
                      ("to_zero_per_member", "people to lift out per working-team member "
                                             "(household benchmark)"),
                      ("counties_left", "poverty counties left at the start of 2020"),
                      ("villages_left", "poverty villages left at the start of 2020")):
        v.add(f"ch4_fy_{key}", fy[key], what, f)
    return v


def exits(A: Assumptions) -> Values:
    """The last counties leave the list: batches, dates, and the people in them."""
    v = Values()
    ex = social.exit_batches()
    f = social.exit_batches
    by_year = ex.groupby("exit_batch_year")
    v.add("ch4_n_poverty_counties", len(ex), "national poverty counties of Liangshan", f)
    for year, grp in by_year:
        v.add(f"ch4_n_exit_{year}", len(grp), f"counties of the {year} batch", f)
        v.add(f"ch4_date_{year}_batch", grp["exit_approval_date"].iloc[0],
              f"date the {year} batch was approved", f)
    v.add("ch4_last_counties", ", ".join(by_year.get_group(ex["exit_batch_year"].max())
                                         ["county"]), "the counties of the last batch", f)
    pop = social.exit_batches_with_population().set_index("group")
    g = social.exit_batches_with_population
    for label, key in (("exited, 2019 batch", "2019"), ("exited, 2020 batch", "2020")):
        v.add(f"ch4_pop_share_{key}", pop.loc[label, "population_share"], f"share of the "
              f"prefecture's residents (2020 census) in the {key} batch, percent", g)
        v.add(f"ch4_county_share_{key}", pop.loc[label, "county_share"], f"share of the "
              f"prefecture's counties in the {key} batch, percent", g)
    v.add("ch4_pop_share_never", pop.loc["never a national poverty county",
                                         "population_share"],
          "share of residents in counties never on the list, percent", g)
    return v


def helpers_table(A: Assumptions) -> pd.DataFrame:
    """The mobilisation ratios with what each rests on, for the reader; the survey's ratio at
    the share of its staff assumed to work in Liangshan (the two readings of its scope are the
    ends of that assumption's range)."""
    t = social.mobilisation_ratios()
    t = t[~t["ratio"].str.startswith("survey staff per remaining poor person")]
    s = social.survey_in_liangshan(A.survey_liangshan_share)
    survey = pd.DataFrame([{
        "ratio": f"survey staff in Liangshan per registered poor person there, end-2018 "
                 f"(assumed share {s['share']:.0%})",
        "value": s["staff_per_poor"], "unit": "staff per person",
        "inputs": "sichuan.survey_team_members; liangshan.poor_population.2018; assumption "
                  "survey_liangshan_share"}])
    t = pd.concat([t, survey], ignore_index=True)
    return pd.DataFrame({
        "Ratio": t["ratio"],
        "Value": [number(x, 2) if x < 10 else number(x, 1) for x in t["value"]],
        "Unit": t["unit"],
        "Register rows and tables": t["inputs"],
    })


def exits_table() -> pd.DataFrame:
    """The exit batches with the people who live in them (2020 census)."""
    t = social.exit_batches_with_population()
    return pd.DataFrame({
        "Group": t["group"],
        "Counties": t["counties"].astype(str),
        "Share of the 17 counties (%)": t["county_share"].map(lambda x: f"{x:.0f}"),
        "Residents, 2020 census": t["population_2020"].map(lambda x: number(x)),
        "Share of residents (%)": t["population_share"].map(lambda x: f"{x:.0f}"),
        "Approved on": t["exit_approval_date"].replace("", "—"),
        "Counties named": t["names"],
    })


def final_year_table() -> pd.DataFrame:
    """The last year by the two benchmarks, in persons and per helper."""
    fy = social.final_year()
    rows = [("Every registered household out (roll to zero)", fy["to_zero"],
             fy["to_zero_per_official"], fy["to_zero_per_member"]),
            (f"Incidence below the county threshold ({number(fy['threshold'])}%, applied to "
             "the prefecture's rate)", fy["to_threshold"], fy["to_threshold_per_official"],
             fy["to_threshold_per_member"])]
    return pd.DataFrame({
        "Benchmark of done": [r[0] for r in rows],
        "People to lift out in 2020": [number(round(r[1])) for r in rows],
        "Per official": [number(r[2], 1) for r in rows],
        "Per working-team member": [number(r[3], 1) for r in rows],
    })


def _survey(A: Assumptions) -> float:
    return social.survey_in_liangshan(A.survey_liangshan_share)["staff_per_poor"]


#: The chapter's conclusions that rest on an assumption (its sensitivity table).
#:
#: :meta hide-value:
CONCLUSIONS = (
    Conclusion("ch4.survey_one_in_three", "The survey had at least one member in Liangshan for "
               "every three registered poor people there", _survey, lambda x: x >= 1 / 3,
               ("survey_liangshan_share",), "staff per registered poor person"),
    Conclusion("ch4.survey_one_in_two", "The survey had at least one member in Liangshan for "
               "every two registered poor people there", _survey, lambda x: x >= 1 / 2,
               ("survey_liangshan_share",), "staff per registered poor person"),
)


def survey_words(share: float) -> str:
    """The reading of the survey's scope in words, from the assumed share."""
    if share >= 1:
        return "every member of the survey worked in Liangshan"
    return (f"{share:.0%} of the survey's members worked in Liangshan, the rest elsewhere in "
            "Sichuan")
