"""The chapters' sources: every claim of the article appears in the chapter of its section, and
the prose follows the house rules (no hand-typed numbers, no copied sentences)."""
import re
import subprocess
import sys

import pytest
from outside import skip_without_shared

from analysis.data import paths
from analysis.data.register import load_facts

SECTION_CHAPTER = {"front": "intro.md", "I": "ch1_changes.md", "II": "ch2_basic_needs.md",
                   "III": "ch3_problems.md", "IV": "ch4_measures.md"}
TOOLS = paths.tools_dir()


@pytest.mark.parametrize("section", ["I", "II", "III", "IV"])
def test_every_register_row_of_a_section_appears_in_its_chapter(section):
    text = (paths.CHAPTERS / SECTION_CHAPTER[section]).read_text(encoding="utf-8")
    shown = set(re.findall(r"\{fact\}`([^`]+)`", text))
    facts = load_facts()
    ids = set(facts.index[facts["section"] == section])
    assert ids - shown == set()


def test_every_fact_role_names_a_register_row():
    ids = set(load_facts().index)
    unknown = {}
    for md in paths.CHAPTERS.glob("*.md"):
        for fid in re.findall(r"\{fact\}`([^`]+)`", md.read_text(encoding="utf-8")):
            if fid not in ids:
                unknown.setdefault(md.name, []).append(fid)
    assert unknown == {}


def _tool(name):
    return skip_without_shared(TOOLS / name, f"the compendium's text checker {name} (it lists "
                               "hand-typed numbers or copied text)")


def test_no_number_is_typed_by_hand_in_prose():
    proc = subprocess.run([sys.executable, str(_tool("check_prose_numbers.py"))],
                          cwd=paths.ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_no_sentence_of_the_article_is_copied(article_paragraphs):
    source = paths.source_text_path()
    proc = subprocess.run([sys.executable, str(_tool("check_no_copied_text.py")), str(source),
                           str(paths.ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_every_chapter_has_question_summary_and_exercises_with_folded_solutions():
    for name in ["ch1_changes.md", "ch2_basic_needs.md", "ch3_problems.md", "ch4_measures.md",
                 "ch5_national.md"]:
        text = (paths.CHAPTERS / name).read_text(encoding="utf-8").lower()
        assert "question" in text and "summary" in text, name
        labels = re.findall(r"`{3,}\{exercise\}[^\n]*\n:label: ([\w-]+)", text)
        if labels:  # sphinx-exercise: each exercise has a solution folded as a dropdown
            folded = set(re.findall(r"`{3,}\{solution\} ([\w-]+)\n:class: dropdown", text))
            assert len(labels) >= 2 and set(labels) <= folded, name
        else:  # a chapter not yet moved to sphinx-exercise
            assert text.count("exercise") >= 2 and "{dropdown}" in text, name


def test_figure_captions_hold_no_citation_roles():
    """A citation inside a LaTeX caption breaks the PDF build (a fragile command in a moving
    argument); captions name their sources in words and the references page lists them."""
    for md in paths.CHAPTERS.glob("*.md"):
        captions = re.findall(r"caption: \|\n((?:      .*\n)+)", md.read_text(encoding="utf-8"))
        assert not any("{cite}" in c for c in captions), md.name


def test_every_module_is_documented_in_appendix_e():
    text = (paths.CHAPTERS / "appendix_e_code.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"automodule:: ([\w.]+)", text))
    modules = set()
    for package in ("analysis", "liangshan_book"):
        for p in (paths.ROOT / "src" / package).rglob("*.py"):
            parts = p.relative_to(paths.ROOT / "src").with_suffix("").parts
            if parts[-1] not in ("__init__", "__main__"):
                modules.add(".".join(parts))
    assert modules - documented == set()
