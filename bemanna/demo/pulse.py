"""Region Demo's pulse: two years of quarterly eNPS + HME waves with realistic differences,
comments, team dialogues and actions, and an open wave to answer."""

from __future__ import annotations

import datetime

import numpy as np
from django.db import transaction

from bemanna.analysis.enps import HME_KEYS
from bemanna.org.models import Level, Unit
from bemanna.pulse import services
from bemanna.pulse.models import (
    Action,
    ActionStatus,
    Dialogue,
    Invitation,
    InvitationCode,
    ItemAnswer,
    Pulse,
    Response,
    Schedule,
)

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
TOPICS = (
    "Arbetsbelastningen på helgerna och hur vi fördelar passen.",
    "Introduktionen av nya kollegor och hur vi tar emot studenter.",
    "Möjligheter till kompetensutveckling och vem som går nästa utbildning.",
    "Hur vi kan använda undersköterskornas kompetens bättre.",
    "Schemaläggningen och önskemål om ledighet.",
)
ACTIONS = (
    ("Pröva ny fördelning av helgpass", "Enhetschef"),
    ("Boka studiedag om arbetsmiljö", "Skyddsombud"),
    ("Ta fram introduktionsplan för nyanställda", "Vårdutvecklare"),
    ("Se över bemanningen kvällstid", "Enhetschef"),
    ("Utse handledare för studenter", "Biträdande enhetschef"),
)
DIALOGUE_SHARE = 0.7


@transaction.atomic
def add_pulse_demo(today: datetime.date, seed: int = 1) -> Pulse:
    rng = np.random.default_rng(seed)
    # Quarterly for two years up to a wave that opens today, so there is always one to answer.
    first = datetime.date(today.year - 2, today.month, min(today.day, 28))
    pulse = Pulse.objects.create(
        name="Ambassadörskap (eNPS + HME)",
        description="Regionens modell: eNPS och SKR:s HME varje kvartal, svar inom två veckor.",
        schedule=Schedule.QUARTERLY,
        first_opens=first,
    )
    pulse.units.add(*Unit.objects.filter(level=Level.REGION))
    leaves = list(Unit.objects.filter(level=Level.UNIT).values_list("pk", flat=True))
    climate = dict(zip(leaves, rng.normal(0.0, 0.9, len(leaves)), strict=True))
    dialogue_units = [u for u in leaves if rng.random() < DIALOGUE_SHARE]
    previous_actions: list[Action] = []
    for number, opens in enumerate(pulse.opening_dates(today)):
        closes = opens + datetime.timedelta(days=pulse.window_days - 1)
        wave = services.open_wave(pulse, opens)
        still_open = closes >= today
        trend = 0.08 * number  # the action plan slowly works
        invitations = list(wave.invitations.values_list("pk", "unit_id"))
        share = 0.4 if still_open else 0.68
        answering = [(pk, unit) for pk, unit in invitations if rng.random() < share]
        responses, items = [], []
        for _pk, unit in answering:
            mood = climate.get(unit, 0.0) + trend
            score = int(np.clip(round(rng.normal(7.0 + 0.9 * mood, 2.1)), 0, 10))
            comment = str(rng.choice(COMMENTS)) if rng.random() < 0.15 else ""
            answers = {
                key: int(np.clip(round(rng.normal(3.7 + 0.5 * mood, 0.9)), 1, 5))
                for key in HME_KEYS
            }
            response = Response(
                wave=wave,
                unit_id=unit,
                enps=score,
                comment=comment,
                **services.hme_indices(answers),
            )
            responses.append(response)
            items.extend(
                ItemAnswer(response=response, item=key, value=value)
                for key, value in answers.items()
            )
        Response.objects.bulk_create(responses, batch_size=2000)
        ItemAnswer.objects.bulk_create(items, batch_size=5000)
        Invitation.objects.filter(pk__in=[pk for pk, _unit in answering]).update(used=True)
        # The demo does not e-mail thousands of made-up addresses: they count as sent.
        wave.invitations.filter(by_email=True).update(sent=True)
        if still_open:
            break
        services.close_wave(wave)
        for action in previous_actions:  # last time's actions move on
            action.status = str(
                rng.choice([ActionStatus.DONE, ActionStatus.ONGOING, ActionStatus.DROPPED])
            )
            action.save(update_fields=["status"])
        previous_actions = _dialogues(rng, wave, dialogue_units, closes, today)
    return pulse


def _dialogues(rng, wave, units, closes, today) -> list[Action]:
    actions = []
    for unit in units:
        held = closes + datetime.timedelta(days=int(rng.integers(7, 35)))
        if held > today or rng.random() < 0.1:
            continue
        dialogue = Dialogue.objects.create(
            wave=wave,
            unit_id=unit,
            held_on=held,
            participants=int(rng.integers(4, 16)),
            discussed=str(rng.choice(TOPICS)),
        )
        for index in rng.choice(len(ACTIONS), size=int(rng.integers(1, 3)), replace=False):
            text, owner = ACTIONS[int(index)]
            actions.append(
                Action.objects.create(
                    dialogue=dialogue,
                    unit_id=unit,
                    text=text,
                    owner=owner,
                    due=held + datetime.timedelta(days=60),
                )
            )
    return actions


def demo_codes(pulse: Pulse, unit_code: str, count: int = 5) -> list[str]:
    """Links for a few unused invitations of a unit in the open wave, to try answering with:
    the codes the e-mails would have carried (they are made now; only their hashes stay)."""
    wave = pulse.waves.filter(status="open").order_by("-opens").first()
    unit = Unit.objects.filter(code=unit_code).first()
    if wave is None or unit is None:
        return []
    unused = wave.invitations.filter(unit__path__startswith=unit.path, used=False)
    codes = services.issue_codes(unused.order_by("pk")[:count], InvitationCode.Kind.EMAIL)
    return list(codes.values())


def add_targeted_demo(today: datetime.date, seed: int = 1) -> list[Pulse]:
    """One closed run of each targeted survey (seed 001), four months ago: part-timers say
    whether they would work more and at what rate; staff 60+ whether they would retire later.
    Nurses and assistant nurses are keener on a higher rate than the rest."""
    from bemanna.pulse import targeted
    from bemanna.pulse.models import Purpose

    rng = np.random.default_rng(seed + 21)
    opens = today - datetime.timedelta(days=120)
    made = []
    for purpose in (Purpose.PART_TIME, Purpose.RETIREMENT):
        pulse = targeted.create_from_template(purpose, opens=opens)
        pulse.active = False  # a one-off: ran once, nothing more on schedule
        pulse.save(update_fields=["active"])
        wave = services.open_wave(pulse, opens)
        questions = list(pulse.questions.order_by("position"))
        invitations = list(wave.invitations.values_list("pk", "unit_id", "segment"))
        answering = [row for row in invitations if rng.random() < 0.62]
        responses, items = [], []
        for _pk, unit, segment in answering:
            keen = 0.15 if segment in ("Sjuksköterskor", "Undersköterskor") else 0.0
            willing = int(rng.choice(3, p=[0.3 + keen, 0.25, 0.45 - keen]))
            response = Response(
                wave=wave,
                unit_id=unit,
                segment=segment,
                enps=int(np.clip(round(rng.normal(7.0, 2.0)), 0, 10)),
            )
            responses.append(response)
            for question in questions:
                value = None
                if question.role == "willing":
                    value = willing
                elif question.role == "number" and willing < 2:
                    value = (
                        int(rng.choice([80, 85, 90, 100], p=[0.25, 0.15, 0.35, 0.25]))
                        if purpose == Purpose.PART_TIME
                        else int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
                    )
                elif question.kind == "choice" and question.role == "":
                    value = int(rng.integers(0, len(question.choice_list())))
                elif question.kind == "number" and question.role == "":
                    value = int(rng.choice([63, 64, 65, 66, 67], p=[0.1, 0.2, 0.35, 0.2, 0.15]))
                if value is not None:
                    items.append(ItemAnswer(response=response, item=question.key, value=value))
        Response.objects.bulk_create(responses, batch_size=2000)
        ItemAnswer.objects.bulk_create(items, batch_size=5000)
        Invitation.objects.filter(pk__in=[pk for pk, _u, _s in answering]).update(used=True)
        wave.invitations.filter(by_email=True).update(sent=True)
        services.close_wave(wave)
        made.append(pulse)
    return made
