"""The answer cookie: sealed for one door, for four hours, under the server's key."""

import pytest

from bemanna.answering import Refused
from bemanna.answering.web import COOKIE_MAX_AGE, Door, seal, unseal

PULSE = Door("pulse:code", "pulse:answer", "bemanna_svar", "x.html")
EXIT = Door("exits:code", "exits:answer", "bemanna_avgang", "x.html")
DIGEST = "ab" * 32
NOW = 1_800_000_000.0


def test_a_sealed_cookie_opens_its_own_door_for_four_hours():
    token = seal(PULSE, DIGEST, now=NOW)
    assert unseal(PULSE, token, now=NOW) == DIGEST
    assert unseal(PULSE, token, now=NOW + COOKIE_MAX_AGE) == DIGEST
    with pytest.raises(Refused):
        unseal(PULSE, token, now=NOW + COOKIE_MAX_AGE + 1)
    with pytest.raises(Refused):
        unseal(EXIT, token, now=NOW)  # another survey's door
    for made_up in ("", "A" * 12, "!!!", token[:-2]):
        with pytest.raises(Refused):
            unseal(PULSE, made_up, now=NOW)


def test_a_key_rotation_keeps_answers_in_progress_and_a_new_key_alone_refuses(settings):
    token = seal(PULSE, DIGEST, now=NOW)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "another-key-" + "x" * 50
    with pytest.raises(Refused):
        unseal(PULSE, token, now=NOW)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert unseal(PULSE, token, now=NOW) == DIGEST
