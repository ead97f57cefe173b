import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bemanna import charts as rendering
from bemanna.accounts import access
from bemanna.accounts.models import Role
from bemanna.audit.models import AuditEntry, log_action
from bemanna.keyfigures import benchmarks, board, early
from bemanna.keyfigures.forms import ContactForm, WorklistFilter
from bemanna.keyfigures.models import SickLeaveSpell
from bemanna.keyfigures.summary import cached_summary, default_year, year_notes
from bemanna.report import figure_html
from bemanna.workforce import retention

CHARTS = ("monthly_spec", "trend_spec", "cost_spec")
WORKLIST_PAGE = 25


def requested_year(request, today: datetime.date) -> int:
    try:
        year = int(request.GET.get("year", default_year(today)))
    except ValueError:
        year = default_year(today)
    return max(retention.first_whole_year(today), min(year, retention.last_shown_year(today)))


@login_required
@require_GET
def key_figures(request):
    unit = access.requested_unit(request)
    if unit is None:
        return render(request, "keyfigures/page.html", {"unit": None})
    today = timezone.localdate()
    year = requested_year(request, today)
    manager = access.role_of(request.user) == Role.MANAGER
    context = dict(cached_summary(unit, year, today, manager=manager))
    # Each chart with its sentence and its data as a table (the text alternative).
    drawn = board.key_charts({name: context[name] for name in CHARTS})
    for name in CHARTS:
        chart = drawn.get(name)
        context[name.replace("_spec", "_chart")] = figure_html(chart) if chart else None
    last = retention.last_shown_year(today)
    context["years"] = range(retention.first_whole_year(today), last + 1)
    context["year_notes"] = year_notes(year, today)
    if access.sees_whole_region(request.user):
        # What occupational health did, as counts per month: never who or which spell.
        context["early_counts"] = early.counts(year)
    return render(request, "keyfigures/page.html", context)


MANAGERS_WARMED = 100  # units; past that, a manager's first view computes their own page


def warm_managers(today: datetime.date | None = None) -> None:
    """After an import, the *Nyckeltal* page each manager opens first (their first top unit,
    the year the page opens on, every language), charts drawn: without it the first view
    took 2–4 s (issue 19). A warmer (`generation.register_warmer`) run after the board's,
    whose key figures it reuses in the same process; at most MANAGERS_WARMED units."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import translation

    today = today or timezone.localdate()
    year = default_year(today)
    managers = get_user_model().objects.filter(is_active=True, profile__role=Role.MANAGER)
    firsts: dict[int, object] = {}
    for user in managers.select_related("profile").order_by("pk"):
        tops = access.top_units(user)
        if tops and len(firsts) < MANAGERS_WARMED:
            firsts.setdefault(tops[0].pk, tops[0])
    for unit in firsts.values():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                context = cached_summary(unit, year, today, manager=True)
                for name in CHARTS:
                    if context[name]:
                        rendering.svg(context[name])


@login_required
@require_GET
def worklist(request):
    """Occupational health's daily list: spells at day 8–10 (and any older ones not yet
    called), with the unit and its manager to call. Health data: audit-logged."""
    access.require(access.works_early_intervention(request.user))
    today = timezone.localdate()
    chosen = WorklistFilter(request.GET or None)
    rows = [row for row in early.worklist(today) if chosen.keep(row)]
    page = Paginator(rows, WORKLIST_PAGE).get_page(request.GET.get("sida"))
    retry = [row for row in early.worklist(today, retry=True) if chosen.keep(row)]
    # The calls made: in the förvaltning chosen, a page at a time, and logged as viewed
    # like the rest (each row is a spell's unit and first day: health data).
    recent = Paginator(
        [row for row in early.recent_calls(today) if chosen.in_administration(row)],
        WORKLIST_PAGE,
    ).get_page(request.GET.get("samtal"))
    log_action(
        request.user,
        AuditEntry.Action.HEALTH_VIEWED,
        scope="worklist",
        spells=[row["spell"].pk for row in [*page, *retry, *recent]],
    )
    return render(
        request,
        "keyfigures/worklist.html",
        {
            "rows": page,
            "page": page,
            "retry": retry,
            "filter": chosen,
            "recent": recent,
            "today": today,
            "form": ContactForm(today=today),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_call(request, pk: int):
    access.require(access.works_early_intervention(request.user))
    spell = get_object_or_404(SickLeaveSpell.objects.select_related("person"), pk=pk)
    today = timezone.localdate()
    contact = getattr(spell, "contact", None)  # none yet: a new call
    form = ContactForm(request.POST or None, instance=contact, spell=spell, today=today)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.spell = spell
        saved.recorded_by = request.user
        saved.save()
        log_action(request.user, AuditEntry.Action.HEALTH_RECORDED, scope=f"spell {spell.pk}")
        if saved.manager_reached:
            messages.success(request, _("The call is recorded: the manager was reached."))
        else:
            messages.success(
                request,
                _(
                    "The call is recorded. The manager was not reached: the spell is on the "
                    "list to call again."
                ),
            )
        return redirect("keyfigures:worklist")
    log_action(request.user, AuditEntry.Action.HEALTH_VIEWED, scope=f"spell {spell.pk}")
    return render(
        request,
        "keyfigures/call.html",
        {"spell": spell, "form": form, "row": early.describe(spell, today), "title": _("Call")},
    )


@login_required
@require_GET
def report(request):
    """The board report for a year and unit: HTML to read (and save for Word), PDF, Excel."""
    access.require(access.sees_whole_region(request.user))
    unit = access.requested_unit(request)
    if unit is None:
        return render(request, "keyfigures/page.html", {"unit": None})
    today = timezone.localdate()
    year = requested_year(request, today)
    fmt = request.GET.get("format", "html")
    if fmt not in board.FORMATS:
        fmt = "html"
    content, content_type, filename = board.render(fmt, board.build(unit, year, today))
    log_action(request.user, AuditEntry.Action.REPORT, scope=unit.code, year=year, format=fmt)
    response = HttpResponse(content, content_type=content_type)
    if fmt != "html" or "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def hme_kolada(request):
    """The region's HME of a year in the form it is reported to Kolada (a CSV file)."""
    access.require(access.sees_whole_region(request.user))
    year = requested_year(request, timezone.localdate())
    log_action(request.user, AuditEntry.Action.REPORT, scope="hme-kolada", year=year)
    response = HttpResponse(benchmarks.hme_csv(year), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hme-kolada-{year}.csv"'
    return response
