"""The unit page (today's staff of a unit and its subtree), person-level rows, the import page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from bemanna import generation
from bemanna.accounts import access
from bemanna.analysis import professions, stock
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org.models import Unit
from bemanna.workforce import charts, importers, issues, services
from bemanna.workforce.forms import AsOfForm, GroupMappingForm, ImportForm
from bemanna.workforce.frames import employments_frame, units_frame
from bemanna.workforce.models import Employment, GroupMapping, ImportBatch

SHOWN_ISSUES = 1000


@login_required
@require_GET
def home(request):
    tops = access.top_units(request.user)
    if len(tops) == 1:
        return redirect("workforce:unit", code=tops[0].code)
    return render(request, "workforce/home.html", {"units": tops})


def _as_of(request) -> tuple[AsOfForm, datetime.date]:
    """The date asked for, or today; a bad date shows its error and falls back to today."""
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, initial={"date": today})
    if form.is_valid() and form.cleaned_data.get("date"):
        return form, form.cleaned_data["date"]
    return form, today


@login_required
@require_GET
def unit_detail(request, code):
    unit = get_object_or_404(Unit, code=code)
    access.require_unit(request.user, unit)
    form, date = _as_of(request)
    units = units_frame(Unit.objects.subtree(unit))
    staff = employments_frame(unit, on=date)
    summary = {row["unit_id"]: row for row in stock.unit_summary(staff, units, date).to_dicts()}
    details = access.sees_staff_details(request.user)
    if not details:  # the headcount alone (`access.sees_staff_details`); nothing else leaves
        summary = {pk: {"headcount": row["headcount"]} for pk, row in summary.items()}
    children = list(unit.children.order_by("code"))
    context = {
        "unit": unit,
        "crumbs": [u for u in unit.ancestors() if access.can_view_unit(request.user, u)],
        "form": form,
        "date": date,
        "details": details,
        "totals": summary.get(unit.pk),
        "children": [(child, summary.get(child.pk)) for child in children],
        "ages": stock.age_structure(staff, units, date, unit.pk).to_dicts() if details else [],
        "mix": stock.profession_mix(staff, units, date, unit.pk).to_dicts() if details else [],
        "can_view_persons": access.can_view_persons(request.user),
    }
    # No one at all: units imported, the HR extract not yet; the page says to import it.
    context["no_extract"] = not context["totals"] and not Employment.objects.exists()
    context["age_chart"] = charts.age_pyramid(context["ages"]) if details else ""
    partial = request.headers.get("HX-Request")
    template = "workforce/_unit_body.html" if partial else "workforce/unit.html"
    return render(request, template, context)


@login_required
@require_GET
def unit_persons(request, code):
    """Person-level rows for HR admin; every opening is written to the audit log."""
    unit = get_object_or_404(Unit, code=code)
    if not access.can_view_persons(request.user):
        raise PermissionDenied
    form, date = _as_of(request)
    rows = (
        Employment.objects.filter(unit__path__startswith=unit.path, start__lte=date)
        .exclude(end__lt=date)
        .select_related("person", "profession", "unit")
        .order_by("unit__code", "profession__name", "person__pseudonym")
    )
    log_action(
        request.user,
        AuditEntry.Action.VIEW_PERSONS,
        scope=unit.code,
        date=date.isoformat(),
        rows=rows.count(),
    )
    return render(
        request,
        "workforce/persons.html",
        {"unit": unit, "rows": rows[:2000], "date": date, "form": form, "total": rows.count()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request):
    access.require(access.can_import(request.user))
    # The kind asked for (kept after a dry run's redirect), else the unit tree until a unit
    # exists: the page says to import it first.
    kinds = dict(importers.choices())
    asked = request.GET.get("kind", "")
    kind = asked if asked in kinds else ("employments" if Unit.objects.exists() else "units")
    form = ImportForm(request.POST or None, request.FILES or None, initial={"kind": kind})
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = importers.run(
                form.cleaned_data["kind"],
                upload,
                filename=upload.name,
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except services.ImportRefused as refused:
            problems = [issues.show(issue) for issue in refused.issues]
        else:
            made = []
            if form.cleaned_data["kind"] == "employments":
                made = services.announce(report, actor=request.user)
            if not report.dry_run:
                # The board report and key figures for the next page, in a thread: the
                # upload's answer does not wait for them.
                generation.warm_after_commit(background=True)
            messages.success(request, _summary(report, form.cleaned_data["kind"]))
            for said in made:
                messages.info(request, said)
            if report.unmapped:
                messages.warning(request, _unmapped(report))
            if report.unknown_reasons:
                messages.warning(request, _unknown_reasons(report))
            if report.dry_run:  # the file is to be imported next: keep its kind chosen
                return redirect(f"{reverse('workforce:import')}?kind={form.cleaned_data['kind']}")
            return redirect("workforce:import")
    context = {
        "form": form,
        "kinds": importers.described(),
        "problems": problems[:SHOWN_ISSUES],
        "problem_count": len(problems),
        "batches": ImportBatch.objects.select_related("created_by")[:20],
        "unmapped": services.last_unmapped(),
        "unknown_reasons": services.last_unknown_reasons(),
    }
    return render(request, "workforce/import.html", context, status=400 if problems else 200)


def _unmapped(report: services.ImportReport) -> str:
    """The codes without an SKR profession group, most rows first."""
    codes = "; ".join(
        f"{services.code_and_name(code, name)} ({rows})" for code, name, rows in report.unmapped
    )
    return _(
        "No SKR profession group for these codes (code, name, rows): %(codes)s. They are "
        "grouped by their own name until the extract's Yrkesgrupp column or the shipped "
        "table (version %(version)s) gives them one."
    ) % {"codes": codes, "version": professions.VERSION}


def _unknown_reasons(report: services.ImportReport) -> str:
    """The end reasons Bemanna did not know, each counted as other, most rows first."""
    reasons = "; ".join(f"{value} ({rows})" for value, rows in report.unknown_reasons)
    return _(
        "End reasons Bemanna does not know, counted as other (value, rows): %(reasons)s. "
        "Each such end is still a departure; write one of the known reasons in the file to "
        "count it under its own."
    ) % {"reasons": reasons}


def _summary(report: services.ImportReport, kind: str = "") -> str:
    """What an import did, or on a dry run what it would do (as the command line says it):
    a dry run never says "Imported"; a sick-leave, hours, cost or plan file says which."""
    dry = report.dry_run
    if "rows" in report.extra:  # sick leave, hours, costs, plans or Kolada
        what = importers.label(kind)
        text = (
            _(
                "The file is correct and would give: %(what)s, %(created)s new rows, "
                "%(updated)s replaced."
            )
            if dry
            else _("Imported: %(what)s, %(created)s new rows, %(updated)s replaced.")
        ) % {"what": what, "created": report.created, "updated": report.updated}
        if report.extra.get("skipped"):  # Kolada's file: rows without a value
            text += " " + _(
                "Not read: %(skipped)s rows without a value or for a gender the figures do not use."
            ) % {"skipped": report.extra["skipped"]}
        text = " ".join([text, *report.notes])
        return (_("Dry run: nothing written.") + " " + text) if dry else text
    if report.units and not report.employments:
        text = (
            ngettext(
                "The file is correct and would give: %(units)s unit (%(created)s new, "
                "%(updated)s changed).",
                "The file is correct and would give: %(units)s units (%(created)s new, "
                "%(updated)s changed).",
                report.units,
            )
            if dry
            else ngettext(
                "Unit tree imported: %(units)s unit (%(created)s new, %(updated)s changed).",
                "Unit tree imported: %(units)s units (%(created)s new, %(updated)s changed).",
                report.units,
            )
        )
    else:
        text = (
            _(
                "The file is correct and would give: %(employments)s employments, %(persons)s "
                "persons, %(units)s units (%(created)s new, %(updated)s changed)."
            )
            if dry
            else _(
                "Imported: %(employments)s employments, %(persons)s persons, %(units)s units "
                "(%(created)s new, %(updated)s changed)."
            )
        )
    text = text % {
        "employments": report.employments,
        "persons": report.persons,
        "units": report.units,
        "created": report.created,
        "updated": report.updated,
    }
    if note := services.left_out(report):
        text += " " + note
    if dry:
        return _("Dry run: nothing written.") + " " + text
    if not report.changed:
        return text + " " + _("Nothing changed: the data was already imported.")
    return text


@login_required
@require_http_methods(["GET", "POST"])
def group_mappings(request):
    """HR's rows mapping AID/BSK codes to SKR groups, over the shipped table."""
    access.require(access.can_import(request.user))
    chosen = request.POST.get("code") or request.GET.get("code") or ""
    row = GroupMapping.objects.filter(code=chosen[:60]).first() if chosen else None
    if request.method == "POST" and "delete" in request.POST and row is not None:
        services.delete_group_mapping(row, actor=request.user)
        messages.success(request, _("Removed the row for %(code)s.") % {"code": row.code})
        return redirect("workforce:groups")
    initial = {"code": chosen[:60]} if chosen and row is None else None
    form = GroupMappingForm(request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_group_mapping(form, actor=request.user)
        messages.success(
            request,
            _("Saved: %(code)s is in %(group)s.") % {"code": saved.code, "group": saved.group},
        )
        return redirect("workforce:groups")
    shipped = professions.table()
    page = {
        "form": form,
        "row": row,
        "rows": GroupMapping.objects.select_related("updated_by"),
        "unmapped": services.last_unmapped(),
        "shipped": list(shipped.select("system", "code", "group", "name").iter_rows()),
        "version": professions.VERSION,
        "known_groups": sorted(
            {*shipped["group"].to_list(), *GroupMapping.objects.values_list("group", flat=True)}
        ),
    }
    return render(request, "workforce/groups.html", page, status=400 if form.errors else 200)
