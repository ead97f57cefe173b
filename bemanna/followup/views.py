from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bemanna.accounts import access
from bemanna.followup.comments import themed
from bemanna.followup.forms import CommentFilter
from bemanna.followup.start import start_for
from bemanna.pulse.models import Pulse, WaveStatus
from bemanna.pulse.results import wave_report

COMMENTS_A_PAGE = 25


@login_required
@require_GET
def start(request):
    """A manager's start page: what to do now. Every other role starts where it did."""
    if not access.has_start_page(request.user):
        return redirect("workforce:home")
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
