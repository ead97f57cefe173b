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
    InvitationCode,
    ItemAnswer,
    Pulse,
    Response,
    Schedule,
)

# Comments are put together from parts, so the themes page has hundreds of different texts
# to group: (theme, good, bad) parts, an opening and sometimes a second part.
COMMENT_PARTS = (
    (
        "arbetsbelastning",
        (
            "Arbetsbelastningen har blivit rimligare sedan vi fick en till kollega.",
            "Vi hinner med patienterna de flesta dagar nu.",
        ),
        (
            "För hög arbetsbelastning, särskilt på helger.",
            "Vi är för få för att hinna med patienterna.",
            "Stressigt tempo och ingen tid för återhämtning.",
            "Mycket övertid den senaste månaden.",
        ),
    ),
    (
        "schema",
        (
            "Schemat fungerar bra efter förändringen.",
            "Bra att vi kan önska pass i det nya schemat.",
        ),
        (
            "Svårt att få ledigt när man behöver.",
            "Nattpassen läggs ut för sent.",
            "För många helgpass i rad.",
            "Vi får täcka upp med inhyrd personal som inte känner avdelningen.",
        ),
    ),
    (
        "ledarskap",
        (
            "Chefen lyssnar och tar tag i saker.",
            "Min chef ger återkoppling och visar uppskattning.",
            "Ledningen har blivit mer synlig.",
        ),
        (
            "Chefen är sällan på plats och svår att nå.",
            "Saknar återkoppling från ledningen.",
            "Beslut fattas utan att vi blir tillfrågade.",
        ),
    ),
    (
        "kollegor",
        (
            "Bra kollegor och ett meningsfullt arbete.",
            "Fin sammanhållning i arbetsgruppen.",
            "Vi hjälps åt när det är mycket.",
        ),
        ("Stämningen i gruppen har blivit sämre.", "Samarbetet med läkarna behöver bli bättre."),
    ),
    (
        "lön",
        ("Lönesamtalet kändes rättvist i år.",),
        (
            "Lönen motsvarar inte ansvaret.",
            "Ersättningen för obekväm arbetstid är för låg.",
            "Nyanställda får högre lön än vi som varit här länge.",
        ),
    ),
    (
        "utveckling",
        ("Jag har fått gå en bra utbildning i år.", "Bra introduktion och handledning för nya."),
        (
            "Jag skulle vilja ha fler möjligheter att utvecklas.",
            "Svårt att få tid till kompetensutveckling.",
            "Ingen tydlig väg att bli specialistsjuksköterska.",
        ),
    ),
    (
        "miljö",
        ("De nya lokalerna är ljusa och bra.",),
        (
            "Journalsystemet är långsamt och krånglar.",
            "Trånga lokaler och för lite förråd.",
            "Ont om parkering för oss som jobbar natt.",
        ),
    ),
    (
        "mening",
        (
            "Jag trivs och är stolt över det vi gör för patienterna.",
            "Roligt att se patienterna bli bättre.",
            "Känns meningsfullt att gå till jobbet.",
        ),
        ("Jag hinner inte ge patienterna den vård jag vill.",),
    ),
)
OPENINGS = (
    "",
    "",
    "",
    "Överlag bra. ",
    "Svårt att säga. ",
    "Som sagt förra gången: ",
    "Ärligt talat: ",
)
ENDINGS = ("", "", "", " Tack för att ni frågar.", " Hoppas det blir bättre.", " Annars bra.")


def comment_text(rng, mood: float) -> str:
    """A comment of one or two parts, more often critical where the climate is poor."""
    parts = []
    for _ in range(1 if rng.random() < 0.6 else 2):
        _theme, good, bad = COMMENT_PARTS[int(rng.integers(len(COMMENT_PARTS)))]
        pool = good if rng.random() < 1 / (1 + np.exp(-1.2 * mood)) else bad
        part = str(pool[int(rng.integers(len(pool)))])
        if part not in parts:
            parts.append(part)
    opening = str(OPENINGS[int(rng.integers(len(OPENINGS)))])
    ending = str(ENDINGS[int(rng.integers(len(ENDINGS)))])
    return opening + " ".join(parts) + ending


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
    # Each unit has statements of its own above or below its general climate: one ward's
    # manager shows appreciation, another's goals are never followed up.
    keys = list(HME_KEYS)
    leaning = {
        unit: dict(zip(keys, rng.normal(0.0, 0.55, len(keys)), strict=True)) for unit in leaves
    }
    dialogue_units = [u for u in leaves if rng.random() < DIALOGUE_SHARE]
    previous_actions: list[Action] = []
    for number, opens in enumerate(pulse.opening_dates(today)):
        closes = opens + datetime.timedelta(days=pulse.window_days - 1)
        wave = services.open_wave(pulse, opens)
        still_open = closes >= today
        trend = 0.08 * number  # the action plan slowly works
        invitations = list(wave.invitations.values_list("pk", "unit_id", "counted_unit_id"))
        share = 0.4 if still_open else 0.68
        answering = [row for row in invitations if rng.random() < share]
        responses, items = [], []
        for _pk, unit, counted in answering:
            mood = climate.get(unit, 0.0) + trend
            own = leaning.get(unit, {})
            answers = {
                key: int(
                    np.clip(round(rng.normal(3.7 + 0.5 * mood + own.get(key, 0.0), 0.9)), 1, 5)
                )
                for key in HME_KEYS
            }
            # eNPS follows how people answer, most of all about their manager and meaning.
            lift = (
                0.8 * (answers["hme_leadership_1"] - 3.7)
                + 0.6 * (answers["hme_motivation_1"] - 3.7)
                + 0.3 * (answers["hme_governance_2"] - 3.7)
            )
            score = int(np.clip(round(rng.normal(7.0 + 0.6 * mood + lift, 1.7)), 0, 10))
            comment = comment_text(rng, mood) if rng.random() < 0.3 else ""
            response = Response(
                wave=wave,
                unit_id=counted,
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
        services.claim(wave, [pk for pk, _unit, _counted in answering])
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
    _settle_old_actions(rng, today)
    _clinic_dialogue(pulse, today)
    _overdue_action(today)
    return pulse


SETTLED_AFTER_DAYS = 90  # an action this long past its due date is done or dropped by now


def _settle_old_actions(rng, today: datetime.date) -> None:
    """Teams finish (or drop) their actions: a start page with every action of two years
    overdue would hide the few that are late now."""
    old = Action.objects.filter(
        status__in=(ActionStatus.PLANNED, ActionStatus.ONGOING),
        due__lt=today - datetime.timedelta(days=SETTLED_AFTER_DAYS),
    ).order_by("pk")
    for action in old:
        action.status = ActionStatus.DONE if rng.random() < 0.85 else ActionStatus.DROPPED
        action.save(update_fields=["status"])


def _clinic_dialogue(pulse: Pulse, today: datetime.date) -> None:
    """The demo manager's own clinic held its dialogue on the wave before the last closed
    one, so the guide for the dialogue now due shows last time's agreement, open question
    and actions (the one now due stays for the demo's user to hold)."""
    clinic = Unit.objects.filter(code="HS201").first()
    closed = list(pulse.waves.filter(status="closed").order_by("-opens")[:2])
    if clinic is None or len(closed) < 2:
        return
    wave = closed[1]
    held = wave.closes + datetime.timedelta(days=14)
    dialogue, _made = Dialogue.objects.get_or_create(
        wave=wave,
        unit=clinic,
        defaults={
            "held_on": held,
            "participants": 11,
            "discussed": "Förutsättningarna att ta ansvar och hur målen följs upp.",
            "agreed": "Chefen återkopplar på varje APT om det som kommit fram.",
            "open_questions": "Hur når vi dem som arbetar natt?",
        },
    )
    for text, due, status in (
        ("Återkoppling om målen på varje APT", held + datetime.timedelta(days=60), "done"),
        ("Tydliggör vem som beslutar vad i teamen", today + datetime.timedelta(days=30), "ongoing"),
    ):
        Action.objects.get_or_create(
            dialogue=dialogue,
            unit=clinic,
            text=text,
            defaults={"owner": "Verksamhetschef", "due": due, "status": ActionStatus(status)},
        )


AGREED = (
    "Vi provar en ny fördelning av helgpassen under tre månader.",
    "Chefen återkopplar på varje APT om det som kommit fram.",
    "Vi tar fram en introduktionsplan tillsammans.",
    "Skyddsombudet tar upp arbetsbelastningen i samverkansgruppen.",
)
OPEN_QUESTIONS = (
    "Hur når vi dem som arbetar natt?",
    "Vad behöver vi för att hinna med kompetensutvecklingen?",
    "Räcker bemanningen under sommaren?",
    "",
)


def _overdue_action(today: datetime.date) -> None:
    """At least one of the demo manager's actions is overdue, so the start page shows one."""
    clinic = Unit.objects.filter(code="HS201").first()
    if clinic is None:
        return
    action = (
        Action.objects.filter(unit__path__startswith=clinic.path)
        .order_by("-dialogue__wave__opens", "pk")
        .first()
    )
    if action is not None:
        action.due = today - datetime.timedelta(days=12)
        action.status = ActionStatus.ONGOING
        action.save(update_fields=["due", "status"])


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
            agreed=str(rng.choice(AGREED)),
            open_questions=str(rng.choice(OPEN_QUESTIONS)),
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
    used = services.used_invitations(wave)
    unused = wave.invitations.filter(unit__path__startswith=unit.path).exclude(pk__in=used)
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
        invitations = list(wave.invitations.values_list("pk", "counted_unit_id", "segment"))
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
        services.claim(wave, [pk for pk, _u, _s in answering])
        wave.invitations.filter(by_email=True).update(sent=True)
        services.close_wave(wave)
        made.append(pulse)
    return made
