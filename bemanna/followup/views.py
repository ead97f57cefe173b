from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bemanna.accounts import access
from bemanna.followup.start import start_for


@login_required
@require_GET
def start(request):
    """A manager's start page: what to do now. Every other role starts where it did."""
    if not access.has_start_page(request.user):
        return redirect("workforce:home")
    today = timezone.localdate()
    pages = [start_for(request.user, unit, today) for unit in access.top_units(request.user)]
    return render(request, "followup/start.html", {"pages": pages, "today": today})
