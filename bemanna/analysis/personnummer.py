"""Swedish personnummer: validate, derive birth year and sex, pseudonymise.

A personnummer is personal data that Bemanna never stores: this module turns one into
(birth year, sex, keyed pseudonym) and nothing else leaves it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$")


class PersonnummerError(ValueError):
    """Raised with a reason code: 'format', 'date' or 'checksum'."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Identity:
    birth_year: int
    sex: str  # "K" (kvinna) or "M" (man), from the second-to-last digit
    pseudonym: str


def luhn_ok(digits: str) -> bool:
    """Check the Luhn digit of the ten-digit form.

    Examples:
        >>> luhn_ok("8112189876")
        True
        >>> luhn_ok("8112189875")
        False
    """
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def parse(value: str, *, reference_year: int) -> tuple[int, str, str]:
    """Return (birth year, sex, canonical 12 digits) or raise PersonnummerError.

    Ten-digit numbers get their century from `reference_year`; a '+' means 100 years or older.
    Samordningsnummer (day + 60) are accepted.

    Examples:
        >>> parse("19811218-9876", reference_year=2026)
        (1981, 'M', '198112189876')
        >>> parse("811218-9876", reference_year=2026)
        (1981, 'M', '198112189876')
        >>> parse("201212121212", reference_year=2026)
        (2012, 'M', '201212121212')
    """
    match = _PATTERN.match(value.strip().replace(" ", ""))
    if not match:
        raise PersonnummerError("format")
    century, yy, mm, dd, sep, serial, check = match.groups()
    if century is None:
        year = 2000 + int(yy)
        if year > reference_year:
            year -= 100
        if sep == "+":
            year -= 100
    else:
        year = int(century + yy)
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    if not (1 <= int(mm) <= 12 and 1 <= day <= 31):
        raise PersonnummerError("date")
    ten = f"{yy}{mm}{dd}{serial}{check}"
    if not luhn_ok(ten):
        raise PersonnummerError("checksum")
    sex = "M" if int(serial[2]) % 2 == 1 else "K"
    return year, sex, f"{year:04d}{mm}{dd}{serial}{check}"


def pseudonym(key: bytes, kind: str, identifier: str) -> str:
    """Keyed, one-way pseudonym for a person identifier.

    Examples:
        >>> pseudonym(b"k", "pnr", "198112189876") == pseudonym(b"k", "pnr", "198112189876")
        True
        >>> pseudonym(b"k", "pnr", "198112189876") == pseudonym(b"other", "pnr", "198112189876")
        False
    """
    return pseudonyms(key, kind, [identifier])[0]


def pseudonyms(key: bytes, kind: str, identifiers: list[str]) -> list[str]:
    """`pseudonym` for many identifiers at once (a tight loop: this is an import's hot spot).

    Examples:
        >>> pseudonyms(b"k", "anstnr", ["7"]) == [pseudonym(b"k", "anstnr", "7")]
        True
    """
    base = _mac(key)
    copy = base.copy
    out = []
    prefix = f"{kind}:"
    for identifier in identifiers:
        mac = copy()
        mac.update((prefix + identifier).encode())
        out.append(mac.hexdigest())
    return out


def _mac(key: bytes) -> hashlib.blake2b:
    """BLAKE2b in its keyed (MAC) mode, 128 bits."""
    return hashlib.blake2b(key=hashlib.sha512(key).digest(), digest_size=16, person=b"bemanna")


def identify(value: str, *, key: bytes, reference_year: int) -> Identity:
    """Turn a personnummer into an Identity, dropping the number itself."""
    year, sex, canonical = parse(value, reference_year=reference_year)
    return Identity(birth_year=year, sex=sex, pseudonym=pseudonym(key, "pnr", canonical))
