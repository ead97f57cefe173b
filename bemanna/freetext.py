"""No personal data in free text: personnummer, e-mail addresses and phone numbers are taken
out of whatever people type before it is stored, and the writer is told.

Comments, proposals, dialogue notes and every other text box can end up in an export or in
front of a council. A personnummer typed into a comment would undo the pseudonymisation of
the whole import, and an address or number points to one person as surely. Names cannot be
found by a pattern; the forms ask people not to write them.

`redact` is the rule; `FreeTextForm` applies it to a form's text boxes: a text that held any
of the patterns comes back with them replaced and a note saying what was removed, so nothing
is stored until the writer has seen the cleaned text and sent it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

# A personnummer or samordningsnummer: (century) YYMMDD, an optional - or +, four digits.
# The date part must look like a date (month 01-12, day 01-31 or 61-91); the check digit is
# not required, since a mistyped number is still someone's.
_PERSONNUMMER = re.compile(
    r"(?<![\d+])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"\s?[-+]?\s?\d{4}(?!\d)"
)
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A Swedish phone number: +46 / 0046 / 0, an area code or mobile prefix starting 1-9, then
# 5-9 more digits, with spaces, dashes, slashes or brackets between them as people write them
# (070-123 45 67, 08-123 456 78, +46 (0)8 123 456 78, 031/12 34 56, 0701234567).
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?46[\s-]?(?:\(0\)[\s-]?)?|\(?0)[1-9](?:[\s\-/)]{0,2}\d){5,9}(?![\d])"
)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # The personnummer first: its ten digits would otherwise pass for a phone number.
    ("personnummer", _PERSONNUMMER),
    ("email", _EMAIL),
    ("phone", _PHONE),
)
REPLACEMENTS = {
    "personnummer": _("[personal identity number removed]"),
    "email": _("[e-mail address removed]"),
    "phone": _("[phone number removed]"),
}
NAMES = {
    "personnummer": _("a personal identity number"),
    "email": _("an e-mail address"),
    "phone": _("a phone number"),
}


@dataclass(frozen=True)
class Redacted:
    text: str
    found: tuple[str, ...]  # the kinds removed, in PATTERNS order, each once


def redact(text: str) -> Redacted:
    """Replace every personnummer, e-mail address and phone number in a text.

    Examples:
        >>> redact("Ring mig på 070-123 45 67").found
        ('phone',)
        >>> redact("Mitt pnr 19811218-9876 och a.b@region.se").found
        ('personnummer', 'email')
        >>> redact("Vi ses 2026-05-01 kl 10, 3 av 12 svarade").found
        ()
    """
    found = []
    for kind, pattern in PATTERNS:
        replacement = str(REPLACEMENTS[kind])
        removed = 0

        def replace(match: re.Match[str], kind: str = kind, replacement: str = replacement) -> str:
            nonlocal removed
            if kind == "personnummer" and _is_mobile_number(match.group()):
                return match.group()
            removed += 1
            return replacement

        text = pattern.sub(replace, text)
        if removed:
            found.append(kind)
    return Redacted(text, tuple(found))


def _is_mobile_number(digits: str) -> bool:
    """Ten digits starting with 0, with neither separator nor a valid check digit, are a
    mobile number (0701234567), not someone born in 2007: left for the phone pattern."""
    return digits.isdigit() and len(digits) == 10 and digits[0] == "0" and not _luhn(digits)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


class FreeTextForm(forms.BaseForm):
    """A form whose text boxes (every CharField with a Textarea, and the fields named in
    `free_text_fields`) are redacted; mix it in before forms.Form or forms.ModelForm."""

    free_text_fields: tuple[str, ...] = ()

    def _free_text_names(self) -> list[str]:
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and (isinstance(field.widget, forms.Textarea) or name in self.free_text_fields)
        ]

    def _clean_fields(self) -> None:
        super()._clean_fields()
        for name in self._free_text_names():
            value = self.cleaned_data.get(name)
            if not isinstance(value, str):
                continue
            redacted = redact(value)
            if not redacted.found:
                continue
            # Show the cleaned text in the box, so the writer sends that and nothing else.
            if getattr(self.data, "_mutable", True) is False:
                self.data = self.data.copy()
            self.data[self.add_prefix(name)] = redacted.text
            what = ", ".join(str(NAMES[kind]) for kind in redacted.found)
            self.add_error(
                name,
                _(
                    "We removed %(what)s from the text: this is not the place for personal "
                    "data. Check the text and send it again."
                )
                % {"what": what},
            )
