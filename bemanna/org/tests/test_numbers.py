"""Numbers as Swedes write them: a minus sign (U+2212), a decimal comma, grouped thousands."""

from django.utils import translation

from bemanna.keyfigures.templatetags.keyfigures import figure
from bemanna.org.templatetags.numbers import band, num, pct, pct_apart


def test_negative_numbers_have_a_minus_sign_not_a_hyphen():
    with translation.override("sv"):
        assert num(-1234.5, 1) == "\u22121\xa0234,5"
        assert pct(-0.052, 1) == "\u22125,2\xa0%"
        # A range with a negative bound reads "till", never a dash after a minus sign.
        assert band((-12, -3.2, 4)) == "\u22123 (\u221212 till 4)"
        assert band((2, 3.2, 4)) == "3 (2–4)"
        assert num(7) == "7" and "-" not in num(-0.0001, 0) + pct(-0.5)


def test_a_unit_is_never_wrapped_from_its_number():
    """Swedes write "12 %" with a space, and a line never ends inside it: a no-break space
    (U+00A0) before the per cent sign, as the reports write it, never an ordinary one."""
    with translation.override("sv"):
        assert pct(0.123) == "12\xa0%" and pct(0.1234, 1) == "12,3\xa0%"
        assert pct_apart(0.02007, 0.02) == "2,01\xa0%"
        assert figure(0.123, "hired_share").endswith("\xa0%")


def test_no_template_puts_a_breaking_space_between_a_number_and_its_unit():
    """`{{ x|num }} kr` could end a line after the number: the templates write `&nbsp;kr`."""
    import re
    from pathlib import Path

    import bemanna

    root = Path(bemanna.__file__).parent
    pattern = re.compile(r"\}\}[ \t]+(%|kr|MSEK|tkr)(?![\w])")
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found
