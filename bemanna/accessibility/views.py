from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bemanna.accessibility import checks
from bemanna.accessibility.forms import FaultReportForm


@require_http_methods(["GET", "POST"])
def statement(request):
    """The accessibility statement (DIGG's model), made from what the browser tests proved,
    and the form that sends a fault report to HR."""
    form = FaultReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Thank you. HR has received your report."))
        return redirect("accessibility:statement")
    measured = checks.load()
    return render(
        request,
        "accessibility/statement.html",
        {"form": form, "measured": measured, "known_gaps": checks.KNOWN_GAPS},
    )
