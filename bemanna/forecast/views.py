import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bemanna import charts as rendering
from bemanna import generation
from bemanna.accounts import access
from bemanna.analysis import charts
from bemanna.analysis.forecast import TOTAL
from bemanna.analysis.forecast import backtest as backtesting
from bemanna.analysis.forecast import history as past
from bemanna.errors import NoUnit
from bemanna.forecast import context, frames, pages, reports, services, surveys, tables
from bemanna.forecast.forms import (
    EducationPipelineForm,
    GroupCostForm,
    InputsForm,
    LeverForm,
    ProjectionForm,
    ScenarioForm,
)
from bemanna.forecast.models import EducationPipeline, GroupCost, Scenario
from bemanna.org import thresholds
from bemanna.org.models import Unit
from bemanna.workforce.models import Employment
from bemanna.workforce.retention import unclosed_note


def _unit(request) -> Unit:
    """The unit asked for (?unit=CODE), or the user's own top unit; always within scope."""
    code = request.GET.get("unit") or request.POST.get("unit")
    if code:
        unit = get_object_or_404(Unit, code=code)
    else:
        tops = access.top_units(request.user)
        if not tops:
            # A role that never has units may not use the page; the others have none yet.
            access.require(access.uses_forecasts(request.user))
            raise NoUnit
        unit = tops[0]
    access.require_unit(request.user, unit)
    return unit


def _unit_choices(user):
    return access.visible_units(user).order_by("path").only("code", "name", "depth")


@login_required
@require_GET
def history(request):
    unit = _unit(request)
    today = timezone.localdate()
    # Each closed year over the unit tree it was first shown with (`years.Years`): a unit
    # moved since changes nothing shown for those years. Kept until the data change, the
    # same for every role that may open the unit (`pages`).
    shown = pages.history(unit, request.GET.get("group") or past.ALL, today)
    context_ = {
        "unit": unit,
        "units": _unit_choices(request.user),
        # In January the year just ended is not yet a closed year, and not shown.
        "unclosed": unclosed_note(today),
        "k": thresholds.min_group(),
        **shown,
        # Units imported, the HR extract not yet: the page says to import it.
        "no_extract": shown["table"] is None and not Employment.objects.exists(),
    }
    return render(request, "forecast/history.html", context_)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_list(request):
    access.require(access.uses_forecasts(request.user))
    form = ScenarioForm(request.POST or None)
    if request.method == "POST":
        access.require(access.can_edit_scenarios(request.user))
        if form.is_valid():
            scenario = form.save(commit=False)
            scenario.author = request.user
            source = form.cleaned_data.get("copy_from")
            if source:
                scenario.levers, scenario.inputs = source.levers, source.inputs
                scenario.copied_from = source
            scenario.save()
            if scenario.is_main:
                Scenario.objects.exclude(pk=scenario.pk).update(is_main=False)
            return redirect("forecast:scenario", pk=scenario.pk)
    return render(
        request,
        "forecast/scenario_list.html",
        {
            "scenarios": Scenario.objects.select_related("author", "projection"),
            "form": form,
            "can_edit": access.can_edit_scenarios(request.user),
        },
    )


PREVIEW_DRAWS = 500  # enough for steady P10/P90, and the answer comes within a second


def _results(request, scenario, unit, levers=None, draws=None):
    try:
        result = services.run_forecast(scenario, unit, levers=levers, draws=draws)
    except services.ForecastError as error:
        return {"error": str(error)}
    groups = result.groups  # the groups shown on their own, and the rest merged
    group = request.GET.get("group") or request.POST.get("group") or ""
    chosen = group if group in groups else TOTAL
    # The charts kept by what makes the forecast (as `services.run_forecast` keeps it: the
    # data, the unit, the levers, horizon, draws and seed) in the current generations (any
    # scenario, table or import changed: drawn again): their specs take longer to build
    # than the rest of the page.
    run = (
        [generation.current(topic) for topic in generation.TOPICS],
        result.prepared.key,
        result.groups,
        json.dumps(result.levers.to_dict(), sort_keys=True),
        scenario.horizon,
        draws or scenario.draws,
        scenario.seed,
        context.CHART_DECIMALS,  # charts drawn before their figures were rounded: not kept
    )

    def chart(name, build):
        return rendering.svg_of(("forecast", name, run, chosen), lambda: build(result))

    return {
        "result": result,
        "cost": context.cost_summary(result, services.cost(scenario, result)),
        "groups": groups,
        "group": group if group in groups else "",
        "summary": context.summary(result),
        "rows": context.by_year(result, chosen),
        "measures": context.measure_names(),
        "gaps": context.largest_gaps(result),
        "waterfall": context.waterfall_rows(result),
        "chart_gap": chart("gap", context.gap_band_spec),
        "chart_supply": chart("supply", lambda r: context.gap_spec(r, chosen)),
        "chart_waterfall": chart("waterfall", context.waterfall_spec),
        "chart_groups": chart("groups", context.facet_spec),
    }


def _groups(scenario, unit):
    """The groups the levers and inputs may name: the region's (levers and inputs are the
    scenario's, not a unit's result; a unit's own list would tell which groups its few
    people are in)."""
    return tuple(sorted(set(frames.employments()["group"].drop_nulls().to_list())))


@login_required
@require_http_methods(["GET", "POST"])
def scenario_detail(request, pk):
    scenario = surveys.as_seen_by(get_object_or_404(Scenario, pk=pk), request.user)
    unit = _unit(request)
    groups = _groups(scenario, unit)
    if request.method == "POST":
        access.require(access.can_edit_scenarios(request.user))
        if "use_surveys" in request.POST:
            used = surveys.apply(scenario)
            if used:
                messages.success(
                    request,
                    _("Levers set from the surveys: %(names)s.")
                    % {"names": ", ".join(f"{s['survey']} ({s['closes']})" for s in used)},
                )
            else:
                messages.error(
                    request,
                    _(
                        "No closed targeted survey with enough answers yet: nothing changed. "
                        "Start one under Pulse."
                    ),
                )
            return redirect(f"{request.path}?unit={unit.code}")
        form = LeverForm(request.POST, groups=groups)
        if form.is_valid():
            levers, sources = surveys.keep_survey_parts(scenario, form.cleaned_data["levers"])
            scenario.levers = levers.to_dict()
            scenario.survey_sources = sources
            scenario.save(update_fields=["levers", "survey_sources", "updated"])
            messages.success(
                request, _("The levers of %(name)s are saved.") % {"name": scenario.name}
            )
            return redirect(f"{request.path}?unit={unit.code}")
    else:
        form = LeverForm(initial=LeverForm.initial_from(scenario.get_levers()), groups=groups)
    page = {
        "scenario": scenario,
        "unit": unit,
        "units": _unit_choices(request.user),
        "form": form,
        "inputs": InputsForm(groups=groups, inputs=scenario.inputs),
        "can_edit": access.can_edit_scenarios(request.user),
        **_results(request, scenario, unit),
    }
    return render(request, "forecast/scenario.html", page)


@login_required
@require_POST
def scenario_inputs(request, pk):
    """Save the per-group inputs (hired staff, vacancies, sick leave) of a scenario."""
    access.require(access.can_edit_scenarios(request.user))
    scenario = get_object_or_404(Scenario, pk=pk)
    form = InputsForm(request.POST, groups=_groups(scenario, None))
    if form.is_valid():
        scenario.inputs = form.inputs()
        scenario.save(update_fields=["inputs", "updated"])
        messages.success(request, _("The inputs of %(name)s are saved.") % {"name": scenario.name})
    else:
        errors = "; ".join(
            f"{form.fields[name].label}: {', '.join(e)}" for name, e in form.errors.items()
        )
        messages.error(request, _("Nothing saved: %(errors)s") % {"errors": errors})
    return redirect("forecast:scenario", pk=pk)


@login_required
@require_POST
def scenario_preview(request, pk):
    """The results for levers not yet saved (HTMX swaps them into the page)."""
    scenario = surveys.as_seen_by(get_object_or_404(Scenario, pk=pk), request.user)
    unit = _unit(request)
    form = LeverForm(request.POST, groups=_groups(scenario, unit))
    if not form.is_valid():
        return render(request, "forecast/_lever_errors.html", {"form": form}, status=400)
    page = {
        "scenario": scenario,
        "unit": unit,
        "preview": True,
        "can_edit": access.can_edit_scenarios(request.user),
        "preview_draws": min(PREVIEW_DRAWS, scenario.draws),
        "lever_fields": list(form.fields),
        **_results(
            request,
            scenario,
            unit,
            surveys.keep_survey_parts(scenario, form.cleaned_data["levers"])[0],
            draws=min(PREVIEW_DRAWS, scenario.draws),
        ),
    }
    return render(request, "forecast/_results.html", page)


@login_required
@require_GET
def compare(request):
    unit = _unit(request)
    chosen = [
        surveys.as_seen_by(s, request.user)
        # ?s=abc names no scenario: ignored, like an id that does not exist.
        for s in Scenario.objects.filter(
            pk__in=[int(s) for s in request.GET.getlist("s") if s.isdigit() and len(s) < 19]
        )
    ]
    columns, series, error = [], [], None
    for scenario in chosen:
        try:
            result = services.run_forecast(scenario, unit)
        except services.ForecastError as problem:
            error = str(problem)
            continue
        gaps = {r["group"]: r for r in context.largest_gaps(result, n=100)}
        columns.append(
            {
                "scenario": scenario,
                "gaps": gaps,
                "summary": context.summary(result),
                "cost": context.cost_summary(result, services.cost(scenario, result)),
            }
        )
        series += [
            {**row, "series": scenario.name}
            for row in result.forecast.measure("gap_fte")
            .select("year", "p10", "p50", "p90")
            .to_dicts()
        ]
    groups = sorted({g for c in columns for g in c["gaps"]})
    chart = (
        rendering.svg(
            charts.band_spec(
                context.rounded(series),
                labels={"year": _("Year"), "value": _("FTE")},
                title=_("Gap per scenario, P10–P90"),
            )
        )
        if series
        else None
    )
    rows = [{"group": g, "cells": [c["gaps"].get(g) for c in columns]} for g in groups]
    return render(
        request,
        "forecast/compare.html",
        {
            "unit": unit,
            "units": _unit_choices(request.user),
            "columns": columns,
            "rows": rows,
            "chart": chart,
            "scenarios": Scenario.objects.all(),
            "chosen": chosen,
            "error": error,
        },
    )


@login_required
@require_GET
def export(request, pk, fmt):
    scenario = surveys.as_seen_by(get_object_or_404(Scenario, pk=pk), request.user)
    unit = _unit(request)
    if fmt not in reports.FORMATS:
        raise Http404

    def drawn():
        result = services.run_forecast(scenario, unit)
        cost = context.cost_summary(result, services.cost(scenario, result))
        return reports.render(fmt, scenario, unit, result, cost)

    # Kept until the data or any scenario, cost or projection changes (`bemanna.generation`),
    # keyed by the scenario as this user may see it (`surveys.as_seen_by`), the unit and the
    # language, like the board report: the report's figures are the same for everyone who
    # may open the unit, and access was checked above.
    seen = (
        *((f.attname, getattr(scenario, f.attname)) for f in scenario._meta.concrete_fields),
        # Whether the report says that surveys this role does not see were left out.
        getattr(scenario, "survey_hidden", False),
    )
    try:
        content, content_type, filename = generation.remembered(
            "forecast-export",
            (seen, unit.pk, unit.path, fmt, get_language(), thresholds.min_group()),
            drawn,
            topics=generation.TOPICS,
        )
    except services.ForecastError as error:
        messages.error(request, str(error))
        return redirect("forecast:scenario", pk=pk)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def backtest(request):
    unit = _unit(request)
    today = timezone.localdate()
    fit_years = pages.backtest_fit_years(today, pages.first_end(today))
    default = pages.default_fit_year(today, fit_years)
    try:
        fit_year = int(request.GET.get("fit_year", default))
        years = int(request.GET.get("years", pages.DEFAULT_YEARS))
    except ValueError:
        fit_year, years = default, pages.DEFAULT_YEARS
    if fit_year not in fit_years:  # only the years offered (a huge one overflows)
        fit_year = default
    years = max(1, min(years, 5))
    page = {
        "unit": unit,
        "units": _unit_choices(request.user),
        "fit_year": fit_year,
        "years": years,
        "fit_years": fit_years,
        "window": backtesting.WINDOW_YEARS,
        "first_kept": fit_years[0] - backtesting.WINDOW_YEARS + 1 if fit_years else None,
    }
    if not fit_years:
        page["error"] = _(
            "The history kept (%(years)s years, BEMANNA_RETAIN_EMPLOYMENT_YEARS) is too short "
            "for a backtest: the rates are fitted on the %(window)s whole years up to the year "
            "forecast from."
        ) % {"years": settings.RETAIN_EMPLOYMENT_YEARS, "window": backtesting.WINDOW_YEARS}
        return render(request, "forecast/backtest.html", page)
    allowed = services.shown(datetime.date(fit_year, 12, 31))
    if unit.pk not in allowed.units:
        page["error"] = services.refused(unit, allowed.k)
        return render(request, "forecast/backtest.html", page)
    # Kept until the data change, the same for every role that may open the unit (`pages`).
    page.update(pages.backtest(unit, fit_year, years, allowed, today))
    return render(request, "forecast/backtest.html", page)


@login_required
@require_http_methods(["GET", "POST"])
def projections(request):
    from bemanna.forecast.models import PopulationProjection
    from bemanna.forecast.population import ProjectionRefused, import_projection
    from bemanna.workforce import issues

    access.require(access.can_edit_scenarios(request.user))
    form = ProjectionForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            projection = import_projection(
                upload.read(),
                filename=upload.name,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                actor=request.user,
            )
        except ProjectionRefused as refused:
            problems = [issues.show(issue) for issue in refused.issues]
        else:
            messages.success(
                request,
                _("Imported %(name)s: %(years)s years.")
                % {
                    "name": projection.name,
                    "years": projection.figures.values("year").distinct().count(),
                },
            )
            return redirect("forecast:projections")
    return render(
        request,
        "forecast/projections.html",
        {"form": form, "problems": problems, "projections": PopulationProjection.objects.all()},
        status=400 if problems else 200,
    )


def _row_id(request) -> int | None:
    """The table row asked for (posted, or ?edit=): a malformed one is no row, never a 500."""
    chosen = request.POST.get("row") or request.GET.get("edit") or ""
    return int(chosen) if chosen.isdigit() and len(chosen) < 10 else None


@login_required
@require_http_methods(["GET", "POST"])
def costs(request):
    """HR's cost table: salary, PO and hired-staff factor per profession group."""
    access.require(access.can_edit_scenarios(request.user))
    chosen = _row_id(request)
    row = get_object_or_404(GroupCost, pk=chosen) if chosen else None
    if request.method == "POST" and "delete" in request.POST and row is not None:
        try:
            tables.delete_group_cost(row, actor=request.user)
        except tables.TableError:
            messages.error(request, _("The row for every other group cannot be deleted."))
        return redirect("forecast:costs")
    form = GroupCostForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        saved = tables.save_group_cost(form, actor=request.user)
        messages.success(request, _("Saved the costs of %(group)s.") % {"group": saved})
        return redirect("forecast:costs")
    page = {
        "form": form,
        "row": row,
        "rows": GroupCost.objects.select_related("updated_by"),
        "without_row": tables.groups_without_cost_row(timezone.localdate()),
    }
    return render(request, "forecast/costs.html", page, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def pipeline(request):
    """HR's education pipeline: graduates hired a year per profession group."""
    access.require(access.can_edit_scenarios(request.user))
    chosen = _row_id(request)
    row = get_object_or_404(EducationPipeline, pk=chosen) if chosen else None
    if request.method == "POST" and "delete" in request.POST and row is not None:
        tables.delete_pipeline(row, actor=request.user)
        return redirect("forecast:pipeline")
    defaults = tables.pipeline_defaults(timezone.localdate())
    suggested = defaults.get(request.GET.get("default", "")) if row is None else None
    initial = None
    if suggested is not None and not suggested["few"]:  # fewer than k: no number to offer
        # The history as a row HR can save or change: hires a year as students who all
        # complete and are all hired (the product is what the forecast uses).
        initial = {
            "group": request.GET["default"],
            "students": max(1, round(suggested["per_year"])),
            "completion": 100,
            "hired": 100,
            "source": suggested["source"],
        }
    form = EducationPipelineForm(request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = tables.save_pipeline(form, actor=request.user)
        messages.success(
            request, _("Saved the education pipeline of %(group)s.") % {"group": saved}
        )
        return redirect("forecast:pipeline")
    page = {
        "form": form,
        "row": row,
        "rows": EducationPipeline.objects.select_related("updated_by"),
        "defaults": defaults,
        "without_row": {
            group: found
            for group, found in defaults.items()
            if not found["few"] and not EducationPipeline.objects.filter(group=group).exists()
        },
    }
    return render(request, "forecast/pipeline.html", page, status=400 if form.errors else 200)
