"""The checks of the context tables beyond their schemas (analysis.data.context_checks)."""
from __future__ import annotations

import pytest
from datafiles import BUTUO, CI, JINYANG, NATIONAL, STATUS, TIMELINE, line_of, replace_once

from analysis.data import context, context_checks
from analysis.data.problems import ContextDataError


def test_context_tables_have_no_problems():
    assert context_checks.check_context(schema=True) == []


def test_unknown_adcode(data_copy, rehash):
    replace_once(data_copy, CI, f"{JINYANG},area,c.2004,", "513499,area,c.2004,")
    rehash(data_copy)
    line = line_of(data_copy, CI, "513499,area")
    problems = context_checks.check_context()
    hit = [p for p in problems if p.column == "adcode"]
    assert len(hit) == 1
    assert (hit[0].file, hit[0].row, hit[0].found) == (CI, line, "'513499'")
    # Jinyang now lacks its area, and the prefecture's area no longer adds up
    assert any(p.row == JINYANG and "area c.2004" in p.found for p in problems)
    with pytest.raises(ContextDataError):
        context.county_indicators()


def test_wrong_unit_for_indicator(data_copy, rehash):
    replace_once(data_copy, CI, f"{BUTUO},area,c.2004,1685,km2,",
                 f"{BUTUO},area,c.2004,1685,persons,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.column, p.found) == (CI, "unit", "'persons'")
    assert "'km2'" in p.expected


def test_prefecture_total_must_add_up(data_copy, rehash):
    replace_once(data_copy, CI, f"{BUTUO},resident_population,2010,160151,",
             f"{BUTUO},resident_population,2010,160152,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    line = line_of(data_copy, CI, "513400,resident_population,2010")
    assert (p.file, p.row, p.column) == (CI, line, "value")
    assert p.found == "4532809" and p.expected.startswith("4532810")


def test_two_primary_rows_for_one_point(data_copy, rehash):
    cross_check = "2012,rural_poor_population,98990000,persons,{},false,S27"
    replace_once(data_copy, NATIONAL, cross_check.format("false"), cross_check.format("true"))
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.column) == (NATIONAL, "primary")
    assert p.row == line_of(data_copy, NATIONAL, cross_check.format("true"))
    with pytest.raises(ContextDataError):
        context.poverty_national()


def test_poverty_county_without_exit_date(data_copy, rehash):
    replace_once(data_copy, STATUS, f"{BUTUO},true,named_in_exit_notice,2020-11-17,",
             f"{BUTUO},true,named_in_exit_notice,,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.row, p.column) == (STATUS, line_of(data_copy, STATUS, BUTUO),
                                         "exit_approval_date")


def test_unknown_corroborating_source(data_copy, rehash):
    text = (data_copy / STATUS).read_text(encoding="utf-8")
    (data_copy / STATUS).write_text(text.replace(",S10b;S39,", ",S10b;S08,", 1), encoding="utf-8")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.column, p.found) == (STATUS, "corroborated_by", "'S08'")


def test_county_missing_from_status_table(data_copy, rehash):
    path = data_copy / STATUS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(BUTUO)),
                    encoding="utf-8")
    rehash(data_copy)
    problems = context_checks.check_context()
    assert [(p.file, p.row) for p in problems] == [(STATUS, BUTUO)]
    with pytest.raises(ContextDataError):
        context.poverty_county_status()


def test_unknown_source_in_the_exit_rules(data_copy, rehash):
    rules = "context/poverty_exit_rules.csv"
    text = (data_copy / rules).read_text(encoding="utf-8")
    (data_copy / rules).write_text(text.replace(",S51;S52,", ",S51;S08,", 1), encoding="utf-8")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.row, p.column, p.found) == (rules, 2, "corroborated_by", "'S08'")
    with pytest.raises(ContextDataError):
        context.poverty_exit_rules()


def test_timeline_date_must_match_its_precision(data_copy, rehash):
    # a month written where the row says the source gives the day
    replace_once(data_copy, TIMELINE, "exit_mechanism,2016-04-28,day,",
                 "exit_mechanism,2016-04,day,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.column, p.found) == (TIMELINE, "date", "'2016-04'")
    assert p.row == line_of(data_copy, TIMELINE, "exit_mechanism,")
    assert "YYYY-MM-DD" in p.expected and "'day'" in p.expected
    with pytest.raises(ContextDataError):
        context.campaign_timeline()


def test_timeline_date_must_exist_in_the_calendar(data_copy, rehash):
    replace_once(data_copy, TIMELINE, "declaration,2021-02-25,", "declaration,2021-02-30,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.column, p.found) == ("date", "'2021-02-30'")


def test_timeline_event_without_any_source(data_copy, rehash):
    replace_once(data_copy, TIMELINE, "field trip of the article\",S97,,,",
                 "field trip of the article\",,,,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.column) == (TIMELINE, "source_id")
    assert p.row == line_of(data_copy, TIMELINE, "author_field_visit,")
    assert "paragraph" in p.expected


def test_timeline_corroboration_must_be_a_known_source(data_copy, rehash):
    replace_once(data_copy, TIMELINE, "Guizhou)\",S98,,,", "Guizhou)\",S98,,S08,")
    rehash(data_copy)
    (p,) = context_checks.check_context()
    assert (p.file, p.column, p.found) == (TIMELINE, "corroborated_by", "'S08'")
