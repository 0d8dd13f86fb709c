"""What a chapter depends on: the modules it imports and the data files they declare."""
import re

from analysis import dependencies, paths

PACKAGE = paths.ROOT / "src" / "analysis"


def test_chapter_imports_are_followed_through_the_package():
    mods = dependencies.closure(dependencies.modules_of_chapter(
        "from analysis import trends, style\nimport analysis.maps\n"))
    assert {"trends", "style", "maps", "register", "context", "boundaries", "paths"} <= mods


def test_every_module_that_reads_data_declares_its_files():
    undeclared = []
    for path in sorted(PACKAGE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        reads = re.search(r"data_dir\(|paths\.DATA\b|paths\.FACTS\b", text)
        if reads and path.name != "paths.py" and not dependencies.declared_data_files(path.stem):
            undeclared.append(path.name)
    assert undeclared == []


def test_a_register_edit_reaches_the_chapters_that_read_it_and_only_those(data_copy):
    ch1, appd = paths.CHAPTERS / "ch1_changes.md", paths.CHAPTERS / "appendix_d_reproducibility.md"
    before = {c: dependencies.chapter_digest(c, data_copy) for c in (ch1, appd)}
    facts = data_copy / paths.FACTS
    facts.write_text(facts.read_text(encoding="utf-8").replace("591", "592", 1), encoding="utf-8")
    assert dependencies.chapter_digest(ch1, data_copy) != before[ch1]
    assert dependencies.chapter_digest(appd, data_copy) == before[appd]


def test_the_descriptor_hash_fields_do_not_count(data_copy):
    ch1 = paths.CHAPTERS / "ch1_changes.md"
    before = dependencies.chapter_digest(ch1, data_copy)
    desc = data_copy / paths.DESCRIPTOR
    text = desc.read_text(encoding="utf-8")
    desc.write_text(re.sub(r'"sha256:[0-9a-f]{4}', '"sha256:0000', text, count=1),
                    encoding="utf-8")
    assert dependencies.chapter_digest(ch1, data_copy) == before
