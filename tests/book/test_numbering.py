"""Appendices' figures and tables are lettered (A.1...) in HTML as in the PDF."""
from liangshan_book.numbering import letter_numbers


def test_an_appendix_numbers_its_tables_and_figures_by_its_letter_in_document_order():
    numbers = {
        "chapters/appendix_b_audit": {"table": {"tbl-notes": (3,), "tbl-audit": (2,)},
                                      "figure": {"fig-x": (1,)}},
        "chapters/ch1_changes": {"table": {"tbl-ch1-trends": (1, 1)}},
        "index": {"table": {"tbl-intro-chapters": (1,)}},
    }
    letter_numbers(numbers, "chapters/appendix_b_audit")
    letter_numbers(numbers, "chapters/ch1_changes")
    letter_numbers(numbers, "index")
    assert numbers["chapters/appendix_b_audit"] == {
        "table": {"tbl-audit": ("B", 1), "tbl-notes": ("B", 2)}, "figure": {"fig-x": ("B", 1)}}
    # a chapter keeps its numbers (1.1), and so does the introduction (1)
    assert numbers["chapters/ch1_changes"] == {"table": {"tbl-ch1-trends": (1, 1)}}
    assert numbers["index"] == {"table": {"tbl-intro-chapters": (1,)}}
    # idempotent: renumbering lettered numbers changes nothing
    letter_numbers(numbers, "chapters/appendix_b_audit")
    assert numbers["chapters/appendix_b_audit"]["table"]["tbl-notes"] == ("B", 2)
