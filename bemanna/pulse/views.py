import datetime
import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bemanna import charts as rendering
from bemanna import errors, generation
from bemanna.accounts import access
from bemanna.analysis import coarsen
from bemanna.answering import web as answering
from bemanna.audit.models import AuditEntry, log_action
from bemanna.mail import NoMailServer
from bemanna.org.models import Level, Unit
from bemanna.pulse import kinds, printing, reporting, services, statements, targeted
from bemanna.pulse.forms import (
    ActionFormSet,
    AnswerForm,
    DialogueForm,
    PulseForm,
    QuestionFormSet,
    preview_questions,
    question_row,
)
from bemanna.pulse.models import Action, ActionStatus, Dialogue, Invitation, Pulse, Wave, WaveStatus
from bemanna.pulse.results import pulse_parts, wave_report

# The way in to a pulse answer (bemanna.answering): the link's code page, the answer page,
# the cookie between them and the page that says why a code was refused.
DOOR = answering.Door(
    code_page="pulse:code",
    answer_page="pulse:answer",
    cookie="bemanna_svar",
    refused_template="pulse/refused.html",
)
WEB_MAIL_LIMIT = 400  # e-mails sent while HR waits for the page; run_schedule sends the rest
MAX_QUESTIONS = 50  # extra questions one pulse may have ("Add a question" stops there)


def _find(code: str) -> Invitation:
    return services.find_invitation(code, timezone.localdate())


@never_cache
@sensitive_post_parameters("code")  # an error report never shows it
@require_http_methods(["GET", "POST"])
def enter_code(request):
    """The link in the e-mail or on a printed slip (its code after '#'), or a typed code."""
    return answering.code_page(request, DOOR, _find, "pulse/code.html")


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request):
    invitation = answering.invitation(request, DOOR, _find)
    if isinstance(invitation, HttpResponse):
        return invitation
    pulse = invitation.wave.pulse
    language = (get_language() or "sv")[:2]
    if language not in pulse.language_list():
        language = "sv"
    form = AnswerForm(
        request.POST or None,
        include_hme=pulse.include_hme,
        include_comment=pulse.include_comment,
        language=language,
        questions=pulse.questions.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_answer(
                invitation,
                score=form.cleaned_data["enps"],
                items=form.items(),
                comment=form.cleaned_data.get("comment", ""),
                today=timezone.localdate(),
            )
        except services.AnswerRefused as refused:
            return answering.forget(answering.refuse(request, DOOR, refused.reason, 410), DOOR)
        page = answering.same_for_everyone(request, "pulse/thanks.html")
        return answering.forget(answering.no_store(page), DOOR)
    context = {
        "form": form,
        "pulse": pulse,
        "wave": invitation.wave,
        "offer_english": "en" in pulse.language_list(),
    }
    return answering.no_store(render(request, "pulse/answer.html", context))


@login_required
@require_GET
def pulse_list(request):
    pulses = Pulse.objects.prefetch_related("waves")
    return render(
        request,
        "pulse/list.html",
        {
            "pulses": pulses,
            "can_manage": access.is_hr_admin(request.user),
            "templates": kinds.templates(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pulse_edit(request, pk=None):
    """Create or change a pulse (HR admin). A new one starts as the region's model."""
    access.require(access.is_hr_admin(request.user))
    pulse = get_object_or_404(Pulse, pk=pk) if pk else Pulse(created_by=request.user)
    initial = {} if pk else {"first_opens": _next_quarter(timezone.localdate())}
    form = PulseForm(request.POST or None, instance=pulse, initial=initial)
    questions = QuestionFormSet(request.POST or None, instance=pulse, prefix="questions")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        with transaction.atomic():
            pulse = form.save()
            questions.instance = pulse
            questions.save()
        messages.success(request, _("The pulse is saved."))
        return redirect("pulse:waves", pulse.pk)
    return render(
        request, "pulse/edit.html", {"form": form, "questions": questions, "pulse": pulse}
    )


@login_required
@require_POST
def invite_count(request):
    """How many the pulse as written so far would invite if a wave opened today (htmx, on
    the creation page, before saving): a count of current staff, for HR only."""
    access.require(access.is_hr_admin(request.user))
    pulse, units = PulseForm(request.POST).transient()
    context = {"units": units, "k": pulse.min_answers}
    if units:
        asked = services.population(pulse, timezone.localdate(), units=units)
        context["count"] = len(asked)
        _log_invite_count(request.user, pulse, units, len(asked))
    return render(request, "pulse/_invite_count.html", context)


INVITE_COUNT_LOG_SECONDS = 60


def _log_invite_count(user, pulse: Pulse, units: list[Unit], count: int) -> None:
    """Each choice counted goes to the audit log (counts of narrowed choices, told apart,
    give a small group's size), but the same choice once a minute at most: the page asks
    again at every change of the form, the name and the questions too."""
    choice = {
        "units": sorted(unit.code for unit in units),
        "profession_groups": sorted(pulse.profession_groups),
        "part_time_only": pulse.part_time_only,
        "min_age": pulse.min_age,
    }
    signature = hashlib.sha256(json.dumps([user.pk, choice], sort_keys=True).encode())
    if cache.add(f"bemanna-invite-count:{signature.hexdigest()}", 1, INVITE_COUNT_LOG_SECONDS):
        log_action(
            user,
            AuditEntry.Action.INVITE_COUNTED,
            scope=", ".join(choice["units"]),
            count=count,
            **choice,
        )


@login_required
@require_POST
def preview(request):
    """The answer page as a respondent would see the pulse written so far: nothing is
    saved, no wave opens, no code is made or used, and the page cannot be sent."""
    access.require(access.is_hr_admin(request.user))
    pulse, _units = PulseForm(request.POST).transient()
    pulse.name = pulse.name or _("New pulse")
    language = (get_language() or "sv")[:2]
    if language not in pulse.language_list():
        language = "sv"
    form = AnswerForm(
        include_hme=pulse.include_hme,
        include_comment=pulse.include_comment,
        language=language,
        questions=preview_questions(QuestionFormSet(request.POST, prefix="questions")),
    )
    today = timezone.localdate()
    wave = Wave(pulse=pulse, opens=today, closes=today + datetime.timedelta(days=pulse.window_days))
    context = {
        "form": form,
        "pulse": pulse,
        "wave": wave,
        "offer_english": False,
        "preview": True,
    }
    return answering.no_store(render(request, "pulse/answer.html", context))


@login_required
@require_GET
def add_question(request):
    """One more empty extra question for the creation page (htmx), numbered after those on
    the page; the reply also raises the formset's count out of band."""
    access.require(access.is_hr_admin(request.user))
    try:
        index = int(request.GET.get("questions-TOTAL_FORMS", ""))
    except ValueError:
        return _refused(request, _("The number of questions is missing."))
    if not 0 <= index < MAX_QUESTIONS:
        return _refused(
            request, _("A pulse has at most %(max)s extra questions.") % {"max": MAX_QUESTIONS}
        )
    return render(
        request,
        "pulse/_question.html",
        {"q": question_row(index), "number": index + 1, "total": index + 1, "added": True},
    )


def _refused(request, reason: str) -> HttpResponse:
    """400 with the reason: the bare text for htmx, Bemanna's error page for a browser."""
    if request.headers.get("HX-Request"):
        return HttpResponse(reason, status=400)
    return errors.page(request, 400, reason)


def _next_quarter(today: datetime.date) -> datetime.date:
    month = (today.month - 1) // 3 * 3 + 4
    return datetime.date(today.year + (month > 12), (month - 1) % 12 + 1, 1)


@login_required
@require_http_methods(["GET", "POST"])
def waves(request, pk):
    """A pulse's waves for HR admin: counts, opening now, printed invitation sheets."""
    access.require(access.is_hr_admin(request.user))
    pulse = get_object_or_404(Pulse, pk=pk)
    today = timezone.localdate()
    if request.method == "POST" and request.POST.get("action") == "open":
        if pulse.waves.filter(opens=today).exists():
            messages.error(request, _("A wave of this pulse already opened today."))
        elif not pulse.units.exists():
            messages.error(request, _("Choose at least one unit before opening a wave."))
        else:
            wave = services.open_wave(pulse, today, actor=request.user)
            try:
                # A page waits for at most a few batches; the schedule sends the rest.
                sent = services.send_invitations(wave, limit=WEB_MAIL_LIMIT)
            except NoMailServer:
                messages.error(
                    request,
                    _(
                        "The wave is open, but no mail server is configured "
                        "(BEMANNA_EMAIL_HOST), so nothing was e-mailed. Invitations are never "
                        "printed to the log, since they hold answer codes."
                    ),
                )
            except OSError:
                messages.error(
                    request,
                    _(
                        "The wave is open, but e-mail could not be sent. "
                        "What is left is sent automatically."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("The wave is open: %(sent)s invitations e-mailed.") % {"sent": sent},
                )
                if wave.invitations.filter(by_email=True, sent=False).exists():
                    messages.info(request, _("The rest are e-mailed automatically."))
        return redirect("pulse:waves", pulse.pk)
    rows = []
    for wave in pulse.waves.order_by("-opens"):
        counts = services.invitation_counts(wave)
        row = {"wave": wave, **counts, "paper": counts["invited"] - counts["by_email"]}
        if wave.status == WaveStatus.OPEN:
            # No count that moves with each answer while the window is open (`results`).
            row["answered_band"] = coarsen.rate_band(counts["answered"], counts["invited"], wave.k)
        rows.append(row)
    return render(
        request,
        "pulse/waves.html",
        {
            "pulse": pulse,
            "rows": rows,
            "units": Unit.objects.filter(pk__in=_paper_units(pulse)).order_by("path"),
            "today": today,
        },
    )


def _paper_units(pulse):
    return (
        Invitation.objects.filter(wave__pulse=pulse, wave__status="open", by_email=False)
        .values_list("unit_id", flat=True)
        .distinct()
    )


@login_required
@require_POST
def sheets(request, wave_pk):
    """Printed invitations for a unit (PDF): one slip with a code and a QR code per person
    without an e-mail address who has had none printed (`services.sheet_codes`)."""
    access.require(access.is_hr_admin(request.user))
    wave = get_object_or_404(Wave.objects.select_related("pulse"), pk=wave_pk)
    unit = get_object_or_404(Unit, code=request.POST.get("unit", ""))
    try:
        codes = services.sheet_codes(wave, unit)
    except services.AnswerRefused:
        messages.error(request, _("The wave is closed; there is nothing to print."))
        return redirect("pulse:waves", wave.pulse_id)
    if not codes:
        messages.info(
            request,
            _("Everyone in this unit without an e-mail address has had a slip printed already."),
        )
        return redirect("pulse:waves", wave.pulse_id)
    log_action(
        request.user,
        AuditEntry.Action.PULSE_SHEETS_PRINTED,
        scope=f"{wave} {unit.code}",
        codes=len(codes),
    )
    content = printing.sheets_pdf(wave, unit, codes)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inbjudningar-{unit.code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def results(request, pk):
    pulse = get_object_or_404(Pulse, pk=pk)
    unit = access.requested_unit(request)
    if unit is None:
        return render(request, "pulse/results.html", {"pulse": pulse, "unit": None})
    children = list(unit.children.order_by("code"))
    table = reporting.trend(pulse, unit, children)
    latest = next((row for row in reversed(table) if not row["open"]), None)
    current = table[-1] if table and table[-1]["open"] else None
    dialogue = (
        Dialogue.objects.filter(wave=latest["wave"], unit=unit).prefetch_related("actions").first()
        if latest
        else None
    )
    return render(
        request,
        "pulse/results.html",
        {
            "pulse": pulse,
            "unit": unit,
            "parent": unit.parent
            if unit.parent and access.can_view_unit(request.user, unit.parent)
            else None,
            "children": children,
            "table": table,
            "latest": latest,
            "current": current,
            "comments": latest["report"].comments(unit) if latest else [],
            "hme_names": reporting.hme_names(),
            "heatmap": rendering.svg(reporting.heatmap_spec(pulse, table))
            if children and table
            else None,
            "trend_chart": rendering.svg(reporting.trend_spec(table)) if table else None,
            "dialogue": dialogue,
            "can_record": latest is not None and access.can_record_dialogue(request.user, unit),
            "can_export": access.sees_whole_region(request.user),
            "survey": _survey_levers(request, pulse, unit, latest),
        },
    )


def _survey_levers(request, pulse, unit, latest):
    """A targeted survey's lever values for the forecast: the whole region's answers by
    profession group or age band, so for the whole-region roles on the region's page only.
    The kind's partial shows them."""
    kind = kinds.get(pulse.purpose)
    if not (kind and kind.levers and latest and unit.parent_id is None):
        return None
    if not access.sees_whole_region(request.user):
        return None
    return {"levers": targeted.levers(latest["wave"]), "purpose": pulse.purpose, "kind": kind}


@login_required
@require_POST
def from_template(request):
    """Start one of the targeted surveys (HR admin): a one-off pulse for the whole region,
    ready to adjust and open."""
    access.require(access.is_hr_admin(request.user))
    purpose = request.POST.get("purpose", "")
    kind = kinds.get(purpose)
    if kind is None or not kind.template:
        messages.error(request, _("Unknown survey template."))
        return redirect("pulse:list")
    today = timezone.localdate()
    base = f"{kind.name} {today.year}"
    name, number = base, 2
    while Pulse.objects.filter(name=name).exists():
        name, number = f"{base} ({number})", number + 1
    pulse = targeted.create_from_template(purpose, opens=today, actor=request.user, name=name)
    messages.success(
        request,
        _("%(name)s is created for the whole region. Check it, then open its wave.")
        % {"name": pulse.name},
    )
    return redirect("pulse:edit", pk=pulse.pk)


@login_required
@require_GET
def export(request, pk):
    """Every unit × every wave as far as anonymity allows, with the heat map (HR, analysts)."""
    access.require(access.sees_whole_region(request.user))
    pulse = get_object_or_404(Pulse, pk=pk)
    # Closed waves only, the same for every whole-region role: kept until the next change
    # (a wave closed, a unit, an import: `bemanna.generation`), per language.
    content = generation.remembered(
        "pulse-export",
        (*pulse_parts(pulse), get_language()),
        lambda: reporting.xlsx(pulse),
    )
    log_action(request.user, AuditEntry.Action.EXPORTED, scope=f"pulse {pulse.name}")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="puls-{pulse.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def dialogue(request, wave_pk, code):
    """The team dialogue after a wave: the manager records it, and the actions agreed."""
    wave = get_object_or_404(Wave.objects.select_related("pulse"), pk=wave_pk)
    unit = get_object_or_404(Unit, code=code)
    access.require(access.can_record_dialogue(request.user, unit))
    if wave.status != WaveStatus.CLOSED:
        messages.info(request, _("The dialogue is held when the wave has closed."))
        return redirect(f"{reverse('pulse:results', args=[wave.pulse_id])}?unit={unit.code}")
    record = Dialogue.objects.filter(wave=wave, unit=unit).first() or Dialogue(
        wave=wave, unit=unit, recorded_by=request.user, held_on=timezone.localdate()
    )
    form = DialogueForm(request.POST or None, instance=record)
    actions = ActionFormSet(request.POST or None, instance=record, prefix="actions")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        with transaction.atomic():
            record = form.save()
            for action in actions.save(commit=False):
                action.unit = unit
                action.save()
            for action in actions.deleted_objects:
                action.delete()
        messages.success(request, _("The dialogue is saved."))
        return redirect(f"{reverse('pulse:results', args=[wave.pulse_id])}?unit={unit.code}")
    earlier = (
        Action.objects.filter(unit=unit, dialogue__wave__opens__lt=wave.opens)
        .select_related("dialogue__wave")
        .defer("dialogue__wave__tree")  # the dates only, not each wave's kept unit tree
        .order_by("-dialogue__held_on", "due")
    )
    report = wave_report(wave)
    return render(
        request,
        "pulse/dialogue.html",
        {
            "wave": wave,
            "pulse": wave.pulse,
            "unit": unit,
            "form": form,
            "actions": actions,
            "earlier": earlier,
            "result": report.result(unit),
            "guide": statements.guide(report, unit),
            "status_choices": ActionStatus.choices,
        },
    )


@login_required
@require_http_methods(["POST"])
def action_status(request, pk):
    """Move an earlier action on (planned → ongoing → done) from the next dialogue."""
    action = get_object_or_404(Action.objects.select_related("dialogue__wave"), pk=pk)
    access.require(access.can_record_dialogue(request.user, action.unit))
    status = request.POST.get("status", "")
    if status in ActionStatus.values:
        action.status = status
        action.save(update_fields=["status"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("pulse:list")  # never send anyone off the site
    return redirect(target)


@login_required
@require_GET
def dialogues(request, pk):
    """Which units held their dialogue after each closed wave (HR and analysts)."""
    access.require(access.sees_whole_region(request.user))
    pulse = get_object_or_404(Pulse, pk=pk)
    closed = list(pulse.waves.filter(status=WaveStatus.CLOSED).order_by("-opens")[:4])
    held = {
        (d.wave_id, d.unit_id): d
        for d in Dialogue.objects.filter(wave__in=closed).annotate(n_actions=Count("actions"))
    }
    # Every unit with a manager account, and every unit at the lowest level (where teams meet).
    managed = Unit.objects.filter(Q(manager__isnull=False) | Q(level=Level.UNIT)).order_by("path")
    rows = [
        {"unit": unit, "cells": [held.get((wave.pk, unit.pk)) for wave in closed]}
        for unit in managed
    ]
    share = [
        sum(1 for row in rows if row["cells"][i]) / len(rows) if rows else None
        for i in range(len(closed))
    ]
    return render(
        request,
        "pulse/dialogues.html",
        {"pulse": pulse, "waves": closed, "rows": rows, "share": share},
    )
