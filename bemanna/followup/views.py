from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bemanna.accounts import access
from bemanna.accounts.models import Role
from bemanna.followup.comments import themed
from bemanna.followup.forms import CommentFilter
from bemanna.followup.start import start_for
from bemanna.pulse.models import Pulse, WaveStatus
from bemanna.pulse.results import wave_report

COMMENTS_A_PAGE = 25
# Where a role without a start page of its own lands: the page its daily work starts on.
ROLE_STARTS = {Role.COUNCIL: "plan:inbox", Role.OCCUPATIONAL_HEALTH: "keyfigures:worklist"}


@login_required
@require_GET
def start(request):
    """A manager's start page: what to do now. The council starts in its inbox (new
    proposals first), occupational health on its call list; every other role starts where
    it did (the organisation page)."""
    if not access.has_start_page(request.user):
        return redirect(ROLE_STARTS.get(access.role_of(request.user), "workforce:home"))
    today = timezone.localdate()
    pages = [start_for(request.user, unit, today) for unit in access.top_units(request.user)]
    return render(request, "followup/start.html", {"pages": pages, "today": today})


@login_required
@require_GET
def comments(request, pk):
    """A unit's comments in a wave, by theme, searchable and paged (as the results page
    shows them: at the stricter threshold only)."""
    pulse = get_object_or_404(Pulse, pk=pk)
    unit = access.requested_unit(request)
    waves = list(pulse.waves.filter(status=WaveStatus.CLOSED).order_by("-opens"))
    wave = next((w for w in waves if str(w.pk) == request.GET.get("wave")), None)
    wave = wave or (waves[0] if waves else None)
    form = CommentFilter(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    context = {"pulse": pulse, "unit": unit, "waves": waves, "wave": wave, "form": form}
    if unit is not None and wave is not None:
        found = themed(
            wave_report(wave),
            unit,
            theme=chosen.get("theme", ""),
            query=chosen.get("q", ""),
            order=chosen.get("order") or "theme",
        )
        page = Paginator(found.pop("comments"), COMMENTS_A_PAGE).get_page(request.GET.get("sida"))
        context.update(found, page=page)
    return render(request, "followup/comments.html", context)
