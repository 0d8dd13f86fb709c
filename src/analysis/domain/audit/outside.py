"""Checks of the article against outside records other than the poverty roll: the poverty-county
status table, the census and the press's count of counties still to exit."""
from __future__ import annotations

from analysis.data import context, register
from analysis.domain import counties
from analysis.domain.audit.core import Check, agreement_at_most, agreement_equal, pct, press, value
from analysis.formatting import number

DEEPLY_POOR = "liangshan.deeply_poor_counties"


def county_counts() -> list[Check]:
    """The article's eleven deeply poor counties against the status table and the press."""
    status = context.poverty_county_status()
    n_poor = int(status["national_poverty_county"].sum())
    sources = tuple(sorted(set(status["source_id"])))
    early = status["national_poverty_county"] & (status["exit_batch_year"] == 2019)
    n_early = int(early.fillna(False).sum())
    left, s_left = press("Liangshan", 2020, "remaining_poor_counties", "start of year")
    return [
        Check("liangshan.poor_counties", "outside record",
              "The deeply poor counties receiving provincial teams against the national "
              "poverty counties of Liangshan in the county status table.", (DEEPLY_POOR,),
              n_poor, value(DEEPLY_POOR), 0.0, agreement_equal(n_poor, value(DEEPLY_POOR), 0.0),
              "counties", sources),
        Check("liangshan.counties_remaining_2020", "stock-flow",
              "The deeply poor counties less those that left the national list in the 2019 "
              "batch against the counties a radio report says were left at the start of 2020.",
              (DEEPLY_POOR,), left, value(DEEPLY_POOR) - n_early, 0.0,
              agreement_equal(left, value(DEEPLY_POOR) - n_early, 0.0),
              f"counties; {number(value(DEEPLY_POOR))} - {n_early} = "
              f"{number(value(DEEPLY_POOR) - n_early)}", (*sources, s_left)),
    ]


def census() -> list[Check]:
    """The article's population claims against the census."""
    share = "butuo_jinyang.yi_population_share"
    facts = register.load_facts()
    ind = context.county_indicators()
    shares, sources = {}, set()
    for rate_id in ("butuo.poverty_rate.2013", "jinyang.poverty_rate.2013"):
        code = facts.loc[rate_id, "adcode"]
        hit = ind[(ind["adcode"] == code) & (ind["indicator"] == "minority_share_all_minorities")
                  & (ind["year"] == "2020")]
        if len(hit) != 1:
            raise KeyError(f"county_indicators.csv: expected one 2020 minority share for "
                           f"{code}; found {len(hit)}")
        shares[facts.loc[rate_id, "place"]] = float(hit["value"].iloc[0])
        sources.add(str(hit["source_id"].iloc[0]))
    lower = min(shares.values())
    rehoused = "liangshan.rural_residents_rehoused"
    rural, s_rural = counties.prefecture_census("rural_population", "2010")
    return [
        Check("butuo_jinyang.minority_share", "outside record",
              "Where more than four in five residents are Yi, the census share of all "
              "minorities, Yi included, is above that mark too.", (share,), value(share),
              lower, 0.0, agreement_at_most(value(share), lower),
              "percent; census 2020, all minorities together: "
              + ", ".join(f"{place} {v:.1f}" for place, v in shares.items())
              + "; a necessary condition only: the table does not count the Yi alone",
              tuple(sorted(sources))),
        Check("housing.rehoused_within_rural", "outside record",
              "The rural residents said to have moved into new homes do not exceed the "
              "prefecture's rural residents at the 2010 census.", (rehoused,), rural,
              value(rehoused), 0.0, agreement_at_most(value(rehoused), rural),
              f"persons; {pct(value(rehoused) / rural)} of the {number(rural)} rural residents "
              "of 2010; the article's count may follow household registration, the census "
              "counts where people live", (s_rural,)),
    ]
