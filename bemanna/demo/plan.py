"""Region Demo's action plan: the council's decided actions from the seed (Behålla, Rekrytera,
Utveckla), the work groups' gjort / pågår / planerat, effect figures with their history, and a
few proposals still in the inbox."""

from __future__ import annotations

import datetime

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction

from bemanna.org.models import Unit
from bemanna.plan.history import full_name
from bemanna.plan.models import (
    Area,
    EffectFigure,
    EffectValue,
    Event,
    NoteKind,
    Origin,
    PlanAction,
    Proposal,
    Source,
    Status,
    StatusNote,
    WorkGroup,
)

AREAS = ("Behålla", "Rekrytera", "Utveckla")
RAK = "Rätt använd kompetens"
PAY = "Löner och förmåner"
LEAD = "Chef och ledarskap"
TECH = "Teknisk utveckling"
TEMP = "Tillfälliga resursförstärkningar och långsiktig bemanning"
ENV = "Arbetsmiljö"
EDU = "Utbildning"
HUB = "Co-working och regionala arbetshubbar"
OTHER = "Andra befintliga grupper"
GROUPS = (RAK, PAY, LEAD, TECH, TEMP, ENV, EDU, HUB, OTHER)

# (area, title, work group, status, effect figure: (name, measure, baseline, target, path))
ACTIONS = (
    ("Behålla", "Karriärmodeller, fortsatt arbete", OTHER, Status.ONGOING, None),
    ("Behålla", "Forskningsmöjligheter för sjuksköterskor", EDU, Status.ONGOING, None),
    ("Behålla", "Generösare utbildningsförmåner vid vidareutbildningar", PAY, Status.DONE, None),
    (
        "Behålla",
        "Enkät till deltidsarbetande om utökad sysselsättningsgrad",
        TEMP,
        Status.EVALUATED,
        ("Andel deltidsanställda som höjt sysselsättningsgraden", "%", 0, 20, (3, 6, 9, 11)),
    ),
    ("Behålla", "Regler för distansarbete, revidering", HUB, Status.ONGOING, None),
    ("Behålla", "Pilotprojekt kontorslösningar", HUB, Status.DECIDED, None),
    ("Behålla", "Enkät till äldre medarbetare", TEMP, Status.DONE, None),
    ("Behålla", "Chefers förutsättningar, stärkt arbete", LEAD, Status.ONGOING, "enps"),
    (
        "Rekrytera",
        "Förlängning av tillfälliga resursförstärkningar inom vårdnära service",
        RAK,
        Status.ONGOING,
        None,
    ),
    ("Rekrytera", "Chefer i kliniskt arbete, utredning", LEAD, Status.ONGOING, None),
    ("Rekrytera", "Se över samordningsbehov BT-läkare", EDU, Status.DONE, None),
    (
        "Rekrytera",
        "Övernattningsmöjlighet pendlande vårdpersonal, utreda",
        PAY,
        Status.DECIDED,
        None,
    ),
    (
        "Rekrytera",
        "Utreda ytterligare förmåner (fria bussresor, måltider)",
        PAY,
        Status.ONGOING,
        None,
    ),
    (
        "Rekrytera",
        "Förmånsportal, införande",
        PAY,
        Status.DONE,
        ("Andel medarbetare som använt förmånsportalen", "%", 0, 60, (12, 25, 37, 46, 52)),
    ),
    ("Rekrytera", "Säkerställa hub-möjlighet i alla länets kommuner", HUB, Status.ONGOING, None),
    (
        "Rekrytera",
        "Nationella mässor med verksamheterna",
        OTHER,
        Status.ONGOING,
        ("Anställda via mässor", "antal", 0, 25, (2, 5, 9, 12, 16)),
    ),
    (
        "Rekrytera",
        "Studiebesök för skolelever",
        OTHER,
        Status.ONGOING,
        ("Studiebesök för skolelever", "antal", 4, 20, (6, 9, 13, 15)),
    ),
    (
        "Rekrytera",
        "Bemanningspool för vårdnära yrken",
        TEMP,
        Status.ONGOING,
        ("Medarbetare i bemanningspoolen", "antal", 12, 40, (15, 19, 24, 27, 31)),
    ),
    (
        "Utveckla",
        "10 extra tjänster inom vårdnära service",
        RAK,
        Status.EVALUATED,
        ("Timmar inhyrd personal per månad", "timmar", 900, 600, (860, 790, 720, 680, 655)),
    ),
    ("Utveckla", "Nattransportörer via regionservice i slutenvården", RAK, Status.DONE, None),
    ("Utveckla", "Tillitsbaserad styrning och ledning", LEAD, Status.ONGOING, None),
    ("Utveckla", "Översyn Cosmic förvaltningsorganisation", TECH, Status.DECIDED, None),
    ("Utveckla", "Ökad takt i automatisering och robotisering", TECH, Status.ONGOING, None),
    (
        "Utveckla",
        "Rätt använd kompetens (RAK), genombrottsarbete med 8 team",
        RAK,
        Status.ONGOING,
        None,
    ),
    ("Utveckla", "Fler e-besök inom hälso- och sjukvården", TECH, Status.ONGOING, None),
)

# Each work group's own report, as in the seed: gjort / pågår / planerat.
NOTES = {
    RAK: (
        (
            NoteKind.DONE,
            "Utökat antal platser vid vårdnära service; stöttat införandet och utvärderat.",
        ),
        (
            NoteKind.ONGOING,
            "Genombrottsarbeten med 8 team med fokus på RAK, teamarbete och nära vård.",
        ),
        (
            NoteKind.PLANNED,
            "Fortsatt genombrottsarbete; beslut om fortsatt utökad vårdnära service.",
        ),
    ),
    PAY: (
        (NoteKind.DONE, "Förmånsportalen upphandlad, implementerad och i drift."),
        (NoteKind.ONGOING, "Utreder fri frukost/lunch, frukt, sjukvård och resa på arbetstid."),
        (NoteKind.PLANNED, "Utreda enkelt boende för enstaka nätter nära sjukhuset."),
    ),
    LEAD: (
        (
            NoteKind.DONE,
            "Enkät som underlag till skyddsrond för chefers arbetsmiljö; chefsutbildning via e-learning.",
        ),
        (
            NoteKind.ONGOING,
            "Skyddsrond för chefers arbetsmiljö; se över rapporteringsstruktur och möten.",
        ),
        (NoteKind.PLANNED, "Upphandling av extern utbildning i Utvecklande ledarskap."),
    ),
    TECH: (
        (NoteKind.DONE, "Molntjänst införd för digital optikerremiss och uppföljning av ambulans."),
        (
            NoteKind.ONGOING,
            "Breddinförande av e-besök, taligenkänning och webbtidbok för att frigöra tid.",
        ),
        (NoteKind.PLANNED, "Inrätta funktion MT-strateg; utrullning av bild-app i mobiltelefon."),
    ),
    TEMP: (
        (
            NoteKind.DONE,
            "Enkäter och intervjuer om frivillig förflyttning, senare pension och ökad sysselsättningsgrad.",
        ),
        (NoteKind.ONGOING, "Fördjupade analyser av enkätresultaten."),
        (NoteKind.PLANNED, "Förslag om länsgemensam samverkan i kompetensförsörjningsfrågor."),
    ),
    EDU: (
        (NoteKind.DONE, "Kartlagt förutsättningarna för att ta emot studenter och elever."),
        (NoteKind.ONGOING, "Ny organisation för VFU och APL; fler handledarutbildade medarbetare."),
        (NoteKind.PLANNED, "Kliniska utbildningsmottagningar i primärvården."),
    ),
    HUB: (
        (NoteKind.DONE, "Regelbundna möten om arbetshubbar, distansarbete och lokalfrågor."),
        (NoteKind.ONGOING, "Revidering av regelverk för distansarbete; förslag till pilotprojekt."),
        (NoteKind.PLANNED, "Pilot med co-working i två kommuner."),
    ),
    OTHER: (
        (
            NoteKind.DONE,
            "Beslut om fortsatt införande av karriärmodeller; rekryteringsbonusen förlängd.",
        ),
        (
            NoteKind.ONGOING,
            "Utökat deltagande vid nationella mässor; studiebesöken för skolelever återupptagna.",
        ),
        (NoteKind.PLANNED, "Kontakt med tidigare medarbetare om bilden av oss som arbetsgivare."),
    ),
}

INBOX = (
    (
        "Schemaönskemål i appen",
        "Låt oss lägga schemaönskemål i mobilen i stället för på papperslistor.",
        "Utveckla",
        Origin.STAFF,
        Status.RECEIVED,
        True,
    ),
    (
        "Mentor för nyanställda undersköterskor",
        "Varje ny undersköterska får en mentor de första tre månaderna.",
        "Behålla",
        Origin.UNION,
        Status.PREPARING,
        False,
    ),
    (
        "Gratis parkering vid sjukhuset nattetid",
        "Nattpersonal ska inte behöva betala parkering.",
        "Behålla",
        Origin.STAFF,
        Status.RECEIVED,
        True,
    ),
    (
        "Sommarjobb för vårdstudenter",
        "Erbjud alla vårdstudenter i termin 4 sommarjobb med handledning.",
        "Rekrytera",
        Origin.WORK_GROUP,
        Status.FORWARDED,
        False,
    ),
    (
        "Fritt gym för alla anställda",
        "Fritt gym i stället för friskvårdsbidrag.",
        "Behålla",
        Origin.STAFF,
        Status.REJECTED,
        True,
    ),
)


@transaction.atomic
def add_plan_demo(today: datetime.date, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    areas = {
        name: Area.objects.get_or_create(name=name, defaults={"position": i})[0]
        for i, name in enumerate(AREAS)
    }
    groups = {name: WorkGroup.objects.get_or_create(name=name)[0] for name in GROUPS}
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["rad", "chef", "hr"])
    }
    # Reports and measurements are signed with the council member's full name, as the page
    # signs them (`history.full_name`), never with a login name.
    council = full_name(users["rad"]) if "rad" in users else "Kompetensförsörjningsrådet"
    clinic = Unit.objects.filter(code="HS201").first()
    decided_on = today - datetime.timedelta(days=640)
    for number, (area, title, group, status, figure) in enumerate(ACTIONS):
        proposal = Proposal.objects.create(
            title=title,
            description=f"Åtgärd i handlingsplanen för kompetensförsörjning ({area.lower()}), "
            f"beredd av arbetsgruppen {group}.",
            area=areas[area],
            suggested_group=groups[group],
            origin=Origin.WORK_GROUP,
            submitted_on=decided_on - datetime.timedelta(days=30 + number),
            status=status,
            effect=int(rng.integers(2, 6)),
            certainty=int(rng.integers(2, 6)),
            cost=int(rng.integers(1, 5)),
            time_to_effect=int(rng.integers(1, 5)),
            decided_by="Kompetensförsörjningsrådet",
            decided_on=decided_on,
            reference="RS/719/2021 § 81",
        )
        start = decided_on + datetime.timedelta(days=int(rng.integers(10, 120)))
        length = 300 + int(rng.integers(0, 500))
        end = start + datetime.timedelta(days=length)
        if status in (Status.DONE, Status.EVALUATED):
            end = min(end, today - datetime.timedelta(days=30))
        elif title.startswith("Utreda ytterligare"):
            end = today - datetime.timedelta(days=45)  # one is overdue, as in real life
        else:
            end = max(end, today + datetime.timedelta(days=60))
        action = PlanAction.objects.create(
            proposal=proposal,
            work_group=groups[group],
            owner=users.get("chef") if group == LEAD else users.get("rad"),
            unit=clinic if figure == "enps" else None,
            budget_msek=round(float(rng.uniform(0.2, 6.0)), 1),
            start=start,
            end=end,
        )
        for what in ("submitted", f"status {Status.DECIDED}", "action planned"):
            Event.objects.create(proposal=proposal, actor_name="rad", what=what)
        if figure == "enps":
            EffectFigure.objects.create(
                action=action,
                name="eNPS Medicinkliniken",
                source=Source.ENPS,
                measure="eNPS",
                baseline=0,
                target=15,
                measure_on=end,
            )
        elif figure:
            name, measure, baseline, target, path = figure
            item = EffectFigure.objects.create(
                action=action,
                name=name,
                measure=measure,
                baseline=baseline,
                target=target,
                measure_on=end,
            )
            for step, value in enumerate(path):
                day = start + datetime.timedelta(days=91 * (step + 1))
                if day <= today:
                    EffectValue.objects.create(
                        figure=item, measured_on=day, value=value, author_name=council
                    )
    # The work groups' latest reports, on the first action of each group.
    first = {}
    for action in PlanAction.objects.select_related("work_group").order_by("pk"):
        first.setdefault(action.work_group.name, action)
    for group, notes in NOTES.items():
        for offset, (kind, text) in enumerate(notes):
            StatusNote.objects.create(
                action=first[group],
                written_on=today - datetime.timedelta(days=20 + 7 * offset),
                kind=kind,
                text=text,
                author_name=council,
            )
    for number, (title, text, area, origin, status, anonymous) in enumerate(INBOX):
        proposal = Proposal.objects.create(
            title=title,
            description=text,
            area=areas[area],
            origin=origin,
            submitted_by=None if anonymous else users.get("chef"),
            submitted_on=today - datetime.timedelta(days=5 + 9 * number),
            status=status,
        )
        if not anonymous:
            Event.objects.create(proposal=proposal, actor_name="chef", what="submitted")
        if status in (Status.PREPARING, Status.FORWARDED, Status.REJECTED):
            proposal.effect, proposal.certainty, proposal.cost, proposal.time_to_effect = 3, 4, 2, 2
            if status != Status.PREPARING:
                proposal.decided_by = "Kompetensförsörjningsrådet"
                proposal.decided_on = today - datetime.timedelta(days=2)
            proposal.save()
