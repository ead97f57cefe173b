from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bemanna.accounts import access
from bemanna.workforce import importers, issues, services
from bemanna.workforce.forms import ImportForm
from bemanna.workforce.models import ImportBatch

SHOWN_ISSUES = 1000


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request):
    access.require(access.can_import(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = importers.run(
                form.cleaned_data["kind"],
                upload,
                filename=upload.name,
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except services.ImportRefused as refused:
            problems = [issues.show(issue) for issue in refused.issues]
        else:
            messages.success(request, _summary(report))
            return redirect("workforce:import")
    context = {
        "form": form,
        "problems": problems[:SHOWN_ISSUES],
        "problem_count": len(problems),
        "batches": ImportBatch.objects.select_related("created_by")[:20],
    }
    return render(request, "workforce/import.html", context, status=400 if problems else 200)


def _summary(report: services.ImportReport) -> str:
    if "rows" in report.extra:  # sick leave, hours, costs or plans
        text = _("Imported: %(created)s new rows, %(replaced)s replaced.") % {
            "created": report.created,
            "replaced": report.updated,
        }
        return (_("Checked, nothing written.") + " " + text) if report.dry_run else text
    if report.units and not report.employments:
        text = _("Unit tree imported: %(units)s units (%(created)s new, %(updated)s changed).")
    else:
        text = _(
            "Imported: %(employments)s employments, %(persons)s persons, %(units)s units "
            "(%(created)s new, %(updated)s changed)."
        )
    text = text % {
        "employments": report.employments,
        "persons": report.persons,
        "units": report.units,
        "created": report.created,
        "updated": report.updated,
    }
    if report.dry_run:
        return _("Checked, nothing written.") + " " + text
    if not report.changed:
        return text + " " + _("Nothing changed: the data was already imported.")
    return text
