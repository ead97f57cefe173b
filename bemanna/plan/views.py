import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bemanna.accounts import access
from bemanna.answering.limits import Window
from bemanna.plan import history, reports, services
from bemanna.plan.forms import (
    ActionForm,
    AssessmentForm,
    DecisionForm,
    FigureForm,
    NoteForm,
    ProposalForm,
    ValueForm,
)
from bemanna.plan.models import (
    ACTION_STATUSES,
    DECISIONS,
    Origin,
    PlanAction,
    Proposal,
    Source,
    Status,
)
from bemanna.pulse.models import Action as TeamAction
from bemanna.pulse.models import ActionStatus

ANONYMOUS_PER_HOUR = 5
ANONYMOUS = Window("plan-proposals", ANONYMOUS_PER_HOUR, 3600)


@require_http_methods(["GET", "POST"])
def propose(request):
    """Anyone, with or without an account, sends a proposal; it may be anonymous."""
    signed_in = request.user.is_authenticated
    form = ProposalForm(request.POST or None, initial={"origin": Origin.STAFF})
    if request.method == "POST" and form.is_valid():
        anonymous = not signed_in or form.cleaned_data["anonymous"]
        if anonymous:
            if ANONYMOUS.exceeded(request):
                return render(
                    request, "plan/propose.html", {"form": form, "limited": True}, status=429
                )
            ANONYMOUS.count(request)
        proposal = form.save(commit=False)
        proposal.submitted_by = None if anonymous else request.user
        proposal.submitted_on = timezone.localdate()
        services.submit(proposal, None if anonymous else request.user)
        return render(request, "plan/thanks.html", {"proposal": proposal, "anonymous": anonymous})
    return render(request, "plan/propose.html", {"form": form, "signed_in": signed_in})


@login_required
@require_GET
def inbox(request):
    """The council's inbox, by status and priority; anyone else sees their own proposals."""
    runs = access.runs_the_plan(request.user)
    proposals = Proposal.objects.select_related("area", "suggested_group")
    if not runs:
        proposals = proposals.filter(submitted_by=request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        proposals = proposals.filter(status=status)
    rows = sorted(proposals, key=history.inbox_order)
    return render(
        request,
        "plan/inbox.html",
        {"proposals": rows, "runs": runs, "statuses": Status.choices, "status": status},
    )


def _proposal_for(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("area"), pk=pk)
    if not access.runs_the_plan(request.user) and proposal.submitted_by_id != request.user.pk:
        access.require(False)
    return proposal


@login_required
@require_http_methods(["GET", "POST"])
def proposal_detail(request, pk):
    proposal = _proposal_for(request, pk)
    runs = access.runs_the_plan(request.user)
    # Taken before the form is validated, which writes the new values onto the instance.
    before = model_to_dict(proposal, fields=list(AssessmentForm._meta.fields))
    assessment = AssessmentForm(
        request.POST if request.POST.get("form") == "assess" else None, instance=proposal
    )
    action_form = ActionForm(
        request.POST if request.POST.get("form") == "action" else None,
        initial={
            "work_group": proposal.suggested_group_id,
            "start": timezone.localdate(),
            "end": timezone.localdate() + datetime.timedelta(days=365),
        },
    )
    if request.method == "POST":
        access.require(runs)
        if request.POST.get("form") == "assess" and assessment.is_valid():
            with transaction.atomic():
                assessment.save()
                services.record(proposal, request.user, "assessed", before, assessment.cleaned_data)
            messages.success(request, _("The assessment is saved."))
            return redirect("plan:proposal", proposal.pk)
        if request.POST.get("form") == "action" and action_form.is_valid():
            if proposal.status != Status.DECIDED or hasattr(proposal, "action"):
                messages.error(request, _("Only a decided proposal becomes an action, once."))
                return redirect("plan:proposal", proposal.pk)
            with transaction.atomic():
                action = action_form.save(commit=False)
                action.proposal = proposal
                action.save()
                services.record(proposal, request.user, "action planned", {}, model_to_dict(action))
            return redirect("plan:action", action.pk)
    return render(
        request,
        "plan/proposal.html",
        {
            "proposal": proposal,
            "runs": runs,
            "assessment": assessment,
            "decision": DecisionForm(initial={"decided_on": timezone.localdate()}),
            "action_form": action_form,
            "allowed": [(s, Status(s).label) for s in proposal.allowed()],
            "decisions": DECISIONS,
            "events": history.describe(proposal),
        },
    )


@login_required
@require_POST
def move(request, pk):
    access.require(access.runs_the_plan(request.user))
    proposal = get_object_or_404(Proposal, pk=pk)
    form = DecisionForm(request.POST)
    to = request.POST.get("to", "")
    if not form.is_valid():
        messages.error(request, _("Check the decision's date."))
        return redirect("plan:proposal", pk)
    try:
        services.move(proposal, to, request.user, **form.cleaned_data)
    except services.IllegalTransition:
        if to in DECISIONS:
            messages.error(request, _("A decision needs who decided and when."))
        elif to in (Status.ONGOING, Status.DONE, Status.EVALUATED):
            messages.error(request, _("Plan the action first."))
        else:
            messages.error(request, _("That step is not possible from here."))
        return redirect("plan:proposal", pk)
    messages.success(request, _("The proposal is now: %(status)s.") % {"status": Status(to).label})
    return redirect("plan:proposal", pk)


def _visible_actions(user):
    actions = PlanAction.objects.filter(proposal__status__in=ACTION_STATUSES)
    if access.sees_whole_region(user):
        return actions
    units = access.visible_units(user)
    return actions.filter(Q(owner=user) | Q(unit__in=units))


def _team_actions(user):
    """The open actions teams agreed in their pulse dialogues, for the units the user sees."""
    return (
        TeamAction.objects.filter(
            unit__in=access.visible_units(user),
            status__in=(ActionStatus.PLANNED, ActionStatus.ONGOING),
        )
        .select_related("unit", "dialogue__wave")
        # Not each wave's kept unit tree (a JSON of the whole region): 0.8 s to parse
        # Region Demo's 460 open team actions' copies of it, for a date.
        .defer("dialogue__wave__tree")
        .order_by("due", "pk")
    )


@login_required
@require_GET
def actions(request):
    rows = _visible_actions(request.user).select_related(
        "proposal__area", "work_group", "owner", "unit"
    )
    return render(
        request,
        "plan/actions.html",
        {
            "actions": rows,
            "team_actions": _team_actions(request.user),
            "today": timezone.localdate(),
            "runs": access.runs_the_plan(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    action = get_object_or_404(
        _visible_actions(request.user).select_related("proposal__area", "work_group", "unit"), pk=pk
    )
    can_update = access.can_update_action(request.user, action)
    runs = access.runs_the_plan(request.user)
    which = request.POST.get("form")
    before_edit = model_to_dict(action)  # before validation writes onto the instance
    forms = {
        "edit": ActionForm(request.POST if which == "edit" else None, instance=action),
        "note": NoteForm(
            request.POST if which == "note" else None,
            initial={"written_on": timezone.localdate()},
        ),
        "figure": FigureForm(request.POST if which == "figure" else None),
        "value": ValueForm(
            request.POST if which == "value" else None,
            action=action,
            initial={"measured_on": timezone.localdate()},
        ),
    }
    if request.method == "POST":
        # The council changes the action itself and its effect plan; owners report on it.
        access.require(can_update and (runs or which in ("note", "value")))
        form = forms.get(which)
        if form is not None and form.is_valid():
            with transaction.atomic():
                before = before_edit if which == "edit" else {}
                item = form.save(commit=False)
                if which in ("note", "figure"):
                    item.action = action
                if which in ("note", "value"):
                    item.author_name = history.full_name(request.user)
                item.save()
                after = model_to_dict(item) if which != "edit" else model_to_dict(action)
                services.record(action.proposal, request.user, f"action {which}", before, after)
            messages.success(request, _("Saved."))
            return redirect("plan:action", action.pk)
    figures = [_figure_status(request.user, f) for f in action.figures.all()]
    return render(
        request,
        "plan/action.html",
        {
            "action": action,
            "forms": forms,
            "can_update": can_update,
            "runs": runs,
            "figures": [(f, reports.figure_svg(f)) for f in figures],
            "notes": action.notes.all(),
            "events": history.describe(action.proposal),
        },
    )


def _figure_status(user, figure) -> services.FigureStatus:
    """A figure as the reader may see it: an eNPS read from the pulse only for a reader who
    may open that unit's pulse results. An action's owner reports on it wherever it is, but
    an owner outside the unit saw its eNPS wave by wave here (an insider's eighth round)."""
    if figure.source != Source.MANUAL:
        unit = services.pulse_unit_of(figure)
        if unit is None or not access.can_view_unit(user, unit):
            return services.FigureStatus(figure, [], withheld=True)
    return services.FigureStatus(figure, services.figure_series(figure))


@login_required
@require_GET
def lagesbild(request):
    """The status report for the council and the board: page, PDF, Excel or Word-ready HTML."""
    access.require(access.sees_whole_region(request.user))
    today = timezone.localdate()
    try:
        since = datetime.date.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        since = today - datetime.timedelta(days=90)
    report = services.lagesbild(since, today)
    fmt = request.GET.get("format", "")
    if fmt in reports.FORMATS:
        content, content_type, filename = reports.render(fmt, report)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request, "plan/lagesbild.html", {"report": report, "sections": reports.sections(report)}
    )
