"""Numbers as Swedes write them: a minus sign (U+2212), a decimal comma, grouped thousands."""

from django.utils import translation

from bemanna.org.templatetags.numbers import band, num, pct


def test_negative_numbers_have_a_minus_sign_not_a_hyphen():
    with translation.override("sv"):
        assert num(-1234.5, 1) == "\u22121\xa0234,5"
        assert pct(-0.052, 1) == "\u22125,2 %"
        # A range with a negative bound reads "till", never a dash after a minus sign.
        assert band((-12, -3.2, 4)) == "\u22123 (\u221212 till 4)"
        assert band((2, 3.2, 4)) == "3 (2–4)"
        assert num(7) == "7" and "-" not in num(-0.0001, 0) + pct(-0.5)
