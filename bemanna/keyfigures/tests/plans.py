"""A small region with a plan file, for the competence-plan share's tests."""

import datetime

from bemanna.keyfigures import services
from bemanna.keyfigures.models import CompetencePlan, ScheduledHours
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce.models import Employment, ImportBatch, Person

PLAN_FILE_DAY = datetime.date(2026, 11, 20)


def twenty_with_plans(leaver: int, left: datetime.date) -> tuple[Unit, list[Person]]:
    """Region R: twenty staff with hours January–October 2026, of whom `leaver` (an index)
    left on `left` (own request); the plan file of 20 November 2026 gives the last twelve a
    plan, eight have none (each at least k, so the share may be shown: `_plan_own`); the
    plan file's day is then 30 September, the last final month's end."""
    region = Unit.objects.create(code="R", name="Region Test", level=Level.REGION)
    people = add_staff(region, 20)
    Employment.objects.filter(person=people[leaver]).update(end=left, end_reason="own_request")
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=person, month=datetime.date(2026, month, 1), hours=160)
        for person in people
        for month in range(1, 11)
    )
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.PLANS, filename="planer.csv")
    ImportBatch.objects.filter(pk=batch.pk).update(
        created=datetime.datetime.combine(PLAN_FILE_DAY, datetime.time(12), tzinfo=datetime.UTC)
    )
    for index, person in enumerate(people):
        CompetencePlan.objects.create(person=person, has_plan=index >= 8, batch=batch)
    services._keep_statuses(batch)  # as the import does
    return region, people
