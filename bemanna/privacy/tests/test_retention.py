"""Retention for every kind of data: the page says what the next run deletes and when the
next rows become due; the run deletes exactly that, for real, and logs the counts."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from bemanna.audit.models import AuditEntry
from bemanna.conftest import PASSWORD
from bemanna.exits.models import ExitAnswer, ExitReason
from bemanna.keyfigures.models import EarlyContact, SickLeaveSpell
from bemanna.plan.models import Area, Event, Proposal, Status
from bemanna.privacy import retention
from bemanna.pulse.models import Pulse, Response, Wave, WaveStatus
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Employment, ImportBatch, Person

TODAY = datetime.date(2026, 6, 30)
SECRET = "Kommentar-som-ska-gallras-7f3a"


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def aged(org):
    return _build(org)


def _build(org):
    """Rows on either side of each default retention limit (today 2026-06-30)."""
    old, kept = add_staff(org["A"], 2)
    # The ten closed years 2016–2025 are kept whole with the month before them (by hand,
    # 1 January 2016 minus 32 days): 29 November 2015 is past, 30 November is kept.
    Employment.objects.filter(person=old).update(end=datetime.date(2015, 11, 29))
    Employment.objects.filter(person=kept).update(end=datetime.date(2015, 11, 30))
    SickLeaveSpell.objects.create(
        person=kept, start=datetime.date(2016, 12, 1), end=datetime.date(2016, 12, 31), extent=100
    )
    later = SickLeaveSpell.objects.create(
        person=kept, start=datetime.date(2017, 1, 2), end=datetime.date(2017, 1, 5), extent=100
    )
    EarlyContact.objects.create(spell=later, called_on=datetime.date(2024, 6, 29))
    pulse = Pulse.objects.create(name="Gammal")
    gone = Wave.objects.create(
        pulse=pulse, opens=datetime.date(2021, 6, 1), closes=datetime.date(2021, 6, 29)
    )
    stays = Wave.objects.create(
        pulse=pulse, opens=datetime.date(2022, 1, 1), closes=datetime.date(2022, 1, 15)
    )
    Wave.objects.filter(pk__in=[gone.pk, stays.pk]).update(status=WaveStatus.CLOSED)
    for wave, comment in ((gone, ""), (gone, ""), (stays, SECRET), (stays, "")):
        Response.objects.create(wave=wave, unit=org["A"], enps=8, comment=comment)
    # The migrations seed the reasons; after another committing test's flush the
    # restored rows may be missing in a full run, and the test needs one reason only.
    reason = ExitReason.objects.get_or_create(code="lon", defaults={"name": "Lön"})[0]
    for year, text in ((2019, "x"), (2020, "Mer lön"), (2021, "")):
        ExitAnswer.objects.create(
            unit=org["A"], year=year, main_reason=reason, would_have_stayed=text
        )
    area = Area.objects.get_or_create(name="Behålla")[0]
    for status, last in (
        (Status.REJECTED, datetime.date(2021, 6, 29)),
        (Status.EVALUATED, datetime.date(2022, 1, 1)),
        (Status.RECEIVED, datetime.date(2015, 1, 1)),  # still open: never deleted
    ):
        proposal = Proposal.objects.create(
            title=status,
            description="d",
            area=area,
            origin="staff",
            submitted_on=last,
            status=status,
        )
        event = Event.objects.create(proposal=proposal, actor_name="x", what="status")
        Event.objects.filter(pk=event.pk).update(at=_at(last))
    for day in (datetime.date(2023, 6, 29), datetime.date(2023, 7, 1)):
        entry = AuditEntry.objects.create(actor_name="cli", action="import")
        AuditEntry.objects.filter(pk=entry.pk).update(created=_at(day))
    for day in (datetime.date(2016, 6, 1), datetime.date(2016, 7, 1)):
        batch = ImportBatch.objects.create(kind="employments", filename="hr.csv", sha256="x")
        ImportBatch.objects.filter(pk=batch.pk).update(created=_at(day))
    return {"old": old, "kept": kept}


# Worked out by hand from the rows above and the defaults (10, 10, 24 months, 5, 2, 5, 36
# months, 10): what the next run deletes, and the day the next rows after those become due.
EXPECTED = {
    # 30 November 2015 could bridge into 2016: due when 2016 is no longer kept, on the day
    # 2026 closes.
    "employments": (1, datetime.date(2027, 2, 1)),
    "sick_leave": (1, datetime.date(2027, 1, 1)),
    "hours": (0, None),
    "calls": (0, datetime.date(2026, 7, 1)),  # June 2024 + 24 whole months
    "pulse_answers": (2, datetime.date(2027, 1, 16)),
    "exit_answers": (1, datetime.date(2027, 1, 1)),  # block 2018–19; next 2020–21
    # SECRET (wave of 2022), "Mer lön" (2020–21) and "x" (2019, whose answer goes anyway).
    "comments": (3, None),
    "proposals": (1, datetime.date(2027, 1, 2)),
    "audit": (1, None),
    "imports": (1, datetime.date(2026, 7, 2)),
}


def test_the_overview_says_what_goes_next_and_when(aged):
    shown = {row["rule"].key: row["pending"] for row in retention.overview(TODAY)}
    # Health data's counts are shown to no one (before minus after an erasure they would
    # be the erased person's), though the rules know them.
    assert {key for key, pending in shown.items() if pending is None} == retention.HEALTH
    rules = {rule.key: rule for rule in retention.rules()}
    shown |= {key: rules[key].pending(TODAY) for key in retention.HEALTH}
    # Audit entries made by the fixture's own setup are today's: the next is years away.
    audit_next = shown["audit"].next_due
    assert audit_next is not None and audit_next > datetime.date(2026, 7, 1)
    shown["audit"] = retention.Pending(shown["audit"].due, None)
    assert {k: (p.due, p.next_due) for k, p in shown.items()} == EXPECTED


def test_the_page_shows_it_to_hr(client, hr_admin, aged):
    client.login(username="hr_admin", password=PASSWORD)
    page = client.get(reverse("privacy:retention")).content.decode()
    for key in EXPECTED:
        assert f'id="rule-{key}"' in page
    assert "BEMANNA_RETAIN_AUDIT_MONTHS" in page
    # The one sick spell due is not said (see the note on the page).
    soup = BeautifulSoup(page, "html.parser")
    for key in retention.HEALTH:
        cells = [td.get_text(strip=True) for td in soup.select(f"#rule-{key} td")]
        assert cells[3:] == ["–", "–"], cells
    assert soup.select_one("#rule-employments td.num").get_text(strip=True) == "1"
    assert soup.select_one("#health-note") is not None


# Outside a test transaction, so the run can VACUUM; the migrations' rows are put back after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_run_deletes_exactly_what_was_due_for_real_and_logs_counts(org):
    _build(org)
    out = io.StringIO()
    with translation.override("en"):
        call_command("run_schedule", f"--today={TODAY.isoformat()}", stdout=out)
    text = out.getvalue()
    assert "1 sick-leave spell(s)" in text
    # By the names of the retention page, not the rules' keys ("1 employments").
    assert "Employment rows (and a person with nothing left): 1" in text
    assert "Pulse answers, with their waves, invitations and dialogues: 2" in text
    assert "Free-text comments in answers (emptied): 2" in text
    assert "employments" not in text and "pulse answers" not in text
    assert not Employment.objects.filter(end=datetime.date(2015, 11, 29)).exists()
    assert Employment.objects.filter(end=datetime.date(2015, 11, 30)).exists()
    assert Person.objects.count() == 1  # the one with nothing left went with their rows
    assert Response.objects.count() == 2 and not Response.objects.exclude(comment="").exists()
    assert sorted(ExitAnswer.objects.values_list("year", "would_have_stayed")) == [
        (2020, ""),
        (2021, ""),
    ]
    assert set(Proposal.objects.values_list("status", flat=True)) == {"evaluated", "received"}
    assert ImportBatch.objects.count() == 1
    # The 2019 answer went whole before the comments were emptied: two comments emptied.
    entry = AuditEntry.objects.get(action="retention_deleted")
    assert entry.detail == {
        "employments": 1,
        "pulse_answers": 2,
        "exit_answers": 1,
        "comments": 2,
        "proposals": 1,
        "audit": 1,
        "imports": 1,
    }
    # The health rules ran, but how many rows went is not logged (one sick spell did).
    health = AuditEntry.objects.get(action="health_deleted")
    assert not set(health.detail) & {"spells", "hours", "contacts"}
    if connection.vendor == "sqlite":
        # Emptied, not just unlinked: the text is gone from the database file and its log.
        database = Path(connection.settings_dict["NAME"])
        for path in (database, database.with_name(database.name + "-wal")):
            if path.exists():
                assert SECRET.encode() not in path.read_bytes(), path
    again = io.StringIO()
    with translation.override("en"):
        call_command("run_schedule", f"--today={TODAY.isoformat()}", stdout=again)
    assert "past retention" not in again.getvalue()
    # Nothing due, and the journal says so: the run is seen to have happened.
    assert f"{TODAY.isoformat()}: retention: nothing was due for deletion." in again.getvalue()
    assert "nothing was due" not in text
