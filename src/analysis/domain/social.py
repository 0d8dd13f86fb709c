"""Spontaneous migrants (section III) and the mobilisation of the final push (section IV).

Register rows used: ``liangshan.spontaneous_migrants_within``,
``liangshan.spontaneous_migrants_outside``, ``liangshan.spontaneous_migrant_poor_households``,
``liangshan.spontaneous_migrant_poor_population``,
``liangshan.spontaneous_migrant_poor_households_remaining``,
``liangshan.spontaneous_migrant_poor_population_remaining`` (section III, paragraph 32);
``sichuan.liangshan_policies``, ``sichuan.liangshan_policy_categories``,
``sichuan.working_teams``, ``sichuan.working_team_members``, ``liangshan.deeply_poor_counties``,
``sichuan.survey_team_members``, ``sichuan.survey_duration`` (section IV, paragraph 36),
``liangshan.poverty_alleviation_officials`` (paragraph 42) and, from section I,
``liangshan.poor_population.2018`` (registered poor at the end of 2018).

Context: the registered-poor series of :func:`analysis.data.context.poverty_sichuan_liangshan`
(the poverty roll, an administrative list, not the NBS survey) gives Liangshan's remaining poor
at the end of
2019 and Sichuan's at the end of 2018.

Caveats: the article does not say whether the registered-poor migrants belong to the within or
the outside group, nor whether the survey of paragraph 36 covered Liangshan alone; the survey
staff are therefore also set against Sichuan's registered poor.
"""
from __future__ import annotations

import pandas as pd

from analysis.data import context, register
from analysis.domain import assumptions, census, counties, roll, trends

#: Data files read here (globs in data/); a chapter importing this module is
#: re-executed when one of them changes (see liangshan_book.dependencies).
DATA_FILES = ("facts.csv", "datapackage.json", "context/*")


def migrants() -> pd.DataFrame:
    """Spontaneous migrants and the registered poor among them (tidy).

    Columns ``measure``, ``persons``, ``households`` (or <NA> where the article gives none),
    ``fact_ids``. Rows: moved within the prefecture, moved outside, all movers, registered poor,
    of whom out of poverty, of whom not yet out.
    """
    within = register.value("liangshan.spontaneous_migrants_within")
    outside = register.value("liangshan.spontaneous_migrants_outside")
    poor_p = register.value("liangshan.spontaneous_migrant_poor_population")
    poor_h = register.value("liangshan.spontaneous_migrant_poor_households")
    rem_p = register.value("liangshan.spontaneous_migrant_poor_population_remaining")
    rem_h = register.value("liangshan.spontaneous_migrant_poor_households_remaining")
    if rem_p > poor_p or rem_h > poor_h:
        raise ValueError("more migrants still poor than registered poor: check the register")
    rows = [
        ("moved within Liangshan", within, None, "liangshan.spontaneous_migrants_within"),
        ("moved outside Liangshan", outside, None, "liangshan.spontaneous_migrants_outside"),
        ("all spontaneous movers", within + outside, None,
         "liangshan.spontaneous_migrants_within; liangshan.spontaneous_migrants_outside"),
        ("registered poor among them", poor_p, poor_h,
         "liangshan.spontaneous_migrant_poor_population; "
         "liangshan.spontaneous_migrant_poor_households"),
        ("of whom out of poverty", poor_p - rem_p, poor_h - rem_h,
         "derived: registered poor minus not yet out"),
        ("of whom not yet out of poverty", rem_p, rem_h,
         "liangshan.spontaneous_migrant_poor_population_remaining; "
         "liangshan.spontaneous_migrant_poor_households_remaining"),
    ]
    out = pd.DataFrame(rows, columns=["measure", "persons", "households", "fact_ids"])
    out["households"] = out["households"].astype("Float64")
    return out


def migrant_ratios() -> dict[str, float]:
    """Ratios of the migrant figures.

    Returns:
        ``total`` (persons), ``outside_share`` (0-1 of all movers),
        ``persons_per_household`` and ``remaining_persons_per_household`` (persons per
        household), ``remaining_share_persons`` and ``remaining_share_households`` (0-1 of the
        registered poor not yet out), ``registered_share_of_movers`` (0-1; an upper-bound style
        comparison, as the article does not say the registered poor are all among the movers
        counted).
    """
    m = migrants().set_index("measure")
    total = m.loc["all spontaneous movers", "persons"]
    poor = m.loc["registered poor among them"]
    rem = m.loc["of whom not yet out of poverty"]
    return {
        "total": float(total),
        "outside_share": float(m.loc["moved outside Liangshan", "persons"] / total),
        "persons_per_household": float(poor["persons"] / poor["households"]),
        "remaining_persons_per_household": float(rem["persons"] / rem["households"]),
        "remaining_share_persons": float(rem["persons"] / poor["persons"]),
        "remaining_share_households": float(rem["households"] / poor["households"]),
        "registered_share_of_movers": float(poor["persons"] / total),
    }


def migrant_rates(census_year: str = "2020") -> dict[str, float]:
    """The migrant counts as shares of Liangshan's census bases (0-1).

    The article's counts are of 2019; the nearest census is that of 2020 (1 November). People
    who moved within the prefecture are among its residents; those who left it are not, so the
    shares of persons are orders of magnitude, not parts of a whole.

    Returns:
        ``movers_share_of_residents`` (all spontaneous movers over the resident population),
        ``within_share_of_residents`` (movers within the prefecture over it), and
        ``registered_households_share`` (migrant households put on the poverty roll over the
        prefecture's family households), with ``residents`` (persons) and ``households``
        (households), the bases.
    """
    residents = census.population(census.LIANGSHAN, census_year)
    households = census.households(census.LIANGSHAN, census_year)
    m = migrants().set_index("measure")
    return {
        "movers_share_of_residents": float(m.loc["all spontaneous movers", "persons"]
                                           / residents),
        "within_share_of_residents": float(m.loc["moved within Liangshan", "persons"]
                                           / residents),
        "registered_households_share": float(m.loc["registered poor among them", "households"]
                                             / households),
        "residents": residents,
        "households": households,
    }


def remaining_poor() -> pd.DataFrame:
    """Registered poor still to be lifted out (persons), with where each number comes from.

    Rows: Liangshan end-2018 (register row ``liangshan.poor_population.2018``), Liangshan
    end-2019 and Sichuan end-2018 (context table poverty_sichuan_liangshan.csv, primary rows).
    Columns ``geography``, ``year``, ``persons``, ``source`` and ``source_id`` (the context
    source of a context number, as listed in Appendix C; ``article`` for the register row).
    """
    ctx = context.poverty_sichuan_liangshan(primary_only=True)

    def context_row(geography, year):
        def take(column):
            return context.series(ctx, "registered_poor_population", column=column,
                                  geography=geography, period="end of year").loc[year]
        return (geography, year, float(take("value")), "context: poverty_sichuan_liangshan.csv",
                str(take("source_id")))

    rows = [("Liangshan", 2018, register.value("liangshan.poor_population.2018"),
             "register: liangshan.poor_population.2018", "article"),
            context_row("Liangshan", 2019), context_row("Sichuan", 2018)]
    return pd.DataFrame(rows, columns=["geography", "year", "persons", "source", "source_id"])


def mobilisation_ratios() -> pd.DataFrame:
    """How the people mobilised compare with each other and with the remaining poor (tidy).

    Columns ``ratio``, ``value``, ``unit``, ``inputs`` (fact ids and context tables).
    """
    teams = register.value("sichuan.working_teams")
    members = register.value("sichuan.working_team_members")
    counties = register.value("liangshan.deeply_poor_counties")
    survey = register.value("sichuan.survey_team_members")
    officials = register.value("liangshan.poverty_alleviation_officials")
    policies = register.value("sichuan.liangshan_policies")
    categories = register.value("sichuan.liangshan_policy_categories")
    rp = remaining_poor().set_index(["geography", "year"])["persons"]
    ctx = "context poverty_sichuan_liangshan.csv"
    rows = [
        ("working-team members per team", members / teams, "persons per team",
         "sichuan.working_team_members; sichuan.working_teams"),
        ("working-team members per deeply poor county", members / counties,
         "persons per county", "sichuan.working_team_members; liangshan.deeply_poor_counties"),
        ("remaining poor per working-team member, end-2018", rp[("Liangshan", 2018)] / members,
         "persons per member", "liangshan.poor_population.2018; sichuan.working_team_members"),
        ("remaining poor per official, end-2018", rp[("Liangshan", 2018)] / officials,
         "persons per official",
         "liangshan.poor_population.2018; liangshan.poverty_alleviation_officials"),
        ("remaining poor per official, end-2019", rp[("Liangshan", 2019)] / officials,
         "persons per official", f"{ctx}; liangshan.poverty_alleviation_officials"),
        ("survey staff per remaining poor person, Liangshan end-2018",
         survey / rp[("Liangshan", 2018)], "staff per person",
         "sichuan.survey_team_members; liangshan.poor_population.2018"),
        ("survey staff per remaining poor person, Sichuan end-2018",
         survey / rp[("Sichuan", 2018)], "staff per person",
         f"sichuan.survey_team_members; {ctx}"),
        ("policies per category", policies / categories, "policies per category",
         "sichuan.liangshan_policies; sichuan.liangshan_policy_categories"),
    ]
    return pd.DataFrame(rows, columns=["ratio", "value", "unit", "inputs"])


def ratio(name: str) -> float:
    """One value of :func:`mobilisation_ratios` by its ``ratio`` label.

    Raises:
        KeyError: no such ratio (the message lists the labels).
    """
    frame = mobilisation_ratios().set_index("ratio")
    if name not in frame.index:
        raise KeyError(f"no ratio {name!r}; choose one of {list(frame.index)}")
    return float(frame.loc[name, "value"])


def exit_batches() -> pd.DataFrame:
    """Liangshan's national poverty counties and when each left the list (context, not article).

    From :func:`analysis.domain.counties.county_table` (context table poverty_county_status.csv: the
    provincial exit notices). Columns ``county`` (pinyin), ``adcode``, ``exit_batch_year``,
    ``exit_approval_date`` (ISO date text), sorted by date then name.

    Raises:
        DataError: the number of national poverty counties differs from the article's count of
            deeply poor counties (``liangshan.deeply_poor_counties``).
    """
    from analysis.data.problems import DataError, Problem

    ct = counties.county_table()
    poor = ct[ct["national_poverty_county"].fillna(False).astype(bool)]
    n_article = register.value("liangshan.deeply_poor_counties")
    if len(poor) != n_article:
        raise DataError(Problem("context/poverty_county_status.csv", None,
                                "national_poverty_county", f"{len(poor)} poverty counties",
                                f"{n_article:g}, the deeply poor counties of the register"))
    out = pd.DataFrame({
        "county": poor["name_pinyin"].astype(str).to_numpy(),
        "adcode": poor["adcode"].astype(str).to_numpy() if "adcode" in poor else
        poor.index.astype(str),
        "exit_batch_year": poor["exit_batch_year"].astype(int).to_numpy(),
        "exit_approval_date": pd.to_datetime(poor["exit_approval_date"]).dt.strftime(
            "%Y-%m-%d").to_numpy(),
    })
    return out.sort_values(["exit_approval_date", "county"]).reset_index(drop=True)


def survey_in_liangshan(survey_liangshan_share: float | None = None) -> dict[str, float]:
    """The door-to-door survey's staff in Liangshan, and how they compare with the remaining
    poor there, for an assumed share of the staff (the article does not state the survey's
    scope).

    Args:
        survey_liangshan_share: share of the survey's staff in Liangshan (None: the default
            of the assumption ``survey_liangshan_share``).

    Returns:
        ``share``, ``staff`` (all), ``staff_liangshan``, ``poor`` (Liangshan end-2018,
        persons), ``staff_per_poor``, ``poor_per_staff``, ``liangshan_share_of_sichuan_poor``
        (0-1, end-2018: the low end of the assumption's range rests on it).
    """
    share = assumptions.default("survey_liangshan_share") if survey_liangshan_share is None \
        else assumptions.get("survey_liangshan_share").check(survey_liangshan_share)
    rp = remaining_poor().set_index(["geography", "year"])["persons"]
    staff = register.value("sichuan.survey_team_members")
    poor = rp[("Liangshan", 2018)]
    return {"share": share, "staff": staff, "staff_liangshan": share * staff, "poor": poor,
            "staff_per_poor": share * staff / poor, "poor_per_staff": poor / (share * staff),
            "liangshan_share_of_sichuan_poor": poor / rp[("Sichuan", 2018)]}


def final_year() -> dict[str, float]:
    """What was left for 2020, the last year, by the two benchmarks of "done", and per helper.

    The stock and rate at the end of 2019 come from the poverty-roll series (context); the
    county benchmark applies Sichuan's county exit threshold to the prefecture's rate (a lower
    bound of what its counties needed, see :func:`analysis.domain.roll.benchmarks`).

    Returns:
        ``stock``, ``rate`` (percent), ``base``, ``threshold`` (percent), ``threshold_stock``,
        ``to_zero``, ``to_threshold`` (persons); ``officials``, ``team_members``;
        ``to_zero_per_official``, ``to_threshold_per_official``,
        ``to_zero_per_member``, ``to_threshold_per_member``; ``counties_left``,
        ``villages_left`` (at the start of 2020).
    """
    stock, _ = trends.register_value("Liangshan", 2019, "registered_poor_population")
    rate, _ = trends.register_value("Liangshan", 2019, "poverty_incidence")
    b = roll.benchmarks(stock, rate, trends.DEADLINE_YEAR - 2019)
    officials = register.value("liangshan.poverty_alleviation_officials")
    members = register.value("sichuan.working_team_members")
    ctx = context.poverty_sichuan_liangshan(primary_only=True)

    def start_2020(indicator):
        return float(context.series(ctx, indicator, geography="Liangshan",
                                    period="start of year").loc[2020])
    return {"stock": stock, "rate": rate, "base": b["base"], "threshold": b["threshold"],
            "threshold_stock": b["threshold_stock"], "to_zero": b["to_zero"],
            "to_threshold": b["to_threshold"], "officials": officials, "team_members": members,
            "to_zero_per_official": b["to_zero"] / officials,
            "to_threshold_per_official": b["to_threshold"] / officials,
            "to_zero_per_member": b["to_zero"] / members,
            "to_threshold_per_member": b["to_threshold"] / members,
            "counties_left": start_2020("remaining_poor_counties"),
            "villages_left": start_2020("remaining_poor_villages")}


def exit_batches_with_population() -> pd.DataFrame:
    """The exit batches of Liangshan's poverty counties with their populations: the counts
    of counties set against the people who live in them.

    Returns:
        One row per batch and a row for the counties that were never on the list, with
        columns group,
        counties (number), names, population_2020 (census, persons), population_share (percent
        of the prefecture's residents), county_share (percent of the 17 counties),
        exit_approval_date (ISO text, or empty).
    """
    ct = counties.county_table()
    ex = exit_batches()
    total_pop = ct["pop_2020"].sum()
    groups = [(f"exited, {year} batch", ex[ex["exit_batch_year"] == year])
              for year in sorted(ex["exit_batch_year"].unique())]
    rows = []
    for label, sel in groups:
        pop = ct.set_index("adcode").loc[sel["adcode"], "pop_2020"].sum()
        rows.append({"group": label, "counties": len(sel), "names": ", ".join(sel["county"]),
                     "population_2020": float(pop), "population_share": pop / total_pop * 100,
                     "county_share": len(sel) / len(ct) * 100,
                     "exit_approval_date": sel["exit_approval_date"].iloc[0]})
    never = ct[~ct["adcode"].isin(ex["adcode"])]
    rows.append({"group": "never a national poverty county", "counties": len(never),
                 "names": ", ".join(never["name_pinyin"].astype(str)),
                 "population_2020": float(never["pop_2020"].sum()),
                 "population_share": never["pop_2020"].sum() / total_pop * 100,
                 "county_share": len(never) / len(ct) * 100, "exit_approval_date": ""})
    return pd.DataFrame(rows)
