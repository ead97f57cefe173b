"""HR's pages for data protection: the register extract (and erasure) and the retention
overview. Only for the role that answers data-protection requests (accounts.access)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bemanna import pdf as pdf_document
from bemanna.accounts import access
from bemanna.privacy import extract
from bemanna.privacy import retention as rules
from bemanna.privacy.forms import ErasureForm, LookupForm

# The pseudonyms looked up (never the personnummer) and the request's case reference.
SESSION_KEY = "register_extract"


def _parts(user) -> tuple[str, ...]:
    return (extract.HEALTH_PART,) if access.extracts_health_data(user) else (extract.HR_PART,)


def _looked_up(request) -> dict | None:
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict) or not held.get("pseudonyms") or not held.get("case"):
        return None
    return held


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("personnummer")
@login_required
@require_http_methods(["GET", "POST"])
def lookup(request):
    access.require(access.answers_register_requests(request.user))
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = {
            "pseudonyms": extract.pseudonyms_of(
                form.cleaned_data["personnummer"],
                form.cleaned_data["employee_number"],
                today=timezone.localdate(),
            ),
            "case": form.cleaned_data["case_reference"],
        }
        return redirect("privacy:result")
    context = {"form": form, "health_part": access.extracts_health_data(request.user)}
    return _no_store(render(request, "privacy/lookup.html", context))


@login_required
@require_GET
def result(request):
    access.require(access.answers_register_requests(request.user))
    held = _looked_up(request)
    if held is None:
        return redirect("privacy:lookup")
    today = timezone.localdate()
    found = extract.collect(
        held["pseudonyms"],
        actor=request.user,
        today=today,
        case_reference=held["case"],
        parts=_parts(request.user),
    )
    fmt = request.GET.get("format", "html")
    if fmt == "json":
        response = JsonResponse(
            extract.as_json(found), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
        return _no_store(response)
    if fmt == "pdf":
        page = render_to_string("privacy/extract_print.html", {"extract": found}, request)
        response = HttpResponse(pdf_document.render(page), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="registerutdrag.pdf"'
        return _no_store(response)
    erasure = ErasureForm() if access.erases_persons(request.user) else None
    context = {"extract": found, "erasure": erasure}
    return _no_store(render(request, "privacy/result.html", context))


@login_required
@require_POST
def erase(request):
    access.require(access.erases_persons(request.user))
    held = _looked_up(request)
    if held is None:
        return redirect("privacy:lookup")
    pseudonyms = held["pseudonyms"]
    form = ErasureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the legal ground and confirm the check before erasing."))
        return redirect("privacy:result")
    try:
        counts = extract.erase(
            pseudonyms,
            actor=request.user,
            today=timezone.localdate(),
            reason=form.cleaned_data["reason"],
        )
    except extract.ErasureRefused as refused:
        messages.error(request, str(refused))
        return redirect("privacy:result")
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "Erased: %(persons)s person(s), %(employments)s employment(s) and everything held about them."  # noqa: E501
        )
        % counts,
    )
    return redirect("privacy:lookup")


@login_required
@require_GET
def retention(request):
    access.require(access.sees_retention(request.user))
    today = timezone.localdate()
    return render(
        request, "privacy/retention.html", {"rules": rules.overview(today), "today": today}
    )
