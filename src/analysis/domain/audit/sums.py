"""Checks of exact arithmetic inside the article: parts that add up to a whole (``sum``), a
printed ratio recomputed from its parts (``ratio``), and bands of a schedule that must join
(``range``)."""
from __future__ import annotations

from analysis.data import register
from analysis.domain.audit.core import Check, agreement_at_most, agreement_equal, tolerance, value


def _sum(check_id: str, description: str, parts: list[str], whole: str, unit: str) -> Check:
    total = sum(value(p) for p in parts)
    return Check(check_id, "sum", description, (*parts, whole), value(whole), total, 0.0,
                 agreement_equal(value(whole), total, 0.0), unit)


def sums() -> list[Check]:
    """Parts that the article presents as making up a whole."""
    return [
        _sum("schooling.peak_identity",
             "Children brought back to school plus those still out equal the peak count of "
             "out-of-school children.",
             ["liangshan.out_of_school_children_returned", "liangshan.out_of_school_children"],
             "liangshan.out_of_school_children_peak", "children"),
        _sum("kuijiu_group2.households",
             "In Kuijiu's second villager group, the poor households to be moved plus the "
             "unregistered ones that stay make up the group.",
             ["kuijiu_group2.registered_poor_households", "kuijiu_group2.non_poor_households"],
             "kuijiu_group2.households", "households"),
        _sum("wawu_group.households",
             "In the Wawu villager group, households already moved, those preparing to move "
             "for care and those left on the mountain make up the group.",
             ["wawu_group.poor_households_relocated", "wawu_group.care_households_to_move",
              "wawu_group.households_left_behind"], "wawu_group.households", "households"),
    ]


def ratios() -> list[Check]:
    """Ratios the article prints, recomputed from the counts it also prints."""
    rows = []
    rate, poor, res = "kuijiu.poverty_rate", "kuijiu.poor_population", "kuijiu.residents"
    comp = value(poor) / value(res) * 100.0
    rows.append(Check("kuijiu.poverty_rate", "ratio",
                      "Kuijiu's poverty rate recomputed from its poor and its residents.",
                      (poor, res, rate), value(rate), comp, tolerance(rate),
                      agreement_equal(value(rate), comp, tolerance(rate)),
                      "percent; the printed rate is the quotient rounded to one decimal"))
    per, staff, clinics = ("butuo.medical_workers_per_clinic", "butuo.township_clinic_staff",
                           "butuo.township_clinics")
    comp = value(staff) / value(clinics)
    rows.append(Check("butuo.staff_per_clinic", "ratio",
                      "Butuo's average staff per township health centre recomputed from staff "
                      "and centres.", (staff, clinics, per), value(per), comp, tolerance(per),
                      agreement_equal(value(per), comp, tolerance(per)),
                      "medical workers per clinic"))
    teams, members, counties = ("sichuan.working_teams", "sichuan.working_team_members",
                                "liangshan.deeply_poor_counties")
    comp = value(teams) / value(counties)
    rows.append(Check("working_teams.one_per_county", "ratio",
                      "The province's working teams against the deeply poor counties they were "
                      "sent to: one team per county.", (teams, counties, members), 1.0, comp,
                      0.0, agreement_equal(1.0, comp, 0.0),
                      f"teams per county; each team has over "
                      f"{value(members) / value(teams):,.0f} members on average"))
    return rows


def ranges() -> list[Check]:
    """Bands of a schedule that must join, and a usual range against its maximum."""
    free, band, thr = ("butuo_jinyang.outpatient_free_amount",
                       "butuo_jinyang.outpatient_patient_paid_band",
                       "butuo_jinyang.outpatient_reimbursement_threshold")
    f_band = register.fact(band)
    usual, most = "liangshan.household_land", "liangshan.household_land_max"
    f_usual = register.fact(usual)
    return [
        Check("health.outpatient_bands_join_low", "range",
              "The free outpatient amount ends where the patient-paid band begins.",
              (free, band), f_band.value, value(free), 0.0,
              agreement_equal(f_band.value, value(free), 0.0), "yuan"),
        Check("health.outpatient_bands_join_high", "range",
              "The patient-paid band ends where reimbursement begins.", (band, thr),
              f_band.value_max, value(thr), 0.0,
              agreement_equal(f_band.value_max, value(thr), 0.0), "yuan"),
        Check("land.usual_within_maximum", "range",
              "The usual land holding of a rural household ends below the largest holdings.",
              (usual, most), value(most), range_max(f_usual), 0.0,
              agreement_at_most(range_max(f_usual), value(most)),
              "hectares; the usual holding runs from a third to a half of a hectare, the "
              "largest reach two thirds"),
    ]


def range_max(fact) -> float:
    """The upper end of a register row that is a range (its ``value_max``).

    Raises:
        ValueError: the row is not a range.
    """
    if not fact.is_range:
        raise ValueError(f"register row {fact.fact_id} is not a range (no value_max)")
    return float(fact.value_max)
