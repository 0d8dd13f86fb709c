"""No analysis function carries a number copied from the article: its inputs come from the
register by fact_id. This scans every module of ``src/analysis`` for numeric literals equal to a
value the article states (small counts and years excepted) and lists them."""
import ast

from analysis.data import paths
from analysis.data.register import load_facts

PACKAGE = paths.ROOT / "src" / "analysis"
#: The number-word table of the parser that reads the article's phrases (not data).
PARSER = "article.py"


def _distinctive(v: float) -> bool:
    """A value that would betray a copy: a whole number of 100 or more that is not a power of
    ten, or a decimal of 1 or more with a fractional part (19.8, 12.4). Small counts, layout
    coordinates and round shares coincide with the article's numbers too often to mean much."""
    if v.is_integer():
        return v >= 100 and not (1900 <= v <= 2100) and str(int(v)).rstrip("0") != "1"
    return v >= 1


def _article_values():
    facts = load_facts()
    values = set(facts["value"].dropna()) | set(facts["value_max"].dropna())
    return {float(v) for v in values if _distinctive(float(v))}


def _literals(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            yield node.lineno, node.value


def test_no_module_contains_a_number_stated_by_the_article():
    article = _article_values()
    assert {881000.0, 19.8, 12.4, 591.0} <= article  # the scan looks for the telling ones
    found = []
    for path in sorted(p for p in PACKAGE.glob("*.py") if p.name != PARSER):
        for line, value in _literals(path):
            if float(value) in article:
                found.append(f"{path.name}:{line}: {value}")
    assert found == []
