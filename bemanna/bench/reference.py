"""The answer path's reference for `make bench`: a trivial Django view doing the same
database work as an answer (the invitation's compare-and-set, the answer and its item
inserted in one transaction), served by the same `bemanna serve` in the same run. The
server gets it through `bemanna.bench.reference_settings`: Bemanna's settings with this
URL configuration, which holds every page of Bemanna's own beside it."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bemanna.pulse.models import Invitation, ItemAnswer, Response, Wave, WaveStatus


@csrf_exempt
@require_POST
def answer(request):  # type: ignore[no-untyped-def]
    pk = int(request.POST["invitation"])
    today = timezone.localdate()
    with transaction.atomic():
        open_waves = Wave.objects.filter(
            status=WaveStatus.OPEN, opens__lte=today, closes__gte=today
        ).values("pk")
        claimed = Invitation.objects.filter(pk=pk, used=False, wave_id__in=open_waves).update(
            used=True
        )
        if claimed != 1:
            return HttpResponse("used", status=409)
        invitation = Invitation.objects.only("wave_id", "unit_id", "segment").get(pk=pk)
        response = Response.objects.create(
            wave_id=invitation.wave_id,
            unit_id=invitation.unit_id,
            segment=invitation.segment,
            enps=9,
            hme_motivation=75.0,
        )
        ItemAnswer.objects.bulk_create(
            [ItemAnswer(response=response, item="hme_motivation_1", value=4)]
        )
    return HttpResponse("saved")


urlpatterns = [
    path("bench/answer/", answer),
    path("", include("bemanna.urls")),
]
