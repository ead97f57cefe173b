"""A survey answer's segment is sealed (`answering.sealed`): most cells of unit and segment
of a targeted survey held one or two people, whom the HR tables named to anyone who could
read the database. A closed wave's invitations keep no segment: nothing reads it, and with
`used` it said who in a small cell had answered."""

from django.db import migrations, models

import bemanna.answering.sealed
from bemanna.answering.sealed import seal_columns
from bemanna.answering.storage import without_rowid

COLUMNS = {"segment": 256}


def forget_closed_segments(apps, schema_editor):
    Invitation = apps.get_model("pulse", "Invitation")
    Invitation.objects.filter(wave__status="closed").exclude(segment="").update(segment="")


class Migration(migrations.Migration):
    dependencies = [
        ("pulse", "0011_wave_thresholds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="response",
            name="segment",
            field=models.TextField(blank=True, default="", db_default=""),
        ),
        migrations.RunPython(
            seal_columns("pulse_response", COLUMNS),
            seal_columns("pulse_response", COLUMNS, reverse=True),
        ),
        migrations.AlterField(
            model_name="response",
            name="segment",
            field=bemanna.answering.sealed.SealedCharField(blank=True, default=""),
        ),
        migrations.RunPython(without_rowid("pulse_response"), migrations.RunPython.noop),
        migrations.RunPython(forget_closed_segments, migrations.RunPython.noop),
    ]
