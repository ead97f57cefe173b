"""The results page per statement: each statement of a unit in one wave, and what drives eNPS.

Kept apart from `views.py` so the page can grow without touching the answer and admin views.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bemanna.accounts import access
from bemanna.pulse import statements as per_statement
from bemanna.pulse.models import Pulse, WaveStatus
from bemanna.pulse.results import wave_report


@login_required
@require_GET
def statements(request, pk):
    pulse = get_object_or_404(Pulse, pk=pk)
    unit = access.requested_unit(request)
    waves = list(pulse.waves.filter(status=WaveStatus.CLOSED).order_by("-opens"))
    wave = next((w for w in waves if str(w.pk) == request.GET.get("wave")), None)
    wave = wave or (waves[0] if waves else None)
    context = {"pulse": pulse, "unit": unit, "waves": waves, "wave": wave}
    if unit is None or wave is None:
        return render(request, "pulse/statements.html", context)
    report = wave_report(wave)
    before = per_statement.wave_before(wave)
    earlier = per_statement.statement_report(before) if before else None
    found = per_statement.statement_report(wave)
    rows = found.statements(unit, earlier)
    context.update(
        # Every figure leads to the action: the unit's dialogue on this wave and the plan.
        can_record=access.can_record_dialogue(request.user, unit),
        before=before,
        result=report.result(unit),
        rows=rows,
        ranked=per_statement.hme_ranked(rows),
        enps_distribution=found.enps_distribution(unit),
        drivers=per_statement.driver_analysis(report, unit),
        children=[
            child for child in unit.children.order_by("code") if child.pk in report.shown_text
        ],
    )
    return render(request, "pulse/statements.html", context)
