"""Appendix B, the audit of the article's numbers: the named values of each section, the tables
it shows, and its conclusions for the sensitivity analysis.

One function per section of the appendix; each takes the chapter's
:class:`~analysis.domain.assumptions.Assumptions` and returns a
:class:`~analysis.chapters.values.Values` mapping. The checks themselves are in
:mod:`analysis.domain.audit`.
"""
from __future__ import annotations

import pandas as pd

from analysis.chapters.values import Values
from analysis.domain import assumptions, audit, counties
from analysis.domain.assumptions import Assumptions
from analysis.domain.audit import hedges
from analysis.domain.sensitivity import Conclusion
from analysis.formatting import number

_RUN = "analysis.domain.audit.run_audit"
_DECLINE = "butuo.primary_care_visits_decline"


def checks(A: Assumptions) -> pd.DataFrame:
    """The audit at the chapter's assumptions, indexed by check id."""
    return audit.run_audit(A.almost_band).set_index("check_id")


def overview(A: Assumptions) -> Values:
    """How many checks, of how many kinds, with which verdicts."""
    frame = audit.run_audit(A.almost_band)
    counts = audit.verdict_counts(frame)
    v = Values()
    v.add("appb_n", len(frame), "checks in the audit", _RUN)
    v.add("appb_n_kinds", frame["kind"].nunique(), "kinds of check", _RUN)
    for verdict, n in counts.items():
        v.add("appb_n_" + verdict.replace(" ", "_"), int(n), f"checks with the verdict "
              f"'{verdict}'", audit.verdict_counts)
    judged = len(frame) - int(counts["cannot check"])
    v.add("appb_n_judged", judged, "checks that can be judged (all but 'cannot check')",
          audit.verdict_counts)
    return v


def verdict_summary(A: Assumptions) -> pd.DataFrame:
    """The verdicts by kind of check: one row per kind (in the audit's order), one column per
    verdict, and a total; for the table that opens the appendix."""
    frame = audit.run_audit(A.almost_band)
    kinds = list(dict.fromkeys(frame["kind"]))
    out = pd.crosstab(frame["kind"], frame["verdict"]).reindex(index=kinds,
                                                               columns=audit.VERDICTS,
                                                               fill_value=0)
    out["all"] = out.sum(axis=1)
    out.loc["all kinds"] = out.sum(axis=0)
    out.columns = [c.capitalize() for c in out.columns]
    return out.rename_axis("Kind of check").reset_index()


def tolerances(A: Assumptions) -> Values:
    """The tolerances the text explains, with the checks they come from."""
    by = checks(A)
    v = Values()
    v.add("appb_kuijiu", by.loc["kuijiu.poverty_rate", "computed"],
          "Kuijiu's poverty rate recomputed from its counts (percent)", _RUN)
    v.add("appb_kuijiu_tol", by.loc["kuijiu.poverty_rate", "tolerance"],
          "half a unit of the last printed digit of Kuijiu's rate (percentage points)", _RUN)
    v.add("appb_wan_tol", audit.WAN_ONE_DECIMAL_TOLERANCE,
          "rounding of a press count printed in ten-thousands with one decimal (persons)",
          "analysis.domain.audit.core.WAN_ONE_DECIMAL_TOLERANCE")
    v.add("appb_b19_tol", by.loc["liangshan.base_2019_press", "tolerance"],
          "how far apart the article's 2018 base and the press's 2019 base may be (persons)",
          _RUN)
    return v


def poverty_roll(A: Assumptions) -> Values:
    """The poverty roll as stocks and flows, and the three checks the entries explain."""
    a = audit.accounts()
    by = checks(A)
    v = Values()
    what = {"fall_to_2018": "fall in the roll from the end of 2013 to the end of 2018",
            "entries_to_2018": "entries to the roll after 2013 that close the article's "
                               "identity, to the end of 2018",
            "stock_2019": "the roll at the end of 2019 (press)",
            "lifted_2019": "people lifted out during 2019 (press)",
            "lifted_to_2019": "people lifted out since 2013, to the end of 2019 (press)",
            "lifted_to_2020": "people lifted out since 2013, to the end of 2020 (press)",
            "lifted_2020": "people lifted out during 2020",
            "entries_2019": "entries to the roll during 2019",
            "entries_to_2019": "entries to the roll after 2013, to the end of 2019",
            "entries_2020": "entries to the roll during 2020",
            "entries_to_2020": "entries to the roll after 2013, to the end of 2020"}
    for key, text in what.items():
        v.add(f"appb_{key}", a[key], text + " (persons)", audit.accounts)
    v.add("appb_sf_tol", by.loc["liangshan.stock_flow", "tolerance"],
          "rounding allowed in the article's three counts (persons)", _RUN)
    v.add("appb_p18_expected", by.loc["liangshan.stock_2018_press", "expected"],
          "the end-2018 roll the press's 2019 figures imply (persons)", _RUN)
    v.add("appb_migrant_share", by.loc["liangshan.entries_from_migrants", "computed"]
          / by.loc["liangshan.entries_from_migrants", "expected"] * 100,
          "self-relocated people registered as poor, as a share of the entries to the end of "
          "2019 (percent)", _RUN)
    return v


def press_rate(A: Assumptions) -> Values:
    """The radio report's 2018 rate, which gives no point in the year, against the article."""
    by = checks(A)
    v = Values()
    v.add("appb_cnr_2018", by.loc["liangshan.rate_2018_press", "expected"],
          "the radio report's poverty rate for 2018, no point in the year given (percent)", _RUN)
    r19, _ = audit.core.press("Liangshan", 2019, "poverty_incidence")
    v.add("appb_cnr_2019", r19, "the radio report's rate at the end of 2019 (percent)",
          "analysis.domain.audit.core.press")
    v.add("appb_path_mid", by.loc["liangshan.rate_path_press", "expected"],
          "the end-2018 rate half-way along an even fall from the start of 2018 to the end of "
          "2019 (percent)", _RUN)
    v.add("appb_path_tol", by.loc["liangshan.rate_path_press", "tolerance"],
          "rounding allowed in that comparison (percentage points)", _RUN)
    b = by.loc["liangshan.rate_start_2018_bounds"]
    base = by.loc["liangshan.implied_bases", "computed"]
    for end, rate in (("low", b["expected"] - b["tolerance"]),
                      ("high", b["expected"] + b["tolerance"])):
        v.add(f"appb_s17_{end}_pct", rate, f"the {end} bound of the roll at the end of 2017, "
              "percent of the article's 2018 base", _RUN)
        v.add(f"appb_s17_{end}", round(rate / 100 * base), f"the {end} bound of the roll at "
              "the end of 2017 (persons)", _RUN)
    c18 = audit.core.value("liangshan.poor_population.2018")
    cnr = by.loc["liangshan.rate_2018_press", "expected"]
    v.add("appb_cnr_base_m", round(c18 / (cnr / 100) / 1e6, 2),
          "the base the article's end-2018 count implies at the report's 2018 rate (million "
          "persons)", "analysis.chapters.appendix_b.press_rate")
    v.add("appb_article_base_m", round(by.loc["liangshan.implied_bases", "computed"] / 1e6, 2),
          "the base the article's end-2018 count and rate imply (million persons)", _RUN)
    rural, _ = counties.prefecture_census("rural_population", "2020")
    v.add("appb_rural_2020_m", round(rural / 1e6, 2),
          "rural residents at the 2020 census (million persons)",
          counties.prefecture_census)
    uses = by.index[by["context_sources"].str.split("; ").map(lambda s: "S13" in s)]
    v.add("appb_s13_n", len(uses), "checks that use the radio report (source S13)", _RUN)
    v.add("appb_s13_checks", ", ".join(uses), "those checks, by id", _RUN)
    return v


def almost_half(A: Assumptions) -> Values:
    """Butuo's fall in health-facility visits against "almost half", at the chapter's reading."""
    fall, least, most = hedges.visits_fall()
    target = audit.core.value(_DECLINE)
    lo, hi = audit.almost_band(target, A.almost_band)
    lo0, _ = audit.almost_band(target, None)
    by = checks(A)
    v = Values()
    v.add("appb_half_fall", fall * 100, "Butuo's fall in health-facility visits, 2016 to 2018 "
          "(percent of 2016)", hedges.visits_fall)
    v.add("appb_half_least", least * 100, "the least that fall can be, the counts being "
          "rounded to the thousand (percent)", hedges.visits_fall)
    v.add("appb_half_most", most * 100, "the most it can be (percent)", hedges.visits_fall)
    v.add("appb_almost_band", A.almost_band * 100, "how far below half 'almost half' may "
          "reach, in this run (percent of half)", "analysis.domain.assumptions.Assumptions")
    v.add("appb_almost_band_default", assumptions.default("almost_band") * 100,
          "the book's default for that reading (percent of half)",
          "analysis.domain.assumptions.default")
    v.add("appb_half_lo", lo * 100, "the lowest fall 'almost half' covers in this run "
          "(percent)", audit.almost_band)
    v.add("appb_half_lo_default", lo0 * 100, "the lowest fall it covers at the default "
          "(percent)", audit.almost_band)
    v.add("appb_half_hi", hi * 100, "the highest (percent)", audit.almost_band)
    v.add("appb_half_verdict", by.loc["butuo.visits_almost_half", "verdict"],
          "the verdict of the check in this run", _RUN)
    return v


def referee(A: Assumptions) -> Values:
    """Numbers of the checks a referee would add, quoted in the text."""
    by = checks(A)
    v = Values()

    def add(key, check_id, column, what, scale=1.0):
        v.add(key, by.loc[check_id, column] * scale, what, _RUN)

    add("appb_kuijiu_nonpoor", "kuijiu_group2.non_poor_people", "expected",
        "Kuijiu's residents who are not poor (persons)")
    add("appb_within_sichuan", "liangshan.within_sichuan", "computed",
        "Liangshan's poor at the end of 2018 as a share of Sichuan's (percent)",
        100 / by.loc["liangshan.within_sichuan", "expected"])
    add("appb_rehoused_share", "housing.rehoused_within_rural", "computed",
        "people rehoused as a share of the 2010 census's rural residents (percent)",
        100 / by.loc["housing.rehoused_within_rural", "expected"])
    add("appb_wage_persons", "income.migrant_wage_covers_household", "expected",
        "persons one migrant's average earnings keep above the article's income line")
    add("appb_migrant_hh_size", "income.migrant_wage_covers_household", "computed",
        "persons per registered self-relocated household")
    add("appb_pension_80_share", "income.pensions_against_line", "computed",
        "the most a pension and the old-age subsidy pay in a year, as a share of the income "
        "line (percent)", 100)
    return v


def roll_table() -> pd.DataFrame:
    """Liangshan's poverty roll period by period: the stock at the end, the people lifted out
    and the entries the other two imply (stock at the end = stock at the start + entries -
    lifted out), with where each number comes from.

    Returns:
        One row per period (the end of 2013; 2014 to 2018; 2019; 2020; the whole campaign),
        with columns Period, Poor at the end, Lifted out, Entries implied (persons, as text)
        and Sources.
    """
    a = audit.accounts()
    s = a["sources"]
    art = "article"
    rows = [
        ("end of 2013", a["stock_2013"], None, None, art),
        ("2014 to 2018", a["stock_2018"], a["lifted_to_2018"], a["entries_to_2018"], art),
        ("2019", a["stock_2019"], a["lifted_2019"], a["entries_2019"],
         "; ".join(dict.fromkeys((s["stock_2019"], s["lifted_2019"])))),
        ("2020", a["stock_2020"], a["lifted_2020"], a["entries_2020"],
         f"{s['stock_2020']} (Sichuan's roll, Liangshan included); {s['lifted_to_2020']} "
         f"less {s['lifted_to_2019']}"),
        ("2014 to 2020", a["stock_2020"], a["lifted_to_2020"], a["entries_to_2020"],
         f"{s['lifted_to_2020']}"),
    ]

    def shown(x):
        return "—" if x is None else number(x)

    return pd.DataFrame([{"Period": p, "Poor at the end": shown(stock),
                          "Lifted out": shown(out), "Entries implied": shown(entries),
                          "Sources": src} for p, stock, out, entries, src in rows])


def _almost_half_reach(A: Assumptions) -> float:
    fall, _, _ = hedges.visits_fall()
    lo, _ = audit.almost_band(audit.core.value(_DECLINE), A.almost_band)
    return fall / lo


def _judged_hold(A: Assumptions) -> float:
    counts = audit.verdict_counts(audit.run_audit(A.almost_band))
    judged = counts.sum() - counts["cannot check"]
    return float((counts["consistent"] + counts["explained"]) / judged)


#: The appendix's conclusions, swept over the range of each assumption they use.
#:
#: :meta hide-value:
CONCLUSIONS = [
    Conclusion(key="appendix_b.almost_half",
               statement="The article's 'almost half' fits Butuo's fall in health-facility "
                         "visits",
               compute=_almost_half_reach, holds=lambda x: x >= 1.0, uses=("almost_band",),
               unit="times the least fall the phrase allows"),
    Conclusion(key="appendix_b.no_inconsistency",
               statement="Every check the audit can judge holds or is explained",
               compute=_judged_hold, holds=lambda x: x >= 1.0 - 1e-12, uses=("almost_band",),
               unit="share of the judged checks"),
]


def audit_tables(A: Assumptions) -> dict[str, pd.DataFrame]:
    """The audit table in its two printed parts (results, notes), from
    :func:`analysis.domain.audit.table.audit_table`."""
    frame = audit.run_audit(A.almost_band)
    return {part: audit.audit_table(frame, part) for part in audit.TABLE_PARTS}


__all__ = ["CONCLUSIONS", "almost_half", "audit_tables", "checks", "overview", "poverty_roll",
           "press_rate", "referee", "roll_table", "tolerances", "verdict_summary"]
