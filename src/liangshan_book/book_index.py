"""A Sphinx extension: the book's index of places, terms and register ids.

Each paragraph (or list item) of the chapters, the introduction and Appendices A to D gets an
index entry for every place and term it names and every register row whose number it prints
(through the ``{fact}`` role), so that the index follows the text as it is rewritten, with no
index markup in the chapters:

- places: the prefecture's 17 counties (from the context table ``counties.csv``, by their
  pinyin names), the prefecture, the province, and the villages, school and clinic the
  register names (its ``place`` column), plus :data:`EXTRA_PLACES`;
- terms: :data:`TERMS`, each with the pattern that finds it;
- register ids: under "register rows", each row's id; its row in Appendix A is the main entry
  (its page number in bold).

The entries are Sphinx index entries: the HTML book lists them in its general index (beside
the code's), the PDF prints them as its index (``\\printindex``, sorted by xindy, which reads
UTF-8). Figure captions, titles and tables are left out (LaTeX cannot take index marks there),
and so is the API documentation in the PDF's index (Appendix E lists it module by module).
Written here because neither Sphinx nor Jupyter Book indexes a text by itself.
"""
from __future__ import annotations

import re
from functools import lru_cache

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Documents whose paragraphs are indexed (the API appendix and the back matter are not).
INDEXED = re.compile(r"^(index|chapters/(ch\d_\w+|appendix_[a-d]_\w+))$")
#: Places the data do not list but the text names (name -> what the index calls it).
EXTRA_PLACES = {"Yida": "Yida (village, Jinyang)", "Chengdu": "Chengdu",
                "Guangdong": "Guangdong", "Zhejiang": "Zhejiang"}
#: Terms of the index (entry -> the case-insensitive pattern that finds it in a paragraph).
TERMS = {
    # "register" is the book's table of the article's claims; the government's list of
    # registered poor households (建档立卡) is the poverty roll
    "poverty roll (government's list of poor households)": r"poverty[- ]roll",
    "registered poor": r"registered[- ]poor",
    "poverty rate": r"poverty rates?\b|poverty incidence",
    "sample survey (NBS)": r"sample survey",
    "census": r"\bcensus(es)?\b",
    "national poverty county": r"poverty count(y|ies)",
    "exit from poverty": r"\bexit(ed|s)?\b|shed the label|left the list",
    "percentage point": r"percentage points?",
    "compound annual change": r"compound (annual )?(rate|change)",
    "extrapolation": r"extrapolat\w+",
    "deadline of 2020": r"\bdeadline",
    "stock and flow": r"stock[- ](and[- ])?flow",
    "relocation": r"relocat\w+|resettle\w+|rehous\w+",
    "subsidies and grants": r"subsid(y|ies)|\bgrants?\b",
    "spontaneous migrants": r"spontaneous(ly)? migra\w+|moved (away )?on their own",
    "labour transfer": r"labou?r transfer|transfer rate",
    "low-income households": r"low-income",
    "out-of-school children": r"out[- ]of[- ]school|dropped out",
    "class size": r"class(es)? sizes?|large classes|oversized|crowded",
    "clinics and health centres": r"\bclinics?\b|health cent(re|er)s?",
    "boarding schools": r"\bboard(ing|er|ers)\b",
    "old-age support and pensions": r"pensions?|old-age",
    "subsistence allowance": r"subsistence allowance",
    "bricks and housing": r"\bbricks?\b|\bkilns?\b",
    "drugs and HIV": r"\bdrugs?\b|\bHIV\b",
    "Yi people": r"\bYi\b",
    "Mandarin": r"\bMandarin\b",
    "officials and working teams": r"\bofficials\b|\bcadres\b|working[- ]team",
    "audit of the article": r"\baudit",
    "paragraph locator": r"paragraph (mark|locator)s?|\bparagraph \d+",
}
#: The heading under which the register ids are listed.
REGISTER = "register rows"


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Place name as the text writes it -> the index entry."""
    from analysis.data.register import load_facts
    from analysis.domain.counties import county_table

    out = {name: f"{name} (county)" for name in county_table()["name_pinyin"]}
    out.update({"Liangshan": "Liangshan (prefecture)", "Sichuan": "Sichuan (province)"})
    for place in load_facts()["place"].dropna().unique():
        first = str(place).split()[0]
        if first not in out and first[0].isupper() and first not in ("Butuo", "Jinyang"):
            out[first] = f"{first} ({' '.join(str(place).split()[1:]).lower() or 'place'})"
    out.update(EXTRA_PLACES)
    return out


def entries(text: str) -> list[str]:
    """The index entries of the places and terms named in ``text``, sorted."""
    found = {entry for name, entry in places().items()
             if re.search(rf"\b{re.escape(name)}\b", text)}
    found |= {term for term, pattern in TERMS.items() if re.search(pattern, text, re.I)}
    return sorted(found)


#: Where LaTeX cannot take an index mark (moving arguments, tables), or there is no prose;
#: and text that one edition only has (``{only}``): the index is collected once for both, and
#: an entry there would point the other edition's index at text it does not have.
_NOT_PROSE = (nodes.caption, nodes.title, nodes.table, nodes.literal_block, nodes.raw,
              addnodes.desc, addnodes.only)


def _skip(node: nodes.Node) -> bool:
    """Whether ``node`` sits in a caption, title, table, code block, API description or
    ``{only}`` block."""
    node = node.parent
    while node is not None:
        if isinstance(node, _NOT_PROSE):
            return True
        node = node.parent
    return False


class IndexParagraphs(SphinxTransform):
    """Put the index entries of each paragraph at its start (when a document is read, before
    Sphinx's domains collect the document's index entries, at priority 850)."""

    default_priority = 840

    def apply(self, **kwargs):
        if not INDEXED.match(self.env.docname):
            return
        for para in list(self.document.findall(nodes.paragraph)):
            if _skip(para):
                continue
            found = entries(para.astext())
            found += sorted({f"{REGISTER}; {ref['fact_id']}"
                             for ref in para.findall(addnodes.pending_xref)
                             if ref.get("fact_id")})
            if found:
                mark(para, found, self.env)


def mark(para: nodes.Element, found: list[str], env, main: bool = False) -> None:
    """Put index entries ``found`` (``main``: bold page numbers) at the start of ``para``."""
    target_id = f"index-{env.new_serialno('index')}"
    index = addnodes.index(entries=[("single", entry, target_id, "main" if main else "", None)
                                    for entry in found], inline=True)
    para.insert(0, index)
    para.insert(0, nodes.target("", "", ids=[target_id]))


class ApiOutOfPrintIndex(SphinxPostTransform):
    """In the PDF, no index entries for the API (Appendix E lists it module by module)."""

    default_priority = 780
    formats = ("latex",)

    def run(self, **kwargs):
        for start in self.document.findall(addnodes.start_of_file):
            if start.get("docname") == "chapters/appendix_e_code":
                for index in list(start.findall(addnodes.index)):
                    index.parent.remove(index)


def setup(app):
    app.add_transform(IndexParagraphs)
    app.add_post_transform(ApiOutOfPrintIndex)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
