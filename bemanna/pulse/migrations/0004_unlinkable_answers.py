"""Answers that cannot be linked to people outside the pages (issue 12, class 5).

Code hashes become keyed (an HMAC over the SHA-256 stored so far, so codes already sent keep
working); the answer language goes; every closed wave's invitations are replaced by rows in
random order without their e-mail, sent and reminder flags (kept as the wave's tally); and
every closed wave's answers are rewritten in random-key order.
"""

import random

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q

from bemanna.answering.codes import rekey
from bemanna.answering.storage import rewrite_in_key_order


def forward(apps, schema_editor):
    InvitationCode = apps.get_model("pulse", "InvitationCode")
    Invitation = apps.get_model("pulse", "Invitation")
    Response = apps.get_model("pulse", "Response")
    ItemAnswer = apps.get_model("pulse", "ItemAnswer")
    Wave = apps.get_model("pulse", "Wave")
    WaveTally = apps.get_model("pulse", "WaveTally")
    for code in InvitationCode.objects.all().iterator():
        code.code_hash = rekey(code.code_hash)
        code.save(update_fields=["code_hash"])
    shuffle = random.SystemRandom().shuffle
    for wave in Wave.objects.filter(status="closed"):
        invitations = Invitation.objects.filter(wave=wave)
        WaveTally.objects.create(
            wave=wave,
            **invitations.aggregate(
                by_email=Count("id", filter=Q(by_email=True)),
                sent=Count("id", filter=Q(sent=True)),
                reminded=Count("id", filter=Q(reminded=True)),
            ),
        )
        rows = list(invitations.values_list("unit_id", "segment", "used"))
        shuffle(rows)
        invitations.delete()
        Invitation.objects.bulk_create(
            (
                Invitation(wave=wave, unit_id=unit, segment=segment, used=used)
                for unit, segment, used in rows
            ),
            batch_size=5000,
        )
        rewrite_in_key_order(Response.objects.filter(wave=wave))
        rewrite_in_key_order(ItemAnswer.objects.filter(response__wave=wave))


class Migration(migrations.Migration):
    dependencies = [
        ("pulse", "0003_targeted_surveys"),
    ]

    operations = [
        migrations.CreateModel(
            name="WaveTally",
            fields=[
                (
                    "wave",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        serialize=False,
                        to="pulse.wave",
                    ),
                ),
                ("by_email", models.PositiveIntegerField(default=0)),
                ("sent", models.PositiveIntegerField(default=0)),
                ("reminded", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RemoveField(
            model_name="response",
            name="language",
        ),
        # Forward only: keyed hashes cannot be turned back, nor an order that is gone.
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
