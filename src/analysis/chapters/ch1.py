"""Chapter 1 (section I of the article): the named values of each section's prose.

One function per section of ``chapters/ch1_changes.md``, each taking the chapter's
:class:`~analysis.domain.assumptions.Assumptions` and returning
:class:`~analysis.chapters.values.Values`; the lookups and the arithmetic happen here (or in
the domain functions named as each value's ``computed_by``), never in the chapter. The
chapter's tables are in :mod:`analysis.chapters.ch1_tables`; its sensitivity conclusions are
:data:`CONCLUSIONS`.
"""
from __future__ import annotations

from analysis.chapters.values import Values
from analysis.data import register
from analysis.domain import assumptions, counties, naive_forecast, national_models, roll, trends
from analysis.domain.assumptions import Assumptions
from analysis.domain.sensitivity import Conclusion

#: The places of the article's rates and their short keys in the prose.
PLACES = {"Liangshan": "ls", "Butuo": "bt", "Jinyang": "jy"}
#: The reading of "late" (months before 31 December) that exercise ex-ch1-late suggests; its
#: solution shows the result at this value beside the default, whatever the cell says.
EXERCISE_LATE_MONTHS = 3


def places(A: Assumptions) -> Values:
    """Where the counties are: population change between the censuses."""
    v = Values()
    pop = counties.population_change()
    f = counties.population_change
    v.add("ch1_pop_growth", pop["prefecture_pct"], "change of the prefecture's resident "
          "population, 2010 to 2020 census, percent", f)
    v.add("ch1_pop_losing", pop["counties_losing"], "counties that lost residents", f)
    v.add("ch1_pop_counties", pop["counties"], "county-level divisions", f)
    v.add("ch1_pop_butuo", pop["butuo_pct"], "change of Butuo's residents, percent", f)
    v.add("ch1_pop_jinyang", pop["jinyang_pct"], "change of Jinyang's residents, percent", f)
    return v


def rates(A: Assumptions) -> Values:
    """How fast the rates fell: points, relative and compound change, with Sichuan and China
    over the same span, and Liangshan's share of Sichuan's poverty roll."""
    v = Values()
    rc = trends.rate_changes(late_months=A.late_year_months_before_end).set_index("place")
    f = trends.rate_changes
    v.add("ch1_years", int(rc["years"].iloc[0]), "years from late 2013 to late 2018",
          trends.span_years)
    for place, k in PLACES.items():
        row = rc.loc[place]
        v.add(f"ch1_{k}_pp", -row["change_pp"], f"fall of {place}'s rate, points", f)
        v.add(f"ch1_{k}_rel", -row["change_relative_pct"],
              f"fall of {place}'s rate, percent of its 2013 rate", f)
        v.add(f"ch1_{k}_cagr", -row["cagr_pct"],
              f"compound yearly fall of {place}'s rate, percent a year",
              trends.compound_annual_change)
    cmp_ = trends.comparison_rates().set_index("place")
    g = trends.comparison_rates
    v.add("ch1_sc_rel", -cmp_.loc["Sichuan", "change_relative_pct"],
          "fall of Sichuan's poverty-roll rate 2013-2018, percent of its 2013 rate", g)
    v.add("ch1_cn_rel", -cmp_.loc["China (rural)", "change_relative_pct"],
          "fall of rural China's survey rate 2013-2018, percent of its 2013 rate", g)
    for year in (2013, 2018):
        ls = register.value(trends.LIANGSHAN_COUNTS[year][0])
        sc, _ = trends.register_value("Sichuan", year, "registered_poor_population")
        v.add(f"ch1_ls_share_sc_{year}", ls / sc * 100,
              f"Liangshan's share of Sichuan's registered poor at the end of {year}, percent",
              trends.register_value)
    return v


def pace(A: Assumptions) -> Values:
    """The pace needed by the two benchmarks of "done", against the pace achieved; the
    words and numbers that depend on the reading of "late"."""
    v = Values()
    months = A.late_year_months_before_end
    rc = trends.rate_changes(late_months=months).set_index("place")
    f = trends.rate_changes
    v.add("ch1_deadline", trends.DEADLINE_YEAR, "the national deadline (end of the year), a "
          "policy date", "analysis.domain.trends.DEADLINE_YEAR")
    v.add("ch1_late_months", months, "months before 31 December that 'late' is read as "
          "(assumption late_year_months_before_end, as set in the assumptions cell)",
          "analysis.domain.assumptions.Assumptions")
    default = assumptions.default("late_year_months_before_end")
    v.add("ch1_late_months_default", default, "the book's default reading of 'late', months "
          "before 31 December", assumptions.default)
    v.add("ch1_late_date", trends.late_date_words(months), "the date the 'late' figures are "
          "read at", trends.late_date_words)
    v.add("ch1_late_date_default", trends.late_date_words(default), "that date at the book's "
          "default reading", trends.late_date_words)
    high = int(assumptions.get("late_year_months_before_end").high)
    v.add("ch1_late_high", high, "the high end of the assumption's range, months",
          assumptions.get)
    v.add("ch1_late_high_date", trends.late_date_words(high), "the date at that end of the "
          "range", trends.late_date_words)
    v.add("ch1_years_left", float(rc["years_left"].iloc[0]),
          "years from the late-2018 figures to the end of the deadline year", trends.years_left)
    v.add("ch1_threshold", float(rc["threshold"].iloc[0]), "county exit threshold applied in "
          "Sichuan (poverty incidence, percent)", trends.exit_threshold)
    for place, k in PLACES.items():
        row = rc.loc[place]
        v.add(f"ch1_{k}_pace", row["pace_achieved_pp"], f"{place}: points a year achieved, "
              "2013-2018", f)
        v.add(f"ch1_{k}_need", row["pace_needed_pp"], f"{place}: points a year needed to "
              "reach zero by the deadline", f)
        v.add(f"ch1_{k}_ratio", row["pace_ratio"], f"{place}: pace needed to reach zero "
              "over pace achieved", f)
        v.add(f"ch1_{k}_need_thr", row["pace_needed_threshold_pp"], f"{place}: points a "
              "year needed to fall below the county exit threshold", f)
        v.add(f"ch1_{k}_ratio_thr", row["pace_ratio_threshold"], f"{place}: pace needed for "
              "the county threshold over pace achieved", f)
    base = trends.rate_changes(late_months=default).set_index("place")
    v.add("ch1_bt_need_default", base.loc["Butuo", "pace_needed_pp"], "Butuo: points a year "
          "needed to reach zero, at the default reading of 'late'", f)
    v.add("ch1_bt_need_change", rc.loc["Butuo", "pace_needed_pp"]
          - base.loc["Butuo", "pace_needed_pp"], "Butuo: change of the pace needed against "
          "the default reading, points a year", f)
    ex = trends.rate_changes(late_months=EXERCISE_LATE_MONTHS).set_index("place")
    v.add("ch1_ex_late_months", EXERCISE_LATE_MONTHS, "the reading of 'late' the exercise "
          "suggests, months before 31 December", "analysis.chapters.ch1.EXERCISE_LATE_MONTHS")
    v.add("ch1_ex_late_date", trends.late_date_words(EXERCISE_LATE_MONTHS), "the date at that "
          "reading", trends.late_date_words)
    v.add("ch1_ex_years_left", float(ex["years_left"].iloc[0]), "years to the deadline at "
          "that reading", trends.years_left)
    v.add("ch1_ex_bt_need", ex.loc["Butuo", "pace_needed_pp"], "Butuo: points a year needed "
          "to reach zero, at the exercise's reading", f)
    v.add("ch1_ex_bt_ratio", ex.loc["Butuo", "pace_ratio"], "Butuo: pace needed over pace "
          "achieved, at the exercise's reading", f)
    v.add("ch1_bt_ratio_default", base.loc["Butuo", "pace_ratio"], "Butuo: pace needed over "
          "pace achieved, at the default reading", f)
    return v


def poverty_roll(A: Assumptions) -> Values:
    """Liangshan's poverty roll as a stock with flows: the average year, the decomposition of
    2019 and the two benchmarks of "done" from the end of 2018."""
    v = Values()
    avg = roll.average_year()
    for key, what in (("exits", "exits"), ("entries", "entries"), ("net_fall", "net fall")):
        v.add(f"ch1_roll_{key}_1418", avg[key], f"{what} of the roll, end of 2013 to end of "
              "2018, persons", roll.average_year)
        v.add(f"ch1_roll_{key}_avg", avg[f"{key}_per_year"], f"{what} of the average year "
              "2014-2018, persons", roll.average_year)
    d = roll.decomposition()
    g = roll.decomposition
    for key, what in (("stock_after", "stock at the end of 2019"), ("exits", "exits in 2019"),
                      ("entries", "entries in 2019 (implied)"), ("fall", "fall in 2019"),
                      ("more_exits", "part of 2019's extra fall due to more exits than the "
                                     "average year"),
                      ("fewer_entries", "part due to fewer entries than the average year"),
                      ("beat_average", "fall in 2019 beyond the average year's"),
                      ("stock_if_average", "stock at the end of 2019 had it been an average "
                                           "year"),
                      ("path_fall", "fall the straight line to zero needed in 2019"),
                      ("short_of_path", "how far 2019's fall fell short of the straight line"),
                      ("exits_needed", "exits the straight line needed in 2019, given its "
                                       "entries"),
                      ("exits_short_of_path", "part of the shortfall due to fewer exits than "
                                              "the straight line needs (no entries)"),
                      ("prev_exits", "exits in 2018 (derived)")):
        v.add(f"ch1_d19_{key}", d[key], what + ", persons", g)
    v.add("ch1_d19_exits_below_prev", -d["exits_vs_prev"], "how many fewer exits 2019 had "
          "than 2018, persons", g)
    v.add("ch1_d19_exits_below_prev_pct", -d["exits_vs_prev_share"] * 100, "how many fewer "
          "exits 2019 had than 2018, percent of 2018's", g)
    v.add("ch1_d19_gap_closed", d["share_of_gap_closed"] * 100, "share of the gap between "
          "the average year and the straight line that 2019 closed, percent", g)
    t = roll.roll_table().set_index("year")
    v.add("ch1_cum_2020", t.loc[2020, "cumulative_exits"], "people lifted out of poverty "
          "since the end of 2013, by the end of 2020 (press, cumulative)", roll.roll_table)
    v.add("ch1_entries_1420", t.loc[2020, "cumulative_exits"] - t.loc[2013, "stock"],
          "entries to the roll from 2014 to 2020 implied by the cumulative exits, persons",
          roll.roll_table)
    v.add("ch1_exits_2020", t.loc[2020, "exits"], "exits in 2020 (derived), persons",
          roll.roll_table)
    v.add("ch1_entries_2020", t.loc[2020, "entries"], "entries in 2020 (implied), persons",
          roll.roll_table)
    left = trends.years_left(2018, late_months=A.late_year_months_before_end)
    b = roll.benchmarks(register.value(trends.LIANGSHAN_COUNTS[2018][0]),
                        register.value(trends.LIANGSHAN_COUNTS[2018][1]), left)
    h = roll.benchmarks
    v.add("ch1_b18_zero", b["per_year_to_zero"], "net fall a year needed to empty the roll "
          "by the deadline, from late 2018, persons", h)
    v.add("ch1_b18_thr", b["per_year_to_threshold"], "net fall a year needed to bring the "
          "prefecture's rate below the county threshold, from late 2018, persons", h)
    v.add("ch1_b18_thr_stock", b["threshold_stock"], "registered poor at the county "
          "threshold on the 2018 base, persons", h)
    return v


def national(A: Assumptions) -> Values:
    """The national series: yearly changes, the three models' diagnostics and backtest."""
    v = Values()
    ch = national_models.yearly_changes().dropna(subset=["change"])
    f = national_models.yearly_changes
    v.add("ch1_nat_n", len(ch) + 1, "year-ends of the national survey modelled",
          national_models.rural_poor)
    v.add("ch1_nat_fall_min", -ch["change"].max() / 1e6, "smallest yearly fall, millions", f)
    v.add("ch1_nat_fall_max", -ch["change"].min() / 1e6, "largest yearly fall, millions", f)
    v.add("ch1_nat_rel_first", -ch["change_pct"].iloc[0], "relative fall in the first "
          "year (2013), percent", f)
    v.add("ch1_nat_rel_last", -ch["change_pct"].iloc[-1], "relative fall in the last year "
          "(2019), percent", f)
    diag = national_models.diagnostics().set_index("model")
    fitted = national_models.fits()
    g = national_models.diagnostics
    for m, k in (("log_linear", "ll"), ("linear", "lin"), ("log_quadratic", "lq")):
        row = diag.loc[m]
        v.add(f"ch1_{k}_dw", row["durbin_watson"], f"Durbin-Watson statistic, {m}", g)
        v.add(f"ch1_{k}_dw_p", row["dw_p"], f"simulated one-sided p-value of the "
              f"Durbin-Watson statistic, {m}", national_models.dw_simulated_p)
        v.add(f"ch1_{k}_runs", row["runs"], f"runs of residual signs, {m}",
              national_models.sign_runs)
        v.add(f"ch1_{k}_runs_p", row["runs_exact_p"], f"exact one-sided p-value of the runs "
              f"test, {m}", national_models.runs_exact_p)
        v.add(f"ch1_{k}_lb_p", row["ljung_box_p"], f"Ljung-Box p-value at lag 1, {m}", g)
        resid = fitted.loc[fitted["model"] == m, "residual"]
        v.add(f"ch1_{k}_signs", " ".join("+" if r >= 0 else "−" for r in resid),
              f"signs of the residuals, 2012 to 2019, {m}", national_models.fits)
    summ = national_models.backtest_summary().set_index("model")
    h = national_models.backtest_summary
    for m, k in (("log_linear", "ll"), ("linear", "lin"), ("log_quadratic", "lq")):
        row = summ.loc[m]
        v.add(f"ch1_{k}_pred_2019", row["last_predicted"] / 1e6, f"{m}: 2019 predicted from "
              "2012-2018, millions", h)
        v.add(f"ch1_{k}_err_2019", row["last_error_pct"], f"{m}: error of that prediction, "
              "percent of the actual", h)
        v.add(f"ch1_{k}_mape", row["mape"], f"{m}: mean absolute error of the one-year-ahead "
              "predictions, percent", h)
    v.add("ch1_actual_2019", summ["last_actual"].iloc[0] / 1e6, "rural poor at the end of "
          "2019 (NBS survey), millions", h)
    v.add("ch1_forecasts", int(summ["forecasts"].iloc[0]), "one-year-ahead predictions per "
          "model in the backtest", national_models.backtest)
    v.add("ch1_best_model", summ["mape"].idxmin().replace("_", " "), "the model with the "
          "smallest backtest error", h)
    bt = national_models.backtest()
    v.add("ch1_first_fit_n", int(bt["n_fitted"].min()), "year-ends behind each model's first "
          "prediction", national_models.backtest)
    v.add("ch1_lq_parameters", max(m.parameters for m in national_models.MODELS),
          "coefficients of the parabola in logs", "analysis.domain.national_models.MODELS")
    nv = naive_forecast.summary()
    n = naive_forecast.summary
    v.add("ch1_naive_mape", nv["mape"], "naive benchmark (same fall as the year before): mean "
          "absolute error, percent", n)
    v.add("ch1_naive_err_2019", nv["last_error_pct"], "naive benchmark: error for 2019, "
          "percent of the actual", n)
    w = naive_forecast.mape_without(summ["last_year"].iloc[0])
    for key, k in (("log_linear", "ll"), ("linear", "lin"), ("log_quadratic", "lq"),
                   ("naive", "naive")):
        v.add(f"ch1_{k}_mape_no19", w[key], f"{key}: mean absolute error without the "
              "prediction of 2019, percent", naive_forecast.mape_without)
    return v


def denominators(A: Assumptions) -> Values:
    """The rates' bases: the populations the article's counts and rates imply, the census
    counts, and a press rate for 2018."""
    v = Values()
    bases = trends.implied_bases().set_index("year")
    f = trends.implied_bases
    v.add("ch1_base_2013_m", bases.loc[2013, "implied_base"] / 1e6, "population base implied "
          "by the 2013 count and rate, millions", f)
    v.add("ch1_base_2018_m", bases.loc[2018, "implied_base"] / 1e6, "population base implied "
          "by the 2018 count and rate, millions", f)
    v.add("ch1_base_change", bases.loc[2018, "base_change_pct"], "change of the implied base, "
          "percent", f)
    g = counties.prefecture_census
    v.add("ch1_census_all_2010_m", g("resident_population", "2010")[0] / 1e6,
          "residents at the 2010 census, millions", g)
    for year in ("2010", "2020"):
        v.add(f"ch1_census_rural_{year}_m", g("rural_population", year)[0] / 1e6,
              f"rural residents at the {year} census, millions", g)
    press, _ = trends.register_value("Liangshan", 2018, "poverty_incidence", period=None)
    v.add("ch1_press_rate_2018", press, "Liangshan's poverty incidence for 2018 in a radio "
          "report (point in the year not stated), percent", trends.register_value)
    v.add("ch1_press_base_2018_m", trends.implied_base(
        register.value(trends.LIANGSHAN_COUNTS[2018][0]), press) / 1e6, "base implied by the "
        "article's 2018 count and the radio report's rate, millions", trends.implied_base)
    kuijiu = register.value("kuijiu.poor_population") / register.value("kuijiu.residents")
    v.add("ch1_kuijiu_rate", kuijiu * 100, "Kuijiu's poor over its residents, percent",
          "analysis.chapters.ch1.denominators")
    return v


def _need(place: str, column: str):
    def compute(A: Assumptions) -> float:
        rc = trends.rate_changes(late_months=A.late_year_months_before_end)
        return float(rc.set_index("place").loc[place, column])
    return compute


#: The chapter's conclusions that rest on an assumption (its sensitivity table).
#:
#: :meta hide-value:
CONCLUSIONS = (
    Conclusion("ch1.liangshan_speed_up", "Liangshan had to speed up to empty its poverty roll "
               "by the deadline (pace needed over pace achieved above 1)",
               _need("Liangshan", "pace_ratio"), lambda x: x > 1,
               ("late_year_months_before_end",), "times the pace achieved"),
    Conclusion("ch1.liangshan_threshold_no_speed_up", "By the county rule, the prefecture's "
               "rate needed no speed-up (ratio below 1)",
               _need("Liangshan", "pace_ratio_threshold"), lambda x: x < 1,
               ("late_year_months_before_end",), "times the pace achieved"),
    Conclusion("ch1.butuo_four_times", "Butuo needed more than four times its past pace to "
               "reach zero", _need("Butuo", "pace_ratio"), lambda x: x > 4,
               ("late_year_months_before_end",), "times the pace achieved"),
    Conclusion("ch1.jinyang_triple_threshold", "Jinyang needed more than three times its past "
               "pace even to reach the county threshold",
               _need("Jinyang", "pace_ratio_threshold"), lambda x: x > 3,
               ("late_year_months_before_end",), "times the pace achieved"),
)
