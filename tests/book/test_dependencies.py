"""What a chapter depends on: the modules it imports and the data files they declare."""
import re

from analysis.data import paths
from liangshan_book import dependencies

PACKAGE = paths.ROOT / "src" / "analysis"
CHAPTER = """\
---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
# A chapter

Prose naming analysis.domain.audit is not an import.

```{code-cell} ipython3
from analysis.domain import trends as t
from analysis.figures import style
import analysis.figures.maps
```
"""


def test_chapter_imports_are_followed_through_the_subpackages():
    direct = dependencies.modules_of_chapter(CHAPTER)
    assert {"analysis.domain.trends", "analysis.figures.style", "analysis.figures.maps",
            "analysis", "analysis.domain", "analysis.figures"} == direct
    mods = dependencies.closure(direct)
    assert {"analysis.data.register", "analysis.data.context", "analysis.data.boundaries",
            "analysis.data.paths", "analysis.domain.counties"} <= mods
    assert "analysis.domain.audit" not in mods  # named in prose only


def test_relative_imports_resolve_inside_subpackages():
    import ast

    tree = ast.parse("from . import register\nfrom ..domain import trends\n")
    assert dependencies.imported_modules(tree, "analysis.data.context") == {
        "analysis", "analysis.data", "analysis.data.register", "analysis.domain",
        "analysis.domain.trends"}


def test_every_module_that_reads_data_declares_its_files():
    undeclared = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        reads = re.search(r"current\(\)|DataPackage\.at\(|\.path\(\"|paths\.DATA\b", text)
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if reads and path.name not in ("paths.py", "package.py", "__main__.py") \
                and not dependencies.declared_data_files(name):
            undeclared.append(name)
    assert undeclared == []


def test_a_register_edit_reaches_the_chapters_that_read_it_and_only_those(data_copy):
    ch1, appd = paths.CHAPTERS / "ch1_changes.md", paths.CHAPTERS / "appendix_d_reproducibility.md"
    before = {c: dependencies.chapter_digest(c) for c in (ch1, appd)}
    facts = data_copy / paths.FACTS
    facts.write_text(facts.read_text(encoding="utf-8").replace("591", "592", 1), encoding="utf-8")
    assert dependencies.chapter_digest(ch1) != before[ch1]
    assert dependencies.chapter_digest(appd) == before[appd]


def test_the_descriptor_hash_fields_do_not_count(data_copy):
    ch1 = paths.CHAPTERS / "ch1_changes.md"
    before = dependencies.chapter_digest(ch1)
    desc = data_copy / paths.DESCRIPTOR
    text = desc.read_text(encoding="utf-8")
    desc.write_text(re.sub(r'"sha256:[0-9a-f]{4}', '"sha256:0000', text, count=1),
                    encoding="utf-8")
    assert dependencies.chapter_digest(ch1) == before


def test_a_module_that_imports_a_whole_package_by_name_depends_on_all_of_it():
    # Appendix B's sensitivity section collects every chapter module's conclusions by name:
    # its digest follows all of analysis.chapters, including modules it never names
    mods = dependencies.closure({"analysis.chapters.book_sensitivity"})
    chapters = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
                for p in (PACKAGE / "chapters").glob("*.py") if p.name != "__init__.py"}
    assert "analysis.chapters.appendix_b" in chapters and chapters <= mods
    assert "analysis.domain.audit.roll" in mods  # followed on through appendix_b's imports
    assert dependencies.package_modules("analysis.chapters") >= chapters | {"analysis.chapters"}
    assert dependencies.package_modules("analysis.formatting") == set()  # not a package
