"""How the book prints register values."""
from analysis import formatting


def test_values_are_printed_as_the_book_shows_them():
    assert formatting.value(881000.0, "persons") == "881,000"
    assert formatting.value(19.8, "percent") == "19.8%"
    assert formatting.value(26.0, "percent") == "26%"
    assert formatting.value(100, "yuan_per_person_per_month", 117) == "100–117"
    assert formatting.value(0.3, "yuan_per_brick") == "0.30"
    assert formatting.value(0.3333, "hectares", 0.5) == "0.33–0.50"
    assert formatting.value(12.4, "medical_workers") == "12.4"


def test_anchor_is_stable_and_html_safe():
    assert formatting.fact_anchor("liangshan.poor_population.2013") == \
        "fact-liangshan-poor-population-2013"


def test_p_values_below_a_thousandth_are_never_printed_as_zero():
    import pytest

    # a p-value that underflows to 0.0 (the likelihood-ratio test of chapter 5) and one
    # just under 0.001 both read "< 0.001"; 0.001 itself and above keep three decimals
    assert formatting.p_value(0.0) == "< 0.001"
    assert formatting.p_value(0.00099) == "< 0.001"
    assert formatting.p_value(0.001) == "0.001"
    assert formatting.p_value(0.0395) == "0.040" or formatting.p_value(0.0395) == "0.039"
    assert formatting.p_value(0.4931) == "0.493"
    with pytest.raises(ValueError, match="between 0 and 1"):
        formatting.p_value(1.5)
