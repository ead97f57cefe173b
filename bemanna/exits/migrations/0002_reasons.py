"""The reasons the issue lists, as data HR can change in the admin."""

from django.db import migrations

REASONS = [
    ("lon", "Lön", "Pay"),
    ("arbetsbelastning", "Arbetsbelastning", "Workload"),
    ("arbetstid", "Arbetstider och schema", "Working hours and schedule"),
    ("chef", "Chef och ledarskap", "Manager and leadership"),
    ("arbetsmiljo", "Arbetsmiljö", "Work environment"),
    ("utveckling", "Karriär och utveckling", "Career and development"),
    ("flytt", "Flytt", "Moving"),
    ("studier", "Studier", "Studies"),
    ("pension", "Pension", "Retirement"),
    ("familj", "Familj", "Family"),
    ("annat", "Annat", "Other"),
]


def add(apps, schema_editor):
    ExitReason = apps.get_model("exits", "ExitReason")
    for position, (code, name, name_en) in enumerate(REASONS):
        ExitReason.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("exits", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
