"""The register extract (GDPR art. 15) and erasure (art. 17) for one person.

Bemanna never stores a personnummer. HR types the number of the person who asked; it is
turned into the same keyed pseudonym an import makes (`analysis.personnummer`, with
`BEMANNA_PSEUDONYM_KEY`), and, when HR also gives the employee number, into that pseudonym
too (an extract may name people by Anst.nr). Everything held under either pseudonym is
collected: the person row, employments, sick-leave spells, scheduled hours, the competence
plan, occupational health's calls, open pulse invitations and exit-survey invitations.
Survey answers are not: they are stored without any link to a person, so they cannot be
found, shown or deleted for anyone — the extract says so.

The number itself goes no further than this module: not into the session, the audit log or
an error message (the audit entry holds the pseudonym's first ten characters).

Every extract needs the case reference (diarienummer) of the request, which goes into the
audit entry and onto the extract. The extract comes in two parts (`PARTS`): HR admin makes
the HR part, everything but health data; occupational health makes the health part, the
sick-leave spells and their calls, under the same case reference. Nobody outside
occupational health reads a person's health data, not even for an extract (docs/
sakerhetsmodell.md). Whether an invitation has been used is never shown while its survey is
open: with the answers coming in, it would link an answer to a person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bemanna.analysis import personnummer, published
from bemanna.audit.models import AuditEntry, log_action
from bemanna.exits.models import ExitInvitation
from bemanna.keyfigures import services as keyfigures_services
from bemanna.keyfigures.models import (
    CompetencePlan,
    EarlyContact,
    PlanStatus,
    ScheduledHours,
    SickLeaveSpell,
)
from bemanna.pulse.models import Invitation, InvitationCode, WaveStatus
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, Person
from bemanna.workforce.retention import final_on


class ErasureRefused(Exception):
    """Why a person cannot be erased (said to HR as it stands)."""


def pseudonyms_of(number: str, employee_number: str = "", *, today: datetime.date) -> list[str]:
    """The pseudonyms an import would give this personnummer (and employee number).

    Raises personnummer.PersonnummerError for a number that is not a valid personnummer."""
    _year, _sex, canonical = personnummer.parse(number, reference_year=today.year)
    key = settings.PSEUDONYM_KEY.encode()
    found = [personnummer.pseudonym(key, "pnr", canonical)]
    if employee_number.strip():
        found.append(personnummer.pseudonym(key, "anstnr", employee_number.strip()))
    return found


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    # Columns of years, shown as written ("1981", not the number "1 981").
    years: tuple[int, ...] = ()


def _iso(value: object) -> object:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


HR_PART = "hr"
HEALTH_PART = "health"
PARTS = (HR_PART, HEALTH_PART)


def collect(
    pseudonyms: list[str],
    *,
    actor,
    today: datetime.date,
    case_reference: str,
    parts: tuple[str, ...] = (HR_PART,),
) -> dict:
    """What Bemanna holds about the people under these pseudonyms, as tables: the HR part,
    the health part or both (the command line); logged with the case reference."""
    if not case_reference.strip():
        raise ValueError("A register extract needs the request's case reference.")
    people = list(_held(pseudonyms).order_by("pk"))
    person_table = Table(
        _("Person"),
        (_("Pseudonym"), _("Birth year"), _("Sex"), _("E-mail")),
        tuple((p.pseudonym, p.birth_year, p.get_sex_display(), p.email) for p in people),
        years=(1,),
    )
    tables = [person_table]
    if HR_PART in parts:
        tables += _hr_tables(people, today)
    if HEALTH_PART in parts:
        tables += _health_tables(people)
    extract = {
        "made": timezone.now(),
        "found": bool(people),
        "case_reference": case_reference.strip(),
        "parts": [part for part in PARTS if part in parts],
        "tables": tables,
        "other_part": _other_part_note(parts),
        "anonymous": _(
            "Answers to pulse surveys and the exit survey are stored without any link to a "
            "person: no name, personnummer, pseudonym, invitation, code, time or language is "
            "kept with them. They cannot be found, shown or deleted for anyone, and so are not "
            "in this extract. Whether an invitation has been used is not shown while its "
            "survey is open: it could link an answer to a person."
        ),
    }
    log_action(
        actor,
        AuditEntry.Action.REGISTER_EXTRACT,
        scope=",".join(p.pseudonym[:10] for p in people) or "no person found",
        case_reference=case_reference.strip(),
        parts=extract["parts"],
        rows={t.title: len(t.rows) for t in tables},
    )
    return extract


def _other_part_note(parts: tuple[str, ...]) -> str:
    if HR_PART in parts and HEALTH_PART not in parts:
        return _(
            "Sick-leave spells and occupational health's calls are health data: they are not "
            "in this part. Occupational health makes that part of the extract under the same "
            "case reference."
        )
    if HEALTH_PART in parts and HR_PART not in parts:
        return _(
            "This is the health part of the extract. HR admin makes the other part "
            "(employments, hours, invitations) under the same case reference."
        )
    return ""


def _held(pseudonyms):
    """The people under these pseudonyms, or under an Anst.nr pseudonym kept beside their
    personnummer (`PersonAlias`)."""
    return Person.objects.filter(
        Q(pseudonym__in=pseudonyms) | Q(aliases__pseudonym__in=pseudonyms)
    ).distinct()


def _hr_tables(people: list[Person], today: datetime.date) -> list[Table]:
    return [
        Table(
            _("Employments"),
            (
                _("Unit"),
                _("Profession"),
                _("Form"),
                _("Rate %"),
                _("Start"),
                _("End"),
                _("End reason"),
                _("Imported from"),
            ),
            tuple(
                (
                    f"{e.unit.code} {e.unit.name}",
                    e.profession.name,
                    e.get_form_display(),
                    float(e.rate),
                    e.start,
                    e.end,
                    e.get_end_reason_display(),
                    str(e.batch) if e.batch else "",
                )
                for e in Employment.objects.filter(person__in=people)
                .select_related("unit", "profession", "batch")
                .order_by("start", "pk")
            ),
        ),
        Table(
            _("Scheduled hours"),
            (_("Month"), _("Hours")),
            tuple(
                (h.month.strftime("%Y-%m"), h.hours)
                for h in ScheduledHours.objects.filter(person__in=people).order_by("month")
            ),
        ),
        Table(
            _("Competence plan"),
            (_("Has an individual competence plan"),),
            tuple((plan.has_plan,) for plan in CompetencePlan.objects.filter(person__in=people)),
        ),
        Table(
            _("Competence plan by plan file"),
            (_("Imported"), _("Has an individual competence plan")),
            tuple(
                (timezone.localdate(status.batch.created), status.has_plan)
                for status in PlanStatus.objects.filter(person__in=people)
                .select_related("batch")
                .order_by("batch__created")
            ),
        ),
        Table(
            _("Open pulse invitations"),
            (_("Survey"), _("Opens"), _("Closes"), _("By e-mail"), _("Sent")),
            tuple(
                (i.wave.pulse.name, i.wave.opens, i.wave.closes, i.by_email, i.sent)
                for i in Invitation.objects.filter(person__in=people, wave__status=WaveStatus.OPEN)
                .select_related("wave__pulse")
                .order_by("wave__opens")
            ),
        ),
        Table(
            _("Exit-survey invitations"),
            (_("Year"), _("Opens"), _("Closes"), _("By e-mail"), _("Sent")),
            tuple(
                # That an invitation was sent, never whether it was used (not even once
                # closed): HR would learn who answered the exit survey, and with the few
                # leavers of a unit, whose the answers are.
                (x.year, x.opens, x.closes, x.by_email, x.sent)
                for x in ExitInvitation.objects.filter(employment__person__in=people).order_by(
                    "opens"
                )
            ),
            years=(0,),
        ),
    ]


def _health_tables(people: list[Person]) -> list[Table]:
    return [
        Table(
            _("Sick-leave spells"),
            (_("From"), _("To"), _("Extent %")),
            tuple(
                (s.start, s.end, s.extent)
                for s in SickLeaveSpell.objects.filter(person__in=people).order_by("start")
            ),
        ),
        Table(
            _("Occupational health's calls (early intervention)"),
            (_("Spell from"), _("Called on"), _("Manager reached"), _("Rehabilitation meeting")),
            tuple(
                (c.spell.start, c.called_on, c.manager_reached, c.rehab_meeting)
                for c in EarlyContact.objects.filter(spell__person__in=people)
                .select_related("spell")
                .order_by("called_on")
            ),
        ),
    ]


def as_json(extract: dict) -> dict:
    """The extract as plain JSON: each table a list of objects keyed by its column names."""
    return {
        "made": _iso(extract["made"]),
        "found": extract["found"],
        "case_reference": extract["case_reference"],
        "parts": extract["parts"],
        "other_part": extract["other_part"],
        "anonymous_answers": extract["anonymous"],
        "tables": {
            table.title: [
                {column: _iso(value) for column, value in zip(table.columns, row, strict=True)}
                for row in table.rows
            ]
            for table in extract["tables"]
        },
    }


def _forget_invitations(people) -> int:
    """Unlink the people's pulse invitations and delete their codes; how many."""
    InvitationCode.objects.filter(invitation__person__in=people).delete()
    return Invitation.objects.filter(person__in=people).update(person=None)


def erase(pseudonyms: list[str], *, actor, today: datetime.date, reason: str) -> dict[str, int]:
    """Delete the people under these pseudonyms and everything held about them.

    Refused while any of their employments runs today or later: a current employee's rows
    come back with the next HR extract, and the forecast and key figures need them (erasure
    is then not available under art. 17.3). Survey answers are not linked to anyone and
    stay. Deleting here does not delete the source: the HR system must stop sending the
    person, or the next import brings them back.

    What was shown stays as shown: their rows in the copies kept as closed years and final
    months were first shown (`KeptExtract`, `KeptHealth`) get an id linked to no one
    (`published.surrogates`) and go with those years by the retention rules, and occupational
    health's calls stay without their spell (the day and the two ticks) until their own
    retention. Deleted, the figures shown before minus after would be that person's, to the
    one who erased them: the months their sick spells reached day 8 and were called, their
    sick leave and their leaving (art. 17.3 d: the published statistics, the annual report's
    sick leave among them, are kept as reported)."""
    people = _held(pseudonyms)
    if not people.exists():
        raise ErasureRefused(_("No person with this number is held in Bemanna."))
    running = Employment.objects.filter(person__in=people).exclude(end__lt=today)
    if running.exists():
        raise ErasureRefused(
            _(
                "The person has an employment that runs today or later: the data is needed "
                "while they are employed, and the next HR extract would bring it back."
            )
        )
    # Until the month they left is final, its figures are not kept yet: erased before, their
    # leaving would be lost from it (counted on the last kept month's seam, without its
    # reason), and their days in it.
    last = Employment.objects.filter(person__in=people).aggregate(last=Max("end"))["last"]
    if last is not None and final_on(last.replace(day=1)) > today:
        raise ErasureRefused(
            _(
                "The person left on %(left)s: the data is needed until that month's figures are "
                "final, on %(final)s. Erasure is possible from that day."
            )
            % {"left": last.isoformat(), "final": final_on(last.replace(day=1)).isoformat()}
        )
    with transaction.atomic():
        pks = list(people.values_list("pk", flat=True))
        surrogates = published.surrogates(
            pks, taken=frames.detached_ids() | keyfigures_services.detached_health_ids()
        )
        frames.detach_kept(surrogates)
        keyfigures_services.detach_kept_health(surrogates)
        # The plan too, under the same id: the plan file's day counts them.
        for pk, surrogate in surrogates.items():
            CompetencePlan.objects.filter(person_id=pk).update(person=None, detached=surrogate)
            PlanStatus.objects.filter(person_id=pk).update(person=None, detached=surrogate)
        # How many sick spells, months of hours and calls went is health data: neither
        # said nor logged (`extracts_health_data`: occupational health's alone), here or in
        # anything a retention run says after (`retention.apply`).
        EarlyContact.objects.filter(spell__person__in=people).update(spell=None)
        counts = {
            "employments": Employment.objects.filter(person__in=people).count(),
            # An invitation keeps only its unit and flags, as a closed wave's do, used or
            # not, and its codes go (no new one is made for it): deleted when unused, the
            # open wave's invited count fell by one only for someone who had not answered.
            "pulse_invitations": _forget_invitations(people),
            "exit_invitations": ExitInvitation.objects.filter(
                employment__person__in=people
            ).delete()[0],
        }
        scope = ",".join(p.pseudonym[:10] for p in people)
        counts["persons"] = people.delete()[1].get(Person._meta.label, 0)
        log_action(actor, AuditEntry.Action.PERSON_ERASED, scope=scope, reason=reason, **counts)
    return counts
