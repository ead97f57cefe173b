import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bemanna import charts as rendering
from bemanna.accounts import access
from bemanna.analysis import charts, enps
from bemanna.pulse import services
from bemanna.pulse.forms import AnswerForm, CodeForm
from bemanna.pulse.models import Invitation, Pulse

SESSION_KEY = "pulse_invitation"
GUESSES_ALLOWED = 10  # wrong codes per client per window, then a pause
GUESS_WINDOW = 600


def _private(response, *, code_in_url: bool = False):
    # A URL with a code in it is never sent on, not even to this site's next page. Pages
    # without a code keep the site's same-origin policy: a form posted from a no-referrer
    # page carries "Origin: null", which CSRF protection rightly refuses.
    if code_in_url:
        response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def _client_key(request) -> str:
    # Only a hash of the address, only in the cache, only for the guessing limit.
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"pulse-guesses:{digest}"


def _too_many_guesses(request) -> bool:
    return cache.get(_client_key(request), 0) >= GUESSES_ALLOWED


def _count_guess(request) -> None:
    key = _client_key(request)
    cache.add(key, 0, GUESS_WINDOW)
    cache.incr(key)


def _begin(request, code: str, *, code_in_url: bool):
    def refuse(reason: str, status: int):
        page = render(request, "pulse/refused.html", {"reason": reason}, status=status)
        return _private(page, code_in_url=code_in_url)

    if _too_many_guesses(request):
        return refuse("guesses", 429)
    try:
        invitation = services.find_invitation(code, timezone.localdate())
    except services.AnswerRefused as refused:
        if refused.reason == "unknown":
            _count_guess(request)
        return refuse(refused.reason, 404 if refused.reason == "unknown" else 410)
    request.session.cycle_key()
    request.session[SESSION_KEY] = invitation.pk
    return _private(redirect("pulse:answer"), code_in_url=code_in_url)


@never_cache
@require_GET
def start(request, code):
    """The link in the e-mail: take the code, then move to a page without it in the URL."""
    return _begin(request, code, code_in_url=True)


@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request):
    """For a printed sheet: type the code."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _begin(request, form.cleaned_data["code"], code_in_url=False)
    return _private(render(request, "pulse/code.html", {"form": form}))


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request):
    invitation_id = request.session.get(SESSION_KEY)
    invitation = (
        Invitation.objects.select_related("wave__pulse").filter(pk=invitation_id).first()
        if invitation_id
        else None
    )
    if invitation is None:
        return _private(redirect("pulse:code"))
    pulse = invitation.wave.pulse
    language = (get_language() or "sv")[:2]
    form = AnswerForm(
        request.POST or None,
        include_hme=pulse.include_hme,
        include_comment=pulse.include_comment,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_answer(
                invitation.pk,
                score=form.cleaned_data["enps"],
                items=form.items(),
                comment=form.cleaned_data.get("comment", ""),
                language=language,
                today=timezone.localdate(),
            )
        except services.AnswerRefused as refused:
            request.session.pop(SESSION_KEY, None)
            return _private(
                render(request, "pulse/refused.html", {"reason": refused.reason}, status=410)
            )
        request.session.pop(SESSION_KEY, None)
        return _private(render(request, "pulse/thanks.html", {"pulse": pulse}))
    return _private(
        render(
            request, "pulse/answer.html", {"form": form, "pulse": pulse, "wave": invitation.wave}
        )
    )


@login_required
@require_GET
def pulse_list(request):
    return render(request, "pulse/list.html", {"pulses": Pulse.objects.prefetch_related("waves")})


@login_required
@require_GET
def results(request, pk):
    pulse = get_object_or_404(Pulse, pk=pk)
    tops = access.top_units(request.user)
    code = request.GET.get("unit")
    unit = (
        get_object_or_404(access.visible_units(request.user), code=code)
        if code
        else (tops[0] if tops else None)
    )
    if unit is None:
        return render(request, "pulse/results.html", {"pulse": pulse, "unit": None})
    access.require_unit(request.user, unit)
    children = list(unit.children.order_by("code"))
    waves = list(pulse.waves.order_by("opens"))
    table = []
    previous = None
    for wave in waves:
        found = services.results(wave, [unit, *children])
        mine = found[unit.pk]
        change = enps.compare(mine.score, previous) if mine.score and previous else None
        table.append(
            {
                "wave": wave,
                "unit": mine,
                "children": [found[c.pk] for c in children],
                "change": change,
            }
        )
        previous = mine.score or previous
    return render(
        request,
        "pulse/results.html",
        {
            "pulse": pulse,
            "unit": unit,
            "children": children,
            "table": table,
            "latest": table[-1] if table else None,
            "heatmap": _heatmap(pulse, table) if children and table else None,
        },
    )


def _heatmap(pulse, table):
    hidden = f"<{pulse.min_answers}"
    cells = [
        {
            "unit": result.unit.name,
            "wave": row["wave"].opens.strftime("%Y-%m"),
            "value": result.score.value if result.score else None,
            "text": f"{result.score.value:.0f}" if result.score else hidden,
        }
        for row in table
        for result in row["children"]
    ]
    spec = charts.heatmap_spec(
        cells,
        labels={"unit": _("Unit"), "wave": _("Wave")},
        title=_("eNPS per unit and wave (grey: hidden)"),
    )
    return rendering.svg(spec)
