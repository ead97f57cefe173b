"""Erasing a person changes nothing shown (issue 12, an insider's finding): HR erases a
nurse who left ward A in February 2026, after her January sick spell was called by
occupational health. Her rows deleted from the copies kept as the months were first shown,
January's calls, managers reached and rehabilitation meetings fell by one, and the day-8
count, sick leave and leavers of the kept months by hers: before minus after, to the one
who typed in her personnummer, her health data. Her kept rows get an id linked to no one
(`published.surrogates`) and the call stays without its spell; the pages say the same after
the erasure and after the retention job. Without the new ids (the mutation) they do not."""

import datetime
import io

import polars as pl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from bemanna import generation
from bemanna.audit.models import AuditEntry
from bemanna.conftest import EXTRACT_HEADER, PASSWORD
from bemanna.keyfigures import early, services
from bemanna.keyfigures.models import EarlyContact, SickLeaveSpell
from bemanna.privacy import extract
from bemanna.workforce import frames
from bemanna.workforce.models import Employment, Person
from bemanna.workforce.services import import_employments, import_units
from bemanna.workforce.tests.test_published_years import ROW, UNITS

JUNE = datetime.date(2026, 6, 1)
IDS = [1000 + n for n in range(12)] + [2000 + n for n in range(12)]
GONE = 1003  # left ward A on 27 February 2026, registered on time


def _file(kind: str, text: str) -> None:
    services.import_health_file(kind, io.BytesIO(text.encode()), filename=f"{kind}.csv", today=JUNE)


@pytest.fixture
def region(db, analyst, hr_admin, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: JUNE)
    frames.forget()
    import_units(io.BytesIO(UNITS.encode()), filename="enheter.csv")
    rows = [
        ROW.format(
            id=person,
            unit="A" if person < 2000 else "B",
            start="2020-01-01",
            end="2026-02-27" if person == GONE else "",
            why="Egen begäran" if person == GONE else "",
        )
        for person in IDS
    ]
    extract_ = (EXTRACT_HEADER + "\n".join(rows) + "\n").encode()
    import_employments(io.BytesIO(extract_), filename="hr.csv", today=JUNE)
    months = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 6)]
    hours = "".join(f"{i};{m};160\n" for i in IDS for m in months if i != GONE or m <= "2026-02")
    _file("hours", "Anst.nr;Månad;Timmar\n" + hours)
    # Eight nurses of A and B off sick 5–16 January 2026, and GONE 2–13 March 2025 too.
    spells = "".join(f"{i};2026-01-05;2026-01-16;100\n" for i in IDS[:4] + IDS[12:16])
    _file(
        "sick_leave",
        "Anst.nr;Från;Till;Omfattning\n" + spells + f"{GONE};2025-03-02;2025-03-13;100\n",
    )
    person = Employment.objects.get(end=datetime.date(2026, 2, 27)).person
    for spell in SickLeaveSpell.objects.filter(person=person):
        EarlyContact.objects.create(
            spell=spell,
            called_on=spell.start + datetime.timedelta(days=8),
            manager_reached=True,
            rehab_meeting=True,
        )
    return person


def _look(client) -> str:
    """The key figures of 2025 and 2026 for the region and both wards, as the analyst sees
    them, and occupational health's counts per month."""
    client.login(username="analyst", password=PASSWORD)
    text = []
    for year in (2025, 2026):
        for code in ("R", "A", "B"):
            page = client.get(reverse("keyfigures:page"), {"year": year, "unit": code})
            assert page.status_code == 200
            soup = BeautifulSoup(page.content, "html.parser")
            text += [" ".join(t.get_text(" ", strip=True).split()) for t in soup.select("table")]
        text += [str(row) for row in early.counts(year)]
    return "\n".join(text)


def _erase(person: Person, hr_admin) -> None:
    extract.erase([person.pseudonym], actor=hr_admin, today=JUNE, reason="Begäran DNR 7/2026")
    generation.bump()  # as the next import would
    frames.forget()


@pytest.mark.parametrize("detached", [True, False])
def test_erasure_keeps_what_was_shown(client, region, hr_admin, monkeypatch, detached):
    before = _look(client)
    # By hand: January 2026 has the eight spells at day 8 and GONE's one call, reached,
    # with a meeting; March 2025 her spell at day 8 and call.
    january = early.counts(2026)[0]
    assert (january["due"], january["calls"], january["reached"], january["meetings"]) == (
        8,
        1,
        1,
        1,
    )
    if not detached:  # the mutation: her kept rows deleted with her
        monkeypatch.setattr(frames, "detach_kept", lambda surrogates: None)
        monkeypatch.setattr(services, "detach_kept_health", lambda surrogates: None)
    _erase(region, hr_admin)
    assert not Person.objects.filter(pk=region.pk).exists()
    after = _look(client)
    if not detached:
        frames.prune_kept(JUNE)  # the retention job, which deleted whoever is no person
        services.prune_kept_health(datetime.date(2016, 1, 1))
        generation.bump()
        frames.forget()
        assert _look(client) != before
        return
    assert after == before
    # Nor does the erasure say or log how many sick spells, hours and calls went (health
    # data, to HR admin): the people and the employments only.
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PERSON_ERASED)
    assert not {"sick_leave_spells", "scheduled_hours", "calls"} & set(entry.detail)
    # The retention job keeps the rows linked to no one, until their years go.
    frames.prune_kept(JUNE)
    services.prune_kept_health(datetime.date(2016, 1, 1))
    generation.bump()
    frames.forget()
    assert _look(client) == before
    # Her rows carry an id linked to no one, negative, in the kept copies alone.
    ids = frames.detached_ids()
    assert len(ids) == 1 and next(iter(ids)) < 0
    assert services.detached_health_ids() == ids
    rows = frames.employments().filter(pl.col("person") < 0)
    assert rows.select("end", "end_reason").rows() == [(datetime.date(2026, 2, 27), "own_request")]


@pytest.mark.parametrize("answered", [True, False])
def test_erasing_someone_invited_to_an_open_wave_says_nothing_of_their_answer(
    db, hr_admin, answered
):
    # HR erases a nurse who left during an open pulse wave. Deleted when unused (the old
    # rule), her invitation took the wave's invited count from 8 to 7 only if she had not
    # answered: whether she answered, to the one who erased her. Now it stays, unlinked,
    # used or not, and its codes go.
    from bemanna.pulse import services as pulse
    from bemanna.pulse.models import Invitation, InvitationCode, Pulse
    from bemanna.pulse.tests.helpers import add_staff, answer, codes_for, make_tree

    services_used = pulse.used_invitations
    units = make_tree({"R": None, "A": "R"})
    staff = add_staff(units["A"], 8, email=False)
    item = Pulse.objects.create(name="Puls")
    item.units.add(units["R"])
    wave = pulse.open_wave(item, datetime.date(2026, 12, 1))
    codes_for(wave)
    nurse = staff[0]
    if answered:
        invitation = Invitation.objects.get(wave=wave, person=nurse)
        answer(wave, [9], unit=units["A"])
        assert services_used(wave) == {invitation.pk}
    # She left in October (final on 2 December: erasure is refused before).
    Employment.objects.filter(person=nurse).update(end=datetime.date(2026, 10, 15))
    before = pulse.invitation_counts(wave)
    extract.erase([nurse.pseudonym], actor=hr_admin, today=datetime.date(2026, 12, 6), reason="x")
    assert pulse.invitation_counts(wave) == before
    assert before["invited"] == 8 and before["answered"] == (1 if answered else 0)
    # Her invitation is no one's, opens nothing, and no printed sheet gets a code for it.
    gone = Invitation.objects.get(wave=wave, person__isnull=True)
    assert not InvitationCode.objects.filter(invitation=gone).exists()
    # (Seven either way: the seven others unused, or she unused but erased.)
    assert len(pulse.sheet_codes(wave, units["R"])) == 7


@pytest.mark.parametrize("plan_kept", [True, False])
def test_erasing_someone_on_the_plan_files_day_keeps_the_plan_share(
    db, hr_admin, monkeypatch, plan_kept
):
    # Twenty staff on 30 September 2026, the plan file's day (it came on 20 November);
    # twelve have a plan, among them a nurse who left on 20 October and is erased on
    # 6 December. Deleted with her (the mutation), her plan took the share from 12/20 to
    # 11/20: that she had one, to the one who erased her.
    from bemanna.keyfigures.models import CompetencePlan, PlanStatus
    from bemanna.keyfigures.tests.plans import twenty_with_plans

    today = datetime.date(2026, 12, 6)
    localdate = timezone.localdate
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: localdate(*a) if a else today)
    region, people = twenty_with_plans(9, datetime.date(2026, 10, 20))
    nurse = people[9]

    def share() -> float:
        services._computed.clear()
        generation.bump()
        frames.forget()
        return services.key_figures(2026, today).staff(region)["plan_coverage"]

    assert share() == pytest.approx(12 / 20)
    extract.erase([nurse.pseudonym], actor=hr_admin, today=today, reason="x")
    if not plan_kept:
        CompetencePlan.objects.filter(person__isnull=True).delete()
        assert share() == pytest.approx(11 / 20)
        return
    assert share() == pytest.approx(12 / 20)
    kept = CompetencePlan.objects.get(person__isnull=True)
    assert kept.detached == next(iter(frames.detached_ids())) and kept.has_plan
    # So is the plan file's record of it (`PlanStatus`), which a later file is decided
    # against, and nothing of hers stays linked.
    status = PlanStatus.objects.get(person__isnull=True)
    assert (status.detached, status.has_plan) == (kept.detached, True)
    assert not PlanStatus.objects.filter(person=nurse).exists()
    # The retention run keeps it while her kept rows are there (a later plan file's day
    # may count her), and deletes it once they are gone.
    services.prune_kept_health(datetime.date(2016, 1, 1))
    assert CompetencePlan.objects.filter(person__isnull=True).exists()
    monkeypatch.setattr(services, "frames_detached_ids", lambda: set())
    services.prune_kept_health(datetime.date(2016, 1, 1))
    assert not CompetencePlan.objects.filter(person__isnull=True).exists()
    assert not PlanStatus.objects.filter(person__isnull=True).exists()


@pytest.mark.parametrize("answered", [True, False])
def test_the_reminders_after_an_erasure_say_nothing_of_their_answer(
    db, hr_admin, mailoutbox, answered
):
    # Eight invited by e-mail, one of whom (erased) answered or not. Sent only to people,
    # the reminders counted seven unanswered without her if she had not answered, and the
    # same seven if she had: the wave's reminded count said which. Now everyone e-mailed is
    # reminded (nothing says who has answered), an erased person without a message.
    from bemanna.pulse import services as pulse
    from bemanna.pulse.models import Invitation, Pulse
    from bemanna.pulse.tests.helpers import add_staff, make_tree

    units = make_tree({"R": None, "A": "R"})
    staff = add_staff(units["A"], 8)
    item = Pulse.objects.create(name="Puls")
    item.units.add(units["R"])
    wave = pulse.open_wave(item, datetime.date(2026, 12, 1))
    pulse.send_invitations(wave)
    nurse, other = staff[0], staff[1]
    answering = [other] + ([nurse] if answered else [])
    invitations = Invitation.objects.filter(wave=wave, person__in=answering)
    pulse.claim(wave, invitations.values_list("pk", flat=True))
    # She left in October (final on 2 December: erasure is refused before).
    Employment.objects.filter(person=nurse).update(end=datetime.date(2026, 10, 15))
    extract.erase([nurse.pseudonym], actor=hr_admin, today=datetime.date(2026, 12, 6), reason="x")
    mailoutbox.clear()
    reminded = pulse.send_invitations(wave, reminder=True)
    # By hand: 8 invited by e-mail, all 8 reminded, whoever answered; 7 messages (not to her).
    assert pulse.invitation_counts(wave)["reminded"] == reminded == 8
    assert len(mailoutbox) == 7  # no message to an erased person
