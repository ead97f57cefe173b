"""Used invitations of open waves become claims under a keyed tag.

Marking the invitation itself used put the answering transaction in its row: on PostgreSQL
its `xmin` equalled the answer's, and two copies of the database showed which invitations
had been used between them. Open waves' used invitations are moved to claims here.
"""

import django.db.models.deletion
from django.db import migrations, models


def to_claims(apps, schema_editor):
    from bemanna.answering.codes import claim_tag

    Invitation = apps.get_model("pulse", "Invitation")
    Claim = apps.get_model("pulse", "Claim")
    used = Invitation.objects.filter(used=True, wave__status="open")
    Claim.objects.bulk_create(
        Claim(tag=claim_tag("pulse", pk), wave_id=wave)
        for pk, wave in used.values_list("pk", "wave_id")
    )
    used.update(used=False)


class Migration(migrations.Migration):
    dependencies = [
        ("pulse", "0009_item_answers_by_response"),
    ]

    operations = [
        migrations.CreateModel(
            name="Claim",
            fields=[
                ("tag", models.CharField(max_length=64, primary_key=True, serialize=False)),
                (
                    "wave",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pulse.wave",
                    ),
                ),
            ],
        ),
        migrations.RunPython(to_claims, migrations.RunPython.noop),
    ]
