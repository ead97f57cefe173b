import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bemanna.accounts import access
from bemanna.analysis import stock
from bemanna.audit.models import AuditEntry, log_action
from bemanna.org import charts
from bemanna.org.forms import AsOfForm
from bemanna.org.models import Unit
from bemanna.workforce.frames import employments_frame, units_frame
from bemanna.workforce.models import Employment


@login_required
@require_GET
def home(request):
    tops = access.top_units(request.user)
    if len(tops) == 1:
        return redirect("org:unit", code=tops[0].code)
    return render(request, "org/home.html", {"units": tops})


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
    children = list(unit.children.order_by("code"))
    context = {
        "unit": unit,
        "crumbs": [u for u in unit.ancestors() if access.can_view_unit(request.user, u)],
        "form": form,
        "date": date,
        "totals": summary.get(unit.pk),
        "children": [(child, summary.get(child.pk)) for child in children],
        "ages": stock.age_structure(staff, units, date, unit.pk).to_dicts(),
        "mix": stock.profession_mix(staff, units, date, unit.pk).to_dicts(),
        "can_view_persons": access.can_view_persons(request.user),
    }
    context["age_chart"] = charts.age_pyramid(context["ages"])
    template = "org/_unit_body.html" if request.headers.get("HX-Request") else "org/unit.html"
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
        "org/persons.html",
        {"unit": unit, "rows": rows[:2000], "date": date, "form": form, "total": rows.count()},
    )
