"""Chapter 3 (section III of the article): the numbers its prose shows, one function per section.

Each function takes the chapter's :class:`~analysis.domain.assumptions.Assumptions` object
``A`` and returns :class:`~analysis.chapters.values.Values`: the lookups, label matching and
arithmetic happen here (tested in ``tests/chapters/test_ch3.py`` with hand-worked numbers), so
that the chapter only narrates, calls and glues. Keys start with ``ch3_``.

- :func:`health`: Butuo's township health centres, visits per worker and per resident, the
  national rates beside them, the Wadu clinic;
- :func:`schools`: Jinyang's class sizes, Zhaizi's bounds, the assumed norms;
- :func:`relocation`: the cost of the relocation gap, per household and per person; the
  villager groups; Jinyang's mostly relocated villages;
- :func:`migrants`: spontaneous migrants, against the census bases;
- :func:`exercises`: the values the exercises' solutions compare (against the defaults);
- :data:`CONCLUSIONS`, :data:`NOT_SWEPT`, :func:`sensitivity_summary`: the chapter's
  conclusions, the assumption none rests on, how many conclusions flip.

The chapter's tables for readers are built in :mod:`analysis.chapters.ch3_tables`. (Longer
than 350 lines: one module per chapter's values, so that its readers find them in one place.)
"""
from __future__ import annotations

from analysis.chapters.values import Values
from analysis.data import register
from analysis.domain import assumptions, census, clinics, policy, sensitivity, social
from analysis.domain import schools as _schools
from analysis.domain.assumptions import Assumptions
from analysis.domain.sensitivity import Conclusion

#: An example house cost for an exercise, in yuan; not a figure of the article, which gives none.
EXAMPLE_HOUSE_COST = 100_000.0
#: The working year (days) that exercise ex-ch3-working-days suggests.
EXERCISE_WORKING_DAYS = 300


def health(A: Assumptions) -> Values:
    """Butuo's health care: staffing, load per worker, visits per resident (and China's)."""
    v = Values()
    vc = clinics.visits_change()
    v.add("ch3_staff_per_clinic", clinics.staff_per_clinic(),
          "payroll staff per township health centre in Butuo (workers)",
          clinics.staff_per_clinic)
    v.add("ch3_posts_per_clinic", clinics.posts_per_clinic(),
          "authorised posts per township health centre (posts)", clinics.posts_per_clinic)
    v.add("ch3_fill_rate", clinics.post_fill_rate(),
          "share of the authorised posts that are filled", clinics.post_fill_rate)
    v.add("ch3_vacant", clinics.vacant_posts(), "authorised posts left unfilled",
          clinics.vacant_posts)
    for year, suffix in ((2018, ""), (2016, "_2016")):
        v.add(f"ch3_visits_per_worker{suffix}", clinics.visits_per_worker(year),
              f"visits per payroll worker in {year} (visits per year)",
              clinics.visits_per_worker)
        v.add(f"ch3_visits_per_day{suffix}",
              clinics.visits_per_worker_day(year, A.clinic_working_days),
              f"visits per worker per working day in {year}, for the assumed working year",
              clinics.visits_per_worker_day)
    v.add("ch3_working_days", A.clinic_working_days,
          "assumed working days of a clinic worker in a year (assumption clinic_working_days)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch3_working_year", clinics.working_year_words(A.clinic_working_days),
          "the assumed working year in words, from its length", clinics.working_year_words)
    for reading, key in ((True, "a"), (False, "b")):
        v.add(f"ch3_wadu_staff_{key}", clinics.wadu_staff(reading),
              "Wadu clinic staff, rural doctors " + ("among" if reading else "on top of")
              + " the medical workers (persons)", clinics.wadu_staff)
        v.add(f"ch3_wadu_{key}", clinics.wadu_patients_per_worker(reading),
              "Wadu patients per staff member per month, reading " + key.upper(),
              clinics.wadu_patients_per_worker)
    v.add("ch3_fall", vc["fall"], "fall in visits, 2016 to 2018 (visits per year)",
          clinics.visits_change)
    v.add("ch3_fall_share", vc["fall_share"], "fall in visits as a share of 2016",
          clinics.visits_change)
    v.add("ch3_annual_change", -vc["annual_change"],
          "compound yearly fall in visits over the two years (share per year)",
          clinics.visits_change)
    v.add("ch3_gap_to_article", vc["gap_to_article"],
          "percentage points by which the fall falls short of one half", clinics.visits_change)
    small, large = census.population_bounds(census.BUTUO)
    v.add("ch3_pop_small", small, "Butuo's smaller census count, 2010 or 2020 (persons)",
          census.population_bounds)
    v.add("ch3_pop_large", large, "Butuo's larger census count, 2010 or 2020 (persons)",
          census.population_bounds)
    for year in (2016, 2018):
        lo, hi = clinics.visits_per_resident_bounds(year)
        v.add(f"ch3_per_res_{year}_lo", lo, f"Butuo's grassroots visits per resident in {year},"
              " over the larger census count", clinics.visits_per_resident_bounds)
        v.add(f"ch3_per_res_{year}_hi", hi, f"Butuo's grassroots visits per resident in {year},"
              " over the smaller census count", clinics.visits_per_resident_bounds)
        v.add(f"ch3_nat_{year}", clinics.national_visits_per_resident(year),
              f"China's visits to all medical institutions per resident in {year}",
              clinics.national_visits_per_resident)
    v.add("ch3_nat_grass_2016", clinics.national_grassroots_visits_per_resident(2016),
          "China's visits to grassroots institutions per resident in 2016 (derived)",
          clinics.national_grassroots_visits_per_resident)
    v.add("ch3_grass_over_butuo_2016", clinics.national_over_butuo(2016, grassroots=True),
          "China's grassroots visits per resident over Butuo's (high bound), 2016 (times)",
          clinics.national_over_butuo)
    v.add("ch3_nat_over_butuo_2018", clinics.national_over_butuo(2018),
          "China's visits per resident (all institutions) over Butuo's (high bound), 2018",
          clinics.national_over_butuo)
    return v


def schools(A: Assumptions) -> Values:
    """Jinyang's classes and Zhaizi's school, against the assumed norms."""
    v = Values()
    norm_p = A.class_norm_primary
    v.add("ch3_large_share", _schools.large_class_share(),
          "share of Jinyang's classes at or above the article's cut-off",
          _schools.large_class_share)
    v.add("ch3_other_classes", _schools.other_classes(),
          "Jinyang's classes below the cut-off", _schools.other_classes)
    v.add("ch3_max_over_cut",
          _schools.max_class_over(register.value("jinyang.large_class_threshold")),
          "largest class over the article's cut-off (times)", _schools.max_class_over)
    v.add("ch3_norm_primary", norm_p, "assumed class-size norm, primary (pupils)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch3_norm_junior", A.class_norm_junior_secondary,
          "assumed class-size norm, junior secondary (pupils)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch3_max_over_norm", _schools.max_class_over(norm_p),
          "largest class over the assumed primary norm (times)", _schools.max_class_over)
    v.add("ch3_national_large", _schools.NATIONAL_LARGE_CLASS_MIN,
          "smallest 'large class' of the State Council's definition (pupils)",
          "analysis.domain.schools.NATIONAL_LARGE_CLASS_MIN")
    lo, hi = _schools.zhaizi_class_count_bounds()
    v.add("ch3_zhaizi_classes_lo", lo, "fewest classes Zhaizi can have",
          _schools.zhaizi_class_count_bounds)
    v.add("ch3_zhaizi_classes_hi", hi, "most classes Zhaizi can have",
          _schools.zhaizi_class_count_bounds)
    mlo, mhi = _schools.zhaizi_mean_class_bounds()
    v.add("ch3_zhaizi_mean_lo", mlo, "lowest possible mean class at Zhaizi (pupils)",
          _schools.zhaizi_mean_class_bounds)
    v.add("ch3_zhaizi_mean_hi", mhi, "highest possible mean class at Zhaizi (pupils)",
          _schools.zhaizi_mean_class_bounds)
    v.add("ch3_grades", A.primary_grades, "assumed grades of a primary school",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch3_grades_words", _schools.grades_words(A.primary_grades),
          "the assumed grades in words", _schools.grades_words)
    v.add("ch3_zhaizi_per_grade",
          _schools.zhaizi_mean_if_one_class_per_grade(A.primary_grades),
          "Zhaizi's mean class with one class per grade (pupils)",
          _schools.zhaizi_mean_if_one_class_per_grade)
    v.add("ch3_zhaizi_over_norm",
          _schools.zhaizi_mean_over_norm(A.primary_grades, norm_p),
          "that mean as a share of the assumed primary norm",
          _schools.zhaizi_mean_over_norm)
    blo, bhi = _schools.beds_per_boarder()
    v.add("ch3_bed_lo", blo, "beds per boarder, at three to a bed",
          _schools.beds_per_boarder)
    v.add("ch3_bed_hi", bhi, "beds per boarder, at two to a bed",
          _schools.beds_per_boarder)
    return v


def relocation(A: Assumptions) -> Values:
    """The relocation rules: the house costs behind the stated gaps, per household and per
    person; the villager groups; Jinyang's mostly relocated villages."""
    v = Values()
    gaps = policy.gap_costs().set_index(["fact_id", "subsidy_yuan"])["house_cost_yuan"]
    s_lo, s_hi = policy.subsidy_range()
    for fid, key in (("liangshan.relocation_subsidy_gap_max", "max"),
                     ("liangshan.relocation_subsidy_gap", "min")):
        for sub, end in ((s_lo, "lo"), (s_hi, "hi")):
            v.add(f"ch3_cost_gap_{key}_{end}", gaps[(fid, sub)],
                  f"house cost (yuan) at which the {'largest' if key == 'max' else 'smallest'}"
                  f" stated gap is reached, with the {'low' if end == 'lo' else 'high'} grant",
                  policy.gap_costs)
    shares = policy.group_moving_shares()
    for group, key in (("Kuijiu village, group 2 (Butuo)", "kuijiu"),
                       ("Wawu village group (Jinyang)", "wawu")):
        v.add(f"ch3_{key}_moving", shares[group], f"share of the {key.title()} group's "
              "households that leave the old site", policy.group_moving_shares)
    v.add("ch3_officials_per_village", policy.jinyang_official_households_per_village(),
          "village-official households per mostly relocated Jinyang village",
          policy.jinyang_official_households_per_village)
    v.add("ch3_household_size", A.household_size,
          "assumed people per relocated household (assumption household_size)",
          "analysis.domain.assumptions.Assumptions")
    for code, name in ((census.BUTUO, "butuo"), (census.JINYANG, "jinyang"),
                       (census.LIANGSHAN, "liangshan")):
        for year in census.YEARS:
            v.add(f"ch3_hh_{name}_{year}", census.household_size(code, year),
                  f"mean family household of {name.title()}, {year} census (persons)",
                  census.household_size)
    contribution = register.value("liangshan.relocation_contribution_registered_poor")
    h = A.household_size
    v.add("ch3_contribution_pp", policy.per_person(contribution, h),
          "registered-poor household's payment per person (yuan)", policy.per_person)
    v.add("ch3_grant_lo_pp", policy.per_person(s_lo, h), "low grant per person (yuan)",
          policy.per_person)
    v.add("ch3_grant_hi_pp", policy.per_person(s_hi, h), "high grant per person (yuan)",
          policy.per_person)
    for fid, key in (("liangshan.relocation_subsidy_gap", "min"),
                     ("liangshan.relocation_subsidy_gap_max", "max")):
        v.add(f"ch3_gap_{key}_pp", policy.per_person(register.value(fid), h),
              f"the {'smallest' if key == 'min' else 'largest'} stated gap per person (yuan)",
              policy.per_person)
    outlay = policy.outlay_at_gap()
    v.add("ch3_outlay_at_gap", outlay, "own outlay of a household off the poverty roll at "
          "the house where the gap first reaches tens of thousands (yuan)", policy.outlay_at_gap)
    v.add("ch3_outlay_years", policy.income_years(outlay, h),
          "that outlay in years of the household's income at the income line",
          policy.income_years)
    v.add("ch3_outlay_years_one", policy.income_years(outlay, 1.0),
          "the same outlay over one person's yearly income at the line (the per-household "
          "misreading)", policy.income_years)
    v.add("ch3_contribution_years", policy.income_years(contribution, h),
          "the registered-poor payment in years of the household's income at the line",
          policy.income_years)
    v.add("ch3_size_two_years", policy.household_size_for_income_years(outlay, 2.0),
          "household size above which that outlay is less than two years' income (persons)",
          policy.household_size_for_income_years)
    return v


def migrants(A: Assumptions) -> Values:  # noqa: ARG001 - every section takes the assumptions
    """Spontaneous migrants and the registered poor among them, with the census bases."""
    v = Values()
    mr = social.migrant_ratios()
    texts = {"total": "people who moved on their own (persons)",
             "outside_share": "share of them who left the prefecture",
             "persons_per_household": "people per registered migrant household",
             "remaining_persons_per_household": "people per household not yet out of poverty",
             "remaining_share_persons": "share of the registered people not yet out",
             "remaining_share_households": "share of the registered households not yet out",
             "registered_share_of_movers": "registered migrants over all movers (persons)"}
    keys = {"total": "ch3_migrants_total", "outside_share": "ch3_outside_share",
            "persons_per_household": "ch3_pp_hh",
            "remaining_persons_per_household": "ch3_pp_hh_remaining",
            "remaining_share_persons": "ch3_remaining_share_p",
            "remaining_share_households": "ch3_remaining_share_h",
            "registered_share_of_movers": "ch3_registered_share"}
    for name, key in keys.items():
        v.add(key, mr[name], texts[name], social.migrant_ratios)
    m = social.migrants().set_index("measure").loc["of whom out of poverty"]
    v.add("ch3_out_persons", float(m["persons"]), "registered migrants out of poverty (persons)",
          social.migrants)
    v.add("ch3_out_households", float(m["households"]),
          "registered migrant households out of poverty", social.migrants)
    rates = social.migrant_rates()
    v.add("ch3_residents_2020", rates["residents"], "Liangshan's residents, 2020 census",
          social.migrant_rates)
    v.add("ch3_households_2020", rates["households"],
          "Liangshan's family households, 2020 census", social.migrant_rates)
    v.add("ch3_movers_share_res", rates["movers_share_of_residents"],
          "all movers over Liangshan's 2020 residents", social.migrant_rates)
    v.add("ch3_within_share_res", rates["within_share_of_residents"],
          "movers within the prefecture over its 2020 residents", social.migrant_rates)
    v.add("ch3_reg_hh_share", rates["registered_households_share"],
          "registered migrant households over Liangshan's 2020 family households",
          social.migrant_rates)
    return v


def exercises(A: Assumptions) -> Values:
    """What the solutions compare: the chapter's values against the registry's defaults."""
    v = Values()
    days, default_days = A.clinic_working_days, assumptions.default("clinic_working_days")
    at_a = clinics.visits_per_worker_day(2018, days)
    at_default = clinics.visits_per_worker_day(2018, default_days)
    v.add("ch3_ex_days", days, "the working year in force (days)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch3_ex_days_default", default_days, "the default working year (days)",
          assumptions.default)
    v.add("ch3_ex_week", clinics.working_year_words(days), "the working year in force, in words",
          clinics.working_year_words)
    v.add("ch3_ex_week_default", clinics.working_year_words(default_days),
          "the default working year, in words", clinics.working_year_words)
    v.add("ch3_ex_per_day", at_a, "visits per worker-day in 2018, working year in force",
          clinics.visits_per_worker_day)
    v.add("ch3_ex_per_day_default", at_default,
          "visits per worker-day in 2018, default working year", clinics.visits_per_worker_day)
    v.add("ch3_ex_change", abs(at_a / at_default - 1.0),
          "size of the change of the load from the default (share)",
          clinics.visits_per_worker_day)
    v.add("ch3_ex_days_suggested", EXERCISE_WORKING_DAYS, "the working year the exercise "
          "suggests (days)", "analysis.chapters.ch3.EXERCISE_WORKING_DAYS")
    v.add("ch3_ex_per_day_suggested", clinics.visits_per_worker_day(2018, EXERCISE_WORKING_DAYS),
          "visits per worker-day in 2018 at that working year", clinics.visits_per_worker_day)
    v.add("ch3_ex_direction", "lighter" if at_a < at_default else
          "heavier" if at_a > at_default else "the same",
          "whether the load is lighter or heavier than with the default", "analysis.chapters.ch3"
          ".exercises")
    house = EXAMPLE_HOUSE_COST
    s_lo, s_hi = policy.subsidy_range()
    v.add("ch3_ex_house", house, "an example house cost (yuan), not from the article",
          "analysis.chapters.ch3.EXAMPLE_HOUSE_COST")
    v.add("ch3_ex_poor_pays", policy.household_outlay(house, True),
          "what a registered-poor household pays for it (yuan)", policy.household_outlay)
    for sub, end in ((s_lo, "lo"), (s_hi, "hi")):
        v.add(f"ch3_ex_other_{end}", policy.household_outlay(house, False, sub),
              f"what another household pays, {'low' if end == 'lo' else 'high'} grant (yuan)",
              policy.household_outlay)
        v.add(f"ch3_ex_gap_{end}", policy.subsidy_gap(house, sub),
              f"the gap in support, {'low' if end == 'lo' else 'high'} grant (yuan)",
              policy.subsidy_gap)
    size, default_size = A.household_size, assumptions.default("household_size")
    v.add("ch3_ex_size", size, "the household size in force (persons)",
          "analysis.domain.assumptions.Assumptions")
    v.add("ch3_ex_size_default", default_size, "the default household size (persons)",
          assumptions.default)
    outlay = policy.outlay_at_gap()
    v.add("ch3_ex_years", policy.income_years(outlay, size),
          "outlay in years of income, household size in force", policy.income_years)
    high_size = assumptions.get("household_size").high
    v.add("ch3_ex_size_high", high_size, "the household size the exercise suggests (the high "
          "end of the range, persons)", assumptions.get)
    v.add("ch3_ex_years_high", policy.income_years(outlay, high_size),
          "outlay in years of income at that household size", policy.income_years)
    v.add("ch3_ex_years_default", policy.income_years(outlay, default_size),
          "outlay in years of income, default household size", policy.income_years)
    return v


# ----------------------------------------------------------------------------- sensitivity


#: The chapter's conclusions that rest on an assumption, collected by Appendix B
#: (:func:`analysis.chapters.book_sensitivity.collect`) as every chapter's are.
#:
#: :meta hide-value:
CONCLUSIONS = (
    Conclusion("ch3.load_below_one",
               "Township staff saw fewer than one visit per worker per working day (2018)",
               lambda A: clinics.visits_per_worker_day(2018, A.clinic_working_days),
               lambda x: x < 1.0, ("clinic_working_days",), "visits per worker-day"),
    Conclusion("ch3.largest_class_twice_norm",
               "Jinyang's largest class is more than twice the primary norm",
               lambda A: _schools.max_class_over(A.class_norm_primary),
               lambda x: x > 2.0, ("class_norm_primary",), "times the norm"),
    Conclusion("ch3.zhaizi_under_half_norm",
               "With one class per grade, Zhaizi's mean class is under half the norm",
               lambda A: _schools.zhaizi_mean_over_norm(A.primary_grades, A.class_norm_primary),
               lambda x: x < 0.5, ("primary_grades", "class_norm_primary"),
               "share of the norm"),
    Conclusion("ch3.contribution_under_a_year",
               "A registered-poor household's payment is less than a year of its income "
               "at the income line",
               lambda A: policy.income_years(register.value(
                   "liangshan.relocation_contribution_registered_poor"), A.household_size),
               lambda x: x < 1.0, ("household_size",), "years of income"),
    Conclusion("ch3.outlay_over_two_years",
               "Off the poverty roll, the outlay where the gap reaches tens of thousands "
               "exceeds two years of income at the line",
               lambda A: policy.income_years(policy.outlay_at_gap(), A.household_size),
               lambda x: x > 2.0, ("household_size",), "years of income"),
)

#: Assumptions of the chapter that no conclusion rests on, each with the reason.
NOT_SWEPT = {"class_norm_junior_secondary": (
    "drawn as a reference line in the schools figure; the chapter sets the largest class "
    "against the primary norm, the stricter one, so no conclusion rests on this norm")}


def sensitivity_summary() -> Values:
    """How many of the chapter's conclusions flip, and where the one about outlays does."""
    v = Values()
    sweep = sensitivity.table(list(CONCLUSIONS))
    v.add("ch3_n_conclusions", len(CONCLUSIONS), "conclusions tested",
          "analysis.chapters.ch3.CONCLUSIONS")
    v.add("ch3_n_flips", int(sweep.groupby("conclusion")["flips"].any().sum()),
          "conclusions that flip over some assumption's range", sensitivity.table)
    return v
