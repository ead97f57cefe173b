"""Codes are stored as keyed hashes (issue 12, 5d), and codes sent before keep working."""

import datetime
import hashlib

from bemanna.answering.codes import CODE_ALPHABET, hash_code, new_code, normalise, rekey
from bemanna.pulse import services
from bemanna.pulse.models import InvitationCode, Pulse
from bemanna.pulse.tests.helpers import codes_for


def test_a_code_is_random_and_typed_as_it_likes():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == 12 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert normalise(" abcd efgh jkmn ") == "ABCDEFGHJKMN"
    assert hash_code(" abcd efgh jkmn ") == hash_code("ABCDEFGHJKMN")


def test_the_stored_hash_needs_the_key(settings):
    code = new_code()
    plain = hashlib.sha256(code.encode()).hexdigest()
    keyed = hash_code(code)
    assert keyed != plain and len(keyed) == 64
    settings.CODE_KEY = "another key"
    assert hash_code(code) != keyed  # without the key, a stored hash cannot be checked


def test_a_code_sent_before_keyed_hashes_is_rekeyed_without_the_code(staffed):
    # What migration 0004 does with a plain SHA-256 stored by an earlier version.
    pulse = Pulse.objects.create(name="Före")
    pulse.units.add(staffed["R"])
    wave = services.open_wave(pulse, datetime.date(2026, 6, 1))
    invitation_id, code = next(iter(codes_for(wave).items()))
    stored = InvitationCode.objects.get(invitation_id=invitation_id)
    assert stored.code_hash == hash_code(code)
    old = hashlib.sha256(code.encode()).hexdigest()
    assert rekey(old) == stored.code_hash
    assert not InvitationCode.objects.filter(code_hash=old).exists()
