"""Checks that a part does not exceed its whole (``bound``): staff and posts, subsets of
households, children, classes and workers, the nesting of the places visited."""
from __future__ import annotations

from collections.abc import Callable

from analysis.domain.audit.core import Check, agreement_at_most, pct, value
from analysis.formatting import number


def bound(check_id: str, description: str, part_ids: list[str], whole_ids: list[str],
          note: Callable[[float, float], str] | None = None) -> Check:
    """The check that the sum of ``part_ids`` does not exceed the sum of ``whole_ids``.

    Args:
        check_id: the check's identifier.
        description: what is tested.
        part_ids: register rows of the part (added up).
        whole_ids: register rows of the whole (added up).
        note: the note from (part, whole); by default the part's share of the whole.
    """
    part = sum(value(p) for p in part_ids)
    whole = sum(value(w) for w in whole_ids)
    text = note(part, whole) if note else f"share {pct(part / whole)}"
    return Check(check_id, "bound", description, (*part_ids, *whole_ids), whole, part, 0.0,
                 agreement_at_most(part, whole), text)


def bounds() -> list[Check]:
    """Parts and wholes the article gives side by side."""
    return [
        bound("butuo.posts_filled",
              "Butuo's township health staff do not exceed the approved posts.",
              ["butuo.township_clinic_staff"], ["butuo.township_clinic_posts"],
              lambda p, w: f"fill rate {pct(p / w)}; {number(w - p)} posts vacant"),
        bound("housing.relocation_within_needed",
              "Homes for resettlement are part of the safe homes still to be built.",
              ["liangshan.relocation_homes_needed"], ["liangshan.safe_homes_needed"],
              lambda p, w: f"resettlement homes are {pct(p / w)} of those still to build"),
        bound("income.county_subsets",
              "Butuo's and Jinyang's low-income households together fit within the "
              "prefecture's.",
              ["butuo.households_income_below_4000", "jinyang.households_income_below_4000"],
              ["liangshan.households_income_below_4000"],
              lambda p, w: f"the two counties hold {pct(p / w)} of these households"),
        bound("migrants.households_remaining",
              "Self-relocated registered households still poor do not exceed all such "
              "households.",
              ["liangshan.spontaneous_migrant_poor_households_remaining"],
              ["liangshan.spontaneous_migrant_poor_households"],
              lambda p, w: f"{pct(p / w)} still poor; {number(w - p)} households have left "
                           "poverty"),
        bound("migrants.persons_remaining",
              "Members of those households still poor do not exceed all registered members.",
              ["liangshan.spontaneous_migrant_poor_population_remaining"],
              ["liangshan.spontaneous_migrant_poor_population"],
              lambda p, w: f"{pct(p / w)} still poor; {number(w - p)} people have left "
                           "poverty"),
        bound("migrants.registered_within_all",
              "Registered-poor self-relocated people do not exceed all self-relocated people "
              "(within and beyond the prefecture).",
              ["liangshan.spontaneous_migrant_poor_population"],
              ["liangshan.spontaneous_migrants_within", "liangshan.spontaneous_migrants_outside"],
              lambda p, w: f"registered poor are {pct(p / w)} of the self-relocated"),
        bound("migrants.within_roll",
              "Self-relocated people still poor are part of the prefecture's registered poor "
              "at the end of 2018.",
              ["liangshan.spontaneous_migrant_poor_population_remaining"],
              ["liangshan.poor_population.2018"],
              lambda p, w: f"{pct(p / w)} of the end-2018 roll; the article's count is of 2019, "
                           "when the roll was smaller still"),
        bound("bricks.capacity_below_demand",
              "Butuo's brick works make fewer bricks a day than its building sites use.",
              ["butuo.brick_capacity"], ["butuo.brick_demand"],
              lambda p, w: f"daily shortfall {number(w - p)} bricks; local works cover "
                           f"{pct(p / w)} of demand"),
        bound("schooling.registered_poor_subset",
              "Out-of-school children from registered poor families are part of all "
              "out-of-school children.",
              ["liangshan.out_of_school_children_registered_poor"],
              ["liangshan.out_of_school_children"]),
        bound("jinyang.large_classes_subset",
              "Jinyang's classes at or above the large-class mark are part of all its classes.",
              ["jinyang.classes_55_plus"], ["jinyang.compulsory_education_classes"],
              lambda p, w: f"large classes are {pct(p / w)} of all classes"),
        bound("zhaizi.extreme_classes_fit",
              "Zhaizi school's largest and smallest classes together fit within its enrolment.",
              ["zhaizi_school.largest_class", "zhaizi_school.smallest_class"],
              ["zhaizi_school.students"],
              lambda p, w: f"{number(w - p)} pupils are in the other classes"),
        bound("kuijiu_group2.within_village",
              "Kuijiu's second villager group is part of the village's households.",
              ["kuijiu_group2.households"], ["kuijiu.households"]),
        bound("labour.poor_migrants_within_transferred",
              "Registered-poor migrant workers of 2018 are part of all labourers transferred "
              "that year.",
              ["liangshan.migrant_workers_registered_poor.2018"],
              ["liangshan.labour_transferred.2018"]),
        bound("officials.teams_within_all",
              "The members of the province's working teams fit within all the officials and "
              "specialists working against poverty in the prefecture.",
              ["sichuan.working_team_members"], ["liangshan.poverty_alleviation_officials"],
              lambda p, w: f"the teams are at least {pct(p / w)} of them, if the count of all "
                           "officials includes the teams, as 'at all levels' suggests"),
    ]


def nesting() -> list[Check]:
    """Places visited: each township visited holds a village visited, each village a home."""
    rows = []
    for check_id, who, (hh, vil, town) in [
            ("trip.nesting", "the author's trip",
             ("trip.households_visited", "trip.villages_visited", "trip.townships_visited")),
            ("teams.nesting", "the two research teams",
             ("trip.research_team_households", "trip.research_team_villages",
              "trip.research_team_townships"))]:
        ok = value(town) <= value(vil) <= value(hh)
        rows.append(Check(
            check_id, "bound", f"On {who}, no more townships than villages and no more "
            "villages than households.", (hh, vil, town), value(vil), value(town), 0.0,
            "the bound holds" if ok else "the bound is broken",
            f"{number(value(hh))} households in {number(value(vil))} villages of "
            f"{number(value(town))} townships: {value(hh) / value(vil):.1f} households a "
            "village"))
    return rows


def kuijiu_group2_people() -> list[Check]:
    """The unregistered households of Kuijiu's second group against the village's non-poor."""
    res, poor, hh = "kuijiu.residents", "kuijiu.poor_population", "kuijiu.households"
    unreg = "kuijiu_group2.non_poor_households"
    non_poor = value(res) - value(poor)
    size = value(res) / value(hh)
    return [Check(
        "kuijiu_group2.non_poor_people", "bound",
        "The unregistered households of Kuijiu's second villager group, at least one person "
        "each, fit among the village's residents who are not poor.", (unreg, res, poor, hh),
        non_poor, value(unreg), 0.0, agreement_at_most(value(unreg), non_poor),
        f"persons; {number(non_poor)} residents are not poor, so these households average at "
        f"most {non_poor / value(unreg):.2f} people, against {size:.2f} for the village as a "
        "whole: they are small households, or some of the village's poor are unregistered")]
