"""The sensitivity page: conclusions collected from every chapter module (and from a synthetic
chapter that the page has never heard of), the assumptions table, the tornado rows."""
import sys
import textwrap

import pytest

from analysis.chapters import book_sensitivity as bs
from analysis.domain import assumptions

SYNTHETIC = '''
from analysis.domain.sensitivity import Conclusion

# a toy chapter: "a season yields more than 40,000 bricks" at 150 bricks a day
CONCLUSIONS = [Conclusion(key="ch9.bricks", statement="more than 40,000 bricks a season",
                          compute=lambda A: 150 * A.construction_season_days,
                          holds=lambda x: x > 40_000, uses=("construction_season_days",),
                          unit="bricks"),
               Conclusion(key="ch9.zero", statement="nothing at the defaults",
                          compute=lambda A: A.clinic_working_days - 250,
                          holds=lambda x: x >= 0, uses=("clinic_working_days",),
                          unit="days")]
'''


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    """A package ``synthetic_chapters`` with a chapter ``ch9`` and a module without
    conclusions."""
    pkg = tmp_path / "synthetic_chapters"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "ch9.py").write_text(textwrap.dedent(SYNTHETIC))
    (pkg / "helpers.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "synthetic_chapters"
    for name in [m for m in sys.modules if m.startswith("synthetic_chapters")]:
        del sys.modules[name]


def test_book_order_and_labels():
    names = ["analysis.chapters.appendix_b", "analysis.chapters.ch10", "analysis.chapters.ch2",
             "analysis.chapters.values"]
    assert sorted(names, key=bs.book_order) == ["analysis.chapters.ch2",
                                                "analysis.chapters.ch10",
                                                "analysis.chapters.appendix_b",
                                                "analysis.chapters.values"]
    assert bs.chapter_label("analysis.chapters.ch2") == "Chapter 2"
    assert bs.chapter_label("appendix_b") == "Appendix B"
    assert bs.chapter_label("values") == "values"


def test_the_real_chapters_and_a_synthetic_one_are_collected(synthetic):
    real = bs.collect()
    assert {"appendix_b.almost_half", "appendix_b.no_inconsistency"} <= \
        {f.conclusion.key for f in real}
    both = bs.collect(("analysis.chapters", synthetic))
    keys = [f.conclusion.key for f in both]
    assert keys[-2:] == ["ch9.bricks", "ch9.zero"]  # a chapter the page has never heard of
    assert {f.module for f in both if f.conclusion.key.startswith("ch9")} == \
        {"synthetic_chapters.ch9"}


def test_tables_of_the_synthetic_chapter(synthetic):
    found = bs.collect((synthetic,))
    sweep = bs.sweep_table(found).set_index("Conclusion")
    # 150 x 214 = 32,100 (fails); 150 x 275 = 41,250; 150 x 303 = 45,450
    row = sweep.loc["ch9.bricks"]
    assert (row["At the low end"], row["At the default"], row["At the high end"]) == \
        ("32,100 (fails)", "41,250 (holds)", "45,450 (holds)")
    assert row["Statement (chapter; unit of its number)"] == \
        "more than 40,000 bricks a season (Chapter 9; bricks)"
    assert row["Flips"] == "yes"
    # the zero conclusion has no percent change: in the sweep table, not in the tornado
    assert bs.not_in_tornado(found) == ["ch9.zero"]
    rows = bs.tornado_rows(found)
    assert rows["conclusion"].tolist() == ["ch9.bricks"]
    label = rows["label"].iloc[0]
    assert max(len(line) for line in label.splitlines()) <= 44  # wrapped
    assert " ".join(label.split()) == ("more than 40,000 bricks a season — moving days of brick "
                                       "demand in one building season, ending on 30 November")
    table = bs.assumptions_table(found).set_index("Name in the code")
    assert table.loc["construction_season_days", "Conclusions swept over it"] == "ch9.bricks"
    assert table.loc["construction_season_days", "Default"] == "275 days"
    assert table.loc["construction_season_days", "Range"] == "214 to 303"
    assert table.loc["almost_band", "Conclusions swept over it"] == "none"
    assert len(table) == len(assumptions.REGISTRY)
    bases = bs.bases_markdown().splitlines()
    assert len(bases) == len(assumptions.REGISTRY)
    season = ("- **Days of brick demand in one building season, ending on 30 November** "
              "(construction\\_season\\_days, Chapter 2). The article (paragraph 15)")
    assert any(line.startswith(season) for line in bases)
    text = bs.flips_markdown(found)
    assert text.startswith("- Chapter 9: more than 40,000 bricks a season")
    assert "fails at the low end (214 days)" in text
    v = bs.overview(found)
    # both flip: 32,100 bricks fail; 230 - 250 = -20 working days fail "at least nothing"
    assert (v.number("sens_n_conclusions"), v.number("sens_n_pairs"),
            v.number("sens_n_flip")) == (2, 2, 2)
    # seven assumptions, two swept (season days, working days)
    assert v.number("sens_n_unused") == len(assumptions.REGISTRY) - 2


def test_a_chapter_sweep_of_appendix_b():
    t = bs.chapter_sweep("analysis.chapters.appendix_b").set_index("Conclusion")
    assert list(t.index) == ["appendix_b.almost_half", "appendix_b.no_inconsistency"]
    assert t.loc["appendix_b.almost_half", "At the low end"] == "0.966 (fails)"


def test_bad_conclusion_lists_are_refused_by_module(tmp_path, monkeypatch):
    pkg = tmp_path / "bad_chapters"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "ch1.py").write_text("CONCLUSIONS = ['not a conclusion']\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(TypeError, match=r"bad_chapters.ch1.CONCLUSIONS\[0\]"):
            bs.collect(("bad_chapters",))
        (pkg / "ch1.py").write_text(SYNTHETIC)
        (pkg / "ch2.py").write_text(SYNTHETIC)
        for name in [m for m in sys.modules if m.startswith("bad_chapters")]:
            del sys.modules[name]
        with pytest.raises(ValueError, match="'ch9.bricks' is defined in bad_chapters.ch1 "
                                             "and in bad_chapters.ch2"):
            bs.collect(("bad_chapters",))
    finally:
        for name in [m for m in sys.modules if m.startswith("bad_chapters")]:
            del sys.modules[name]


def test_every_assumption_is_swept_or_listed_with_a_reason():
    """Every assumption of the registry is swept by at least one conclusion, or a chapter
    says (NOT_SWEPT) why none rests on it; chapter 3's conclusions are collected (they were
    once a function that collect() did not see, and Appendix B said "none" for them)."""
    found = bs.collect()
    users = bs._users(found)
    reasons = bs.not_swept()
    for name in assumptions.REGISTRY:
        assert users.get(name) or reasons.get(name), name
    assert not set(users) & set(reasons)  # listed as unused but used: the reason would lie
    assert {f.conclusion.key for f in found if f.module == "analysis.chapters.ch3"} == {
        "ch3.load_below_one", "ch3.largest_class_twice_norm", "ch3.zhaizi_under_half_norm",
        "ch3.contribution_under_a_year", "ch3.outlay_over_two_years"}
    assert users["household_size"] == ["ch3.contribution_under_a_year",
                                       "ch3.outlay_over_two_years"]
    assert set(reasons) == {"class_norm_junior_secondary"}
    table = bs.assumptions_table(found).set_index("Name in the code")
    assert table.loc["class_norm_junior_secondary", "Conclusions swept over it"].startswith(
        "none: drawn as a reference line")


def test_book_wide_counts_include_chapter_3():
    """11 assumptions; conclusions 4 (ch1) + 6 (ch2) + 5 (ch3) + ... counted from the lists;
    the outlay conclusion of chapter 3 flips (at 4.27 persons 30,000 / (4.27 x 4,000) = 1.76
    years < 2) and is among the flips and in the tornado rows."""
    found = bs.collect()
    v = bs.overview(found)
    n = {k: v[k].value for k in ("sens_n_assumptions", "sens_n_conclusions", "sens_n_flip",
                                 "sens_n_unused", "sens_n_chapters")}
    assert n == {"sens_n_assumptions": 11, "sens_n_conclusions": 18, "sens_n_flip": 6,
                 "sens_n_unused": 1, "sens_n_chapters": 5}
    assert "ch3.outlay_over_two_years" in bs.flips_markdown(found)
    assert "ch3.outlay_over_two_years" in set(bs.tornado_rows(found)["conclusion"])


def test_a_conclusions_function_without_the_list_is_refused(tmp_path, monkeypatch):
    pkg = tmp_path / "fn_chapters"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "ch8.py").write_text("def conclusions():\n    return []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(TypeError, match=r"fn_chapters\.ch8 defines a function conclusions"):
            bs.collect(("fn_chapters",))
    finally:
        for name in [m for m in sys.modules if m.startswith("fn_chapters")]:
            del sys.modules[name]
