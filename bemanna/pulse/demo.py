"""Region Demo's pulse: two years of quarterly eNPS + HME waves with realistic differences."""

from __future__ import annotations

import datetime

import numpy as np
from django.db import transaction

from bemanna.org.models import Level, Unit
from bemanna.pulse.forms import HME_KEYS
from bemanna.pulse.models import Invitation, ItemAnswer, Pulse, Response, WaveStatus
from bemanna.pulse.services import open_wave

COMMENTS = (
    "Bra kollegor och ett meningsfullt arbete.",
    "För hög arbetsbelastning, särskilt på helger.",
    "Chefen lyssnar och tar tag i saker.",
    "Svårt att få ledigt när man behöver.",
    "Jag skulle vilja ha fler möjligheter att utvecklas.",
    "Lönen motsvarar inte ansvaret.",
    "Schemat fungerar bra efter förändringen.",
    "Vi är för få för att hinna med patienterna.",
)


@transaction.atomic
def add_pulse_demo(today: datetime.date, seed: int = 1) -> Pulse:
    rng = np.random.default_rng(seed)
    pulse = Pulse.objects.create(
        name="Ambassadörskap (eNPS + HME)",
        description="Regionens modell: eNPS och SKR:s HME varje kvartal, svar inom två veckor.",
    )
    pulse.units.add(*Unit.objects.filter(level=Level.REGION))
    units = list(Unit.objects.filter(level=Level.UNIT).values_list("pk", flat=True))
    climate = dict(zip(units, rng.normal(0.0, 0.9, len(units)), strict=True))
    first = datetime.date(today.year - 2, (today.month - 1) // 3 * 3 + 1, 1)
    for wave_number in range(8):
        month = first.month - 1 + 3 * wave_number
        opens = datetime.date(first.year + month // 12, month % 12 + 1, 1)
        if opens + datetime.timedelta(days=14) > today:
            break
        wave, _codes = open_wave(pulse, opens)
        trend = 0.08 * wave_number  # the action plan slowly works
        invitations = list(wave.invitations.values_list("pk", "unit_id"))
        answering = [(pk, unit) for pk, unit in invitations if rng.random() < 0.68]
        responses, items = [], []
        for _pk, unit in answering:
            mood = climate.get(unit, 0.0) + trend
            score = int(np.clip(round(rng.normal(7.0 + 0.9 * mood, 2.1)), 0, 10))
            comment = str(rng.choice(COMMENTS)) if rng.random() < 0.15 else ""
            response = Response(wave=wave, unit_id=unit, enps=score, comment=comment)
            responses.append(response)
            for key in HME_KEYS:
                value = int(np.clip(round(rng.normal(3.7 + 0.5 * mood, 0.9)), 1, 5))
                items.append(ItemAnswer(response=response, item=key, value=value))
        Response.objects.bulk_create(responses, batch_size=2000)
        ItemAnswer.objects.bulk_create(items, batch_size=5000)
        Invitation.objects.filter(pk__in=[pk for pk, _unit in answering]).update(used=True)
        wave.status = WaveStatus.CLOSED
        wave.save(update_fields=["status"])
        # A closed wave keeps no codes at all.
        Invitation.objects.filter(wave=wave).update(token_hash=None)
    return pulse
