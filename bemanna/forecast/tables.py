"""The tables HR keeps for the forecast: what each profession group costs, and how many
graduates each group can expect from education.

Each change is one audited workflow (`save_group_cost`, `delete_group_cost`, `save_pipeline`,
`delete_pipeline`); the forecast reads the tables as plain numbers (`cost_table`) and as the
education lever's items (`with_pipeline`).
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from bemanna.analysis import graduates
from bemanna.analysis.forecast import Education, Levers
from bemanna.analysis.forecast.cost import TableCost
from bemanna.analysis.stock import people_on
from bemanna.audit.models import AuditEntry, log_action
from bemanna.forecast import frames
from bemanna.forecast.models import EducationPipeline, GroupCost
from bemanna.org import thresholds
from bemanna.workforce.retention import last_closed_year

FIELDS = ("group", "monthly_salary", "social_fees", "hired_factor", "source")


class TableError(Exception):
    """A change HR asked for that the table refuses (the row for every other group)."""


def _values(row: GroupCost) -> dict[str, str]:
    return {name: str(getattr(row, name)) for name in FIELDS}


def save_group_cost(form, *, actor) -> GroupCost:
    """Save a valid `GroupCostForm`; the audit entry holds the values before and after."""
    with transaction.atomic():
        before = _values(GroupCost.objects.get(pk=form.instance.pk)) if form.instance.pk else {}
        row = form.save(commit=False)
        row.is_default = False
        row.updated_by = actor if getattr(actor, "pk", None) else None
        row.save()
        log_action(
            actor,
            AuditEntry.Action.TABLE_CHANGED,
            scope=f"cost:{row.group}",
            table="cost",
            before=before,
            after=_values(row),
        )
    return row


def delete_group_cost(row: GroupCost, *, actor) -> None:
    if not row.group:
        raise TableError("the row for every other group stays")
    with transaction.atomic():
        log_action(
            actor,
            AuditEntry.Action.TABLE_CHANGED,
            scope=f"cost:{row.group}",
            table="cost",
            before=_values(row),
            after={},
        )
        row.delete()


def cost_table() -> dict[str, TableCost]:
    """group ("" for every other group) → kronor per FTE and year and the hired factor."""
    return {
        row.group: TableCost(row.per_fte_year(), float(row.hired_factor))
        for row in GroupCost.objects.all()
    }


def groups_without_cost_row(today: datetime.date) -> list[str]:
    """The profession groups of the people employed (monthly paid) on `today` that have no
    row of their own in the cost table, sorted: Bemanna ships no national figure for them
    it could source, so they are priced by the imported costs or the row for every other
    group until HR adds theirs."""
    staff = people_on(frames.employments(), today)
    present = set(staff["group"].drop_nulls().to_list())
    named = set(GroupCost.objects.exclude(group="").values_list("group", flat=True))
    return sorted(present - named)


PIPELINE_FIELDS = ("group", "students", "completion", "hired", "source")


def save_pipeline(form, *, actor) -> EducationPipeline:
    """Save a valid `EducationPipelineForm`, audit-logged with the values before and after."""
    with transaction.atomic():
        before = {}
        if form.instance.pk:
            old = EducationPipeline.objects.get(pk=form.instance.pk)
            before = {name: str(getattr(old, name)) for name in PIPELINE_FIELDS}
        row = form.save(commit=False)
        row.updated_by = actor if getattr(actor, "pk", None) else None
        row.save()
        after = {name: str(getattr(row, name)) for name in PIPELINE_FIELDS}
        log_action(
            actor,
            AuditEntry.Action.TABLE_CHANGED,
            scope=f"education:{row.group}",
            table="education",
            before=before,
            after=after,
        )
    return row


def delete_pipeline(row: EducationPipeline, *, actor) -> None:
    with transaction.atomic():
        log_action(
            actor,
            AuditEntry.Action.TABLE_CHANGED,
            scope=f"education:{row.group}",
            table="education",
            before={name: str(getattr(row, name)) for name in PIPELINE_FIELDS},
            after={},
        )
        row.delete()


def with_pipeline(levers: Levers) -> Levers:
    """The levers with HR's education pipeline added as education items, one per group the
    scenario does not set itself (a scenario's own students for a group win)."""
    own = {item.group for item in levers.education}
    added = tuple(
        Education(
            row.group,
            row.students,
            completion=float(row.completion) / 100,
            share_hired=float(row.hired) / 100,
        )
        for row in EducationPipeline.objects.exclude(group__in=own)
    )
    return replace(levers, education=levers.education + added) if added else levers


def pipeline_defaults(today: datetime.date) -> dict[str, dict]:
    """group → the default of its education pipeline from the region's history
    (`analysis.graduates`): hires a year right after studies over the last complete years,
    with the years and the rule as its source. A group with fewer than k such hires (people,
    whose first job and age it tells) shows "fewer than k" and offers no default: `few`,
    with no number."""
    last = last_closed_year(today)
    first = last - graduates.YEARS + 1
    found = graduates.graduate_hires(frames.employments(), last)
    k = thresholds.min_group()
    source = _(
        "Bemanna, from the HR extract: %(hires)s hires after studies in %(first)s–%(last)s "
        "(a first monthly-paid employment at %(age)s or younger), %(per_year)s a year"
    )
    few = {"per_year": None, "hires": None, "first": first, "last": last, "source": ""}
    return {
        group: {**few, "few": _("fewer than %(k)s") % {"k": k}}
        if hires < k
        else {
            "per_year": per_year,
            "hires": hires,
            "first": first,
            "last": last,
            "few": "",
            "source": source
            % {
                "hires": hires,
                "first": first,
                "last": last,
                "age": graduates.MAX_AGE,
                "per_year": formats.number_format(per_year, 1),
            },
        }
        for group, per_year, hires in found.iter_rows()
    }
