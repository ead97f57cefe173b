"""Each wave keeps the thresholds it is shown with (those of its pulse today, for the waves
already there): a raised threshold applies to the waves opened after."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def keep_thresholds(apps, schema_editor):
    Wave = apps.get_model("pulse", "Wave")
    Pulse = apps.get_model("pulse", "Pulse")
    pulse = Pulse.objects.filter(pk=OuterRef("pulse_id"))
    Wave.objects.update(
        min_answers=Subquery(pulse.values("min_answers")[:1]),
        min_answers_text=Subquery(pulse.values("min_answers_text")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pulse", "0010_claims"),
    ]

    operations = [
        migrations.AddField(
            model_name="wave",
            name="min_answers",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="wave",
            name="min_answers_text",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(keep_thresholds, migrations.RunPython.noop),
    ]
