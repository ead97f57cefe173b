"""The answer path's reference for `make bench`: a trivial Django view doing the same
database work as an answer (the invitation read, its claim inserted once, the answer and
its item inserted in one transaction), served by the same `bemanna serve` in the same run. The
server gets it through `bemanna.bench.reference_settings`: Bemanna's settings with this
URL configuration, which holds every page of Bemanna's own beside it."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bemanna.answering.codes import claim_tag
from bemanna.pulse.models import Claim, Invitation, ItemAnswer, Response, Wave, WaveStatus


@csrf_exempt
@require_POST
def answer(request):  # type: ignore[no-untyped-def]
    pk = int(request.POST["invitation"])
    today = timezone.localdate()
    with transaction.atomic():
        open_waves = Wave.objects.filter(
            status=WaveStatus.OPEN, opens__lte=today, closes__gte=today
        ).values("pk")
        invitation = (
            Invitation.objects.filter(pk=pk, wave_id__in=open_waves)
            .only("wave_id", "counted_unit_id", "segment")
            .first()
        )
        if invitation is None:
            return HttpResponse("closed", status=409)
        try:
            with transaction.atomic():
                Claim.objects.create(tag=claim_tag("pulse", pk), wave_id=invitation.wave_id)
        except IntegrityError:
            return HttpResponse("used", status=409)
        response = Response.objects.create(
            wave_id=invitation.wave_id,
            unit_id=invitation.counted_unit_id,
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
