"""What an answer keeps to be counted by, sealed so that the database alone does not say it.

An answer keeps what the results are broken down by: an exit answer its unit and profession
group, a targeted survey's answer its segment (an age band, a profession group). In a small
organisation many such cells hold one person: in Region Demo 629 of the 905 exit answers
were the only one of their unit, group and year, and 132 of the 261 answers to the survey
on later retirement the only one of their unit and age band. Whoever could read the answers
beside the HR tables (a database administrator, a backup, a reporting replica) read those
people's answers by a join (an insider's nineteenth and twentieth rounds).

So these values are stored sealed: AES-GCM with a fresh random nonce for every value, under
a key derived from `BEMANNA_PSEUDONYM_KEY` (which production must have of its own and keep:
it already keys every person's pseudonym, and is not in the database). Every value is padded
to a fixed width before it is sealed, so that a sealed group's length is not its name's; two
answers of one cell share no bytes. The application opens them when it counts; the database
can neither compare nor group them, so the fields refuse every lookup: counting is done in
Python after reading (`exits.results`, `pulse.targeted`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.functions import Cast

LABEL = b"bemanna: sealed answer values, v1"
NONCE = 12
END = b"\x80"  # ISO/IEC 7816-4 padding: the value, 0x80, then zeros up to the width


@lru_cache(maxsize=4)
def _cipher(key: str) -> AESGCM:
    return AESGCM(hmac.new(key.encode(), LABEL, hashlib.sha256).digest())


def seal(text: str, width: int) -> str:
    """`text` sealed, padded to `width` bytes (or the next multiple of it, for a longer one)."""
    data = text.encode() + END
    size = -(-len(data) // width) * width
    nonce = os.urandom(NONCE)
    sealed = _cipher(settings.PSEUDONYM_KEY).encrypt(nonce, data.ljust(size, b"\0"), None)
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unseal(token: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii"))
        data = _cipher(settings.PSEUDONYM_KEY).decrypt(raw[:NONCE], raw[NONCE:], None)
    except (InvalidTag, ValueError):  # another key, or not sealed (not migrated)
        raise ImproperlyConfigured(
            "A sealed answer value cannot be opened: BEMANNA_PSEUDONYM_KEY is not the key "
            "it was sealed with (the key must never change, see docs/deployment.md)."
        ) from None
    return data.rstrip(b"\0")[:-1].decode()


class SealedField(models.TextField):
    """A value stored sealed (`seal`): read back as it was written, never compared in SQL.

    The width is above any value the field holds: a group name of up to 120 characters
    (`Profession.skr_group`) is at most 240 bytes in Swedish. At 64 bytes a long name HR
    gave a group sealed to a longer token, and every answer of that group stood out (an
    insider's twenty-second round)."""

    width = 256

    def __init__(self, *args, width: int | None = None, **kwargs) -> None:
        if width is not None:
            self.width = width
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.width != type(self).width:
            kwargs["width"] = self.width
        return name, path, args, kwargs

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None  # a sealed value equals nothing in SQL: count after reading

    def to_text(self, value) -> str:
        return str(value)

    def from_text(self, text: str):
        return text

    def get_prep_value(self, value):
        if value is None:
            return None
        return seal(self.to_text(value), self.width)

    def from_db_value(self, value, expression, connection):
        return None if value is None else self.from_text(unseal(value))

    def to_python(self, value):
        return value


class SealedCharField(SealedField):
    """A short text (a profession group, a segment)."""


class SealedIntegerField(SealedField):
    """An id (a unit's), stored sealed: a model instance is taken by its primary key."""

    width = 16

    def to_text(self, value) -> str:
        return str(self.to_python(value))

    def from_text(self, text: str) -> int:
        return int(text)

    def to_python(self, value):
        return None if value is None else int(getattr(value, "pk", value))


def try_every_sealed_field() -> None:
    """Open the first stored value of every sealed field of every model; raises
    ImproperlyConfigured when one does not open with this key. A value that is not a sealed
    token at all (a plain one a migration has still to seal) or a missing table is skipped."""
    from django.apps import apps
    from django.db import DatabaseError

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, SealedField):
                continue
            try:
                found = model.objects.exclude(**{f"{field.name}__isnull": True})
                raw = found.values_list(Cast(field.name, models.TextField()), flat=True).first()
            except DatabaseError:
                continue
            if raw and _looks_sealed(raw):
                unseal(raw)


def _looks_sealed(token: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(token.encode("ascii"))) > NONCE + 16
    except ValueError:
        return False


def seal_columns(table: str, widths: dict[str, int], *, reverse: bool = False):
    """A migration's RunPython step: seal (or, with `reverse`, open) the plain values of
    `table`'s text `columns` in place, each to its width. Raw SQL, so that it runs on any
    historical state of the model."""

    def run(apps, schema_editor) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        names = list(widths)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, {', '.join(quote(c) for c in names)} FROM {quote(table)}"  # noqa: S608
            )
            rows = cursor.fetchall()
            if not rows:
                return
            change = (lambda text, _width: unseal(text)) if reverse else seal
            updated = [
                [
                    *(
                        None if value is None else change(str(value), widths[name])
                        for name, value in zip(names, row[1:], strict=True)
                    ),
                    row[0],
                ]
                for row in rows
            ]
            assignments = ", ".join(f"{quote(c)} = %s" for c in names)
            cursor.executemany(
                f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",  # noqa: S608
                updated,
            )

    return run
