"""The reasons the issue lists, as data HR can change in the admin."""

from django.db import migrations

from bemanna.exits.reasons import REASONS


def add(apps, schema_editor):
    ExitReason = apps.get_model("exits", "ExitReason")
    for position, (code, name, name_en) in enumerate(REASONS):
        ExitReason.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("exits", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
