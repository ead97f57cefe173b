"""Single-use invitation codes, and the keyed hashes that are all the database keeps of them."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.urls import reverse

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from paper
CODE_LENGTH = 12  # 60 bits


def new_code() -> str:
    """A single-use code: 12 characters from a 32-letter alphabet (60 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise(code: str) -> str:
    """The code as stored and compared: typed with spaces or in lower case, it still works."""
    return "".join(code.split()).upper()


class Hashed(str):
    """A code's keyed hash already (`hash_code` of it), as the answer cookie carries it."""


def hash_code(code: str) -> str:
    """The keyed hash a code is stored and looked up by.

    Keyed (HMAC with BEMANNA_CODE_KEY), so a copy of the database alone cannot be used to
    test codes or to recognise one seen elsewhere. The SHA-256 inside is what earlier
    versions stored; `rekey` turns such a stored hash into this one without the code.
    """
    if isinstance(code, Hashed):
        return str(code)
    return rekey(hashlib.sha256(normalise(code).encode()).hexdigest())


def rekey(sha256_hex: str) -> str:
    key = hashlib.sha256(b"bemanna.answering.code:" + settings.CODE_KEY.encode()).digest()
    return hmac.new(key, sha256_hex.encode(), hashlib.sha256).hexdigest()


def claim_tag(kind: str, invitation_id: int) -> str:
    """The keyed tag under which a used invitation is kept while its window is open: the
    invitation row itself is not written when it is used, so neither a copy of the database
    taken between two answers nor the transaction that stored an answer points to it; only
    with BEMANNA_CODE_KEY can a tag be matched to its invitation."""
    key = hashlib.sha256(b"bemanna.answering.claim:" + settings.CODE_KEY.encode()).digest()
    return hmac.new(key, f"{kind}:{invitation_id}".encode(), hashlib.sha256).hexdigest()


def link(code_page: str, code: str) -> str:
    """The link an e-mail or a printed slip's QR code carries: the code page (a URL name)
    with the code after '#', which browsers keep to themselves (see `web`)."""
    return f"{settings.BASE_URL}{reverse(code_page)}#{code}"
