"""Seed the cost table's row for Undersköterskor, the SKR group of the shipped AID table
(`analysis/data/skr_groups.csv`), priced until now at the all-jobs average (38 300 kr a
month, above the nurses' 34 800).

The figure is SKR's published median basic salary for assistant nurses in the regions,
November 2019 (26 500 kr, full-time equivalent, managers excluded). SCB's average monthly
salary for SSYK 5321 in the regions 2019, which would match the other rows' measure, could
not be verified here: the source says so, and an average usually lies a few hundred kronor
above the median. A row HR has already made for the group is left as it is.
"""

from decimal import Decimal

from django.db import migrations

SOURCE = (
    "SKR, Fakta om löner: undersköterskor i regioner, medianlön (grundlön, heltid) nov. "
    "2019; SCB:s medellön för SSYK 5321 i regionerna 2019 ej kontrollerad (troligen något "
    "högre)"
)
PO = "PO 52,28 % = SKR:s PO-pålägg för regioner 2023 (31,42 + 0,13 + 20,73)"
HIRED = (
    "inhyrd 1,6 × egen: ett antagande, ingen nationell siffra finns; ersätt med regionens "
    "avtalspriser"
)
ROWS = (("Undersköterskor", 26_500, SOURCE),)


def seed(apps, schema_editor):
    GroupCost = apps.get_model("forecast", "GroupCost")
    for group, salary, source in ROWS:
        GroupCost.objects.get_or_create(
            group=group,
            defaults={
                "monthly_salary": salary,
                "social_fees": Decimal("52.28"),
                "hired_factor": Decimal("1.60"),
                "source": f"{source}; {PO}; {HIRED}",
                "is_default": True,
            },
        )


def unseed(apps, schema_editor):
    GroupCost = apps.get_model("forecast", "GroupCost")
    GroupCost.objects.filter(group__in=[g for g, *_ in ROWS], is_default=True).delete()


class Migration(migrations.Migration):
    dependencies = [("forecast", "0005_education_pipeline")]
    operations = [migrations.RunPython(seed, unseed)]
